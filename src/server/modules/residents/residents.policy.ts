// Who may see and change resident records. Grid staff (grid workers and above) keep the
// registry of their area: they read records with masked ID numbers and phones, edit and import
// them, and may reveal one full value with a written reason (audited). Exports with full
// values need a street admin or above on the node exported. A resident reads and corrects
// their own record.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'

export interface ResidentSubject {
  personId: string
  orgPath: string
}

definePolicy<ResidentSubject>('resident.read', (actor, r) => actor.personId === r.personId || levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

definePolicy<{ orgPath: string }>('resident.manage', (actor, r) => levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

/** A reveal names a person who is accountable for it: API tokens never reveal. */
definePolicy<ResidentSubject>('resident.reveal', (actor, r) => actor.kind === 'person' && levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

definePolicy<{ orgPath: string }>('resident.export_full', (actor, r) => actor.kind === 'person' && levelAt(actor, r.orgPath) >= LEVEL.scopeAdmin)
