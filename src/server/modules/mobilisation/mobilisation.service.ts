// Mobilisation: declaring an emergency for an area, forming its temporary Party branches and
// shock teams, drawing responsibility zones, setting up duty posts with their shifts. Shifts,
// sign-ups, check-in, hazards, the board and the end are in mobilisation.duty.ts.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { unprocessable } from '../../kernel/errors.ts'
import { scopesOf, LEVEL } from '../../kernel/policy.ts'
import { toPage } from '../../kernel/pagination.ts'
import { toWgs84 } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './mobilisation.repository.ts'
import * as shifts from './mobilisation.shifts.repository.ts'
import type { EmergencySubject } from './mobilisation.policy.ts'
import type { EmergencyCreate, PostCreate } from './mobilisation.schemas.ts'
import type { z } from 'zod'
import type { polygonSchema } from '../orgs/orgs.schemas.ts'
import type { branchCreateSchema, emergenciesQuerySchema, teamCreateSchema, zoneCreateSchema } from './mobilisation.schemas.ts'
import { emergencyKindWords } from './mobilisation.messages.ts'
import './mobilisation.policy.ts'
import './mobilisation.access.ts'

type Polygon = z.infer<typeof polygonSchema>
const DECLARE_ORG_KINDS = ['district', 'street', 'community']

/** A polygon in WGS 84 as GeoJSON text. */
export const polygonText = (p: Polygon, crs: 'wgs84' | 'gcj02') =>
  JSON.stringify({ type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map(([lng, lat]) => toWgs84(lng, lat, crs))) })

export function presentEmergency(ctx: RequestContext, e: repo.EmergencyRow) {
  const subject: EmergencySubject = { orgPath: e.orgPath, ended: e.endedAt !== null }
  return {
    id: e.id, kind: e.kind as EmergencyCreate['kind'], name: e.name, tag: e.tag, level: e.level as EmergencyCreate['level'],
    org: { id: e.orgId, name: e.orgName }, area: (e.area ?? null) as Polygon | null, description: e.description,
    declaredBy: { id: e.declaredById, name: e.declaredByName },
    startedAt: new Date(e.startedAt).toISOString(), endedAt: e.endedAt ? new Date(e.endedAt).toISOString() : null, summary: e.summary,
    canManage: can(ctx.actor, 'emergency.manage', subject), canEnd: can(ctx.actor, 'emergency.end', subject),
  }
}

