// Broadcasts (红喇叭) of the demo street (issue 16): a year of notices from each community to its
// residents (three in four of them in the app, most others by SMS, one in twenty on the call list) (water cuts, flood warnings, vaccinations, council meetings, volunteer calls…) with
// receipts in every state: unopened, opened, acknowledged ("收到", "我参加", "不参加"), calls
// ticked with their outcome, people handed to their grid worker for a door visit; plus a draft
// and a withdrawn notice. Receipts are written set-based like the service's fan-out and their
// states drawn from a hash of person and notice, so a seed gives the same demo every time. The
// demo resident's newest notice is unread and asks for an answer.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'

const NOTICES: { title: string; body: string; options: string[] }[] = [
  { title: '周六上午停水通知', body: '因供水管网维修，本周六 8:00—12:00 小区停水，请提前储水。给您带来不便，敬请谅解。', options: ['收到'] },
  { title: '防汛预警：今晚有强降雨', body: '气象台发布暴雨橙色预警，请关好门窗，低洼地带居民请留意网格员通知，必要时转移到社区党群服务中心。', options: ['收到'] },
  { title: '65 岁以上老人免费体检', body: '社区卫生服务中心本周三、周四上午为 65 岁以上老人免费体检，请带身份证和医保卡，空腹前往。', options: ['我参加', '不参加'] },
  { title: '居民议事会：电动车棚选址', body: '本周五晚 7:30 在社区议事厅召开居民议事会，讨论电动车棚选址和充电收费，欢迎居民参加。', options: ['我参加', '不参加'] },
  { title: '垃圾分类宣传周', body: '本周为垃圾分类宣传周，志愿者将在各楼栋门口指导分类投放，感谢配合。', options: [] },
  { title: '志愿者招募：周末护河行动', body: '本周日上午 9:00 在河边步道集合，开展护河清洁志愿活动，可计入志愿服务时长。', options: ['我参加', '不参加'] },
  { title: '燃气安全入户检查', body: '燃气公司将于下周一至周三入户检查燃气管道，请家中留人，检查人员持证上门。', options: ['收到'] },
  { title: '流感疫苗接种通知', body: '社区卫生服务中心已到流感疫苗，60 岁以上老人免费接种，请预约后前往。', options: ['我参加', '不参加'] },
]
/** Days ago each notice went out (one community's year). */
const DAYS_AGO = [330, 270, 200, 150, 95, 60, 21, 2]

