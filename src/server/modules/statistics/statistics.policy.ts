// Who may read and report the statistics table: the cadres of a node and above read its table
// and type its manual figures; a community's cadres submit its month, a street's admins approve,
// a district's admins accept (kernel/roles.ts levels).
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'

definePolicy<{ orgPath: string }>('statistics.read', (actor, o) => actor.kind === 'person' && levelAt(actor, o.orgPath) >= LEVEL.cadre)
definePolicy<{ orgPath: string }>('statistics.report', (actor, o) => actor.kind === 'person' && levelAt(actor, o.orgPath) >= LEVEL.cadre)