export function createEmergencyService(deps: { db: Executor }) {
  const { db } = deps

  async function load(ctx: RequestContext, ex: Executor, id: string, permission: string) {
    const subject = await requireAccessOne<EmergencySubject>(ex, ctx.actor, { permission, id, entity: 'emergency' })
    const e = (await repo.findEmergency(ex, id))!
    return { subject, e }
  }

  async function assertPolygon(ex: Executor, text: string, path: string, message: string) {
    if (!(await repo.validPolygon(ex, text))) throw unprocessable('EMERGENCY_INVALID', {}, [{ path, message }])
  }

  /** Zones, teams or posts named in a body must belong to this emergency. */
  async function assertSame(ex: Executor, emergencyId: string, table: 'emergency_zones' | 'emergency_teams' | 'emergency_posts', fields: Record<string, string | undefined>) {
    const ids = Object.values(fields).filter((v): v is string => v !== undefined)
    const of = await repo.emergencyOf(ex, table, ids)
    for (const [path, id] of Object.entries(fields)) {
      if (id !== undefined && of.get(id) !== emergencyId) throw unprocessable('EMERGENCY_INVALID', {}, [{ path, message: 'mobilisation.otherEmergency' }])
    }
  }

  /** Posts with their shifts, as one reader sees them (which sign-up is theirs). */
  async function postsOf(ctx: RequestContext, ex: Executor, where: SQL) {
    const posts = await repo.postsWhere(ex, where)
    if (!posts.length) return []
    const all = await shifts.shiftsWhere(ex, sql`s.post_id = ANY(string_to_array(${posts.map((p) => p.id).join(',')}, ',')::bigint[])`)
    const now = Date.now()
    return posts.map(({ checkinSecret: _s, ...p }) => {
      const own = all.filter((s) => s.postId === p.id).map((s) => ({
        ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(),
        people: s.people.map((x) => ({ ...x, checkedInAt: x.checkedInAt ? new Date(x.checkedInAt).toISOString() : null })),
        mine: s.people.find((x) => x.id === ctx.actor.personId)?.signupId ?? null,
      }))
      const running = own.filter((s) => Date.parse(s.startsAt) <= now && Date.parse(s.endsAt) > now)
      return {
        ...p, kind: p.kind as PostCreate['kind'], location: { lng: p.lng, lat: p.lat }, shifts: own,
        onDutyNow: running.reduce((n, s) => n + s.people.filter((x) => x.checkedInAt).length, 0),
        coveredNow: running.some((s) => s.held >= s.needed),
      }
    }).map(({ lng: _lng, lat: _lat, ...p }) => p)
  }

  /** A list of an emergency's records, to those who may read the emergency. */
  async function listed<T>(ctx: RequestContext, id: string, read: (ex: Executor, id: string) => Promise<T[]>) {
    await load(ctx, db, id, 'emergency.read')
    return { items: await read(db, id) }
  }

  return {
    load,
    async declare(ctx: RequestContext, input: EmergencyCreate) {
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'emergency.declare', id: input.orgId, entity: 'org' })
        if (!DECLARE_ORG_KINDS.includes(org.kind)) throw unprocessable('EMERGENCY_INVALID', {}, [{ path: 'orgId', message: 'mobilisation.orgKind' }])
        const area = input.area ? polygonText(input.area, input.crs) : null
        if (area) await assertPolygon(tx, area, 'area', 'mobilisation.areaOutside')
        const tag = input.tag ?? `${emergencyKindWords[input.kind]}${new Date().getFullYear()}`
        const id = await repo.insertEmergency(tx, {
          orgId: input.orgId, kind: input.kind, name: input.name, tag, level: input.level, area,
          description: input.description ?? null, declaredBy: ctx.actor.personId!, startedAt: input.startedAt ?? null,
        })
        await recordAudit(tx, ctx, { action: 'emergency.declare', entity: 'emergency', entityId: id, orgPath: org.path, after: { kind: input.kind, name: input.name, tag, level: input.level } })
        return presentEmergency(ctx, (await repo.findEmergency(tx, id))!)
      })
    },

    async list(ctx: RequestContext, q: z.infer<typeof emergenciesQuerySchema>) {
      const paths = scopesOf(ctx.actor, LEVEL.anyRole)
      let orgPath: string | undefined
      if (q.orgId) orgPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', id: q.orgId, entity: 'org' })).path
      if (!paths.length || ctx.actor.kind !== 'person') return { items: [], nextCursor: null }
      const after = q.cursor && /^\d+$/.test(q.cursor) ? q.cursor : undefined
      const found = await repo.listEmergencies(db, { paths: ctx.actor.roles.map((r) => r.orgPath), orgPath, status: q.status, after, limit: q.limit })
      const page = toPage(found, q.limit, (e) => presentEmergency(ctx, e), (e) => ({ id: e.id }))
      return { items: page.items, nextCursor: page.nextCursor ? found[q.limit - 1]!.id : null }
    },

    async get(ctx: RequestContext, id: string) {
      const { e } = await load(ctx, db, id, 'emergency.read')
      return presentEmergency(ctx, e)
    },

    async createBranch(ctx: RequestContext, id: string, input: z.infer<typeof branchCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject } = await load(ctx, tx, id, 'emergency.manage')
        await requireAccess(tx, ctx.actor, { permission: 'person.read', ids: [input.secretaryId, ...input.memberIds], entity: 'person' })
        if (input.unitId) await requireAccessOne(tx, ctx.actor, { permission: 'unit.read', id: input.unitId, entity: 'unit' })
        const branchId = await repo.insertBranch(tx, { emergencyId: id, name: input.name, secretaryId: input.secretaryId, memberIds: input.memberIds, unitId: input.unitId ?? null })
        await recordAudit(tx, ctx, { action: 'emergency_branch.create', entity: 'emergency_branch', entityId: branchId, orgPath: subject.orgPath, after: { emergencyId: id, name: input.name, members: input.memberIds.length + 1 } })
        return (await repo.listBranches(tx, id)).find((b) => b.id === branchId)!
      })
    },

    branches: (ctx: RequestContext, id: string) => listed(ctx, id, repo.listBranches),

    async createTeam(ctx: RequestContext, id: string, input: z.infer<typeof teamCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject } = await load(ctx, tx, id, 'emergency.manage')
        await requireAccess(tx, ctx.actor, { permission: 'person.read', ids: [input.leaderId, ...input.members.map((m) => m.personId)], entity: 'person' })
        await requireAccess(tx, ctx.actor, { permission: 'unit.read', ids: input.members.map((m) => m.unitId), entity: 'unit' })
        const teamId = await repo.insertTeam(tx, { emergencyId: id, ...input })
        await recordAudit(tx, ctx, { action: 'emergency_team.create', entity: 'emergency_team', entityId: teamId, orgPath: subject.orgPath, after: { emergencyId: id, name: input.name, members: input.members.length } })
        return (await repo.listTeams(tx, id)).find((t) => t.id === teamId)!
      })
    },

    teams: (ctx: RequestContext, id: string) => listed(ctx, id, repo.listTeams),

    async createZone(ctx: RequestContext, id: string, input: z.infer<typeof zoneCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject } = await load(ctx, tx, id, 'emergency.manage')
        await requireAccessOne(tx, ctx.actor, { permission: 'person.read', id: input.personId, entity: 'person' })
        if (input.teamId) await requireAccessOne(tx, ctx.actor, { permission: 'emergency.read', id: input.teamId, entity: 'emergencyTeam' })
        await assertSame(tx, id, 'emergency_teams', { teamId: input.teamId })
        const area = polygonText(input.area, input.crs)
        await assertPolygon(tx, area, 'area', 'mobilisation.zoneInvalid')
        const zoneId = await repo.insertZone(tx, { emergencyId: id, name: input.name, area, personId: input.personId, teamId: input.teamId ?? null })
        await recordAudit(tx, ctx, { action: 'emergency_zone.create', entity: 'emergency_zone', entityId: zoneId, orgPath: subject.orgPath, after: { emergencyId: id, name: input.name, personId: input.personId } })
        return (await repo.listZones(tx, id)).find((z) => z.id === zoneId)!
      })
    },

    zones: (ctx: RequestContext, id: string) => listed(ctx, id, repo.listZones),

    async createPost(ctx: RequestContext, id: string, input: PostCreate) {
      return inTransaction(db, async (tx) => {
        const { subject } = await load(ctx, tx, id, 'emergency.manage')
        await requireAccess(tx, ctx.actor, { permission: 'emergency.read', ids: [input.zoneId], entity: 'emergencyZone' })
        await requireAccess(tx, ctx.actor, { permission: 'emergency.read', ids: [input.teamId], entity: 'emergencyTeam' })
        await assertSame(tx, id, 'emergency_zones', { zoneId: input.zoneId })
        await assertSame(tx, id, 'emergency_teams', { teamId: input.teamId })
        const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.crs)
        const postId = await repo.insertPost(tx, { emergencyId: id, name: input.name, kind: input.kind, vanguard: input.vanguard, lng, lat, radiusM: input.radiusM, zoneId: input.zoneId ?? null, teamId: input.teamId ?? null })
        await shifts.insertShifts(tx, postId, input.shifts)
        await recordAudit(tx, ctx, { action: 'emergency_post.create', entity: 'emergency_post', entityId: postId, orgPath: subject.orgPath, after: { emergencyId: id, name: input.name, kind: input.kind, vanguard: input.vanguard, shifts: input.shifts.length } })
        return (await postsOf(ctx, tx, sql`p.id = ${postId}`)).at(0)!
      })
    },

    postsOf,

    async posts(ctx: RequestContext, id: string) {
      await load(ctx, db, id, 'emergency.read')
      return { items: await postsOf(ctx, db, sql`p.emergency_id = ${id}`) }
    },
  }
}

export type EmergencyService = ReturnType<typeof createEmergencyService>
