// Who may see and manage which people. A person is seen through their roles: a grid worker
// sees the people holding roles in their grid. Managing someone (edit, phone, reset password,
// disable, enable, sessions, give or end a role, attach them to a resident record, a unit or a
// Party membership) needs a cadre-level role that outranks every role they hold. The roles are
// those of the 'person' access loader (people.access.ts): in force, starting later, or ended in
// the last 30 days, so a role given from tomorrow protects the account today.
import { definePolicy, LEVEL, levelAt, roleLevels, type Role } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface PersonSubject {
  personId: string
  roles: { role: Role; orgPath: string }[]
}

function outranks(actor: Actor, role: Role, orgPath: string): boolean {
  const level = levelAt(actor, orgPath)
  return level > roleLevels[role] || (level === roleLevels.admin && role === 'admin')
}

definePolicy<PersonSubject>('person.read', (actor, p) =>
  actor.personId === p.personId || p.roles.some((r) => levelAt(actor, r.orgPath) >= LEVEL.gridStaff),
)

definePolicy<PersonSubject>('person.manage', (actor, p) =>
  actor.kind === 'person' &&
  p.roles.length > 0 &&
  p.roles.some((r) => levelAt(actor, r.orgPath) >= LEVEL.cadre) &&
  p.roles.every((r) => outranks(actor, r.role, r.orgPath)),
)

/** Creating a person with a first role, or giving / ending a role. */
definePolicy<{ role: Role; orgPath: string }>('role.assign', (actor, r) =>
  actor.kind === 'person' && levelAt(actor, r.orgPath) >= LEVEL.cadre && outranks(actor, r.role, r.orgPath),
)
