// Resolutions (决议) and their execution (群众监议): the tracker list, one resolution with tasks
// and comments, progress (from tasks, or by hand while there are none), tasks with owners and
// deadlines or carried out as a case or an order, residents' comments, the roll-up per community
// and street, and the public board of a community (no login, no personal data).
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { caseRows } from '../cases/cases.read.ts'
import { confirmedOrders } from '../orders/orders.read.ts'
import * as repo from './deliberation.resolutions.repository.ts'
import { communityOf, orgOf } from './deliberation.repository.ts'
import type { DeliberationDeps } from './deliberation.topics.ts'
import type { ResolutionSubject } from './deliberation.policy.ts'

export function createResolutionService(deps: DeliberationDeps) {
  const { db } = deps
  const row = (r: repo.ResolutionRow) => ({
    id: r.id, title: r.title, state: r.state, progress: r.progress, decidedAt: r.decidedAt, doneAt: r.doneAt,
    topic: { id: r.topicId, title: r.topicTitle }, org: { id: r.orgId, name: r.orgName }, tasks: r.tasks, tasksDone: r.tasksDone,
  })
  async function present(ex: Executor, ctx: RequestContext, r: repo.ResolutionRow) {
    const [tasks, comments] = await allOn(ex, [() => repo.tasksOf(ex, r.id), () => repo.commentsOf(ex, r.id)])
    return {
      ...row(r), text: r.text, photoIds: r.photoIds,
      tasks: tasks.map((k) => ({ id: k.id, title: k.title, owner: k.ownerId ? { id: k.ownerId, name: k.ownerName ?? '' } : null, dueOn: k.dueOn, link: k.linkKind && k.linkId ? { kind: k.linkKind, id: k.linkId } : null, doneAt: k.doneAt, note: k.note, photoIds: k.photoIds })),
      comments: comments.map((c) => ({ id: c.id, author: { name: c.authorName }, body: c.body, at: c.at })),
      manage: can(ctx.actor, 'resolution.manage', { orgPath: r.orgPath, state: r.state }),
    }
  }
  const open = (r: repo.ResolutionRow) => { if (r.state !== 'executing') throw conflict('RESOLUTION_CLOSED') }

  return {
    async list(ctx: RequestContext, q: { orgId?: string; state?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const rolePaths = [...new Set(ctx.actor.roles.map((r) => r.orgPath))]
      if (!rolePaths.length) return { items: [], nextCursor: null }
      const underPath = q.orgId ? (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id: q.orgId })).path : undefined
      const after = decodeCursor(q.cursor, idCursor)?.id
      return toPage(await repo.listResolutions(db, { rolePaths, underPath, state: q.state }, after, q.limit), q.limit, row, (r) => ({ id: r.id }))
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'resolution.read', id })
      return present(db, ctx, (await repo.findResolution(db, id))!)
    },

    async update(ctx: RequestContext, id: string, input: { progress?: number; photoIds?: string[]; state?: 'executing' | 'done' | 'cancelled' }) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'resolution.manage', id })
        const r = (await repo.findResolution(tx, id, true))!
        const photoIds = input.photoIds ? [...new Set(input.photoIds)] : undefined
        if (photoIds) await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const state = input.state ?? r.state
        const progress = state === 'done' ? 100 : r.tasks > 0 ? r.progress : (input.progress ?? r.progress)
        await tx.execute(sql`UPDATE resolutions SET progress = ${progress}, state = ${state}, photo_ids = ${photoIds ? sql`string_to_array(${photoIds.join(',')}, ',')::bigint[]` : sql`photo_ids`},
          done_at = CASE WHEN ${state}::text = 'done' THEN coalesce(done_at, ${dbNow}) ELSE NULL END, updated_at = now() WHERE id = ${id}`)
        await recordAudit(tx, ctx, { action: 'resolution.update', entity: 'resolution', entityId: id, orgPath: r.orgPath, before: { progress: r.progress, state: r.state }, after: { progress, state, photos: photoIds?.length } })
        return present(tx, ctx, (await repo.findResolution(tx, id))!)
      })
    },

    async addTask(ctx: RequestContext, id: string, input: { title: string; ownerId?: string; dueOn?: string; link?: { kind: 'case' | 'order'; id: string } }) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'resolution.manage', id })
        const r = (await repo.findResolution(tx, id, true))!
        open(r)
        if (input.ownerId) await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.ownerId })
        if (input.link) await requireAccessOne(tx, ctx.actor, { permission: `${input.link.kind}.read`, entity: input.link.kind, id: input.link.id })
        const [k] = await rows<{ id: string }>(tx, sql`INSERT INTO resolution_tasks (resolution_id, title, owner_id, due_on, link_kind, link_id) VALUES (${id}, ${input.title}, ${input.ownerId ?? null}, ${input.dueOn ?? null}, ${input.link?.kind ?? null}, ${input.link?.id ?? null}) RETURNING id::text`)
        await repo.recomputeProgress(tx, id)
        await recordAudit(tx, ctx, { action: 'resolution.task', entity: 'resolution', entityId: id, orgPath: r.orgPath, after: { taskId: k!.id, title: input.title } })
        if (input.ownerId && input.ownerId !== ctx.actor.personId) await deps.notifications.notify(tx, { personIds: [input.ownerId], kind: 'resolution.task', title: `决议任务：${input.title}`, body: r.title, link: { resolutionId: id } })
        return present(tx, ctx, (await repo.findResolution(tx, id))!)
      })
    },

    /**
     * The minute sweep: a task carried out as a case is done when the case is closed (销号), one
     * carried out as a service order when the order is confirmed; the resolution's progress follows.
     */
    async sweep(tx: Executor): Promise<number> {
      // The open tasks first, then the closed ones of their cases, each on its own: on Citus the
      // cases are distributed and a subquery over them correlated with a task is refused.
      const done = await rows<{ resolutionId: string }>(tx, sql`
        WITH open AS MATERIALIZED (SELECT k.id, k.link_kind, k.link_id FROM resolution_tasks k JOIN resolutions r ON r.id = k.resolution_id AND r.state = 'executing'
          WHERE k.done_at IS NULL AND k.link_kind IS NOT NULL),
        closed AS MATERIALIZED (SELECT c.id FROM ${caseRows} c WHERE c.id IN (SELECT o.link_id FROM open o WHERE o.link_kind = 'case') AND c.state = 'closed')
        UPDATE resolution_tasks k SET done_at = now(), updated_at = now() FROM open o
        WHERE k.id = o.id AND ((o.link_kind = 'case' AND o.link_id IN (SELECT id FROM closed))
            OR (o.link_kind = 'order' AND EXISTS (SELECT 1 FROM ${confirmedOrders} co WHERE co.id = o.link_id)))
        RETURNING k.resolution_id::text AS "resolutionId"`)
      for (const id of new Set(done.map((d) => d.resolutionId))) await repo.recomputeProgress(tx, id)
      return done.length
    },

    /** A task done, with its evidence photos (shown on the public board) and a note; again adds evidence to a done task. */
    async taskDone(ctx: RequestContext, taskId: string, input: { photoIds?: string[]; note?: string } = {}) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'resolutionTask.done', entity: 'resolutionTask', id: taskId })
        const photoIds = input.photoIds ? [...new Set(input.photoIds)] : undefined
        if (photoIds) await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const [k] = await rows<{ resolutionId: string }>(tx, sql`UPDATE resolution_tasks SET done_at = coalesce(done_at, ${dbNow}), done_by = coalesce(done_by, ${ctx.actor.personId}),
            photo_ids = ${photoIds ? sql`string_to_array(${photoIds.join(',')}, ',')::bigint[]` : sql`photo_ids`}, note = coalesce(${input.note || null}, note), updated_at = now()
          WHERE id = ${taskId} RETURNING resolution_id::text AS "resolutionId"`)
        const r = (await repo.findResolution(tx, k!.resolutionId, true))!
        open(r)
        await repo.recomputeProgress(tx, r.id)
        return present(tx, ctx, (await repo.findResolution(tx, r.id))!)
      })
    },

    async comment(ctx: RequestContext, id: string, body: string) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      return inTransaction(db, async (tx) => {
        await requireAccessOne<ResolutionSubject>(tx, ctx.actor, { permission: 'resolution.comment', id })
        await tx.execute(sql`INSERT INTO resolution_comments (resolution_id, author_id, body) VALUES (${id}, ${ctx.actor.personId}, ${body})`)
        return present(tx, ctx, (await repo.findResolution(tx, id))!)
      })
    },

    async rollup(ctx: RequestContext, orgId: string | undefined) {
      requireSignedIn(ctx.actor)
      const id = orgId ?? ctx.actor.roles[0]?.orgId
      if (!id) throw forbidden()
      const o = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id })
      const found = await repo.rollup(db, o.path)
      return { org: { id: o.id, name: o.name }, rows: found.map((r) => ({ org: { id: r.id, name: r.name }, resolutions: r.resolutions, done: r.done, progress: r.progress })) }
    },

    /** The public board of a community: anyone, no login. */
    async board(id: string) {
      const o = await orgOf(db, id)
      const c = o ? await communityOf(db, o.path) : undefined
      if (!o || !c || c.id !== o.id) throw notFound('ORG_NOT_FOUND')
      return { community: { id: c.id, name: c.name }, ...(await repo.publicBoard(db, c.path)) }
    },
  }
}
export type ResolutionService = ReturnType<typeof createResolutionService>
