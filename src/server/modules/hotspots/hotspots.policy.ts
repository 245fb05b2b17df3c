// Who may read hotspots and raise one as a topic: the cadres of a node and above (a community's
// cadres their community, street and district admins their subtree). Residents, members,
// building leaders and grid staff are refused: a hotspot sums up many people's cases.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

const cadreAt = (actor: Actor, o: { orgPath: string }) => actor.kind === 'person' && levelAt(actor, o.orgPath) >= LEVEL.cadre

definePolicy<{ orgPath: string }>('hotspot.read', cadreAt)
definePolicy<{ orgPath: string }>('hotspot.raise', cadreAt)
