// After sending: the receipt table (unopened first, a grid worker sees only the people under
// their own node), reminders to those who have not opened or answered (in the app again, SMS
// again; the call list stays as it is), handing the rest to their grid workers for a door visit
// (the visits module has schedules of department visits, nothing per person: the grid worker
// gets one notification listing their people, and the receipts carry `handed_to`), and ticking
// off calls and visits with their outcome.
import { sql, type SQL } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime, rows } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { scopesOf, LEVEL } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, toPage } from '../../kernel/pagination.ts'
import { z } from 'zod'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personContacts, personNames } from '../people/people.read.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import * as repo from './broadcasts.repository.ts'
import { staffOver, type BroadcastSubject } from './broadcasts.policy.ts'
import type { ReceiptSubject } from './broadcasts.access.ts'
import type { ReceiptsQuery } from './broadcasts.schemas.ts'
import type { Notifier } from './broadcasts.service.ts'
import { broadcastStateWords } from './broadcasts.messages.ts'

const STAGES = ['unopened', 'opened', 'acknowledged'] as const
const receiptCursor = z.object({ stage: z.number().int().min(0).max(2), id: z.string().regex(/^\d+$/) })

const presentReceipt = (r: repo.ReceiptRow) => ({
  id: r.id,
  person: { id: r.personId, name: r.personName },
  phoneMask: r.phoneMask,
  org: r.orgId ? { id: r.orgId, name: r.orgName ?? '' } : null,
  channel: r.channel,
  stage: STAGES[r.stage]!,
  deliveredAt: isoTime(r.deliveredAt),
  openedAt: isoTime(r.openedAt),
  acknowledgedAt: isoTime(r.acknowledgedAt),
  ackChoice: r.ackChoice,
  remindedAt: isoTime(r.remindedAt),
  call: { outcome: r.callOutcome, note: r.callNote, tickedBy: r.tickedById ? { id: r.tickedById, name: r.tickedByName ?? '' } : null, tickedAt: isoTime(r.callTickedAt) },
  handedTo: r.handedToId ? { id: r.handedToId, name: r.handedToName ?? '' } : null,
  handedAt: isoTime(r.handedAt),
})

/** Receipts still waiting: not opened, or not acknowledged when an answer is asked for. */
const waiting = (ackRequired: boolean) => (ackRequired ? sql`r.stage < 2` : sql`r.stage = 0`)

