// Cases: reported by anyone, routed to the grid the point falls in, and closed in a verified
// loop. Every transition runs in one transaction: lock the case, check who and which state,
// change the row, append one timeline event, tell the people concerned.
import { sql, type SQL } from 'drizzle-orm'
import type { Config } from '../../kernel/config.ts'
import { firstRow, isoTime, type Executor } from '../../kernel/db/client.ts'
import type { Actor, RequestContext } from '../../kernel/context.ts'
import { systemContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { withLiveOutbox } from '../../kernel/live.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { toWgs84, type Crs, type GeoService } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import * as repo from './cases.repository.ts'
import { caseReadableBy } from './cases.access.ts'
/** The public part of the read rule, for the modules that show cases to the public (Open311). */
export { publicCategory } from './cases.access.ts'
import type { CaseSubject } from './cases.policy.ts'
import { auditCase } from './cases.audit.ts'
import { presentDetail, presentFor, staffViewOf } from './cases.present.ts'
import { actionsFor, levelLabels, NEXT_LEVEL, RULES, subjectOf, viewerOf } from './cases.workflow.ts'
import type { CaseAction, CaseChannel, CaseDetail, CaseFilter, CaseLevel, CaseState } from './cases.schemas.ts'
import { actionBodies } from './cases.schemas.ts'
import { actionLabels, stateLabels } from './cases.labels.ts'

export { actionLabels, actionsFor, stateLabels }
import type { z } from 'zod'

const CATEGORY_CACHE_MS = 30_000
/** What a verified anonymous report's points say: nothing that ties the reporter to the case. */
const PRIVATE_REPORT_MEMO = '上报事件经核实'

type Bodies = { [A in CaseAction]: z.infer<(typeof actionBodies)[A]> }

export interface CreateOptions {
  channel?: CaseChannel
  contact?: Record<string, string>
  visitId?: string
  estateRatingId?: string
}

export function createCaseService(deps: {
  db: Executor
  config: Config
  geo: Pick<GeoService, 'findGridAt'>
  notifications: Pick<NotificationService, 'notify' | 'sweepDigests'>
  /** The points ledger: a verified report pays its reporter, a five-star rating the last handler. */
  points?: Pick<PointsService, 'award'>
}) {
  const { db, config, geo, notifications } = deps

  /**
   * Pays a rule's points inside the transition's transaction; once per key (a retry pays nothing).
   * `private`: the points ledger shows staff neither the memo nor the key (an anonymous report).
   */
  async function pay(tx: Executor, c: repo.CaseRow, award: { ruleCode: string; personId: string | null; idempotencyKey: string; memo: string; private?: boolean }) {
    if (!deps.points || !award.personId) return
    await deps.points.award(tx, { ...award, personId: award.personId, quantity: 1, orgId: c.org_id })
  }

  async function loadReadable(ctx: RequestContext, ex: Executor, id: string) {
    requireSignedIn(ctx.actor)
    const c = await repo.findCase(ex, id, ctx.actor.personId)
    if (!c) throw notFound('CASE_NOT_FOUND')
    authorize(ctx.actor, 'case.read', subjectOf(c, ctx.actor.personId), 'CASE_NOT_FOUND')
    return c
  }

  async function detail(ctx: RequestContext, c: repo.CaseRow, ex: Executor = db): Promise<CaseDetail> {
    const staff = staffViewOf(ctx.actor, c)
    const events = await repo.timeline(ex, c.id, !staff)
    return presentDetail(ctx.actor, c, events, staff ? await repo.meetings(ex, c.id) : [])
  }

  /** Photo ids a caller attaches: each one theirs to attach (repo.usablePhotos), or 422 as if missing. */
  async function assertPhotos(actor: Actor, ids: string[] | undefined, ex: Executor = db) {
    if (!ids?.length) return []
    const unique = [...new Set(ids)]
    const usable = await repo.usablePhotos(ex, unique, actor.personId)
    if (usable.length !== unique.length) throw notFound('PHOTO_NOT_FOUND', [{ path: 'photoIds', message: 'cases.photoMissing' }])
    return unique
  }

  /** When the handling clock ends: `days` (working days when the category says so) after `from`. */
  function dueAfter(category: repo.CategoryRow, level: CaseLevel, from: SQL): SQL {
    const days = category.limits[level]?.handleDays ?? category.handle_days
    return category.working_days ? sql`linli_add_workdays(${from}, ${days})` : sql`(${from}) + make_interval(days => ${days})`
  }

  // Categories change rarely and are read by every report and action: kept for CATEGORY_CACHE_MS
  // per process, emptied when this process edits one (another instance sees an edit within that time).
  const categoryCache = new Map<string, { row: repo.CategoryRow | undefined; at: number }>()
  async function cachedCategory(ex: Executor, code: string) {
    const hit = categoryCache.get(code)
    if (hit && Date.now() - hit.at < CATEGORY_CACHE_MS) return hit.row
    const row = await repo.findCategory(ex, code)
    categoryCache.set(code, { row, at: Date.now() })
    return row
  }

  async function categoryOf(ex: Executor, code: string) {
    const category = await cachedCategory(ex, code)
    if (!category) throw notFound('CATEGORY_NOT_FOUND')
    return category
  }

  /** Tells the reporter and the followers who may read the case about a public change. */
  async function tellFollowers(tx: Executor, c: repo.CaseRow, actorId: string | null, title: string, body: string | null, withOrgFollowers = false) {
    const followers = await repo.followersOf(tx, c.id, withOrgFollowers)
    const now = followers.filter((f) => !f.digest).map((f) => f.person_id)
    if (c.reporter_id) now.push(c.reporter_id)
    const later = followers.filter((f) => f.digest).map((f) => f.person_id)
    const skip = (p: string) => p !== actorId
    await notifications.notify(tx, { personIds: now.filter(skip), digestPersonIds: later.filter(skip), kind: 'case.update', title, body, link: { caseId: c.id } })
  }

  const caseTitle = (c: repo.CaseRow) => `#${c.id} ${c.category_name}`

  async function setCase(tx: Executor, id: string, sets: SQL[]) {
    await tx.execute(sql`UPDATE cases SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
  }

  /** Where a case goes when it is escalated to `level`. */
  async function unitAt(tx: Executor, c: repo.CaseRow, level: CaseLevel) {
    if (level === 'department') {
      const department = await repo.departmentFor(tx, c.category_code)
      if (!department) throw unprocessable('CASE_NO_DEPARTMENT')
      return department
    }
    const unit = await repo.ancestorOfKind(tx, c.org_path, level === 'community' ? ['community', 'village'] : ['street'])
    if (!unit) throw unprocessable('CASE_TOP_LEVEL')
    return unit
  }

  interface Transition<A extends CaseAction> {
    ctx: RequestContext
    tx: Executor
    c: repo.CaseRow
    body: Bodies[A]
    actorId: string | null
    actorKind: 'person' | 'system' | 'token'
    event: (e: Omit<repo.EventInput, 'caseId' | 'actorId' | 'actorKind' | 'from'> & { from?: CaseState }) => Promise<string>
  }

  /** Reopening: back to the last handler (or the handling unit when there is none), a new clock. */
  async function reopen(t: Transition<CaseAction>, note: string, countAgainstLimit: boolean) {
    const { tx, c } = t
    const category = await categoryOf(tx, c.category_code)
    const to: CaseState = c.last_handler_id ? 'assigned' : 'accepted'
    await setCase(tx, c.id, [
      sql`state = ${to}`,
      sql`assignee_id = ${c.last_handler_id}`,
      sql`reopens = reopens + ${countAgainstLimit ? 1 : 0}`,
      sql`closed_at = NULL, closed_level = NULL, handled_at = NULL, handled_on_time = NULL, overdue_at = NULL, reminded_at = NULL`,
      sql`revisit_due_at = NULL, revisited_at = NULL, revisit_fixed = NULL`,
      // The next closing asks for a new rating; the old one stays on the timeline.
      sql`rating = NULL, rating_comment = NULL`,
      sql`handle_due_at = ${dueAfter(category, c.level, sql`now()`)}`,
    ])
    await t.event({ action: 'reopen', to, note, data: { assigneeId: c.last_handler_id } })
    if (c.last_handler_id) {
      await notifications.notify(tx, { personIds: [c.last_handler_id], kind: 'case.assigned', title: `${caseTitle(c)} 重新办理`, body: note, link: { caseId: c.id } })
    }
  }

  const perform: { [A in CaseAction]: (t: Transition<A>) => Promise<void> } = {
    async accept(t) {
      const category = await categoryOf(t.tx, t.c.category_code)
      await setCase(t.tx, t.c.id, [sql`state = 'accepted'`, sql`accepted_at = now()`, sql`overdue_at = NULL`, sql`handle_due_at = ${dueAfter(category, t.c.level, sql`now()`)}`])
      await t.event({ action: 'accept', to: 'accepted', note: t.body.note })
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已受理`, t.body.note ?? null)
    },
    async reject(t) {
      await setCase(t.tx, t.c.id, [sql`state = 'rejected'`, sql`reject_reason = ${t.body.reason}`, sql`assignee_id = NULL`])
      await t.event({ action: 'reject', to: 'rejected', note: t.body.reason })
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 不予受理`, t.body.reason)
    },
    async assign(t) {
      // The assignee is a person the dispatcher may read (404 otherwise), and works for the handling unit.
      await requireAccessOne(t.tx, t.ctx.actor, { permission: 'person.read', entity: 'person', id: t.body.assigneeId })
      if (!(await repo.worksFor(t.tx, t.body.assigneeId, t.c.handling_org_path))) throw unprocessable('CASE_ASSIGNEE_INVALID', {}, [{ path: 'assigneeId', message: 'cases.assigneeOutsideHandler' }])
      await assignTo(t, t.body.assigneeId, 'assign', t.body.note ?? null)
    },
    async take(t) {
      if (t.c.assignee_id !== null) throw conflict('CASE_ALREADY_TAKEN', { name: t.c.assignee_name ?? '' })
      await assignTo(t, t.actorId!, 'take', null)
    },
    async start(t) {
      let data: Record<string, unknown> = {}
      if (t.body.location) {
        const [lng, lat] = toWgs84(t.body.location.lng, t.body.location.lat, t.body.crs as Crs)
        const d = await firstRow<{ m: number }>(t.tx, sql`SELECT ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography) AS m FROM cases WHERE id = ${t.c.id}`)
        data = { checkIn: { lng, lat, distanceM: Math.round(d!.m) } }
      }
      await setCase(t.tx, t.c.id, [sql`state = 'in_progress'`])
      await t.event({ action: 'start', to: 'in_progress', note: t.body.note, data })
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 处置中`, t.body.note ?? null)
    },
    async handle(t) {
      const photos = await assertPhotos(t.ctx.actor, t.body.photoIds, t.tx)
      await setCase(t.tx, t.c.id, [
        sql`state = 'handled'`,
        sql`handled_at = now()`,
        sql`result = ${t.body.result}`,
        sql`last_handler_id = ${t.actorId}`,
        sql`handled_on_time = coalesce(handle_due_at >= now(), true)`,
      ])
      await t.event({ action: 'handle', to: 'handled', note: t.body.result, photoIds: photos })
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已办结`, t.body.result)
    },
    async verify(t) {
      await setCase(t.tx, t.c.id, [sql`state = 'verified'`])
      await t.event({ action: 'verify', to: 'verified', note: t.body.note })
      // An anonymous report pays its reporter privately, with a memo that names no case.
      await pay(t.tx, t.c, {
        ruleCode: 'case_report_verified',
        personId: t.c.reporter_id,
        idempotencyKey: `case_report_verified:${t.c.id}`,
        memo: t.c.anonymous ? PRIVATE_REPORT_MEMO : `${PRIVATE_REPORT_MEMO}：${t.c.description.slice(0, 40)}`,
        private: t.c.anonymous,
      })
    },
    async return(t) {
      await setCase(t.tx, t.c.id, [sql`state = 'in_progress'`, sql`handled_at = NULL`, sql`handled_on_time = NULL`])
      await t.event({ action: 'return', to: 'in_progress', note: t.body.note, public: false })
      if (t.c.assignee_id) await notifications.notify(t.tx, { personIds: [t.c.assignee_id], kind: 'case.assigned', title: `${caseTitle(t.c)} 被退回重办`, body: t.body.note, link: { caseId: t.c.id } })
    },
    async close(t) {
      const category = await categoryOf(t.tx, t.c.category_code)
      await setCase(t.tx, t.c.id, [
        sql`state = 'closed'`,
        sql`closed_at = now()`,
        sql`closed_level = level`,
        sql`overdue_at = NULL`,
        sql`reminded_at = NULL`,
        sql`revisit_due_at = ${category.revisit_days > 0 ? sql`now() + make_interval(days => ${category.revisit_days})` : sql`NULL`}`,
      ])
      await t.event({ action: 'close', to: 'closed', note: t.body.note })
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已销号，请评价`, t.c.result, true)
    },
    async escalate(t) {
      const to = t.body.level ?? NEXT_LEVEL[t.c.level]
      if (!to) throw unprocessable('CASE_TOP_LEVEL')
      const order: CaseLevel[] = ['grid', 'community', 'street', 'department']
      if (order.indexOf(to) <= order.indexOf(t.c.level)) throw unprocessable('CASE_TOP_LEVEL')
      await escalateTo(t, to, t.body.note)
    },
    async reopen(t) {
      await reopen(t, t.body.note, false)
    },
    async rate(t) {
      const { rating, comment } = t.body
      await setCase(t.tx, t.c.id, [sql`rating = ${rating}`, sql`rating_comment = ${comment ?? null}`])
      await t.event({ action: 'rate', to: 'closed', note: comment ?? null, data: { rating } })
      // One rating per closing: a reopened case counts its reopenings, so the next rating has its own key.
      if (rating === 5) await pay(t.tx, t.c, { ruleCode: 'rating_five_star', personId: t.c.last_handler_id, idempotencyKey: `rating_five_star:${t.c.id}:${t.c.reopens}`, memo: `事件获五星好评：#${t.c.id}` })
      if (rating <= 2) {
        if (t.c.reopens >= config.CASE_MAX_REOPENS) return
        await reopen(t, `反映人不满意（${rating} 星）${comment ? '：' + comment : ''}`, true)
      }
    },
    async revisit(t) {
      await setCase(t.tx, t.c.id, [sql`revisited_at = now()`, sql`revisit_fixed = ${t.body.fixed}`])
      await t.event({ action: 'revisit', to: 'closed', note: t.body.note, data: { fixed: t.body.fixed } })
      if (!t.body.fixed) await reopen(t, `回头看发现问题未解决${t.body.note ? '：' + t.body.note : ''}`, false)
    },
    async update(t) {
      const photos = await assertPhotos(t.ctx.actor, t.body.photoIds, t.tx)
      await t.event({ action: 'update', to: t.c.state, note: t.body.note, photoIds: photos, public: t.body.public })
      if (t.body.public) await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 有新进展`, t.body.note)
    },
    async merge(t) {
      const into = t.body.intoId
      if (into === t.c.id) throw unprocessable('CASE_MERGE_INVALID', { reason: '不能合并到自身' })
      // A case the merger may not read is not found; one they read but are not staff over is refused.
      const target = await requireAccessOne<CaseSubject>(t.tx, t.ctx.actor, { permission: 'case.mergeInto', entity: 'case', id: into })
      if (target.state === 'rejected' || target.state === 'closed' || target.mergedIntoId) throw unprocessable('CASE_MERGE_INVALID', { reason: '目标事件已结束' })
      const reason = `与 #${into} 重复，已合并`
      await setCase(t.tx, t.c.id, [sql`state = 'rejected'`, sql`merged_into_id = ${into}`, sql`reject_reason = ${reason}`, sql`assignee_id = NULL`])
      await t.event({ action: 'merge', to: 'rejected', note: t.body.note ?? reason, data: { intoId: into } })
      // The reporter follows the other case only where a follow lets them read it (a public category).
      const followsOn = t.c.reporter_id !== null && target.publicCategory
      if (followsOn) await follow(t.tx, t.c.reporter_id!, into, false)
      await tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} ${reason}`, followsOn ? `您将收到 #${into} 的进展` : null)
    },
    async meetings(t) {
      await t.tx.execute(sql`INSERT INTO case_meetings (case_id, held_at, participants, conclusion, recorded_by)
        VALUES (${t.c.id}, ${t.body.heldAt}::timestamptz, string_to_array(${t.body.participants.join('\u001f')}, ${'\u001f'}), ${t.body.conclusion}, ${t.actorId})`)
      await t.event({ action: 'meetings', to: t.c.state, note: t.body.conclusion, public: false, data: { participants: t.body.participants, heldAt: t.body.heldAt } })
    },
  }

  async function assignTo(t: Transition<'assign' | 'take'>, assigneeId: string, action: 'assign' | 'take', note: string | null) {
    const { tx, c } = t
    const sets = [sql`state = 'assigned'`, sql`assignee_id = ${assigneeId}`]
    if (c.state === 'reported') {
      // Dispatching a case nobody accepted yet accepts it too: its handling clock starts now.
      const category = await categoryOf(tx, c.category_code)
      sets.push(sql`accepted_at = now()`, sql`overdue_at = NULL`, sql`handle_due_at = ${dueAfter(category, c.level, sql`now()`)}`)
    }
    await setCase(tx, c.id, sets)
    await t.event({ action, to: 'assigned', note, data: { assigneeId } })
    if (assigneeId !== t.actorId) {
      await notifications.notify(tx, { personIds: [assigneeId], kind: 'case.assigned', title: `${caseTitle(c)} 已派给您`, body: c.description.slice(0, 80), link: { caseId: c.id } })
    }
    if (c.state === 'reported') await tellFollowers(tx, c, t.actorId, `${caseTitle(c)} 已受理`, null)
  }

  async function escalateTo(t: Transition<CaseAction>, to: CaseLevel, note: string) {
    const { tx, c } = t
    const unit = await unitAt(tx, c, to)
    const category = await categoryOf(tx, c.category_code)
    await setCase(tx, c.id, [
      sql`state = 'accepted'`,
      sql`level = ${to}`,
      sql`handling_org_id = ${unit.id}`,
      sql`handling_org_path = ${unit.path}::ltree`,
      sql`assignee_id = NULL`,
      sql`escalations = escalations + 1`,
      sql`accepted_at = coalesce(accepted_at, now())`,
      sql`overdue_at = NULL, reminded_at = NULL`,
      sql`handle_due_at = ${dueAfter(category, to, sql`now()`)}`,
    ])
    await t.event({ action: 'escalate', to: 'accepted', note, data: { level: to, handlingOrgId: unit.id, handlingOrgName: unit.name } })
    const staff = await repo.staffOf(tx, unit.id, to)
    await notifications.notify(tx, { personIds: staff.filter((p) => p !== t.actorId), kind: 'case.new', title: `${caseTitle(c)} 上报至${unit.name}`, body: note, link: { caseId: c.id } })
    await tellFollowers(tx, c, t.actorId, `${caseTitle(c)} 已上报至${levelLabels[to]}处置`, null)
  }

  async function follow(tx: Executor, personId: string, caseId: string, digest: boolean) {
    const added = await firstRow(tx, sql`INSERT INTO follows (person_id, case_id, digest) VALUES (${personId}, ${caseId}, ${digest})
      ON CONFLICT (person_id, case_id) WHERE case_id IS NOT NULL DO UPDATE SET digest = EXCLUDED.digest
      RETURNING (xmax = 0) AS inserted`)
    if ((added as { inserted: boolean } | undefined)?.inserted) await tx.execute(sql`UPDATE cases SET followers = followers + 1 WHERE id = ${caseId}`)
  }

  /** Runs one action in one transaction; answers the case as it is afterwards. */
  async function act<A extends CaseAction>(ctx: RequestContext, id: string, action: A, body: Bodies[A], system = false): Promise<CaseDetail> {
    if (!system) requireSignedIn(ctx.actor)
    await withLiveOutbox(db, () => db.transaction(async (tx) => {
      if (!(await repo.lockCase(tx, id))) throw notFound('CASE_NOT_FOUND')
      const c = (await repo.findCase(tx, id, ctx.actor.personId))!
      if (!system) {
        authorize(ctx.actor, 'case.read', subjectOf(c, ctx.actor.personId), 'CASE_NOT_FOUND')
        const rule = RULES[action]
        const v = viewerOf(ctx.actor, c)
        if (action === 'take' && c.assignee_id !== null && v.staff) throw conflict('CASE_ALREADY_TAKEN', { name: c.assignee_name ?? '' })
        if (!rule.from.includes(c.state)) throw conflict('CASE_STATE_CONFLICT', { state: stateLabels[c.state], action: actionLabels[action] }, { state: c.state })
        if (!rule.who(v, c)) {
          if (action === 'rate') throw new AppError(c.rating !== null ? 409 : 403, c.rating !== null ? 'CASE_ALREADY_RATED' : 'CASE_NOT_REPORTER')
          if (action === 'revisit' && (v.staff || v.reporter)) throw unprocessable('CASE_REVISIT_NOT_DUE')
          if (action === 'escalate' && v.staff) throw unprocessable('CASE_TOP_LEVEL')
          if ((action === 'start' || action === 'handle') && v.staff) throw forbidden('CASE_NOT_ASSIGNEE')
          throw forbidden()
        }
      }
      const actorId = ctx.actor.personId
      const actorKind = system ? 'system' : ctx.actor.kind === 'token' ? 'token' : 'person'
      const eventIds: string[] = []
      await perform[action]({
        ctx,
        tx,
        c,
        body,
        actorId,
        actorKind,
        event: async (e: Omit<repo.EventInput, 'caseId' | 'actorId' | 'actorKind' | 'from'> & { from?: CaseState }) => {
          const eventId = await repo.insertEvent(tx, { ...e, caseId: c.id, from: e.from ?? c.state, actorId, actorKind })
          eventIds.push(eventId)
          return eventId
        },
      } as never)
      await auditCase(tx, ctx, c, `case.${action}`, { eventId: eventIds[0] ?? null })
    }))
    const after = (await repo.findCase(db, id, ctx.actor.personId))!
    return can(ctx.actor, 'case.read', subjectOf(after, ctx.actor.personId)) || system ? detail(ctx, after) : { ...presentFor(ctx.actor, after), timeline: [], meetings: [] }
  }

  function selection(ctx: RequestContext, q: CaseFilter, underPath?: string): repo.ListSelection {
    const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
    return { ...q, scopes: scopes.length ? scopeParam(scopes) : null, personId: ctx.actor.personId, readable: caseReadableBy(ctx.actor), underPath }
  }

  /** The node a list narrows to: one the caller may read (404 otherwise, as for a missing node). */
  async function underPathOf(ctx: RequestContext, orgId: string | undefined) {
    if (!orgId) return undefined
    return (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })).path
  }

  return {
    actionsFor,

    /** The photos another module's record attaches (a visit's), under the same rule as a case's. */
    assertPhotos: (ex: Executor, actor: Actor, ids: string[] | undefined) => assertPhotos(actor, ids, ex),

    async categories(ctx: RequestContext, all: boolean) {
      const list = await repo.listCategories(db, all && can(ctx.actor, 'case.configure', null))
      return list.map(presentCategory)
    },

    async createCategory(ctx: RequestContext, input: CategoryInput & { code: string }) {
      authorize(ctx.actor, 'case.configure', null)
      const created = await db.transaction(async (tx) => {
        if (await repo.findCategory(tx, input.code)) throw conflict('CATEGORY_CODE_TAKEN', {}, [{ path: 'code', message: 'cases.categoryCodeTaken' }])
        const parent = input.code.includes('.') ? input.code.split('.')[0]! : null
        if (parent && !(await repo.findCategory(tx, parent))) throw notFound('CATEGORY_NOT_FOUND', [{ path: 'code', message: 'cases.parentCategoryMissing', params: { parent } }])
        await assertDepartment(ctx, tx, input.departmentId)
        await tx.execute(sql`INSERT INTO case_categories (code, parent_code, name, name_en, description, accept_hours, handle_days, limits,
            working_days, revisit_days, department_id, public, active, sort)
          VALUES (${input.code}, ${parent}, ${input.name}, ${input.nameEn}, ${input.description ?? null}, ${input.acceptHours}, ${input.handleDays},
            ${JSON.stringify(input.limits ?? {})}::jsonb, ${input.workingDays}, ${input.revisitDays}, ${input.departmentId ?? null}, ${input.public}, ${input.active}, ${input.sort})`)
        const created = presentCategory((await repo.findCategory(tx, input.code))!)
        await recordAudit(tx, ctx, { action: 'case_category.create', entity: 'case_category', entityId: null, orgPath: null, after: created })
        return created
      })
      categoryCache.clear()
      return created
    },

    async updateCategory(ctx: RequestContext, code: string, input: Partial<CategoryInput>) {
      authorize(ctx.actor, 'case.configure', null)
      const updated = await db.transaction(async (tx) => {
        const before = await repo.findCategory(tx, code)
        if (!before) throw notFound('CATEGORY_NOT_FOUND')
        await assertDepartment(ctx, tx, input.departmentId)
        const columns: Record<string, SQL | undefined> = {
          name: input.name === undefined ? undefined : sql`${input.name}`,
          name_en: input.nameEn === undefined ? undefined : sql`${input.nameEn}`,
          description: input.description === undefined ? undefined : sql`${input.description}`,
          accept_hours: input.acceptHours === undefined ? undefined : sql`${input.acceptHours}`,
          handle_days: input.handleDays === undefined ? undefined : sql`${input.handleDays}`,
          limits: input.limits === undefined ? undefined : sql`${JSON.stringify(input.limits)}::jsonb`,
          working_days: input.workingDays === undefined ? undefined : sql`${input.workingDays}`,
          revisit_days: input.revisitDays === undefined ? undefined : sql`${input.revisitDays}`,
          department_id: input.departmentId === undefined ? undefined : sql`${input.departmentId}`,
          public: input.public === undefined ? undefined : sql`${input.public}`,
          active: input.active === undefined ? undefined : sql`${input.active}`,
          sort: input.sort === undefined ? undefined : sql`${input.sort}`,
        }
        const sets = Object.entries(columns).flatMap(([k, v]) => (v ? [sql`${sql.identifier(k)} = ${v}`] : []))
        if (sets.length) await tx.execute(sql`UPDATE case_categories SET ${sql.join(sets, sql`, `)} WHERE code = ${code}`)
        const after = presentCategory((await repo.findCategory(tx, code))!)
        await recordAudit(tx, ctx, { action: 'case_category.update', entity: 'case_category', entityId: null, orgPath: null, before: presentCategory(before), after })
        return after
      })
      categoryCache.clear()
      return updated
    },

    /**
     * Reports a case. The point is resolved to its grid, which handles it first; its grid staff
     * are told at once. Anonymous reports are allowed; a signed-in reporter may hide their name.
     */
    async create(ctx: RequestContext, input: { categoryCode: string; description: string; location: { lng: number; lat: number }; crs?: Crs; address?: string; photoIds?: string[]; anonymous?: boolean }, options: CreateOptions = {}) {
      const category = await cachedCategory(db, input.categoryCode)
      if (!category || !category.active) throw notFound('CATEGORY_NOT_FOUND', [{ path: 'categoryCode', message: 'cases.categoryMissingOrInactive' }])
      const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84')
      const grid = await geo.findGridAt({ lng, lat, crs: 'wgs84' })
      if (!grid) throw unprocessable('LOCATION_OUTSIDE', {}, [{ path: 'location', message: 'cases.locationOutsideGrids' }])
      const reporterId = ctx.actor.kind === 'person' ? ctx.actor.personId : null
      const channel: CaseChannel =
        options.channel ?? (ctx.actor.kind === 'token' ? 'api' : ctx.actor.roles.some((r) => r.role !== 'resident' && r.role !== 'member' && r.role !== 'volunteer') ? 'console' : 'h5')
      const anonymous = input.anonymous === true || reporterId === null
      const id = await withLiveOutbox(db, () => db.transaction(async (tx) => {
        const photos = await assertPhotos(ctx.actor, input.photoIds, tx)
        // One statement writes the case and its first timeline row and finds the grid's staff.
        const row = await firstRow<{ id: string; event_id: string; staff: string[] | null }>(tx, sql`
          WITH c AS (
            INSERT INTO cases (org_id, org_path, category_code, description, location, address, handling_org_id, handling_org_path,
                               reporter_id, anonymous, channel, contact, photo_ids, visit_id, estate_rating_id, accept_due_at)
            VALUES (${grid.id}, ${grid.path}::ltree, ${category.code}, ${input.description}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326),
                    ${input.address ?? null}, ${grid.id}, ${grid.path}::ltree, ${reporterId}, ${anonymous},
                    ${channel}, ${options.contact ? JSON.stringify(options.contact) : null}::jsonb,
                    string_to_array(${photos.join(',')}, ',')::bigint[], ${options.visitId ?? null}, ${options.estateRatingId ?? null},
                    now() + make_interval(hours => ${category.limits.grid?.acceptHours ?? category.accept_hours}))
            RETURNING id),
          e AS (
            INSERT INTO case_events (case_id, action, from_state, to_state, actor_id, actor_kind, photo_ids, data)
            SELECT id, 'report', NULL, 'reported', ${reporterId}, ${ctx.actor.kind === 'token' ? 'token' : 'person'},
                   string_to_array(${photos.join(',')}, ',')::bigint[], ${JSON.stringify({ channel })}::jsonb FROM c
            RETURNING id)
          SELECT c.id::text, (SELECT e.id::text FROM e) AS event_id,
            (SELECT array_agg(DISTINCT r.person_id::text) FROM role_assignments r
              WHERE r.org_id = ${grid.id} AND r.role IN ('grid_leader', 'grid_worker')
                AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)) AS staff
          FROM c`)
        const caseId = row!.id
        await auditCase(tx, ctx, { id: caseId, org_path: grid.path, anonymous, reporter_id: reporterId }, 'case.create', { eventId: row!.event_id })
        const notMe = (p: string) => p !== reporterId
        await notifications.notify(tx, { personIds: (row!.staff ?? []).filter(notMe), kind: 'case.new', title: `网格新事件 #${caseId} ${category.name}`, body: input.description.slice(0, 80), link: { caseId } })
        // Followers of the grid and the nodes above it, each only if they may read this case.
        const orgFollowers = await repo.followersOf(tx, caseId, true)
        await notifications.notify(tx, {
          personIds: orgFollowers.filter((f) => !f.digest).map((f) => f.person_id).filter(notMe),
          digestPersonIds: orgFollowers.filter((f) => f.digest).map((f) => f.person_id).filter(notMe),
          kind: 'case.update',
          title: `${grid.name} 新事件 #${caseId} ${category.name}`,
          body: input.description.slice(0, 80),
          link: { caseId },
        })
        return caseId
      }))
      const created = (await repo.findCase(db, id, reporterId))!
      return presentFor(ctx.actor, created)
    },

    /** Open cases nearby: anyone may ask, so only cases of public categories, in their public view. */
    async nearby(q: { lng: number; lat: number; crs: Crs; categoryCode: string }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      const found = await repo.nearbyOpen(db, lng, lat, q.categoryCode)
      return {
        items: found.map((r) => ({ id: r.id, categoryCode: r.category_code, categoryName: r.category_name, description: r.description, state: r.state, distanceM: Math.round(r.distance_m), createdAt: isoTime(r.created_at)!, followers: r.followers })),
      }
    },

    async list(ctx: RequestContext, q: CaseFilter & { cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const s = selection(ctx, q, await underPathOf(ctx, q.orgId))
      const found = await repo.listCases(db, { ...s, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (c) => presentFor(ctx.actor, c), (c) => ({ id: c.id }))
    },

    async map(ctx: RequestContext, q: CaseFilter & { bbox?: [number, number, number, number] }) {
      requireSignedIn(ctx.actor)
      const found = await repo.mapCases(db, { ...selection(ctx, q, await underPathOf(ctx, q.orgId)), bbox: q.bbox })
      return {
        type: 'FeatureCollection' as const,
        features: found.map((r) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [r.lng, r.lat] as [number, number] },
          properties: { id: r.id, state: r.state, categoryCode: r.category_code, overdue: r.overdue, level: r.level },
        })),
      }
    },

    /** Figures for a node: cases by state, on-time rate, and where they were closed. */
    async stats(ctx: RequestContext, q: { orgId: string; from?: string; to?: string }) {
      requireSignedIn(ctx.actor)
      const underPath = (await underPathOf(ctx, q.orgId))!
      const where = repo.selectionWhere({ ...selection(ctx, { box: 'scope', from: q.from, to: q.to }, underPath) })
      const r = (await repo.caseStats(db, where))!
      const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)
      return {
        total: r.total,
        byState: r.by_state ?? {},
        overdue: r.overdue,
        onTimeRate: share(r.on_time, r.timed),
        closed: r.closed,
        closedAtGrid: r.closed_grid,
        closedAtCommunity: r.closed_community,
        gridShare: share(r.closed_grid, r.closed),
        communityShare: share(r.closed_community, r.closed),
        avgRating: r.avg_rating === null ? null : Number(r.avg_rating),
      }
    },

    async get(ctx: RequestContext, id: string) {
      return detail(ctx, await loadReadable(ctx, db, id))
    },

    act,

    /**
     * Whoever reads a case may follow it, and anyone signed in an open case of a public category
     * (the duplicate check shows such cases to the public); following opens its public view to them.
     */
    async follow(ctx: RequestContext, id: string, digest: boolean) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      await db.transaction(async (tx) => {
        const c = await repo.findCase(tx, id, ctx.actor.personId)
        if (!c || !can(ctx.actor, 'case.follow', subjectOf(c, ctx.actor.personId))) throw notFound('CASE_NOT_FOUND')
        await follow(tx, ctx.actor.personId!, c.id, digest)
        await auditCase(tx, ctx, c, 'case.follow', { digest })
      })
      return presentFor(ctx.actor, (await repo.findCase(db, id, ctx.actor.personId))!)
    },

    async unfollow(ctx: RequestContext, id: string) {
      await db.transaction(async (tx) => {
        const c = await loadReadable(ctx, tx, id)
        const gone = await firstRow(tx, sql`DELETE FROM follows WHERE person_id = ${ctx.actor.personId} AND case_id = ${c.id} RETURNING id`)
        if (!gone) return
        await tx.execute(sql`UPDATE cases SET followers = followers - 1 WHERE id = ${c.id}`)
        await auditCase(tx, ctx, c, 'case.unfollow', {})
      })
      return presentFor(ctx.actor, (await repo.findCase(db, id, ctx.actor.personId))!)
    },

    /**
     * The minute sweep: marks overdue cases, reminds before deadlines, escalates cases overdue
     * too long, asks for revisits, and sends digests. `now` is a parameter so tests can move time.
     */
    async sweep(tx: Executor, now: Date) {
      const at = now.toISOString()
      const ctx = systemContext()
      const counts = { overdue: 0, reminded: 0, escalated: 0, revisits: 0, digests: 0 }
      const overdue = await repoRows<{ id: string; state: CaseState; assignee_id: string | null; handling_org_id: string; level: CaseLevel; title: string }>(tx, sql`
        UPDATE cases c SET overdue_at = ${at}::timestamptz FROM case_categories cat
        WHERE cat.code = c.category_code
          AND c.id IN (SELECT d.id FROM cases d WHERE d.overdue_at IS NULL
            AND ((d.state = 'reported' AND d.accept_due_at < ${at}::timestamptz)
              OR (d.state IN ('accepted','assigned','in_progress') AND d.handle_due_at < ${at}::timestamptz))
            ORDER BY d.id LIMIT 500)
        RETURNING c.id::text, c.state, c.assignee_id::text, c.handling_org_id::text, c.level, '#' || c.id || ' ' || cat.name AS title`)
      for (const c of overdue) {
        await repo.insertEvent(tx, { caseId: c.id, action: 'overdue', from: c.state, to: c.state, actorId: null, actorKind: 'system', public: false, at })
        const who = c.assignee_id ? [c.assignee_id] : await repo.staffOf(tx, c.handling_org_id, c.level)
        await notifications.notify(tx, { personIds: who, kind: 'case.overdue', title: `${c.title} 已超期`, body: c.state === 'reported' ? '超过受理时限' : '超过办理时限', link: { caseId: c.id } })
      }
      counts.overdue = overdue.length

      const soon = await repoRows<{ id: string; assignee_id: string | null; handling_org_id: string; level: CaseLevel; title: string; handle_due_at: string }>(tx, sql`
        UPDATE cases c SET reminded_at = ${at}::timestamptz FROM case_categories cat
        WHERE cat.code = c.category_code AND c.reminded_at IS NULL AND c.overdue_at IS NULL
          AND c.state IN ('accepted','assigned','in_progress')
          AND c.handle_due_at BETWEEN ${at}::timestamptz AND ${at}::timestamptz + interval '1 day'
        RETURNING c.id::text, c.assignee_id::text, c.handling_org_id::text, c.level, '#' || c.id || ' ' || cat.name AS title, c.handle_due_at::text`)
      for (const c of soon) {
        await repo.insertEvent(tx, { caseId: c.id, action: 'remind', from: null, to: null, actorId: null, actorKind: 'system', public: false, at })
        const who = c.assignee_id ? [c.assignee_id] : await repo.staffOf(tx, c.handling_org_id, c.level)
        await notifications.notify(tx, { personIds: who, kind: 'case.due_soon', title: `${c.title} 即将到期`, body: `办理时限：${isoTime(c.handle_due_at)}`, link: { caseId: c.id } })
      }
      counts.reminded = soon.length

      if (config.CASE_AUTO_ESCALATE_HOURS > 0) {
        const late = await repoRows<{ id: string }>(tx, sql`
          SELECT c.id::text FROM cases c
          WHERE c.state IN ('reported','accepted','assigned','in_progress') AND c.level <> 'department'
            AND c.overdue_at < ${at}::timestamptz - make_interval(hours => ${config.CASE_AUTO_ESCALATE_HOURS})
          ORDER BY c.id LIMIT 100`)
        for (const { id } of late) {
          const c = (await repo.findCase(tx, id, null))!
          const to = NEXT_LEVEL[c.level]!
          let eventId: string | null = null
          const t = {
            ctx, tx, c, body: {}, actorId: null, actorKind: 'system' as const,
            event: async (e: Omit<repo.EventInput, 'caseId' | 'actorId' | 'actorKind' | 'from'>) =>
              (eventId = await repo.insertEvent(tx, { ...e, caseId: c.id, from: c.state, actorId: null, actorKind: 'system', at })),
          }
          try {
            await escalateTo(t as never, to, `超期 ${config.CASE_AUTO_ESCALATE_HOURS} 小时未办结，系统自动上报`)
            await auditCase(tx, ctx, c, 'case.escalate', { eventId })
            counts.escalated++
          } catch (err) {
            // No unit above (no department for the category): mark it so the sweep does not retry every minute.
            if (!(err instanceof AppError)) throw err
            await tx.execute(sql`UPDATE cases SET overdue_at = ${at}::timestamptz WHERE id = ${c.id}`)
          }
        }
      }

      const revisits = await repoRows<{ id: string; reporter_id: string | null; handling_org_id: string; level: CaseLevel; title: string }>(tx, sql`
        UPDATE cases c SET reminded_at = ${at}::timestamptz FROM case_categories cat
        WHERE cat.code = c.category_code AND c.state = 'closed' AND c.revisited_at IS NULL AND c.reminded_at IS NULL
          AND c.revisit_due_at <= ${at}::timestamptz
        RETURNING c.id::text, c.reporter_id::text, c.handling_org_id::text, c.level, '#' || c.id || ' ' || cat.name AS title`)
      for (const c of revisits) {
        await repo.insertEvent(tx, { caseId: c.id, action: 'revisit_due', from: 'closed', to: 'closed', actorId: null, actorKind: 'system', public: false, at })
        if (c.reporter_id) await notifications.notify(tx, { personIds: [c.reporter_id], kind: 'case.revisit', title: `${c.title}：问题解决了吗？`, body: '请告诉我们问题是否已经解决', link: { caseId: c.id } })
        await notifications.notify(tx, { personIds: await repo.staffOf(tx, c.handling_org_id, c.level), kind: 'case.revisit', title: `${c.title} 待回头看`, body: null, link: { caseId: c.id } })
      }
      counts.revisits = revisits.length
      // What waited a day for the digest is counted only where its reader may still read the case.
      counts.digests = await notifications.sweepDigests(tx, now, repo.readableByPeople)
      return counts
    },
  }

  /** A category's department: a node the configurer may read (404 otherwise), of kind department. */
  async function assertDepartment(ctx: RequestContext, tx: Executor, departmentId: string | null | undefined) {
    if (!departmentId) return
    const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: departmentId })
    if (org.kind !== 'department') throw notFound('ORG_NOT_FOUND', [{ path: 'departmentId', message: 'cases.departmentMissing' }])
  }
}

const repoRows = async <T,>(ex: Executor, q: SQL) => ((await ex.execute(q)) as unknown as { rows: T[] }).rows

type CategoryInput = {
  name: string
  nameEn: string
  description?: string | null
  acceptHours: number
  handleDays: number
  limits?: Partial<Record<CaseLevel, { acceptHours?: number; handleDays?: number }>>
  workingDays: boolean
  revisitDays: number
  departmentId?: string | null
  public: boolean
  active: boolean
  sort: number
}

function presentCategory(c: repo.CategoryRow) {
  return {
    code: c.code,
    parentCode: c.parent_code,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    acceptHours: c.accept_hours,
    handleDays: c.handle_days,
    limits: c.limits as Record<string, { acceptHours?: number; handleDays?: number }>,
    workingDays: c.working_days,
    revisitDays: c.revisit_days,
    departmentId: c.department_id,
    public: c.public,
    active: c.active,
    sort: c.sort,
  }
}

export type CaseService = ReturnType<typeof createCaseService>
