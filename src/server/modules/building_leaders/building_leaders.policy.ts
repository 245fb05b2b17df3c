// Who may do what with building leaders' cards. A card is public (the stairwell's QR code opens
// it without a login); it is edited by the leader in post or by cadres over the building; the
// list and the coverage figures of a node are read by its staff.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface BuildingSubject {
  orgPath: string
  kind: string
  /** The building leaders in post. */
  leaderIds: string[]
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

definePolicy<BuildingSubject>('building.read', () => true)
definePolicy<BuildingSubject>('leaderCard.edit', (actor, b) =>
  person(actor) && (b.leaderIds.includes(actor.personId!) || levelAt(actor, b.orgPath) >= LEVEL.cadre))
definePolicy<{ orgPath: string }>('buildingLeaders.read', (actor, o) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.gridStaff)
