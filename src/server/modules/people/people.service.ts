// People, their role assignments and (through the auth service) their accounts and sessions.
import type { Config } from '../../kernel/config.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf, type Role } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { temporaryPassword } from '../../kernel/auth/secrets.ts'
import { decodeCursor, idCursor, toCountedPage } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { AuthService } from '../auth/auth.service.ts'
import type { GeoService } from '../geo/geo.service.ts'
import { maskPhone, type PiiKeyring } from '../../kernel/pii.ts'
import * as repo from './people.repository.ts'
import './people.policy.ts'
import './people.access.ts'

type RoleInput = { role: Role; orgId: string; validFrom?: string; validTo?: string | null }

/** What the audit trail keeps of one role assignment (and whose it is). */
function auditRole(person: repo.PersonRow, roleId: string) {
  const r = person.roles.find((x) => x.id === roleId)!
  return { personId: person.id, personName: person.name, role: r.role, orgId: r.orgId, orgName: r.orgName, validFrom: r.validFrom, validTo: r.validTo }
}

export function createPeopleService(deps: {
  db: Executor
  config: Config
  auth: Pick<AuthService, 'createAccount' | 'accountOfPerson' | 'resetPassword' | 'setDisabled' | 'listSessions' | 'endSessions' | 'endSession' | 'checkSmsCode' | 'consumeSmsCode' | 'startSession'>
  geo: Pick<GeoService, 'findGridAt' | 'findBuilding'>
  pii: Pick<PiiKeyring, 'seal' | 'decrypt' | 'hash'>
}) {
  const { db, auth, geo, pii } = deps

  function present(ctx: RequestContext, { phoneEnc, phoneMask, ...p }: repo.PersonRow) {
    return {
      ...p,
      // A person sees their own number; everybody else the mask (a full number is revealed through the residents module).
      phone: ctx.actor.personId === p.id && phoneEnc ? pii.decrypt('phone', phoneEnc) : phoneMask,
      roles: p.roles.map((r) => ({ ...r, validTo: r.validTo ?? null })),
      account: p.account ? { ...p.account, lockedUntil: isoTime(p.account.lockedUntil), lastLoginAt: isoTime(p.account.lastLoginAt) } : null,
    }
  }

  async function loadReadable(ctx: RequestContext, ex: Executor, id: string) {
    await requireAccessOne(ex, ctx.actor, { permission: 'person.read', entity: 'person', id })
    return (await repo.findPerson(ex, id))!
  }

  /**
   * A person the caller may manage: the one check of every route that acts on someone else
   * (edit, phone, password, account, sessions, roles). The subject comes from the 'person'
   * loader (people.access.ts), so a role not yet in force or ended recently counts as held.
   * The row is locked first: a role given meanwhile is seen by the check, not after it.
   */
  async function loadManageable(ctx: RequestContext, ex: Executor, id: string) {
    requireSignedIn(ctx.actor)
    await repo.lockPerson(ex, id)
    await requireAccessOne(ex, ctx.actor, { permission: 'person.manage', entity: 'person', id })
    return (await repo.findPerson(ex, id))!
  }

  /** The org of a role being given: one the caller may read (else 404), where they may give that role (else 403). */
  async function assertRoleAssignable(ctx: RequestContext, ex: Executor, input: RoleInput) {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'org.read', entity: 'org', id: input.orgId })
    authorize(ctx.actor, 'role.assign', { role: input.role, orgPath: org.path })
    if (input.validTo && input.validFrom && input.validTo < input.validFrom) {
      throw unprocessable('RULE_VIOLATED', {}, [{ path: 'validTo', message: 'people.endBeforeStart' }])
    }
    return org
  }

  /**
   * A phone already in use answers one neutral refusal, whoever holds it: it neither names the
   * holder nor says whether they have an account (a phone is a login name). Staff find a holder
   * they may see through their own scoped search.
   */
  async function assertPhoneFree(ex: Executor, phone: string, exceptPersonId: string | null) {
    if (await repo.phoneTaken(ex, pii.hash('phone', phone), exceptPersonId)) throw conflict('PHONE_UNAVAILABLE', {}, [{ path: 'phone', message: 'people.phoneUnavailable' }])
  }

  async function accountOrFail(ex: Executor, personId: string) {
    const account = await auth.accountOfPerson(ex, personId)
    if (!account) throw notFound('ACCOUNT_NOT_FOUND')
    return account
  }

  return {
    /**
     * For other modules: the one way to add a person row (no permission check: the caller has
     * made its own). The phone is sealed here (kernel/pii.ts); the caller checks it is free.
     * Joins the caller's transaction through `ex`.
     */
    async create(ex: Executor, input: { name: string; phone?: string | null }): Promise<string> {
      return repo.insertPerson(ex, { name: input.name, phone: input.phone ? pii.seal('phone', input.phone) : null })
    },

    /** `create` for many (an import): two statements whatever the count; ids in input order. */
    async createMany(ex: Executor, list: { name: string; phone?: string | null }[]): Promise<string[]> {
      return repo.insertPeople(ex, list.map((p) => ({ name: p.name, phone: p.phone ? pii.seal('phone', p.phone) : null })))
    },

    /** For other modules: a new name and/or phone (sealed here) of a person; the caller checked its right. */
    async setNameAndPhone(ex: Executor, id: string, input: { name?: string; phone?: string | null }): Promise<void> {
      await repo.updatePerson(ex, id, { name: input.name, phone: input.phone === undefined ? undefined : input.phone ? pii.seal('phone', input.phone) : null })
    },

    /** For other modules: whether a live person other than `exceptPersonId` holds the phone. */
    phoneTaken: (ex: Executor, phone: string, exceptPersonId: string | null) => repo.phoneTaken(ex, pii.hash('phone', phone), exceptPersonId),

    /** For other modules: which of these phone HMACs a live person holds (an import's check). */
    takenPhoneHashes: (ex: Executor, hashes: string[]) => repo.takenPhoneHashes(ex, hashes),

    /** For other modules: locks a person's row for the rest of the caller's transaction (see `lockPerson`). */
    lock: (ex: Executor, id: string) => repo.lockPerson(ex, id),

    async list(ctx: RequestContext, q: { q?: string; orgId?: string; role?: Role; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const found = scopes.length === 0 ? [] : await repo.searchPeople(db, { scopes: scopeParam(scopes), q: q.q, underPath, role: q.role, afterId: after?.id, limit: q.limit })
      return toCountedPage(found, q.limit, (p) => present(ctx, p), (p) => ({ id: p.id }), after === undefined)
    },

    /** How many people hold roles below a node, in total and per role (dashboard figures). */
    async stats(ctx: RequestContext, orgId: string) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) return { total: 0, byRole: [] }
      const param = scopeParam(scopes)
      const [total, byRole] = [await repo.countPeople(db, org.path, param), await repo.countByRole(db, org.path, param)]
      return { total, byRole }
    },

    /**
     * A resident registers themself on the phone pages: a verified phone, a password, and where
     * they live (a point, resolved to its grid). They get a resident role there and are logged in.
     */
    /** A resident signs up: where they live is a building they picked, or the grid at their phone's location. */
    async register(ctx: RequestContext, input: { phone: string; code: string; password: string; name: string; buildingId?: string; lng?: number; lat?: number; crs: 'wgs84' | 'gcj02' }) {
      const home = input.buildingId !== undefined
        ? await geo.findBuilding(db, input.buildingId)
        : await geo.findGridAt(db, { lng: input.lng!, lat: input.lat!, crs: input.crs })
      if (!home) {
        if (input.buildingId !== undefined) throw notFound('ORG_NOT_FOUND', [{ path: 'buildingId', message: 'people.buildingNotFound' }])
        throw unprocessable('LOCATION_OUTSIDE', {}, [{ path: 'location', message: 'people.locationOutsideGrids' }])
      }
      const grid = { id: home.id, path: home.path }
      const codeId = await auth.checkSmsCode(input.phone, 'register', input.code)
      return inTransaction(db, async (tx) => {
        if (await repo.phoneTaken(tx, pii.hash('phone', input.phone), null)) throw conflict('PHONE_REGISTERED', {}, [{ path: 'phone', message: 'people.phoneRegistered' }])
        await auth.consumeSmsCode(tx, codeId)
        const id = await repo.insertPerson(tx, { name: input.name, phone: pii.seal('phone', input.phone) })
        await repo.insertRole(tx, { personId: id, role: 'resident', orgId: grid.id })
        // The phone is the login name (looked up by its HMAC); the username must not be a plaintext copy of it.
        const accountId = await auth.createAccount(tx, id, `r${id}`, input.password, false)
        const selfCtx = { ...ctx, actor: { ...ctx.actor, personId: id } }
        await recordAudit(tx, selfCtx, { action: 'person.register', entity: 'person', entityId: id, orgPath: grid.path, after: { name: input.name, phone: maskPhone(input.phone), orgId: grid.id } })
        return { token: await auth.startSession(tx, selfCtx, accountId) }
      })
    },

    /** "My grid and my grid worker": the grid of the caller's home (their resident role, else any role). */
    async myGrid(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw notFound('NO_GRID_FOR_PERSON')
      const found = await repo.gridOfPerson(db, ctx.actor.personId)
      if (!found) throw notFound('NO_GRID_FOR_PERSON')
      // Duty phones are shown in full: residents are meant to call their grid worker.
      const staff = (await repo.gridStaff(db, found.grid.id)).map(({ phoneEnc, ...w }) => ({ ...w, phone: phoneEnc ? pii.decrypt('phone', phoneEnc) : null }))
      return { ...found, workers: staff }
    },

    async get(ctx: RequestContext, id: string) {
      return present(ctx, await loadReadable(ctx, db, id))
    },

    /** POST /people: staff add someone, with a role and optionally an account. */
    async add(ctx: RequestContext, input: { name: string; phone?: string | null; username?: string; password?: string; role: RoleInput }) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await assertRoleAssignable(ctx, tx, input.role)
        if (input.phone) await assertPhoneFree(tx, input.phone, null)
        if (input.password && !input.username) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'username', message: 'people.usernameRequired' }])
        const id = await repo.insertPerson(tx, { name: input.name, phone: input.phone ? pii.seal('phone', input.phone) : null })
        await repo.insertRole(tx, { personId: id, ...input.role })
        let generated: string | undefined
        if (input.username) {
          generated = input.password ? undefined : temporaryPassword()
          await auth.createAccount(tx, id, input.username, input.password ?? generated!, true)
        }
        const person = (await repo.findPerson(tx, id))!
        await recordAudit(tx, ctx, { action: 'person.create', entity: 'person', entityId: id, orgPath: org.path, after: { name: person.name, phone: person.phoneMask, username: input.username ?? null, role: input.role } })
        return { ...present(ctx, person), ...(generated ? { temporaryPassword: generated } : {}) }
      })
    },

    /** `phoneVerified`: the caller proved with an SMS code that they hold the new number (POST /me/phone). */
    async update(ctx: RequestContext, id: string, input: { name?: string; phone?: string | null }, opts: { phoneVerified?: boolean } = {}) {
      return inTransaction(db, async (tx) => {
        const before = ctx.actor.personId === id ? await loadReadable(ctx, tx, id) : await loadManageable(ctx, tx, id)
        // One's own number changes only with a code sent to the new one (POST /me/phone/code, /me/phone).
        if (ctx.actor.personId === id && !opts.phoneVerified && input.phone !== undefined && input.phone !== (before.phoneEnc ? pii.decrypt('phone', before.phoneEnc) : null)) {
          throw unprocessable('PHONE_CHANGE_NEEDS_CODE', {}, [{ path: 'phone', message: 'people.phoneCodeRequired' }])
        }
        if (input.phone) await assertPhoneFree(tx, input.phone, id)
        await repo.updatePerson(tx, id, { name: input.name, phone: input.phone === undefined ? undefined : input.phone ? pii.seal('phone', input.phone) : null })
        const after = (await repo.findPerson(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'person.update', entity: 'person', entityId: id, orgPath: before.roles[0]?.orgPath ?? null,
          before: { name: before.name, phone: before.phoneMask }, after: { name: after.name, phone: after.phoneMask },
        })
        return present(ctx, after)
      })
    },

    /** Giving someone a role is managing them: the caller outranks every role they hold, and the new one. */
    async assignRole(ctx: RequestContext, personId: string, input: RoleInput) {
      return inTransaction(db, async (tx) => {
        await loadManageable(ctx, tx, personId)
        const org = await assertRoleAssignable(ctx, tx, input)
        const roleId = await repo.insertRole(tx, { personId, ...input })
        const after = (await repo.findPerson(tx, personId))!
        await recordAudit(tx, ctx, { action: 'role.assign', entity: 'role_assignment', entityId: roleId, orgPath: org.path, before: null, after: auditRole(after, roleId) })
        return present(ctx, after)
      })
    },

    async endRole(ctx: RequestContext, personId: string, roleId: string) {
      return inTransaction(db, async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const role = person.roles.find((r) => r.id === roleId)
        if (!role) throw notFound('ROLE_NOT_FOUND')
        authorize(ctx.actor, 'role.assign', { role: role.role, orgPath: role.orgPath })
        await repo.endRole(tx, roleId)
        const after = (await repo.findPerson(tx, personId))!
        await recordAudit(tx, ctx, { action: 'role.end', entity: 'role_assignment', entityId: roleId, orgPath: role.orgPath, before: auditRole(person, roleId), after: auditRole(after, roleId) })
        return present(ctx, after)
      })
    },

    async resetPassword(ctx: RequestContext, personId: string, password: string | undefined) {
      return inTransaction(db, async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        const newPassword = password ?? temporaryPassword()
        await auth.resetPassword(tx, account.id, account.username, newPassword)
        await recordAudit(tx, ctx, { action: 'account.password_reset', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null })
        return password ? {} : { temporaryPassword: newPassword }
      })
    },

    async setDisabled(ctx: RequestContext, personId: string, disabled: boolean) {
      return inTransaction(db, async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        await auth.setDisabled(tx, account.id, disabled)
        await recordAudit(tx, ctx, { action: disabled ? 'account.disable' : 'account.enable', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null })
        return present(ctx, (await repo.findPerson(tx, personId))!)
      })
    },

    async sessions(ctx: RequestContext, personId: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'person.manage', entity: 'person', id: personId })
      const account = await accountOrFail(db, personId)
      return auth.listSessions(account.id, ctx.actor.sessionId)
    },

    async endSessions(ctx: RequestContext, personId: string, sessionId: string | null) {
      return inTransaction(db, async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        if (sessionId) await auth.endSession(tx, account.id, sessionId, 'ended_by_admin')
        else await auth.endSessions(tx, account.id, 'ended_by_admin')
        await recordAudit(tx, ctx, { action: 'account.sessions_end', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null, after: { sessionId } })
      })
    },
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>
