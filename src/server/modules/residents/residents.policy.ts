// Who may see and change resident records. Grid staff (grid workers and above) keep the
// registry of their area: they read records with masked ID numbers and phones, edit and import
// them, and may reveal one full value with a written reason (audited). Exports with full
// values need a street admin or above on the node exported. A resident reads and corrects
// their own record.
//
// The person behind a record may hold roles of their own. Their full ID number and phone, and
// their name and phone (a phone is a login name), are handed out or changed through the
// registry only by someone who ranks above every role they hold (roles not yet in force and
// those ended recently included, see people.access.ts): a grid worker reveals a Party member's
// phone, not their community cadre's, nor the district admin's who lives in the grid. Rank is
// compared with the caller's level on the record, wherever the person's roles are held: where
// the record is kept is what gives the right, and a member role held on the community above
// the grid does not hide that member from the grid's worker.
import { definePolicy, LEVEL, levelAt, roleLevels, type Role } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface ResidentSubject {
  personId: string
  orgPath: string
  /** The roles of the record's person that count (people.access.ts). */
  personRoles: { role: Role; orgPath: string }[]
}

/** The caller ranks above every role of the record's person (an admin also above another admin). */
function ranksAbove(actor: Actor, r: ResidentSubject): boolean {
  const level = levelAt(actor, r.orgPath)
  return r.personRoles.every((p) => level > roleLevels[p.role] || (level === roleLevels.admin && p.role === 'admin'))
}

definePolicy<Pick<ResidentSubject, 'personId' | 'orgPath'>>('resident.read', (actor, r) => actor.personId === r.personId || levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

definePolicy<{ orgPath: string }>('resident.manage', (actor, r) => levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

/** A reveal names a person who is accountable for it: API tokens never reveal. */
definePolicy<ResidentSubject>('resident.reveal', (actor, r) => actor.kind === 'person' && levelAt(actor, r.orgPath) >= LEVEL.gridStaff && ranksAbove(actor, r))

/** Staff changing the name or phone of the record's person (their own record is a resident's to correct). */
definePolicy<ResidentSubject>('resident.editPerson', (actor, r) => levelAt(actor, r.orgPath) >= LEVEL.gridStaff && ranksAbove(actor, r))

definePolicy<{ orgPath: string }>('resident.export_full', (actor, r) => actor.kind === 'person' && levelAt(actor, r.orgPath) >= LEVEL.scopeAdmin)
