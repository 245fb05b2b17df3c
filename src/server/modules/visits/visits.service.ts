// Visits (民情夜访 / 民情家访): visit logs, the cases found on them, the recurring schedules and
// the tasks they generate ("the 1st of every month, each department to its communities").
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import { z } from 'zod'
import { toWgs84 } from '../geo/geo.service.ts'
import type { CaseService } from '../cases/cases.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './visits.repository.ts'
import type { ScheduleCreate, TasksQuery, VisitCaseCreate, VisitCreate, VisitsQuery } from './visits.schemas.ts'
import './visits.policy.ts'
import './visits.access.ts'

const VISITED_KINDS = ['community', 'village', 'grid', 'estate', 'building']
const SCHEDULE_OWNER_KINDS = ['street', 'district']
const COMMUNITY_KINDS = ['community', 'village']
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000

/** The calendar date in China (UTC+8, no daylight saving), which is what "the 1st" means. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

const visitCursor = z.object({ at: z.string().max(40), id: z.string().regex(/^\d+$/) })
const taskCursor = z.object({ dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), id: z.string().regex(/^\d+$/) })

/** Within this many metres of the place visited a logged location counts as near it. */
export const PLACE_NEAR_M = 300

function presentVisit(v: repo.VisitRow, met: repo.VisitedResident[]) {
  const { orgPath: _o, visitorId: _v, visitorOrgPath: _p, placeDistanceM: d, ...rest } = v
  return {
    ...rest,
    visitedAt: isoTime(v.visitedAt)!,
    createdAt: isoTime(v.createdAt)!,
    residents: met.filter((r) => r.visitId === v.id).map(({ visitId: _, ...r }) => r),
    placeCheck: d === null ? null : { status: d === 0 ? ('inside' as const) : d <= PLACE_NEAR_M ? ('near' as const) : ('away' as const), distanceM: d },
  }
}

function presentTask(t: repo.TaskRow) {
  const { visitorOrgPath: _v, communityPath: _c, scheduleOrgPath: _s, ...rest } = t
  return { ...rest, doneAt: isoTime(t.doneAt) }
}

function presentSchedule(s: repo.ScheduleRow) {
  const { orgPath: _o, ...rest } = s
  return {
    ...rest,
    targets: s.targets.map((t) => ({ id: t.id, visitorOrg: t.visitorOrg, community: t.community })),
    tasks: { done: Number(s.tasks.done), pending: Number(s.tasks.pending), late: Number(s.tasks.late) },
    createdAt: isoTime(s.createdAt)!,
  }
}

const visitSubject = (v: repo.VisitRow) => ({ orgPath: v.orgPath, visitorId: v.visitorId, visitorOrgPath: v.visitorOrgPath })
const scheduleSubject = (s: repo.ScheduleRow) => ({ orgPath: s.orgPath, targetPaths: s.targets.flatMap((t) => [t.visitorOrgPath, t.communityPath]) })

