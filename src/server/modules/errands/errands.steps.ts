// The errand's steps (each with an owner who works at the desk and a deadline; added, reordered,
// completed with a note) and its checklist of documents. Desk staff change them while the errand
// is open; each change is a timeline row, a completed step is news for the requester.
import { sql } from 'drizzle-orm'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccess } from '../../kernel/access.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { firstRow, rows } from '../../kernel/db/client.ts'
import * as repo from './errands.repository.ts'
import type { ChecklistItemInput, StepCreate, StepPatch } from './errands.schemas.ts'
import { viewerOf } from './errands.present.ts'
import { workRefusal } from './errands.workflow.ts'
import { errandTitle, refusalError, type ErrandCore, type Locked } from './errands.transitions.ts'

export function createSteps(core: ErrandCore) {
  const { onLocked, checkOwner, tell } = core

  function mayWork(l: Locked, kind: 'steps' | 'checklist', action: string) {
    const refused = workRefusal(kind, l.e.state, viewerOf(l.ctx.actor, l.e))
    if (refused) throw refusalError(refused, l.e, action)
  }

  async function openStep(l: Locked, stepId: string) {
    const step = await repo.findStep(l.tx, l.e.id, stepId)
    if (!step) throw notFound('ERRAND_STEP_NOT_FOUND')
    if (step.doneAt) throw conflict('ERRAND_STEP_DONE')
    return step
  }

  return {
    async add(ctx: RequestContext, id: string, body: StepCreate) {
      await onLocked(ctx, id, async (l) => {
        mayWork(l, 'steps', '新增步骤')
        if (body.ownerId) await checkOwner(l, l.e.orgId, body.ownerId, 'ownerId')
        const step = (await firstRow<{ id: string }>(l.tx, sql`INSERT INTO errand_steps (errand_id, position, title, owner_id, due_at)
          SELECT ${l.e.id}, coalesce(max(position), 0) + 1, ${body.title}, ${body.ownerId ?? null}, ${body.dueAt ?? null}::timestamptz FROM errand_steps WHERE errand_id = ${l.e.id}
          RETURNING id::text`))!
        await repo.setErrand(l.tx, l.e.id, [])
        await l.event('step_add', l.e.state, body.title, { stepId: step.id, ownerId: body.ownerId ?? null, dueAt: body.dueAt ?? null })
        await l.audit('errand.step_add', { stepId: step.id, ...body })
        if (body.ownerId) await tell(l, [body.ownerId], `帮办事项${errandTitle(l.e)}的步骤“${body.title}”由您办理`, body.dueAt ? `期限：${body.dueAt}` : null)
      })
    },

    async update(ctx: RequestContext, id: string, stepId: string, body: StepPatch) {
      await onLocked(ctx, id, async (l) => {
        mayWork(l, 'steps', '调整步骤')
        const step = await openStep(l, stepId)
        if (body.ownerId) await checkOwner(l, l.e.orgId, body.ownerId, 'ownerId')
        const sets = [sql`updated_at = now()`]
        if (body.title !== undefined) sets.push(sql`title = ${body.title}`)
        if (body.ownerId !== undefined) sets.push(sql`owner_id = ${body.ownerId}`)
        // A new deadline earns a new reminder.
        if (body.dueAt !== undefined) sets.push(sql`due_at = ${body.dueAt}::timestamptz`, sql`reminded_at = NULL`)
        await l.tx.execute(sql`UPDATE errand_steps SET ${sql.join(sets, sql`, `)} WHERE id = ${step.id}`)
        if (body.position !== undefined) {
          // Renumber 1..n with the step at its new place (past the end means last).
          const ids = (await rows<{ id: string }>(l.tx, sql`SELECT id::text FROM errand_steps WHERE errand_id = ${l.e.id} ORDER BY position, id`)).map((r) => r.id).filter((s) => s !== step.id)
          ids.splice(Math.min(body.position, ids.length + 1) - 1, 0, step.id)
          await l.tx.execute(sql`UPDATE errand_steps s SET position = v.n FROM unnest(string_to_array(${ids.join(',')}, ',')::bigint[]) WITH ORDINALITY AS v(id, n) WHERE s.id = v.id`)
        }
        await repo.setErrand(l.tx, l.e.id, [])
        await l.event('step_update', l.e.state, body.title ?? step.title, { stepId: step.id, ...body })
        await l.audit('errand.step_update', { stepId: step.id, ...body })
        if (body.ownerId && body.ownerId !== step.ownerId) await tell(l, [body.ownerId], `帮办事项${errandTitle(l.e)}的步骤“${body.title ?? step.title}”由您办理`, null)
      })
    },

    async complete(ctx: RequestContext, id: string, stepId: string, note: string | undefined) {
      await onLocked(ctx, id, async (l) => {
        mayWork(l, 'steps', '完成步骤')
        const step = await openStep(l, stepId)
        await l.tx.execute(sql`UPDATE errand_steps SET done_at = now(), done_by = ${ctx.actor.personId}, note = ${note ?? null}, updated_at = now() WHERE id = ${step.id}`)
        await repo.setErrand(l.tx, l.e.id, [])
        await l.event('step_done', l.e.state, note ?? null, { stepId: step.id, title: step.title })
        await l.audit('errand.step_done', { stepId: step.id, note: note ?? null })
        await tell(l, [l.e.requesterId], `您的帮办事项${errandTitle(l.e)}：“${step.title}”已完成`, note ?? null)
      })
    },

    /** Replaces the checklist; photos new to it must be the caller's own uploads. */
    async putChecklist(ctx: RequestContext, id: string, items: ChecklistItemInput[]) {
      await onLocked(ctx, id, async (l) => {
        mayWork(l, 'checklist', '更新材料清单')
        const kept = new Set(l.e.checklist.flatMap((i) => i.fileIds))
        const added = [...new Set(items.flatMap((i) => i.fileIds))].filter((f) => !kept.has(f))
        await requireAccess(l.tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: added })
        const checklist = items.map((i) => ({ ...i, fileIds: [...new Set(i.fileIds)] }))
        await repo.setErrand(l.tx, l.e.id, [sql`checklist = ${JSON.stringify(checklist)}::jsonb`])
        const missing = checklist.filter((i) => i.required && !i.received).map((i) => i.name)
        await l.event('checklist', l.e.state, missing.length ? `尚缺：${missing.join('、')}` : '材料已齐全', { missing })
        await l.audit('errand.checklist', { checklist })
      })
    },
  }
}
