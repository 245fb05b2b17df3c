// The case transitions: every action runs in one transaction (lock the case, check who and which
// state with the pure rules of cases.workflow.ts, change the row, append one timeline event, tell
// the people concerned). The sweep's automatic escalation uses the same steps.
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import type { z } from 'zod'
import type { Config } from '../../kernel/config.ts'
import { firstRow, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { toWgs84, type Crs } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './cases.repository.ts'
import type { CaseSubject } from './cases.policy.ts'
import { auditCase } from './cases.audit.ts'
import { dueAfter, type CategoryBook } from './cases.categories.ts'
import { caseTitle, type CaseEffects } from './cases.effects.ts'
import { levelLabels, mayReopenAgain, NEXT_LEVEL, refusalOf, reopenedState, stateAfter, subjectOf, viewerOf } from './cases.workflow.ts'
import type { CaseAction, CaseLevel, CaseState } from './cases.schemas.ts'
import type { actionBodies } from './cases.schemas.ts'
import { actionLabels, revisitMethodWords, satisfactionWords, stateLabels } from './cases.labels.ts'

/** What a verified anonymous report's points say: nothing that ties the reporter to the case. */
const PRIVATE_REPORT_MEMO = '上报事件经核实'

export type Bodies = { [A in CaseAction]: z.infer<(typeof actionBodies)[A]> }

export function createTransitions(deps: {
  db: Executor
  config: Config
  notifications: Pick<NotificationService, 'notify'>
  categories: CategoryBook
  effects: CaseEffects
}) {
  const { db, config, notifications, categories, effects } = deps

  async function unitAt(tx: Executor, c: repo.CaseRow, level: CaseLevel) {
    if (level === 'department') {
      const department = await repo.departmentFor(tx, c.categoryCode)
      if (!department) throw unprocessable('CASE_NO_DEPARTMENT')
      return department
    }
    const unit = await repo.ancestorOfKind(tx, c.orgPath, level === 'community' ? ['community', 'village'] : ['street'])
    if (!unit) throw unprocessable('CASE_TOP_LEVEL')
    return unit
  }


  /** One action on one locked case, inside its transaction. */
  interface Transition<A extends CaseAction> {
    ctx: RequestContext
    tx: Executor
    c: repo.CaseRow
    /** The state the action leads to (cases.workflow.ts `stateAfter`). */
    to: CaseState
    body: Bodies[A]
    actorId: string | null
    actorKind: 'person' | 'system' | 'token'
    event: (e: Omit<repo.EventInput, 'caseId' | 'districtId' | 'actorId' | 'actorKind' | 'from'> & { from?: CaseState }) => Promise<string>
  }

  /** Reopening: back to the last handler (or the handling unit when there is none), a new clock. */
  async function reopen(t: Transition<CaseAction>, note: string, countAgainstLimit: boolean) {
    const { tx, c } = t
    // A reporter's dissatisfaction reopens a case CASE_MAX_REOPENS times; a dispatcher's decision always.
    if (countAgainstLimit && !mayReopenAgain(c, config.CASE_MAX_REOPENS)) throw unprocessable('CASE_REOPEN_LIMIT', { count: c.reopens })
    const category = await categories.of(tx, c.categoryCode)
    const to = reopenedState(c)
    await effects.setCase(tx, c, [
      sql`state = ${to}`,
      sql`assignee_id = ${c.lastHandlerId}`,
      sql`reopens = reopens + ${countAgainstLimit ? 1 : 0}`,
      sql`closed_at = NULL, closed_level = NULL, handled_at = NULL, handled_on_time = NULL, overdue_at = NULL, reminded_at = NULL`,
      sql`revisit_due_at = NULL, revisited_at = NULL, revisit_fixed = NULL, revisit_satisfaction = NULL`,
      // The next closing asks for a new rating; the old one stays on the timeline.
      sql`rating = NULL, rating_comment = NULL`,
      sql`handle_due_at = ${dueAfter(category, c.level, sql`now()`)}`,
    ])
    await t.event({ action: 'reopen', to, note, data: { assigneeId: c.lastHandlerId } })
    if (c.lastHandlerId) {
      await notifications.notify(tx, { personIds: [c.lastHandlerId], kind: 'case.assigned', title: `${caseTitle(c)} 重新办理`, body: note, link: { caseId: c.id } })
    }
  }

  const perform: { [A in CaseAction]: (t: Transition<A>) => Promise<void> } = {
    async accept(t) {
      const category = await categories.of(t.tx, t.c.categoryCode)
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`, sql`accepted_at = now()`, sql`overdue_at = NULL`, sql`handle_due_at = ${dueAfter(category, t.c.level, sql`now()`)}`])
      await t.event({ action: 'accept', to: t.to, note: t.body.note })
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已受理`, t.body.note ?? null)
    },
    async reject(t) {
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`, sql`reject_reason = ${t.body.reason}`, sql`assignee_id = NULL`])
      await t.event({ action: 'reject', to: t.to, note: t.body.reason })
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 不予受理`, t.body.reason)
    },
    async assign(t) {
      // The assignee is a person the dispatcher may read (404 otherwise), and works for the handling unit.
      await requireAccessOne(t.tx, t.ctx.actor, { permission: 'person.read', entity: 'person', id: t.body.assigneeId })
      if (!(await repo.worksFor(t.tx, t.body.assigneeId, t.c.handlingOrgPath))) throw unprocessable('CASE_ASSIGNEE_INVALID', {}, [{ path: 'assigneeId', message: 'cases.assigneeOutsideHandler' }])
      await assignTo(t, t.body.assigneeId, 'assign', t.body.note ?? null)
    },
    async take(t) {
      if (t.c.assigneeId !== null) throw conflict('CASE_ALREADY_TAKEN', { name: t.c.assigneeName ?? '' })
      await assignTo(t, t.actorId!, 'take', null)
    },
    async start(t) {
      let data: Record<string, unknown> = {}
      if (t.body.location) {
        const [lng, lat] = toWgs84(t.body.location.lng, t.body.location.lat, t.body.crs as Crs)
        const d = await firstRow<{ m: number }>(t.tx, sql`SELECT ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography) AS m FROM cases WHERE id = ${t.c.id}`)
        data = { checkIn: { lng, lat, distanceM: Math.round(d!.m) } }
      }
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`])
      await t.event({ action: 'start', to: t.to, note: t.body.note, data })
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 处置中`, t.body.note ?? null)
    },
    async handle(t) {
      const photos = await effects.assertPhotos(t.tx, t.ctx.actor, t.body.photoIds)
      await effects.setCase(t.tx, t.c, [
        sql`state = ${t.to}`,
        sql`handled_at = now()`,
        sql`result = ${t.body.result}`,
        sql`last_handler_id = ${t.actorId}`,
        sql`handled_on_time = coalesce(handle_due_at >= ${dbNow}, true)`,
      ])
      await t.event({ action: 'handle', to: t.to, note: t.body.result, photoIds: photos })
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已办结`, t.body.result)
      // Those who verify it (grid leader, the community's cadres) find it in their to-do and are told.
      const verifiers = (await repo.dispatchersNear(t.tx, t.c.handlingOrgId)).filter((p) => p !== t.actorId)
      await notifications.notify(t.tx, { personIds: verifiers, kind: 'case.verify', title: `${caseTitle(t.c)} 已办结，待验收`, body: t.body.result, link: { caseId: t.c.id } })
    },
    async verify(t) {
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`])
      await t.event({ action: 'verify', to: t.to, note: t.body.note })
      // An anonymous report pays its reporter privately, with a memo that names no case.
      await effects.pay(t.tx, t.c, {
        ruleCode: 'case_report_verified',
        personId: t.c.reporterId,
        idempotencyKey: `case_report_verified:${t.c.id}`,
        memo: t.c.anonymous ? PRIVATE_REPORT_MEMO : `${PRIVATE_REPORT_MEMO}：${t.c.description.slice(0, 40)}`,
        private: t.c.anonymous,
      })
    },
    async return(t) {
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`, sql`handled_at = NULL`, sql`handled_on_time = NULL`])
      await t.event({ action: 'return', to: t.to, note: t.body.note, public: false })
      if (t.c.assigneeId) await notifications.notify(t.tx, { personIds: [t.c.assigneeId], kind: 'case.assigned', title: `${caseTitle(t.c)} 被退回重办`, body: t.body.note, link: { caseId: t.c.id } })
    },
    async close(t) {
      const category = await categories.of(t.tx, t.c.categoryCode)
      await effects.setCase(t.tx, t.c, [
        sql`state = ${t.to}`,
        sql`closed_at = now()`,
        sql`closed_level = level`,
        sql`overdue_at = NULL`,
        sql`reminded_at = NULL`,
        sql`revisit_due_at = ${category.revisitDays > 0 ? sql`now() + make_interval(days => ${category.revisitDays})` : sql`NULL`}`,
      ])
      await t.event({ action: 'close', to: t.to, note: t.body.note })
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 已销号，请评价`, t.c.result, true)
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
      await effects.setCase(t.tx, t.c, [sql`rating = ${rating}`, sql`rating_comment = ${comment ?? null}`])
      await t.event({ action: 'rate', to: t.to, note: comment ?? null, data: { rating } })
      // One rating per closing: a reopened case counts its reopenings, so the next rating has its own key.
      if (rating === 5) await effects.pay(t.tx, t.c, { ruleCode: 'rating_five_star', personId: t.c.lastHandlerId, idempotencyKey: `rating_five_star:${t.c.id}:${t.c.reopens}`, memo: `事件获五星好评：#${t.c.id}` })
      if (rating <= 2) {
        try {
          await reopen(t, `反映人不满意（${rating} 星）${comment ? '：' + comment : ''}`, true)
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'CASE_REOPEN_LIMIT') throw err
          // The rating stands (the reporter's say is never lost); the handling unit decides whether
          // to reopen by hand, so it is told, and the timeline says why nothing reopened.
          const note = `反映人不满意（${rating} 星），该事件已重新办理 ${t.c.reopens} 次，达到上限，不再自动重新办理`
          await t.event({ action: 'reopen_limit', to: t.to, note, public: false, data: { rating, reopens: t.c.reopens } })
          const staff = await repo.staffOf(t.tx, t.c.handlingOrgId, t.c.level)
          await notifications.notify(t.tx, { personIds: staff, kind: 'case.update', title: `${caseTitle(t.c)} 评价不满意，重新办理已达上限`, body: comment ?? null, link: { caseId: t.c.id } })
        }
      }
    },
    async revisit(t) {
      const { fixed, note } = t.body
      // The reporter answering in the app is an online 回访; staff say how they reached them.
      const method = t.c.reporterId === t.actorId ? 'online' : (t.body.method ?? 'phone')
      const satisfaction = t.body.satisfaction ?? null
      await effects.setCase(t.tx, t.c, [sql`revisited_at = now()`, sql`revisit_fixed = ${fixed}`, sql`revisit_satisfaction = ${satisfaction}`])
      // The timeline says what was answered in words, as a work-order system's 回访记录 does.
      const said = [revisitMethodWords[method], fixed ? '问题已解决' : '问题未解决', satisfaction ? satisfactionWords[satisfaction] : null].filter(Boolean).join('，')
      await t.event({ action: 'revisit', to: t.to, note: note ? `${said}。${note}` : said, data: { fixed, satisfaction, method } })
      // Not solved, or solved but the reporter is dissatisfied: the case goes back to be handled again.
      if (!fixed) await reopen(t, `回访发现问题未解决${note ? '：' + note : ''}`, false)
      else if (satisfaction === 'dissatisfied') await reopen(t, `回访时反映人不满意${note ? '：' + note : ''}`, false)
    },
    async update(t) {
      const photos = await effects.assertPhotos(t.tx, t.ctx.actor, t.body.photoIds)
      await t.event({ action: 'update', to: t.to, note: t.body.note, photoIds: photos, public: t.body.public })
      if (t.body.public) await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} 有新进展`, t.body.note)
    },
    async merge(t) {
      const into = t.body.intoId
      if (into === t.c.id) throw unprocessable('CASE_MERGE_INVALID', { reason: '不能合并到自身' })
      // A case the merger may not read is not found; one they read but are not staff over is refused.
      const target = await requireAccessOne<CaseSubject>(t.tx, t.ctx.actor, { permission: 'case.mergeInto', entity: 'case', id: into })
      if (target.state === 'rejected' || target.state === 'closed' || target.mergedIntoId) throw unprocessable('CASE_MERGE_INVALID', { reason: '目标事件已结束' })
      const reason = `与 #${into} 重复，已合并`
      await effects.setCase(t.tx, t.c, [sql`state = ${t.to}`, sql`merged_into_id = ${into}`, sql`reject_reason = ${reason}`, sql`assignee_id = NULL`])
      await t.event({ action: 'merge', to: t.to, note: t.body.note ?? reason, data: { intoId: into } })
      // The reporter follows the other case only where a follow lets them read it (a public category).
      const followsOn = t.c.reporterId !== null && target.publicCategory
      if (followsOn) await effects.follow(t.tx, t.c.reporterId!, (await repo.caseKey(t.tx, into))!, false)
      await effects.tellFollowers(t.tx, t.c, t.actorId, `${caseTitle(t.c)} ${reason}`, followsOn ? `您将收到 #${into} 的进展` : null)
    },
    async meetings(t) {
      await t.tx.execute(sql`INSERT INTO case_meetings (case_id, district_id, held_at, participants, conclusion, recorded_by)
        VALUES (${t.c.id}, ${t.c.districtId}, ${t.body.heldAt}::timestamptz, string_to_array(${t.body.participants.join('\u001f')}, ${'\u001f'}), ${t.body.conclusion}, ${t.actorId})`)
      await t.event({ action: 'meetings', to: t.to, note: t.body.conclusion, public: false, data: { participants: t.body.participants, heldAt: t.body.heldAt } })
    },
  }

  async function assignTo(t: Transition<'assign' | 'take'>, assigneeId: string, action: 'assign' | 'take', note: string | null) {
    const { tx, c } = t
    const sets = [sql`state = ${t.to}`, sql`assignee_id = ${assigneeId}`]
    if (c.state === 'reported') {
      // Dispatching a case nobody accepted yet accepts it too: its handling clock starts now.
      const category = await categories.of(tx, c.categoryCode)
      sets.push(sql`accepted_at = now()`, sql`overdue_at = NULL`, sql`handle_due_at = ${dueAfter(category, c.level, sql`now()`)}`)
    }
    await effects.setCase(tx, c, sets)
    await t.event({ action, to: t.to, note, data: { assigneeId } })
    if (assigneeId !== t.actorId) {
      await notifications.notify(tx, { personIds: [assigneeId], kind: 'case.assigned', title: `${caseTitle(c)} 已派给您`, body: c.description.slice(0, 80), link: { caseId: c.id } })
    }
    if (c.state === 'reported') await effects.tellFollowers(tx, c, t.actorId, `${caseTitle(c)} 已受理`, null)
  }

  async function escalateTo(t: Transition<CaseAction>, to: CaseLevel, note: string) {
    const { tx, c } = t
    const unit = await unitAt(tx, c, to)
    const category = await categories.of(tx, c.categoryCode)
    await effects.setCase(tx, c, [
      sql`state = ${t.to}`,
      sql`level = ${to}`,
      sql`handling_org_id = ${unit.id}`,
      sql`handling_org_path = ${unit.path}::ltree`,
      sql`assignee_id = NULL`,
      sql`escalations = escalations + 1`,
      sql`accepted_at = coalesce(accepted_at, ${dbNow})`,
      sql`overdue_at = NULL, reminded_at = NULL`,
      sql`handle_due_at = ${dueAfter(category, to, sql`now()`)}`,
    ])
    await t.event({ action: 'escalate', to: t.to, note, data: { level: to, handlingOrgId: unit.id, handlingOrgName: unit.name } })
    const staff = await repo.staffOf(tx, unit.id, to)
    await notifications.notify(tx, { personIds: staff.filter((p) => p !== t.actorId), kind: 'case.new', title: `${caseTitle(c)} 上报至${unit.name}`, body: note, link: { caseId: c.id } })
    await effects.tellFollowers(tx, c, t.actorId, `${caseTitle(c)} 已上报至${levelLabels[to]}处置`, null)
  }

  /**
   * Runs one action on a case in one transaction of `ex` (a savepoint inside the caller's);
   * answers the case's key, so the caller reads it back from its own shard on Citus.
   */
  async function run<A extends CaseAction>(ex: Executor, ctx: RequestContext, id: string, action: A, body: Bodies[A], system = false): Promise<repo.CaseKey> {
    if (!system) requireSignedIn(ctx.actor)
    return inTransaction(ex, async (tx) => {
      const key = await repo.lockCase(tx, id)
      if (!key) throw notFound('CASE_NOT_FOUND')
      const c = (await repo.findCase(tx, key, ctx.actor.personId))!
      if (!system) {
        authorize(ctx.actor, 'case.read', subjectOf(c, ctx.actor.personId), 'CASE_NOT_FOUND')
        const refused = refusalOf(action, c, viewerOf(ctx.actor, c), { state: stateLabels[c.state], action: actionLabels[action] })
        if (refused) throw new AppError(refused.status, refused.code, refused.params, refused.code === 'CASE_STATE_CONFLICT' ? { state: c.state } : undefined)
      }
      const actorId = ctx.actor.personId
      const actorKind = system ? 'system' : ctx.actor.kind === 'token' ? 'token' : 'person'
      const eventIds: string[] = []
      await perform[action]({
        ctx,
        tx,
        c,
        to: stateAfter(action, c),
        body,
        actorId,
        actorKind,
        event: async (e: Omit<repo.EventInput, 'caseId' | 'districtId' | 'actorId' | 'actorKind' | 'from'> & { from?: CaseState }) => {
          const eventId = await repo.insertEvent(tx, { ...e, caseId: c.id, districtId: c.districtId, from: e.from ?? c.state, actorId, actorKind })
          eventIds.push(eventId)
          return eventId
        },
      } as never)
      await auditCase(tx, ctx, c, `case.${action}`, { eventId: eventIds[0] ?? null })
      return key
    })
  }

  return { run, escalateTo }
}

export type Transitions = ReturnType<typeof createTransitions>
