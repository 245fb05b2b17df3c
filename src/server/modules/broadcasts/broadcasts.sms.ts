// SMS of notices go out after the commit that made their receipts: the receipts on the SMS
// channel not yet delivered, or reminded since their last delivery (`delivered_at` is the last
// SMS's time), of notices still sent, claimed a batch
// at a time (FOR UPDATE SKIP LOCKED, so the minute job and a send right after a notice never send
// twice), sent through the SmsProvider and marked delivered. A person whose phone is gone, or
// whose SMS fails, moves to the call list.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { rows } from '../../kernel/db/client.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import type { SmsProvider } from '../../kernel/sms.ts'
import { personContacts } from '../people/people.read.ts'

/** Notices older than this send no more SMS (a reminder a week later is a new notice). */
const SMS_DAYS = 3

export function smsText(title: string, body: string, reminder: boolean): string {
  const text = body.length > 50 ? `${body.slice(0, 50)}…` : body
  return `【邻里·红喇叭】${reminder ? '提醒：' : ''}${title}。${text}（详情请打开邻里查看）`
}

export function createSmsSender(deps: { sms: SmsProvider; pii: Pick<PiiKeyring, 'decrypt'> }) {
  const { sms, pii } = deps
  return {
    /** Sends up to `limit` waiting SMS (of one notice, or of all); returns how many went out. */
    async deliver(ex: Executor, limit: number, broadcastId?: string): Promise<number> {
      return inTransaction(ex, async (tx) => {
        const due = await rows<{ id: string; phone_enc: string | null; title: string; body: string; reminded: boolean }>(tx, sql`
          SELECT r.id::text, pc.phone_enc, b.title, b.body, r.delivered_at IS NOT NULL AS reminded
          FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id JOIN ${personContacts} pc ON pc.id = r.person_id
          WHERE r.channel = 'sms' AND (r.delivered_at IS NULL OR r.reminded_at > r.delivered_at) AND b.state = 'sent' AND b.sent_at > now() - make_interval(days => ${SMS_DAYS})
            ${broadcastId ? sql`AND r.broadcast_id = ${broadcastId}` : sql``}
          ORDER BY r.id LIMIT ${limit} FOR UPDATE OF r SKIP LOCKED`)
        const sent: string[] = []
        const failed: string[] = []
        for (const r of due) {
          try {
            if (!r.phone_enc) throw new Error('no phone')
            await sms.send(pii.decrypt('phone', r.phone_enc), smsText(r.title, r.body, r.reminded))
            sent.push(r.id)
          } catch {
            failed.push(r.id)
          }
        }
        const ids = (list: string[]) => sql`string_to_array(${list.join(',')}, ',')::bigint[]`
        // The time the messages went, from the app's clock as a parameter: Citus refuses a VOLATILE
        // clock_timestamp() in an UPDATE of a Citus table.
        if (sent.length) await tx.execute(sql`UPDATE broadcast_receipts SET delivered_at = ${new Date().toISOString()}::timestamptz WHERE id = ANY(${ids(sent)})`)
        if (failed.length) await tx.execute(sql`UPDATE broadcast_receipts SET channel = 'call' WHERE id = ANY(${ids(failed)})`)
        return sent.length
      })
    },
  }
}
