// Who may read and report the statistics table: the cadres of a node and above read its table
// and type its manual figures; a community's cadres submit its month, a street's cadres approve,
// a district's (or city's) accept; a lock exception is granted from the level above the locked
// node (the top node's by an administrator) (kernel/roles.ts levels).
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'

const cadreAt = (actor: Parameters<typeof levelAt>[0], path: string) => actor.kind === 'person' && levelAt(actor, path) >= LEVEL.cadre

definePolicy<{ orgPath: string }>('statistics.read', (actor, o) => cadreAt(actor, o.orgPath))
definePolicy<{ orgPath: string }>('statistics.report', (actor, o) => cadreAt(actor, o.orgPath))
definePolicy<{ orgPath: string }>('statistics.approve', (actor, o) => cadreAt(actor, o.orgPath))
/** `orgPath` is the locked node's parent; for the top node itself, an administrator's. */
definePolicy<{ orgPath: string; top: boolean }>('statistics.unlock', (actor, o) => o.top ? actor.kind === 'person' && levelAt(actor, o.orgPath) >= LEVEL.admin : cadreAt(actor, o.orgPath))
