// Minutes and decisions. The secretary (or a cadre) drafts minutes during or after the meeting;
// each draft is a new version that supersedes the pending one and starts a new round. Once the
// meeting is held, each attendee present (observers aside) approves or objects with a note; the
// version is approved, and the meeting's state becomes minutes_approved, when more than half of
// those present approve it (a simple majority: unanimity would let one absent-minded attendee
// block the record for good; objections stay on the version for everyone to read, and the
// secretary answers them with a new version). Decisions are recorded while the meeting is open or
// held, each may name the topic it settles.
import { sql } from 'drizzle-orm'
import type { RequestContext } from '../../kernel/context.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import { approvalsNeeded, type MeetingLookups } from './meetings.lookups.ts'
import * as repo from './meetings.repository.ts'

export function createMinutes(l: MeetingLookups) {
  const { db, load, stateError, requireTopics, tell, detail } = l

  return {
    async draft(ctx: RequestContext, id: string, body: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.draftMinutes', true)
        if (m.state !== 'open' && m.state !== 'held') throw stateError(m, '起草纪要')
        const version = await repo.draftMinutes(tx, id, body, ctx.actor.personId!)
        await recordAudit(tx, ctx, { action: 'meeting.minutes', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { version, length: body.length } })
        if (m.state === 'held') {
          await tell(tx, await repo.presentIds(tx, id), ctx.actor.personId, m, `请确认会议纪要：${m.title}`, `第 ${version} 版会议纪要已起草，请阅读后确认或提出意见。`)
        }
        return detail(ctx, id, tx)
      })
    },

    async verdict(ctx: RequestContext, id: string, version: number, input: { verdict: 'approve' | 'object'; note?: string }) {
      if (input.verdict === 'object' && !input.note) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'note', message: 'meetings.objectionNote' }])
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.approveMinutes', true)
        const minutes = await repo.findMinutes(tx, id, version, true)
        if (!minutes) throw notFound('MEETING_MINUTES_NOT_FOUND', undefined, { version })
        if (m.state !== 'held') throw stateError(m, '确认纪要')
        if (minutes.state !== 'pending') throw unprocessable('MEETING_MINUTES_NOT_CURRENT')
        const me = await repo.findInvitee(tx, id, ctx.actor.personId!)
        if (!me?.present || me.role === 'observer') throw unprocessable('MEETING_NOT_PRESENT')
        await repo.saveVerdict(tx, minutes.id, ctx.actor.personId!, input.verdict, input.note ?? null)
        const approvals = await repo.approvalsOfPresent(tx, id, minutes.id)
        const passed = approvals >= approvalsNeeded(m.present)
        if (passed) {
          await repo.approveMinutes(tx, minutes.id)
          await repo.setState(tx, id, ['held'], 'minutes_approved', sql`, minutes_approved_at = now()`)
        }
        await recordAudit(tx, ctx, {
          action: 'meeting.minutes_verdict', entity: 'meeting', entityId: id, orgPath: subject.orgPath,
          after: { version, verdict: input.verdict, note: input.note ?? null, approvals, passed },
        })
        if (passed) await tell(tx, await repo.inviteeIds(tx, id, false), null, m, `会议纪要已通过：${m.title}`, `第 ${version} 版会议纪要经出席人员过半数确认通过。`)
        return detail(ctx, id, tx)
      })
    },

    async addDecision(ctx: RequestContext, id: string, input: { text: string; topicId?: string }) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.draftMinutes', true)
        await requireTopics(tx, ctx, [input.topicId])
        if (m.state !== 'open' && m.state !== 'held') throw stateError(m, '记录决定')
        const decisionId = await repo.insertDecision(tx, id, { text: input.text, topicId: input.topicId ?? null, createdBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'meeting.decision', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { decisionId, text: input.text, topicId: input.topicId ?? null } })
        return detail(ctx, id, tx)
      })
    },

    async deleteDecision(ctx: RequestContext, id: string, decisionId: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.draftMinutes', true)
        if (m.state !== 'open' && m.state !== 'held') throw stateError(m, '删除决定')
        if (!(await repo.deleteDecision(tx, id, decisionId))) throw notFound('MEETING_DECISION_NOT_FOUND')
        await recordAudit(tx, ctx, { action: 'meeting.decision_delete', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { decisionId } })
        return detail(ctx, id, tx)
      })
    },
  }
}
