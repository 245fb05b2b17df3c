// Projects (惠民项目, 红色创投, 微公益众筹): proposed, decided (with the deliberation resolution
// that approved it), budgeted against a fund (the fund row locked while its remainder is checked,
// so two projects never overdraw it together), spent with expenses and receipt photos, done with
// evidence; crowdfunding pledges recorded and their receipt confirmed (Linli handles no money).
// Every step writes the project's timeline and the audit log.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, isAncestorOrSelf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './funds.projects.repository.ts'
import { lockFund } from './funds.repository.ts'
import { presentProject } from './funds.present.ts'
import { pledgeStateWords, projectActionWords, projectStateWords, proposerWords } from './funds.messages.ts'
import type { ProjectSubject, ProposalSubject } from './funds.policy.ts'
import { createFundNotices } from './funds.notices.ts'
import type { ExpenseCreate, PledgeCreate, ProjectCreate, ProjectState, ProjectsQuery } from './funds.schemas.ts'
import { chinaYear, type FundDeps } from './funds.service.ts'
import './funds.policy.ts'
import './funds.access.ts'

const PROJECT_ORG_KINDS = ['street', 'community', 'village']
type Detail = { path: string; message: string }
const round = (n: number) => Math.round(n * 100) / 100

export function createProjectService(deps: FundDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())
  const notices = createFundNotices(deps.notifications)

  async function full(ex: Executor, id: string) {
    const p = await repo.findProject(ex, id)
    if (!p) throw notFound('PROJECT_NOT_FOUND')
    const [expenses, pledges, timeline] = await allOn(ex, [() => repo.expensesOf(ex, [id]), () => repo.pledgesOf(ex, [id]), () => repo.eventsOf(ex, id)])
    return presentProject(p, { expenses, pledges, timeline })
  }

  const stateError = (state: ProjectState, action: keyof typeof projectActionWords) => conflict('PROJECT_STATE', { state: projectStateWords[state].zh, action: projectActionWords[action].zh })

  /** The resolution that decided it: readable on the public board and of the project's community (or a node above or below it). */
  async function resolutionFor(tx: Executor, id: string, orgPath: string) {
    const r = await repo.resolutionOf(tx, id)
    if (!r) throw notFound('RESOLUTION_NOT_FOUND')
    if (!isAncestorOrSelf(r.orgPath, orgPath) && !isAncestorOrSelf(orgPath, r.orgPath)) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'resolutionId', message: 'projects.resolutionElsewhere' }])
    return r
  }

  /** Locks the project, checks the permission and the state; the transition's common start. */
  async function begin(tx: Executor, ctx: RequestContext, id: string, permission: string, from: readonly ProjectState[], action: keyof typeof projectActionWords) {
    const subject = await requireAccessOne<ProjectSubject>(tx, ctx.actor, { permission, entity: 'project', id })
    const p = (await repo.lockProject(tx, id))!
    if (!from.includes(p.state)) throw stateError(p.state, action)
    return { ...p, orgPath: subject.orgPath }
  }

  /**
   * The node a project is proposed at and who proposes it: its cadres, or a person acting for the
   * social organisation named by `unitId` (`byUnit`), who may name the community the unit is
   * registered in (or its street) or a community it is paired with.
   */
  async function proposal(tx: Executor, ctx: RequestContext, input: ProjectCreate) {
    const unit = input.unitId ? await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId }) : null
    const me = ctx.actor.personId
    if (!unit || !me || !unit.personIds.includes(me)) {
      return { org: await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'fund.manageAt', entity: 'org', id: input.orgId }), unit, byUnit: false }
    }
    const org = await requireAccessOne<{ id: string; name: string; kind: string; path: string }>(tx, ctx.actor, { permission: 'project.nameOrg', entity: 'project_org', id: input.orgId })
    authorize<ProposalSubject>(ctx.actor, 'project.propose', { orgPath: org.path, unit })
    return { org, unit, byUnit: !can(ctx.actor, 'fund.manageAt', { path: org.path }) }
  }

  async function step(tx: Executor, ctx: RequestContext, id: string, e: { action: 'decide' | 'reject' | 'budget' | 'progress' | 'complete' | 'cancel'; from: ProjectState; to: ProjectState; note?: string | null; data?: Record<string, unknown>; orgPath: string; audit?: Record<string, unknown> }) {
    await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: e.action, from: e.from, to: e.to, note: e.note ?? null, data: e.data })
    await recordAudit(tx, ctx, { action: `project.${e.action}`, entity: 'project', entityId: id, orgPath: e.orgPath, after: { state: e.to, ...(e.audit ?? e.data ?? {}) } })
    return full(tx, id)
  }

  return {
    async list(ctx: RequestContext, q: ProjectsQuery) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'fund.readAt', entity: 'org', id: q.orgId })
      if (q.fundId) await requireAccessOne(db, ctx.actor, { permission: 'fund.read', entity: 'fund', id: q.fundId })
      const filter: repo.ProjectFilter = { underPath: org.path, year: q.year, kind: q.kind, state: q.state, fundId: q.fundId }
      const after = decodeCursor(q.cursor, idCursor)?.id
      const page = toPage(await repo.listProjects(db, filter, after, q.limit), q.limit, (p) => presentProject(p), (p) => ({ id: p.id }))
      return after ? page : { ...page, ...totalOf(await repo.countProjects(db, filter)) }
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'project.view', entity: 'project', id, hide: true })
      return full(db, id)
    },

    async create(ctx: RequestContext, input: ProjectCreate) {
      return inTransaction(db, async (tx) => {
        const { org, unit, byUnit } = await proposal(tx, ctx, input)
        const details: Detail[] = []
        if (!PROJECT_ORG_KINDS.includes(org.kind)) details.push({ path: 'orgId', message: 'funds.orgKind' })
        if (byUnit && input.proposedBy !== 'social_organisation') details.push({ path: 'proposedBy', message: 'projects.unitProposes' })
        if (byUnit && input.resolutionId) details.push({ path: 'resolutionId', message: 'projects.unitNoResolution' })
        if (input.kind === 'venture' && !input.unitId) details.push({ path: 'unitId', message: 'projects.unitRequired' })
        if (input.kind === 'crowdfunding' && input.targetYuan === undefined) details.push({ path: 'targetYuan', message: 'projects.targetRequired' })
        if (input.kind !== 'crowdfunding' && input.targetYuan !== undefined) details.push({ path: 'targetYuan', message: 'projects.targetOnlyCrowdfunding' })
        if (input.proposedBy === 'residents' && !input.resolutionId) details.push({ path: 'resolutionId', message: 'projects.resolutionRequired' })
        if (details.length) throw unprocessable('PROJECT_INVALID', {}, details)
        if (unit && unit.kind !== 'social_organisation') throw unprocessable('PROJECT_INVALID', {}, [{ path: 'unitId', message: 'projects.unitNotSocialOrg' }])
        const resolution = input.resolutionId ? await resolutionFor(tx, input.resolutionId, org.path) : null
        const state: ProjectState = resolution ? 'decided' : 'proposed'
        const id = await repo.insertProject(tx, {
          orgId: org.id, year: input.year ?? chinaYear(now()), kind: input.kind, state, title: input.title, summary: input.summary || null,
          governance: input.governance ?? false, proposedBy: input.proposedBy, unitId: input.unitId ?? null, resolutionId: resolution?.id ?? null,
          targetYuan: input.targetYuan ?? null, createdBy: ctx.actor.personId!,
        })
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'create', from: null, to: 'proposed' })
        if (resolution) await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'decide', from: 'proposed', to: 'decided', note: `议事决议：${resolution.title}`, data: { resolutionId: resolution.id } })
        await recordAudit(tx, ctx, { action: 'project.create', entity: 'project', entityId: id, orgPath: org.path, after: { kind: input.kind, title: input.title, state, resolutionId: resolution?.id ?? null } })
        if (state === 'proposed') {
          await notices.tell(tx, 'cadres', { projectId: id, actorId: ctx.actor.personId, kind: 'project.proposed', title: `新的项目提议：${input.title}`, body: `${unit && input.proposedBy === 'social_organisation' ? unit.name : proposerWords[input.proposedBy].zh}提出，请审议` })
        }
        return full(tx, id)
      })
    },

    async decide(ctx: RequestContext, id: string, input: { resolutionId?: string; note?: string }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.manage', ['proposed'], 'decide')
        const row = (await repo.findProject(tx, id))!
        const resolution = input.resolutionId ? await resolutionFor(tx, input.resolutionId, p.orgPath) : null
        if (row.proposedBy === 'residents' && !resolution && !row.resolutionId) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'resolutionId', message: 'projects.resolutionRequired' }])
        await repo.moveProject(tx, id, 'decided', [sqlSet.decidedAt, ...(resolution ? [sqlSet.resolution(resolution.id)] : [])])
        await notices.tell(tx, 'proposers', { projectId: id, actorId: ctx.actor.personId, kind: 'project.decided', title: `项目已决定实施：${p.title}`, body: input.note || (resolution ? `议事决议：${resolution.title}` : null) })
        return step(tx, ctx, id, { action: 'decide', from: 'proposed', to: 'decided', note: input.note || (resolution ? `议事决议：${resolution.title}` : null), data: resolution ? { resolutionId: resolution.id } : {}, orgPath: p.orgPath })
      })
    },

    async reject(ctx: RequestContext, id: string, input: { reason: string }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.manage', ['proposed'], 'reject')
        await repo.moveProject(tx, id, 'rejected')
        await notices.tell(tx, 'proposers', { projectId: id, actorId: ctx.actor.personId, kind: 'project.rejected', title: `项目不予实施：${p.title}`, body: input.reason })
        return step(tx, ctx, id, { action: 'reject', from: p.state, to: 'rejected', note: input.reason, orgPath: p.orgPath })
      })
    },

    async budget(ctx: RequestContext, id: string, input: { fundId?: string; budgetYuan: number }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.manage', ['decided'], 'budget')
        if (!input.fundId) {
          // A crowdfunding project may run on its pledges alone; every other needs a fund.
          if (p.kind !== 'crowdfunding' || input.budgetYuan > 0) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'fundId', message: 'projects.fundRequired' }])
        } else {
          if (input.budgetYuan <= 0) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'budgetYuan', message: 'projects.budgetPositive' }])
          await requireAccessOne(tx, ctx.actor, { permission: 'fund.manage', entity: 'fund', id: input.fundId })
          const fund = (await lockFund(tx, input.fundId))!
          if (!isAncestorOrSelf(fund.orgPath, p.orgPath) || fund.year !== p.year) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'fundId', message: 'projects.fundElsewhere' }])
          const left = round(fund.amountYuan - fund.committedYuan)
          if (input.budgetYuan > left) throw conflict('FUND_OVER_BUDGET', { fund: fund.name, left, asked: input.budgetYuan })
        }
        await repo.moveProject(tx, id, 'budgeted', [sqlSet.budget(input.fundId ?? null, input.budgetYuan)])
        return step(tx, ctx, id, { action: 'budget', from: 'decided', to: 'budgeted', data: { fundId: input.fundId ?? null, budgetYuan: input.budgetYuan }, orgPath: p.orgPath })
      })
    },

    async progress(ctx: RequestContext, id: string, input: { progress: number; note?: string }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.spend', ['budgeted'], 'progress')
        if (input.progress < p.progress) throw unprocessable('PROJECT_INVALID', {}, [{ path: 'progress', message: 'projects.progressBack' }])
        await repo.moveProject(tx, id, 'budgeted', [sqlSet.progress(input.progress)])
        return step(tx, ctx, id, { action: 'progress', from: 'budgeted', to: 'budgeted', note: input.note || null, data: { progress: input.progress }, orgPath: p.orgPath })
      })
    },

    async complete(ctx: RequestContext, id: string, input: { evidencePhotoIds: string[]; note: string }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.manage', ['budgeted'], 'complete')
        const photos = [...new Set(input.evidencePhotoIds)]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photos })
        await repo.moveProject(tx, id, 'done', [sqlSet.done(photos, input.note)])
        await notices.tell(tx, 'proposers', { projectId: id, actorId: ctx.actor.personId, kind: 'project.done', title: `项目已完成：${p.title}`, body: input.note })
        return step(tx, ctx, id, { action: 'complete', from: 'budgeted', to: 'done', note: input.note, data: { photoIds: photos }, orgPath: p.orgPath })
      })
    },

    async cancel(ctx: RequestContext, id: string, input: { reason: string }) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.manage', ['proposed', 'decided', 'budgeted'], 'cancel')
        if ((await repo.moneyOf(tx, id)).spent > 0) throw conflict('PROJECT_HAS_EXPENSES')
        await repo.moveProject(tx, id, 'cancelled')
        return step(tx, ctx, id, { action: 'cancel', from: p.state, to: 'cancelled', note: input.reason, orgPath: p.orgPath })
      })
    },

    /** An expense: never more than the project's budget and the pledges received for it. */
    async addExpense(ctx: RequestContext, id: string, input: ExpenseCreate) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.spend', ['budgeted'], 'expense')
        const photos = [...new Set(input.receiptPhotoIds ?? [])]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photos })
        const money = await repo.moneyOf(tx, id)
        const available = round(p.budgetYuan + money.received)
        if (round(money.spent + input.amountYuan) > available) throw conflict('PROJECT_OVERSPENT', { available, spent: money.spent, asked: input.amountYuan })
        const expenseId = await repo.insertExpense(tx, { projectId: id, amountYuan: input.amountYuan, spentOn: input.spentOn, item: input.item, payee: input.payee || null, receiptPhotoIds: photos, recordedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'expense.create', entity: 'expense', entityId: expenseId, orgPath: p.orgPath, after: { projectId: id, amountYuan: input.amountYuan, item: input.item, spentOn: input.spentOn } })
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'expense', from: 'budgeted', to: 'budgeted', note: `${input.item} ${input.amountYuan} 元`, data: { expenseId, amountYuan: input.amountYuan } })
        const spent = round(money.spent + input.amountYuan)
        if (spent > p.budgetYuan) {
          // Past the budget line the money comes from received pledges: the cadres are told of each such expense.
          await notices.tell(tx, 'cadres', { projectId: id, actorId: ctx.actor.personId, kind: 'project.overBudget', title: `项目支出超出预算：${p.title}`, body: `预算 ${p.budgetYuan} 元，已支出 ${spent} 元（本次“${input.item}” ${input.amountYuan} 元）` })
        }
        return full(tx, id)
      })
    },

    async pledge(ctx: RequestContext, id: string, input: PledgeCreate) {
      return inTransaction(db, async (tx) => {
        const p = await begin(tx, ctx, id, 'project.pledge', ['decided', 'budgeted'], 'pledge')
        if (p.kind !== 'crowdfunding') throw unprocessable('PROJECT_INVALID', {}, [{ path: 'projectId', message: 'pledges.onlyCrowdfunding' }])
        const me = ctx.actor.personId!
        if (input.unitId) {
          const unit = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId })
          if (!unit.personIds.includes(me)) throw forbidden()
        }
        const before = (await repo.moneyOf(tx, id)).pledged
        const pledgeId = await repo.insertPledge(tx, { projectId: id, personId: me, unitId: input.unitId ?? null, amountYuan: input.amountYuan, anonymous: input.anonymous ?? false, note: input.note || null })
        await recordAudit(tx, ctx, { action: 'pledge.create', entity: 'pledge', entityId: pledgeId, orgPath: p.orgPath, after: { projectId: id, amountYuan: input.amountYuan, unitId: input.unitId ?? null } })
        await repo.insertEvent(tx, { projectId: id, actorId: me, action: 'pledge', from: p.state, to: p.state, note: `认捐 ${input.amountYuan} 元`, data: { pledgeId } })
        const pledged = round(before + input.amountYuan)
        if (p.targetYuan !== null && before < p.targetYuan && pledged >= p.targetYuan) {
          // The pledge that reaches the target tells every pledger, this one included.
          await notices.tell(tx, 'pledgers', { projectId: id, actorId: null, kind: 'project.targetReached', title: `众筹已达到目标：${p.title}`, body: `认捐 ${pledged} 元，目标 ${p.targetYuan} 元，感谢您的支持` })
        }
        return { id: pledgeId, state: 'pledged' as const, amountYuan: input.amountYuan }
      })
    },

    async settlePledge(ctx: RequestContext, pledgeId: string, to: 'received' | 'withdrawn') {
      return inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<{ orgPath: string; state: string }>(tx, ctx.actor, { permission: to === 'received' ? 'pledge.confirm' : 'pledge.withdraw', entity: 'pledge', id: pledgeId })
        const moved = await repo.movePledge(tx, pledgeId, to, ctx.actor.personId!)
        const action = to === 'received' ? 'confirm' : 'withdraw'
        if (!moved) {
          const state = (await repo.pledgeState(tx, pledgeId)) ?? 'withdrawn'
          throw conflict('PLEDGE_STATE', { state: pledgeStateWords[state].zh, action: projectActionWords[action].zh })
        }
        await recordAudit(tx, ctx, { action: `pledge.${action}`, entity: 'pledge', entityId: pledgeId, orgPath: subject.orgPath, after: { state: to } })
        const p = (await repo.lockProject(tx, moved.projectId))!
        await repo.insertEvent(tx, { projectId: moved.projectId, actorId: ctx.actor.personId, action: `pledge_${action}`, from: p.state, to: p.state, note: `${to === 'received' ? '认捐到账' : '认捐撤回'} ${moved.amountYuan} 元`, data: { pledgeId } })
        return { id: pledgeId, state: to, amountYuan: moved.amountYuan }
      })
    },
  }
}

import { sql } from 'drizzle-orm'
import { bigints } from './funds.projects.repository.ts'

/** The columns a transition sets. */
const sqlSet = {
  decidedAt: sql`decided_at = now()`,
  resolution: (id: string) => sql`resolution_id = ${id}`,
  budget: (fundId: string | null, yuan: number) => sql`fund_id = ${fundId}, budget_yuan = ${yuan}, budgeted_at = now()`,
  progress: (n: number) => sql`progress = ${n}`,
  done: (photos: string[], note: string) => sql`progress = 100, evidence_photo_ids = ${bigints(photos)}, done_note = ${note}, done_at = now()`,
}