export async function seedDemoBroadcasts(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ broadcasts: number; receipts: number }> {
  const now = opts.now ?? new Date()
  const [street] = await rows<{ id: string; path: string }>(tx, sql`SELECT o.id::text, o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { broadcasts: 0, receipts: 0 }
  const communities = await rows<{ id: string; name: string; path: string; cadre: string | null }>(tx, sql`SELECT c.id::text, c.name, c.path::text,
      (SELECT min(r.person_id)::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre') AS cadre
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL ORDER BY c.id`)
  let made = 0
  const first = communities.find((c) => c.cadre)
  if (first) {
    await tx.execute(sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options, state)
      VALUES (${first.id}, ${first.cadre}, '（草稿）端午节包粽子活动', '端午节前一天下午在社区活动室包粽子，欢迎老人和孩子参加。',
        ${JSON.stringify({ kind: 'residents', orgId: first.id, label: `${first.name}居民` })}::jsonb, '{in_app,sms}', true, '{我参加,不参加}', 'draft')`)
    const at = new Date(now.getTime() - 40 * 86_400_000).toISOString()
    const [w] = await rows<{ id: string }>(tx, sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options, state, sent_at, withdrawn_at, withdrawn_by, created_at, updated_at)
      VALUES (${first.id}, ${first.cadre}, '停电通知（时间有误，已撤回）', '本周四全天停电。', ${JSON.stringify({ kind: 'residents', orgId: first.id, label: `${first.name}居民` })}::jsonb,
        '{in_app}', false, '{}', 'withdrawn', ${at}, ${at}::timestamptz + interval '20 minutes', ${first.cadre}, ${at}, ${at}) RETURNING id::text`)
    await fanOut(tx, w!.id, first.path, at, false)
    made += 2
  }
  for (const [ci, c] of communities.entries()) {
    if (!c.cadre) continue
    for (const [i, n] of NOTICES.entries()) {
      // Each community sends six or seven of the eight (the newest always), rotating which.
      if ((i + ci) % 4 === 3 && i !== NOTICES.length - 1) continue
      const sentAt = new Date(now.getTime() - DAYS_AGO[i]! * 86_400_000 - ((ci * 7 + i * 3) % 10) * 3_600_000).toISOString()
      const [b] = await rows<{ id: string }>(tx, sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options, state, sent_at, created_at, updated_at)
        VALUES (${c.id}, ${c.cadre}, ${n.title}, ${n.body}, ${JSON.stringify({ kind: 'residents', orgId: c.id, label: `${c.name}居民` })}::jsonb,
          ${i % 3 === 1 ? sql`'{in_app,sms,call}'` : sql`'{in_app,sms}'`}, ${n.options.length > 0}, ${`{${n.options.join(',')}}`}, 'sent', ${sentAt}, ${sentAt}, ${sentAt})
        RETURNING id::text`)
      await fanOut(tx, b!.id, c.path, sentAt, i === NOTICES.length - 1)
      made++
    }
  }
  const [count] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM broadcast_receipts`)
  return { broadcasts: made, receipts: count?.n ?? 0 }
}

/**
 * The receipts of one notice and their states. `h` (0–99) of person and notice decides: most
 * acknowledge (or open) within hours, the call list is ticked, and a few stay unopened, some of
 * them handed to their grid worker; the newest notice (`fresh`) is still mostly unread.
 */
async function fanOut(tx: Executor, id: string, path: string, sentAt: string, fresh: boolean) {
  await tx.execute(sql`INSERT INTO broadcast_receipts (broadcast_id, person_id, org_id, channel, delivered_at)
    SELECT ${id}, y.person_id, y.org_id, y.channel, CASE WHEN y.channel <> 'call' THEN ${new Date(Date.parse(sentAt) + 60_000).toISOString()}::timestamptz END
    FROM (SELECT x.person_id, x.org_id, CASE WHEN a.person_id IS NOT NULL OR x.person_id % 20 < 15 THEN 'in_app'
        WHEN p.phone_enc IS NOT NULL AND x.person_id % 20 < 19 THEN 'sms' ELSE 'call' END AS channel
      FROM (SELECT DISTINCT ON (r.person_id) r.person_id, r.org_id FROM residents r JOIN orgs o ON o.id = r.org_id
        WHERE r.deleted_at IS NULL AND o.path <@ ${path}::ltree ORDER BY r.person_id, r.id) x JOIN people p ON p.id = x.person_id
      -- A join rather than a correlated EXISTS, which Citus refuses beside a reference table (orgs).
      LEFT JOIN (SELECT DISTINCT person_id FROM accounts) a ON a.person_id = x.person_id) y`)
  const h = sql`(abs(hashint8(r.person_id * 7919 + r.broadcast_id)::bigint) % 100)`
  const acked = fresh ? 15 : 78
  const opened = fresh ? 30 : 92
  const mins = sql`(abs(hashint8(r.person_id + r.broadcast_id * 31)::bigint) % 600)`
  // The demo resident leaves the newest notice unread.
  const demoResident = sql`r.person_id = (SELECT person_id FROM accounts WHERE username = 'resident')`
  // The values are computed in a FROM subquery: Citus refuses `timestamptz + interval` (STABLE)
  // inside CASE in an UPDATE of a Citus local table.
  await tx.execute(sql`UPDATE broadcast_receipts t SET opened_at = s.opened_at, acknowledged_at = s.acknowledged_at, ack_choice = s.ack_choice, stage = s.stage
    FROM (SELECT r.id,
      CASE WHEN ${h} < ${opened} AND NOT (${fresh} AND ${demoResident}) THEN ${sentAt}::timestamptz + ${mins} * interval '1 minute' END AS opened_at,
      CASE WHEN b.ack_required AND ${h} < ${acked} AND NOT (${fresh} AND ${demoResident}) THEN ${sentAt}::timestamptz + (${mins} + 3) * interval '1 minute' END AS acknowledged_at,
      CASE WHEN b.ack_required AND ${h} < ${acked} AND NOT (${fresh} AND ${demoResident}) THEN b.ack_options[1 + ${h} % cardinality(b.ack_options)] END AS ack_choice,
      CASE WHEN (${fresh} AND ${demoResident}) THEN 0 WHEN b.ack_required AND ${h} < ${acked} THEN 2 WHEN ${h} < ${opened} THEN 1 ELSE 0 END AS stage
    FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id WHERE r.broadcast_id = ${id}) s WHERE t.id = s.id`)
  // The call list: ticked by the sender, most reached; a few unopened people handed to their grid worker.
  await tx.execute(sql`UPDATE broadcast_receipts r SET call_ticked_by = b.author_id, call_ticked_at = coalesce(r.opened_at, ${new Date(Date.parse(sentAt) + 86_400_000).toISOString()}::timestamptz),
      call_outcome = CASE WHEN r.stage > 0 THEN 'reached' WHEN ${h} % 2 = 0 THEN 'no_answer' ELSE 'wrong_number' END, delivered_at = CASE WHEN r.stage > 0 THEN r.opened_at END
    FROM broadcasts b WHERE b.id = r.broadcast_id AND r.broadcast_id = ${id} AND r.channel = 'call' AND NOT ${fresh}`)
  // The hand-over computed in a FROM subquery (the grid's first worker by a grouped join, the times
  // on the parameter): Citus refuses the UPDATE joining the org tree (a reference table) directly.
  const dayAfter = new Date(Date.parse(sentAt) + 86_400_000).toISOString()
  const twoDaysAfter = new Date(Date.parse(sentAt) + 2 * 86_400_000).toISOString()
  await tx.execute(sql`UPDATE broadcast_receipts t SET handed_to = s.worker, handed_at = ${dayAfter}::timestamptz,
      call_ticked_by = CASE WHEN s.ticked THEN s.worker END, call_ticked_at = CASE WHEN s.ticked THEN ${twoDaysAfter}::timestamptz END,
      call_outcome = CASE WHEN s.ticked THEN 'not_home' END
    FROM (SELECT r.id, w.person_id AS worker, NOT ${fresh} AND ${h} % 3 = 0 AS ticked
      FROM broadcast_receipts r JOIN orgs ro ON ro.id = r.org_id JOIN orgs g ON g.kind = 'grid' AND g.path @> ro.path
      JOIN (SELECT org_id, min(person_id) AS person_id FROM role_assignments WHERE role = 'grid_worker' GROUP BY org_id) w ON w.org_id = g.id
      WHERE r.broadcast_id = ${id} AND r.stage = 0 AND r.channel <> 'call' AND ${h} % 2 = 0 AND NOT (${fresh} AND ${demoResident})) s
    WHERE t.id = s.id`)
  await tx.execute(sql`UPDATE broadcasts b SET recipients = x.n, opened_count = x.opened, acked_count = x.acked, reminded_at = NULL,
      ack80_at = (SELECT t.acknowledged_at FROM (SELECT acknowledged_at, row_number() OVER (ORDER BY acknowledged_at) AS k FROM broadcast_receipts
        WHERE broadcast_id = ${id} AND acknowledged_at IS NOT NULL) t WHERE t.k = ceil(x.n * 0.8))
    FROM (SELECT count(*)::int AS n, count(*) FILTER (WHERE stage >= 1)::int AS opened, count(*) FILTER (WHERE stage = 2)::int AS acked
      FROM broadcast_receipts WHERE broadcast_id = ${id}) x WHERE b.id = ${id}`)
}
