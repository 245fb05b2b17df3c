// People, their role assignments and (through the auth service) their accounts and sessions.
import type { Config } from '../../kernel/config.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf, type Role } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { temporaryPassword } from '../../kernel/auth/secrets.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import type { AuthService } from '../auth/auth.service.ts'
import type { GeoService } from '../geo/geo.service.ts'
import { maskPhone, type PiiKeyring } from '../../kernel/pii.ts'
import * as repo from './people.repository.ts'
import './people.policy.ts'

type RoleInput = { role: Role; orgId: string; validFrom?: string; validTo?: string | null }

export function createPeopleService(deps: {
  db: Executor
  config: Config
  orgs: Pick<OrgService, 'findRef'>
  auth: Pick<AuthService, 'createAccount' | 'accountOfPerson' | 'resetPassword' | 'setDisabled' | 'listSessions' | 'endSessions' | 'endSession' | 'checkSmsCode' | 'consumeSmsCode' | 'startSession'>
  geo: Pick<GeoService, 'findGridAt'>
  pii: Pick<PiiKeyring, 'seal' | 'decrypt' | 'hash'>
}) {
  const { db, orgs, auth, geo, pii } = deps

  function present(ctx: RequestContext, { phoneEnc, phoneMask, ...p }: repo.PersonRow) {
    return {
      ...p,
      // A person sees their own number; everybody else the mask (a full number is revealed through the residents module).
      phone: ctx.actor.personId === p.id && phoneEnc ? pii.decrypt('phone', phoneEnc) : phoneMask,
      roles: p.roles.map((r) => ({ ...r, validTo: r.validTo ?? null })),
      account: p.account ? { ...p.account, lockedUntil: isoTime(p.account.lockedUntil), lastLoginAt: isoTime(p.account.lastLoginAt) } : null,
    }
  }

  const subjectOf = (p: repo.PersonRow) => ({
    personId: p.id,
    roles: p.roles.filter((r) => r.active).map((r) => ({ role: r.role, orgPath: r.orgPath })),
  })

  async function loadReadable(ctx: RequestContext, ex: Executor, id: string, lock = false) {
    requireSignedIn(ctx.actor)
    const person = await repo.findPerson(ex, id, lock)
    if (!person) throw notFound('PERSON_NOT_FOUND')
    authorize(ctx.actor, 'person.read', subjectOf(person), 'PERSON_NOT_FOUND')
    return person
  }

  async function loadManageable(ctx: RequestContext, ex: Executor, id: string) {
    const person = await loadReadable(ctx, ex, id, true)
    authorize(ctx.actor, 'person.manage', subjectOf(person))
    return person
  }

  async function assertRoleAssignable(ctx: RequestContext, ex: Executor, input: RoleInput) {
    const org = await orgs.findRef(input.orgId, ex)
    if (!org) throw notFound('ORG_NOT_FOUND')
    authorize(ctx.actor, 'org.read', { path: org.path, kind: org.kind }, 'ORG_NOT_FOUND')
    authorize(ctx.actor, 'role.assign', { role: input.role, orgPath: org.path })
    if (input.validTo && input.validFrom && input.validTo < input.validFrom) {
      throw unprocessable('RULE_VIOLATED', {}, [{ path: 'validTo', message: '结束日期不能早于开始日期' }])
    }
    return org
  }

  async function accountOrFail(ex: Executor, personId: string) {
    const account = await auth.accountOfPerson(ex, personId)
    if (!account) throw notFound('ACCOUNT_NOT_FOUND')
    return account
  }

  return {
    async list(ctx: RequestContext, q: { q?: string; orgId?: string; role?: Role; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      let underPath: string | undefined
      if (q.orgId) {
        const org = await orgs.findRef(q.orgId)
        if (!org) throw notFound('ORG_NOT_FOUND')
        authorize(ctx.actor, 'org.read', { path: org.path, kind: org.kind }, 'ORG_NOT_FOUND')
        underPath = org.path
      }
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const found = scopes.length === 0 ? [] : await repo.searchPeople(db, { scopes: scopeParam(scopes), q: q.q, underPath, role: q.role, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (p) => present(ctx, p), (p) => ({ id: p.id }))
    },

    /** How many people hold roles below a node, in total and per role (dashboard figures). */
    async stats(ctx: RequestContext, orgId: string) {
      requireSignedIn(ctx.actor)
      const org = await orgs.findRef(orgId)
      if (!org) throw notFound('ORG_NOT_FOUND')
      authorize(ctx.actor, 'org.read', { path: org.path, kind: org.kind }, 'ORG_NOT_FOUND')
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
    async register(ctx: RequestContext, input: { phone: string; code: string; password: string; name: string; lng: number; lat: number; crs: 'wgs84' | 'gcj02' }) {
      const grid = await geo.findGridAt(input)
      if (!grid) throw unprocessable('LOCATION_OUTSIDE', {}, [{ path: 'location', message: '该位置不在任何网格内' }])
      const codeId = await auth.checkSmsCode(input.phone, 'register', input.code)
      return db.transaction(async (tx) => {
        if (await repo.phoneTaken(tx, pii.hash('phone', input.phone), null)) throw conflict('PHONE_REGISTERED', {}, [{ path: 'phone', message: '该手机号已注册' }])
        await auth.consumeSmsCode(tx, codeId)
        const id = await repo.insertPerson(tx, { name: input.name, phone: pii.seal('phone', input.phone) })
        await repo.insertRole(tx, { personId: id, role: 'resident', orgId: grid.id })
        // The phone is the login name (looked up by its HMAC); the username must not be a plaintext copy of it.
        const accountId = await auth.createAccount(tx, id, `r${id}`, input.password, false)
        const selfCtx = { ...ctx, actor: { ...ctx.actor, personId: id } }
        await recordAudit(tx, selfCtx, { action: 'person.register', entity: 'person', entityId: id, orgPath: grid.path, after: { name: input.name, phone: maskPhone(input.phone), gridId: grid.id } })
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

    async create(ctx: RequestContext, input: { name: string; phone?: string | null; username?: string; password?: string; role: RoleInput }) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const org = await assertRoleAssignable(ctx, tx, input.role)
        if (input.phone && (await repo.phoneTaken(tx, pii.hash('phone', input.phone), null))) throw conflict('PHONE_TAKEN', {}, [{ path: 'phone', message: '手机号已被使用' }])
        if (input.password && !input.username) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'username', message: '设置密码须同时提供用户名' }])
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

    async update(ctx: RequestContext, id: string, input: { name?: string; phone?: string | null }) {
      return db.transaction(async (tx) => {
        const before = ctx.actor.personId === id ? await loadReadable(ctx, tx, id, true) : await loadManageable(ctx, tx, id)
        if (input.phone && (await repo.phoneTaken(tx, pii.hash('phone', input.phone), id))) throw conflict('PHONE_TAKEN', {}, [{ path: 'phone', message: '手机号已被使用' }])
        await repo.updatePerson(tx, id, { name: input.name, phone: input.phone === undefined ? undefined : input.phone ? pii.seal('phone', input.phone) : null })
        const after = (await repo.findPerson(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'person.update', entity: 'person', entityId: id, orgPath: before.roles[0]?.orgPath ?? null,
          before: { name: before.name, phone: before.phoneMask }, after: { name: after.name, phone: after.phoneMask },
        })
        return present(ctx, after)
      })
    },

    async assignRole(ctx: RequestContext, personId: string, input: RoleInput) {
      return db.transaction(async (tx) => {
        await loadReadable(ctx, tx, personId, true)
        const org = await assertRoleAssignable(ctx, tx, input)
        const roleId = await repo.insertRole(tx, { personId, ...input })
        await recordAudit(tx, ctx, { action: 'role.assign', entity: 'role_assignment', entityId: roleId, orgPath: org.path, after: { personId, ...input } })
        return present(ctx, (await repo.findPerson(tx, personId))!)
      })
    },

    async endRole(ctx: RequestContext, personId: string, roleId: string) {
      return db.transaction(async (tx) => {
        const person = await loadReadable(ctx, tx, personId, true)
        const role = person.roles.find((r) => r.id === roleId)
        if (!role) throw notFound('ROLE_NOT_FOUND')
        authorize(ctx.actor, 'role.assign', { role: role.role, orgPath: role.orgPath })
        await repo.endRole(tx, roleId)
        await recordAudit(tx, ctx, { action: 'role.end', entity: 'role_assignment', entityId: roleId, orgPath: role.orgPath, before: role })
        return present(ctx, (await repo.findPerson(tx, personId))!)
      })
    },

    async resetPassword(ctx: RequestContext, personId: string, password: string | undefined) {
      return db.transaction(async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        const newPassword = password ?? temporaryPassword()
        await auth.resetPassword(tx, account.id, account.username, newPassword)
        await recordAudit(tx, ctx, { action: 'account.password_reset', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null })
        return password ? {} : { temporaryPassword: newPassword }
      })
    },

    async setDisabled(ctx: RequestContext, personId: string, disabled: boolean) {
      return db.transaction(async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        await auth.setDisabled(tx, account.id, disabled)
        await recordAudit(tx, ctx, { action: disabled ? 'account.disable' : 'account.enable', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null })
        return present(ctx, (await repo.findPerson(tx, personId))!)
      })
    },

    async sessions(ctx: RequestContext, personId: string) {
      await loadManageable(ctx, db, personId)
      const account = await accountOrFail(db, personId)
      return auth.listSessions(account.id, ctx.actor.sessionId)
    },

    async endSessions(ctx: RequestContext, personId: string, sessionId: string | null) {
      return db.transaction(async (tx) => {
        const person = await loadManageable(ctx, tx, personId)
        const account = await accountOrFail(tx, personId)
        if (sessionId) await auth.endSession(tx, account.id, sessionId, 'ended_by_admin')
        else await auth.endSessions(tx, account.id, 'ended_by_admin')
        await recordAudit(tx, ctx, { action: 'account.sessions_end', entity: 'account', entityId: account.id, orgPath: person.roles[0]?.orgPath ?? null, after: { sessionId } })
      })
    },
  }
}
