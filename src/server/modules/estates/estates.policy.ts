// Who may read and give estate ratings: anyone holding a role over the estate reads its
// history; a community cadre (or above) rates it. The current colours are public.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'

definePolicy<{ estatePath: string }>('estateRating.read', (actor, e) => levelAt(actor, e.estatePath) >= LEVEL.anyRole)

definePolicy<{ estatePath: string }>('estateRating.create', (actor, e) => actor.kind === 'person' && levelAt(actor, e.estatePath) >= LEVEL.cadre)