export function createVisitService(deps: { db: Executor; cases: Pick<CaseService, 'create' | 'assertPhotos'>; clock?: () => Date }) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  /** As createSchedule, in the caller's transaction (the library's template import). */
  async function createScheduleIn(ex: Executor, ctx: RequestContext, input: ScheduleCreate) {
    requireSignedIn(ctx.actor)
    return inTransaction(ex, async (tx) => {
      const owner = await readableOrg(ctx, tx, input.orgId)
      authorize(ctx.actor, 'visitSchedule.manage', { orgPath: owner.path })
      if (!SCHEDULE_OWNER_KINDS.includes(owner.kind)) throw unprocessable('VISIT_SCHEDULE_ORG_KIND', {}, [{ path: 'orgId', message: 'visits.scheduleOrgKind' }])
      if (input.endsOn && input.endsOn < input.startsOn) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'endsOn', message: 'visits.endBeforeStart' }])
      await assertTargets(ctx, tx, owner, input.targets)
      const id = await repo.insertSchedule(tx, { ...input, endsOn: input.endsOn ?? null, createdBy: ctx.actor.personId })
      await repo.generateTasks(tx, chinaDate(now()), id)
      const schedule = (await repo.findSchedule(tx, id, chinaDate(now())))!
      await recordAudit(tx, ctx, { action: 'visit_schedule.create', entity: 'visit_schedule', entityId: id, orgPath: owner.path, after: { ...input } })
      return presentSchedule(schedule)
    })
  }

  /** A node the caller named: 404 when missing or outside what they may see. */
  async function readableOrg(ctx: RequestContext, ex: Executor, id: string): Promise<repo.OrgRefRow> {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'org.read', entity: 'org', id })
    return { id: org.id, name: org.name, kind: org.kind, path: org.path }
  }

  /**
   * The node a task's visit took place at: one the caller reads, or one inside the task's
   * community (the task opens it to the unit sent there). 404 otherwise, as for a missing node.
   */
  async function visitedUnderTask(ctx: RequestContext, ex: Executor, id: string, task: repo.TaskRow) {
    const [org] = await repo.findOrgRefs(ex, [id])
    const inCommunity = (o: repo.OrgRefRow) => o.path === task.communityPath || o.path.startsWith(task.communityPath + '.')
    if (!org || !(can(ctx.actor, 'org.read', { path: org.path, kind: org.kind }) || inCommunity(org))) throw notFound('ORG_NOT_FOUND')
    return org
  }

  /** Visits as one reader sees them: the residents met only where the reader may read them. */
  async function presentAll(ctx: RequestContext, ex: Executor, visits: repo.VisitRow[]) {
    const met = await repo.visitedResidents(ex, visits.map((v) => v.id), scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), ctx.actor.personId)
    return visits.map((v) => presentVisit(v, met))
  }

  /** A visit the caller may read (the access loader's rule; 404 otherwise), with its details. */
  async function loadVisit(ctx: RequestContext, ex: Executor, id: string) {
    await requireAccessOne(ex, ctx.actor, { permission: 'visit.read', entity: 'visit', id })
    const visit = await repo.findVisit(ex, id)
    if (!visit) throw notFound('VISIT_NOT_FOUND')
    return visit
  }

  async function loadSchedule(ctx: RequestContext, ex: Executor, id: string) {
    requireSignedIn(ctx.actor)
    const schedule = await repo.findSchedule(ex, id, chinaDate(now()))
    if (!schedule) throw notFound('VISIT_SCHEDULE_NOT_FOUND')
    authorize(ctx.actor, 'visitSchedule.read', scheduleSubject(schedule), 'VISIT_SCHEDULE_NOT_FOUND')
    return schedule
  }

  /**
   * The task a visit fulfils: readable (404 otherwise), open, naming the same unit, in the visited
   * community, of the same kind. A visitor unit given beside a task is only compared with the task's.
   */
  async function openTask(ctx: RequestContext, tx: Executor, input: VisitCreate & { taskId: string }) {
    await requireAccess(tx, ctx.actor, { permission: 'visitSchedule.read', entity: 'visitTask', ids: [input.taskId] })
    const task = (await repo.findTask(tx, input.taskId, chinaDate(now()), true))!
    if (task.doneAt) throw conflict('VISIT_TASK_DONE', {}, { visitId: task.visitId })
    const mismatch = (reason: string, path: string) => unprocessable('VISIT_TASK_MISMATCH', { reason }, [{ path, message: reason }])
    if (input.visitorOrgId && input.visitorOrgId !== task.visitorOrg.id) throw mismatch(`任务属于${task.visitorOrg.name}`, 'visitorOrgId')
    const visited = await visitedUnderTask(ctx, tx, input.orgId, task)
    if (visited.path !== task.communityPath && !visited.path.startsWith(task.communityPath + '.')) throw mismatch(`走访地点不在${task.community.name}内`, 'orgId')
    if (input.kind !== task.schedule.kind) throw mismatch(task.schedule.kind === 'night' ? '任务为民情夜访' : '任务为民情家访', 'kind')
    return { task, visited }
  }

  return {
    async list(ctx: RequestContext, q: VisitsQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await readableOrg(ctx, db, q.orgId)).path : undefined
      // The visitor and the task filters name records too: each must be one the caller may read.
      await requireAccess(db, ctx.actor, { permission: 'person.read', entity: 'person', ids: [q.visitorId] })
      await requireAccess(db, ctx.actor, { permission: 'visitSchedule.read', entity: 'visitTask', ids: [q.taskId] })
      const after = decodeCursor(q.cursor, visitCursor)
      const scopes = scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff))
      const found = await repo.searchVisits(db, { ...q, scopes, personId: ctx.actor.personId, underPath, after, limit: q.limit })
      const page = toPage(found, q.limit, (v) => v, (v) => ({ at: isoTime(v.visitedAt)!, id: v.id }))
      // The first page says how many in all (the console's 共 N 条).
      const total = after ? undefined : await repo.countVisits(db, { ...q, scopes, personId: ctx.actor.personId, underPath })
      return { ...page, items: await presentAll(ctx, db, page.items), ...(total === undefined ? {} : totalOf(total)) }
    },

    async get(ctx: RequestContext, id: string) {
      return (await presentAll(ctx, db, [await loadVisit(ctx, db, id)]))[0]!
    },

    async create(ctx: RequestContext, input: VisitCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const { task, visited } = input.taskId ? await openTask(ctx, tx, { ...input, taskId: input.taskId }) : { task: null, visited: await readableOrg(ctx, tx, input.orgId) }
        const visitorOrg = task ? { id: task.visitorOrg.id, path: task.visitorOrgPath } : input.visitorOrgId ? await readableOrg(ctx, tx, input.visitorOrgId) : null
        const visitorOrgId = visitorOrg?.id ?? null
        authorize(ctx.actor, 'visit.log', { orgPath: visited.path, visitorOrgPath: visitorOrg?.path ?? null, taskOfVisitorOrg: task !== null })
        if (!VISITED_KINDS.includes(visited.kind)) throw unprocessable('VISIT_NODE_KIND_NOT_ALLOWED', {}, [{ path: 'orgId', message: 'visits.orgKind' }])
        const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now()
        if (visitedAt.getTime() > now().getTime() + CLOCK_SKEW_MS) throw unprocessable('VISIT_IN_FUTURE', {}, [{ path: 'visitedAt', message: 'visits.visitedInFuture' }])
        const photoIds = await deps.cases.assertPhotos(tx, ctx.actor, input.photoIds)
        // Each resident met: a record the visitor may read (else 404), living at the place visited.
        const residentIds = [...new Set(input.residentIds ?? [])]
        await requireAccess(tx, ctx.actor, { permission: 'resident.read', entity: 'resident', ids: residentIds })
        const elsewhere = residentIds.length ? await repo.residentsElsewhere(tx, residentIds, visited.id) : []
        if (elsewhere.length) throw unprocessable('VISIT_RESIDENT_ELSEWHERE', { ids: elsewhere.join('、') }, [{ path: 'residentIds', message: 'visits.residentElsewhere' }])
        if (input.people < residentIds.length) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'people', message: 'visits.fewerPeopleThanResidents' }])
        const id = await repo.insertVisit(tx, {
          kind: input.kind, mode: input.mode, orgId: visited.id, visitorId: ctx.actor.personId!, visitorOrgId, taskId: task?.id ?? null,
          visitedAt: visitedAt.toISOString(), households: input.households, people: input.people, note: input.note,
          location: input.location ? toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84') : null, photoIds,
        })
        await repo.insertVisitResidents(tx, id, residentIds)
        if (task) await repo.markTaskDone(tx, task.id, id)
        const visit = (await repo.findVisit(tx, id))!
        const { orgPath: _p, ...after } = visit
        await recordAudit(tx, ctx, { action: 'visit.create', entity: 'visit', entityId: id, orgPath: visited.path, after: { ...after, residentIds } })
        return (await presentAll(ctx, tx, [visit]))[0]!
      })
    },

    /** A problem found on a visit becomes a case linked to it (the cases service owns the case). */
    async reportCase(ctx: RequestContext, visitId: string, input: VisitCaseCreate) {
      // The visit is read and the case written in one transaction: the case links a visit that exists.
      return inTransaction(db, async (tx) => {
        const visit = await loadVisit(ctx, tx, visitId)
        authorize(ctx.actor, 'visit.report', visitSubject(visit))
        const location = input.location ?? visit.location ?? (await repo.pointIn(tx, visit.org.id))
        if (!location) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'location', message: 'visits.locationRequired' }])
        return deps.cases.create(tx, ctx, { ...input, location, crs: input.location ? input.crs : 'wgs84', anonymous: false }, { channel: 'visit', visitId: visit.id })
      })
    },

    /** Creates the tasks due up to `at` for every live schedule; safe to repeat (the scheduler passes its transaction). */
    async generateTasks(ex: Executor, at: Date = now()): Promise<number> {
      return repo.generateTasks(ex, chinaDate(at))
    },

    async listSchedules(ctx: RequestContext, q: { orgId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await readableOrg(ctx, db, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchSchedules(db, {
        scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), roleOrgs: ctx.actor.roles.map((r) => r.orgId),
        today: chinaDate(now()), underPath, afterId: after?.id, limit: q.limit,
      })
      return toPage(found, q.limit, presentSchedule, (s) => ({ id: s.id }))
    },

    async getSchedule(ctx: RequestContext, id: string) {
      return presentSchedule(await loadSchedule(ctx, db, id))
    },

    async createSchedule(ctx: RequestContext, input: ScheduleCreate) {
      return createScheduleIn(db, ctx, input)
    },

    createScheduleIn,

    /** Ends a schedule: no new tasks, its open tasks leave the board; done ones stay on record. */
    async endSchedule(ctx: RequestContext, id: string) {
      await inTransaction(db, async (tx) => {
        const schedule = await loadSchedule(ctx, tx, id)
        authorize(ctx.actor, 'visitSchedule.manage', { orgPath: schedule.orgPath })
        await repo.endSchedule(tx, id)
        await recordAudit(tx, ctx, { action: 'visit_schedule.end', entity: 'visit_schedule', entityId: id, orgPath: schedule.orgPath, before: presentSchedule(schedule) })
      })
    },

    async listTasks(ctx: RequestContext, q: TasksQuery) {
      const filter = await taskFilter(ctx, q)
      const after = decodeCursor(q.cursor, taskCursor)
      const found = await repo.searchTasks(db, { ...filter, after, limit: q.limit })
      return toPage(found, q.limit, presentTask, (t) => ({ dueOn: t.dueOn, id: t.id }))
    },

    async summariseTasks(ctx: RequestContext, q: Omit<TasksQuery, 'cursor' | 'limit' | 'status'>) {
      return { items: await repo.summariseTasks(db, await taskFilter(ctx, q)) }
    },
  }

  async function taskFilter(ctx: RequestContext, q: Omit<TasksQuery, 'cursor' | 'limit'>): Promise<repo.TaskFilter> {
    requireSignedIn(ctx.actor)
    const underPath = q.orgId ? (await readableOrg(ctx, db, q.orgId)).path : undefined
    await requireAccess(db, ctx.actor, { permission: 'visitSchedule.read', entity: 'visitSchedule', ids: [q.scheduleId] })
    return {
      scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), roleOrgs: ctx.actor.roles.map((r) => r.orgId), today: chinaDate(now()),
      underPath, scheduleId: q.scheduleId, status: q.status, dueFrom: q.dueFrom, dueTo: q.dueTo,
    }
  }

  /**
   * Every target names a unit and a community the caller may read (404 otherwise), under the
   * schedule's owner, each pair once.
   */
  async function assertTargets(ctx: RequestContext, tx: Executor, owner: repo.OrgRefRow, targets: ScheduleCreate['targets']) {
    const refs = await requireAccess<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', ids: targets.flatMap((t) => [t.visitorOrgId, t.communityId]) })
    const under = (o: OrgAccessSubject | undefined) => !!o && o.path.startsWith(owner.path + '.')
    const details: { path: string; message: string; params?: Record<string, unknown> }[] = []
    const seen = new Set<string>()
    targets.forEach((t, i) => {
      const visitor = refs.get(t.visitorOrgId)
      const community = refs.get(t.communityId)
      if (!under(visitor)) details.push({ path: `targets.${i}.visitorOrgId`, message: 'visits.visitorUnder', params: { owner: owner.name } })
      if (!under(community) || !COMMUNITY_KINDS.includes(community!.kind)) details.push({ path: `targets.${i}.communityId`, message: 'visits.communityUnder', params: { owner: owner.name } })
      const key = `${t.visitorOrgId}:${t.communityId}`
      if (seen.has(key)) details.push({ path: `targets.${i}`, message: 'visits.targetRepeated' })
      seen.add(key)
    })
    if (details.length) throw unprocessable('VISIT_SCHEDULE_TARGETS_INVALID', {}, details)
  }
}

export type VisitService = ReturnType<typeof createVisitService>