export function createFollowUps(deps: { db: Executor; notifications: Notifier; pii: Pick<PiiKeyring, 'decrypt'>; afterRemind?: (id: string) => Promise<void> }) {
  const { db, notifications } = deps

  async function sentBroadcast(tx: Executor, ctx: RequestContext, id: string, permission: string) {
    const subject = await requireAccessOne<BroadcastSubject>(tx, ctx.actor, { permission, entity: 'broadcast', id })
    const b = (await repo.findBroadcast(tx, id, true))!
    if (b.state !== 'sent') throw conflict('BROADCAST_STATE', { state: broadcastStateWords[b.state].zh, action: '跟进' })
    return { subject, b }
  }

  return {
    async receipts(ctx: RequestContext, id: string, q: ReceiptsQuery) {
      const subject = await requireAccessOne<BroadcastSubject>(db, ctx.actor, { permission: 'broadcast.read', entity: 'broadcast', id })
      const filters: SQL[] = []
      // Staff inside the node (a grid worker) read the receipts of the people under their own nodes only.
      if (!staffOver(ctx.actor, subject.orgPath)) filters.push(repo.receiptUnder(scopesOf(ctx.actor, LEVEL.gridStaff)))
      if (q.orgId) {
        const org = await requireAccessOne<{ path: string }>(db, ctx.actor, { permission: 'broadcast.figures', entity: 'org', id: q.orgId })
        filters.push(repo.receiptUnder([org.path]))
      }
      if (q.stage) filters.push(sql`r.stage = ${STAGES.indexOf(q.stage)}`)
      if (q.channel) filters.push(sql`r.channel = ${q.channel}`)
      if (q.handed !== undefined) filters.push(q.handed ? sql`r.handed_to IS NOT NULL` : sql`r.handed_to IS NULL`)
      if (q.toTick) filters.push(sql`(r.channel = 'call' OR r.handed_to IS NOT NULL) AND r.call_outcome IS DISTINCT FROM 'reached' AND r.call_outcome IS DISTINCT FROM 'visited' AND r.stage < 2`)
      const after = decodeCursor(q.cursor, receiptCursor)
      const found = await repo.receiptPage(db, id, filters, after, q.limit)
      return toPage(found, q.limit, presentReceipt, (r) => ({ stage: r.stage, id: r.id }))
    },

    /** Reminds only those still waiting: in the app again, by SMS again (the first 200 at once, the rest by the SMS job); returns how many per channel. */
    async remind(ctx: RequestContext, id: string) {
      const result = await inTransaction(db, async (tx) => {
        const { subject, b } = await sentBroadcast(tx, ctx, id, 'broadcast.manage')
        const target = sql`${waiting(b.ackRequired)} AND r.handed_to IS NULL`
        const inApp = await notifications.notifyAll(tx, {
          recipients: repo.inAppRecipients(id, sql`AND ${target}`), kind: 'broadcast.remind', title: `【提醒】${b.title}`,
          body: b.ackRequired ? '请打开通知并点一下回执' : '请打开查看这条通知', link: { broadcastId: id },
        })
        // An SMS receipt reminded after its last delivery is sent again (broadcasts.sms.ts).
        const counts = await rows<{ channel: string; n: number }>(tx, sql`WITH x AS (UPDATE broadcast_receipts r SET reminded_at = ${new Date().toISOString()}::timestamptz
          WHERE r.broadcast_id = ${id} AND ${target} RETURNING r.channel) SELECT channel, count(*)::int AS n FROM x GROUP BY channel`)
        await tx.execute(sql`UPDATE broadcasts SET reminded_at = now(), updated_at = now() WHERE id = ${id}`)
        const of = (c: string) => counts.find((x) => x.channel === c)?.n ?? 0
        const result = { inApp, sms: of('sms'), call: of('call') }
        await recordAudit(tx, ctx, { action: 'broadcast.remind', entity: 'broadcast', entityId: id, orgPath: subject.orgPath, after: result })
        return result
      })
      await deps.afterRemind?.(id)
      return result
    },

    /**
     * Hands everyone still waiting (not yet handed) to the grid worker of their grid: one
     * notification per grid worker naming their people. People with no grid worker stay with the
     * sender (`unassigned`).
     */
    async handover(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        const { subject, b } = await sentBroadcast(tx, ctx, id, 'broadcast.manage')
        const handed = await rows<{ worker: string; n: number; names: string[] }>(tx, sql`WITH todo AS (
            SELECT r.id, (SELECT min(g.person_id) FROM ${orgTree} grid JOIN ${currentRoles} g ON g.org_id = grid.id AND g.role = 'grid_worker'
              WHERE grid.kind = 'grid' AND grid.deleted_at IS NULL AND grid.path @> ro.path) AS worker
            FROM broadcast_receipts r JOIN ${orgTree} ro ON ro.id = r.org_id
            WHERE r.broadcast_id = ${id} AND ${waiting(b.ackRequired)} AND r.handed_to IS NULL),
          upd AS (UPDATE broadcast_receipts r SET handed_to = todo.worker, handed_at = now() FROM todo
            WHERE r.id = todo.id AND todo.worker IS NOT NULL RETURNING r.handed_to, r.person_id)
          SELECT upd.handed_to::text AS worker, count(*)::int AS n, (array_agg(p.name ORDER BY p.id))[1:8] AS names
          FROM upd JOIN ${personNames} p ON p.id = upd.person_id GROUP BY upd.handed_to`)
        const [left] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM broadcast_receipts r
          WHERE r.broadcast_id = ${id} AND ${waiting(b.ackRequired)} AND r.handed_to IS NULL`)
        for (const h of handed) {
          await notifications.notify(tx, {
            personIds: [h.worker], kind: 'broadcast.visit', title: `【上门告知】${b.title}：${h.n} 人未读`,
            body: `请上门告知：${h.names.join('、')}${h.n > h.names.length ? ` 等 ${h.n} 人` : ''}。告知后在回执表中登记结果。`,
            link: { broadcastId: id, handed: 'true' },
          })
        }
        const result = { handed: handed.reduce((s, h) => s + h.n, 0), workers: handed.length, unassigned: left?.n ?? 0 }
        await recordAudit(tx, ctx, { action: 'broadcast.handover', entity: 'broadcast', entityId: id, orgPath: subject.orgPath, after: result })
        return result
      })
    },

    /** The full phone of a person on the call list, for the one who calls them (audited, like the registry's reveal). */
    async revealPhone(ctx: RequestContext, id: string, receiptId: string) {
      return inTransaction(db, async (tx) => {
        const receipt = await requireAccessOne<ReceiptSubject>(tx, ctx.actor, { permission: 'broadcast.tick', entity: 'broadcast_receipt', id: receiptId })
        if (receipt.broadcastId !== id) throw notFound('BROADCAST_RECEIPT_NOT_FOUND')
        const [row] = await rows<{ personId: string; phoneEnc: string | null }>(tx, sql`SELECT r.person_id::text AS "personId", p.phone_enc AS "phoneEnc"
          FROM broadcast_receipts r JOIN ${personContacts} p ON p.id = r.person_id WHERE r.id = ${receiptId}`)
        await recordAudit(tx, ctx, { action: 'broadcast.reveal_phone', entity: 'broadcast_receipt', entityId: receiptId, orgPath: receipt.orgPath, after: { personId: row!.personId } })
        return { phone: row!.phoneEnc ? deps.pii.decrypt('phone', row!.phoneEnc) : null }
      })
    },

    /** Ticks off a call or a door visit; told in person ("reached", "visited") counts as opened, with their answer as acknowledged. */
    async tick(ctx: RequestContext, id: string, receiptId: string, input: { outcome: string; note?: string; ackChoice?: string }) {
      return inTransaction(db, async (tx) => {
        const receipt = await requireAccessOne<ReceiptSubject>(tx, ctx.actor, { permission: 'broadcast.tick', entity: 'broadcast_receipt', id: receiptId })
        if (receipt.broadcastId !== id) throw notFound('BROADCAST_RECEIPT_NOT_FOUND')
        const b = (await repo.findBroadcast(tx, id))!
        if (b.state !== 'sent') throw conflict('BROADCAST_STATE', { state: broadcastStateWords[b.state].zh, action: '登记' })
        const told = input.outcome === 'reached' || input.outcome === 'visited'
        const answer = told && b.ackRequired && input.ackChoice ? input.ackChoice : null
        if (answer && !b.ackOptions.includes(answer)) throw unprocessable('BROADCAST_ACK_CHOICE', { options: b.ackOptions.join('”“') }, [{ path: 'ackChoice', message: `请选择“${b.ackOptions.join('”“')}”之一` }])
        const opened = told ? sql`coalesce(r.opened_at, ${dbNow})` : sql`r.opened_at`
        const acked = answer ? sql`coalesce(r.acknowledged_at, ${dbNow})` : sql`r.acknowledged_at`
        await repo.updateReceipts(tx, id, sql`r.id = ${receiptId}`, sql`call_outcome = ${input.outcome}, call_note = ${input.note ?? null},
          call_ticked_by = ${ctx.actor.personId}, call_ticked_at = now(), delivered_at = ${told ? sql`coalesce(r.delivered_at, ${dbNow})` : sql`r.delivered_at`},
          opened_at = ${opened}, acknowledged_at = ${acked}, ack_choice = ${answer ? sql`${answer}` : sql`r.ack_choice`}, ${repo.stageAfter(opened, acked)}`)
        await recordAudit(tx, ctx, { action: 'broadcast.tick', entity: 'broadcast_receipt', entityId: receiptId, orgPath: receipt.orgPath, after: { outcome: input.outcome, ackChoice: answer } })
        const [row] = await repo.receiptPage(tx, id, [sql`r.id = ${receiptId}`], undefined, 1)
        return presentReceipt(row!)
      })
    },
  }
}
