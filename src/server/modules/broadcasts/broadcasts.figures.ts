// Figures of notices: per notice (sent, by channel, delivered, opened, acknowledged, the answers,
// minutes until 80 % acknowledged, calls and door visits) and per community over a period, so
// "calls −90 %" becomes a figure: the share of recipients nobody had to phone or visit.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { firstRow, rows } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import * as repo from './broadcasts.repository.ts'
import type { BroadcastSubject } from './broadcasts.policy.ts'

const CHINA = 'Asia/Shanghai'

export function createBroadcastFigures(deps: { db: Executor }) {
  const { db } = deps
  return {
    async notice(ctx: RequestContext, id: string) {
      await requireAccessOne<BroadcastSubject>(db, ctx.actor, { permission: 'broadcast.manage', entity: 'broadcast', id })
      const b = (await repo.findBroadcast(db, id))!
      const f = (await firstRow<Record<string, number>>(db, sql`SELECT count(*)::int AS recipients,
          count(*) FILTER (WHERE channel = 'in_app')::int AS in_app, count(*) FILTER (WHERE channel = 'sms')::int AS sms,
          count(*) FILTER (WHERE channel = 'call')::int AS call, count(delivered_at)::int AS delivered,
          count(*) FILTER (WHERE stage >= 1)::int AS opened, count(*) FILTER (WHERE stage = 2)::int AS acknowledged,
          count(*) FILTER (WHERE channel = 'call' OR handed_to IS NOT NULL)::int AS to_make, count(call_ticked_at)::int AS ticked,
          count(*) FILTER (WHERE call_outcome IN ('reached', 'visited'))::int AS reached,
          count(handed_to)::int AS handed, count(reminded_at)::int AS reminded
        FROM broadcast_receipts WHERE broadcast_id = ${id}`))!
      const choices = await rows<{ choice: string; count: number }>(db, sql`SELECT ack_choice AS choice, count(*)::int AS count FROM broadcast_receipts
        WHERE broadcast_id = ${id} AND ack_choice IS NOT NULL GROUP BY ack_choice ORDER BY count(*) DESC`)
      const curve = b.sentAt ? await rows<{ hour: number; acknowledged: number }>(db, sql`SELECT h.hour, sum(h.n) OVER (ORDER BY h.hour)::int AS acknowledged
        FROM (SELECT floor(extract(epoch FROM acknowledged_at - ${b.sentAt}::timestamptz) / 3600)::int AS hour, count(*) AS n FROM broadcast_receipts
          WHERE broadcast_id = ${id} AND acknowledged_at IS NOT NULL GROUP BY 1) h ORDER BY h.hour LIMIT 200`) : []
      return {
        recipients: f.recipients!, byChannel: { in_app: f.in_app!, sms: f.sms!, call: f.call! }, delivered: f.delivered!, opened: f.opened!,
        acknowledged: f.acknowledged!, ackChoices: choices, minutesTo80: b.minutesTo80,
        calls: { toMake: f.to_make!, ticked: f.ticked!, reached: f.reached! }, handed: f.handed!, reminded: f.reminded!, curve,
      }
    },

    /** Per community (or the node itself for notices sent from above the communities) over days `from`–`to`, China time. */
    async communities(ctx: RequestContext, q: { orgId: string; from: string; to: string }) {
      const org = await requireAccessOne<{ path: string }>(db, ctx.actor, { permission: 'broadcast.figures', entity: 'org', id: q.orgId })
      const found = await rows<{ id: string; name: string; notices: number; recipients: number; opened: number; acknowledged: number; median: number | null; calls: number }>(db, sql`
        WITH sent AS (
          SELECT b.id, b.recipients, b.opened_count, b.acked_count, extract(epoch FROM b.ack80_at - b.sent_at) / 60 AS to80,
            coalesce((SELECT c.id FROM ${orgTree} c WHERE c.kind IN ('community', 'village') AND c.path @> o.path ORDER BY nlevel(c.path) DESC LIMIT 1), o.id) AS unit
          FROM broadcasts b JOIN ${orgTree} o ON o.id = b.org_id
          WHERE b.state <> 'draft' AND o.path <@ ${org.path}::ltree
            AND b.sent_at >= (${q.from}::date)::timestamp AT TIME ZONE ${CHINA} AND b.sent_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${CHINA}))
        SELECT u.id::text, u.name, count(*)::int AS notices, sum(s.recipients)::int AS recipients, sum(s.opened_count)::int AS opened,
          sum(s.acked_count)::int AS acknowledged, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY s.to80))::int AS median,
          coalesce(sum((SELECT count(*) FROM broadcast_receipts r WHERE r.broadcast_id = s.id AND (r.channel = 'call' OR r.handed_to IS NOT NULL))), 0)::int AS calls
        FROM sent s JOIN ${orgTree} u ON u.id = s.unit GROUP BY u.id, u.name ORDER BY u.name`)
      return {
        items: found.map((r) => ({
          org: { id: r.id, name: r.name }, notices: r.notices, recipients: r.recipients, opened: r.opened, acknowledged: r.acknowledged,
          medianMinutesTo80: r.median, callsNeeded: r.calls, callsSaved: r.recipients > 0 ? Math.round((1 - r.calls / r.recipients) * 1000) / 1000 : null,
        })),
      }
    },
  }
}
