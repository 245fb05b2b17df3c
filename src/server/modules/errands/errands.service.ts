// Errands (红色帮办): help for firms and residents with paperwork at three levels of desks. This
// file composes the parts (actions, steps and checklist, the sweep) and answers the reads (the
// list, one errand, the figures) and the opening of an errand.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, roleLevels } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import { decodeCursor, idCursor, toCountedPage } from '../../kernel/pagination.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './errands.repository.ts'
import { errandReadableBy, requestedBy } from './errands.access.ts'
import { presentDetail, presentErrand, subjectOf } from './errands.present.ts'
import { DESK_KINDS, KINDS_OF_LEVEL } from './errands.workflow.ts'
import { errandFigures } from './errands.figures.ts'
import { createErrandCore, createTransitions, type Bodies } from './errands.transitions.ts'
import { createSteps } from './errands.steps.ts'
import { createErrandSweep } from './errands.sweep.ts'
import type { ErrandAction, ErrandCreate, ErrandDetail, ErrandsQuery } from './errands.schemas.ts'
import { errandLevelWords } from './errands.labels.ts'

/** Today in Beijing, as the date a due date is compared with. */
const today = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export function createErrandService(deps: { db: Executor; notifications: Pick<NotificationService, 'notify'>; clock?: () => Date }) {
  const { db, notifications } = deps
  const now = deps.clock ?? (() => new Date())
  const core = createErrandCore({ db, notifications })
  const transitions = createTransitions(core)
  const steps = createSteps(core)

  async function detail(ctx: RequestContext, id: string, ex: Executor = db): Promise<ErrandDetail> {
    const e = await repo.findErrand(ex, id)
    if (!e) throw notFound('ERRAND_NOT_FOUND')
    if (!can(ctx.actor, 'errand.read', subjectOf(e))) throw notFound('ERRAND_NOT_FOUND')
    const [stepRows, events, files] = await allOn(ex, [() => repo.stepsOf(ex, e.id), () => repo.timelineOf(ex, e.id), () => repo.filesOf(ex, e.checklist.flatMap((i) => i.fileIds))])
    return presentDetail(ctx.actor, e, stepRows, events, files)
  }

  /** The errand after a write; one handed to a desk the caller no longer reads answers what they did without what follows. */
  async function after(ctx: RequestContext, id: string): Promise<ErrandDetail> {
    const e = (await repo.findErrand(db, id))!
    if (can(ctx.actor, 'errand.read', subjectOf(e))) return detail(ctx, id)
    return { ...presentDetail(ctx.actor, e, [], [], new Map()), checklist: [], description: null }
  }

  /** The desk a list or the figures narrow to: a node the caller may read (404 otherwise). */
  async function nodeOf(ctx: RequestContext, orgId: string) {
    return requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
  }

  return {
    async list(ctx: RequestContext, q: ErrandsQuery) {
      requireSignedIn(ctx.actor)
      const afterKey = decodeCursor(q.cursor, idCursor)
      const me = ctx.actor.personId
      const found = await repo.listErrands(db, {
        readable: errandReadableBy(ctx.actor),
        minePersonId: q.mine ? (me === null ? sql`false` : requestedBy(sql`${me}::bigint`)) : undefined,
        underPath: q.orgId ? (await nodeOf(ctx, q.orgId)).path : undefined,
        state: q.state,
        kinds: q.level ? KINDS_OF_LEVEL[q.level] : undefined,
        overdue: q.overdue,
        afterId: afterKey?.id,
        limit: q.limit,
      })
      return toCountedPage(found, q.limit, presentErrand, (e) => ({ id: e.id }), afterKey === undefined)
    },

    get: (ctx: RequestContext, id: string) => {
      requireSignedIn(ctx.actor)
      return detail(ctx, id)
    },

    /**
     * Opens an errand: the requester on the phone (at their community's point unless they chose a
     * desk above their home), or a helper at a desk for someone who came in person (`created_by`).
     */
    async create(ctx: RequestContext, input: ErrandCreate) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (me === null) throw forbidden()
      const requesterId = input.requesterId ?? me
      const forOther = requesterId !== me
      return inTransaction(db, async (tx) => {
        let orgId = input.orgId
        if (!orgId) {
          if (forOther) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'orgId', message: 'errands.deskKind' }])
          orgId = (await repo.homePoint(tx, me))?.id
          if (!orgId) throw unprocessable('ERRAND_NO_DESK', {}, [{ path: 'orgId', message: 'errands.deskKind' }])
        }
        const desk = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
        if (!(DESK_KINDS as readonly string[]).includes(desk.kind)) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'orgId', message: 'errands.deskKind' }])
        if (forOther) {
          authorize(ctx.actor, 'errand.desk', { orgPath: desk.path })
          await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: requesterId })
        }
        if (input.unitId) {
          const unit = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId })
          if (!unit.personIds.includes(requesterId)) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'unitId', message: 'errands.notActingForUnit' }])
        }
        if (input.dueOn && input.dueOn < today(now())) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'dueOn', message: 'errands.dueInPast' }])
        const checklist = input.checklist.map((i) => ({ ...i, fileIds: [...new Set(i.fileIds)] }))
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: checklist.flatMap((i) => i.fileIds) })
        const id = await repo.insertErrand(tx, {
          orgId: desk.id, requesterId, unitId: input.unitId ?? null, matter: input.matter, title: input.title,
          description: input.description ?? null, checklist, dueOn: input.dueOn ?? null, createdBy: me,
        })
        await repo.insertEvent(tx, { errandId: id, actorId: me, action: 'create', from: null, to: 'submitted', note: input.description ?? null, data: { orgId: desk.id, forOther } })
        await recordAudit(tx, ctx, { action: 'errand.create', entity: 'errand', entityId: id, orgPath: desk.path, after: { ...input, requesterId, orgId: desk.id } })
        const staff = (await repo.deskPeople(tx, desk.id)).filter((p) => p !== me)
        const word = errandLevelWords[desk.kind === 'district' ? 'centre' : desk.kind === 'street' ? 'station' : 'point'].zh
        await notifications.notify(tx, { personIds: staff, kind: 'errand.new', title: `${desk.name}${word}有新的帮办申请：${input.title}`, body: input.description ?? null, link: { errandId: id } })
        return { id, state: 'submitted' as const }
      })
    },

    async act<A extends ErrandAction>(ctx: RequestContext, id: string, action: A, body: Bodies[A]) {
      await transitions.run(ctx, id, action, body)
      return after(ctx, id)
    },

    async addStep(ctx: RequestContext, id: string, body: Parameters<typeof steps.add>[2]) {
      await steps.add(ctx, id, body)
      return detail(ctx, id)
    },
    async updateStep(ctx: RequestContext, id: string, stepId: string, body: Parameters<typeof steps.update>[3]) {
      await steps.update(ctx, id, stepId, body)
      return detail(ctx, id)
    },
    async completeStep(ctx: RequestContext, id: string, stepId: string, note: string | undefined) {
      await steps.complete(ctx, id, stepId, note)
      return detail(ctx, id)
    },
    async putChecklist(ctx: RequestContext, id: string, items: Parameters<typeof steps.putChecklist>[2]) {
      await steps.putChecklist(ctx, id, items)
      return detail(ctx, id)
    },

    /** Figures of a node and its subtree (the caller's own top node by default): desk staff there. */
    async figures(ctx: RequestContext, orgId: string | undefined) {
      requireSignedIn(ctx.actor)
      const own = ctx.actor.roles.filter((r) => roleLevels[r.role] >= LEVEL.gridStaff).sort((a, b) => a.orgPath.split('.').length - b.orgPath.split('.').length)[0]
      const id = orgId ?? own?.orgId
      if (!id) throw forbidden()
      const org = await nodeOf(ctx, id)
      authorize(ctx.actor, 'errand.desk', { orgPath: org.path })
      return errandFigures(db, org, errandReadableBy(ctx.actor))
    },

    /** The minute sweep (errands.sweep.ts). */
    sweep: createErrandSweep({ notifications }),
  }
}

export type ErrandService = ReturnType<typeof createErrandService>
