// Deliberation (协商议事) of the demo street over a year (issue 16): 110 topics settled through the
// six stages of 协商六议 (湾里's figure), with their stage records, timelines and resolutions; topics
// in every stage now (gathering support, at the committee, the council, the multi-party talks, the
// vote, under supervision) and a few merged, expired and rejected; the stories of the seed —
// 竹林花园电动车棚选址 (settled, the shed built), 香梅苑屋顶排险 (under supervision, tasks half done),
// 鹿聚路人行道破损积水 and 经济适用房小区改造 — and one secret ballot open in the demo resident's
// community. Everything is inserted set-based (jsonb_to_recordset), a handful of statements.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const THEMES = [
  ['小区增设电动车集中充电桩', '电动车在楼道充电有火灾隐患，建议集中建设充电桩'], ['老旧小区加装电梯', '老人上下楼困难，希望协商加装电梯及费用分摊'],
  ['僵尸车清理', '小区停放多辆长期无人使用的车辆，占用车位'], ['广场舞噪音扰民', '晚上九点后音响声音太大，影响休息'],
  ['楼道杂物清理', '楼道堆放杂物，影响消防通道'], ['小区停车位划线', '停车混乱，建议统一划线并错峰共享'],
  ['增设便民晾衣架', '希望在空地增设公共晾晒区'], ['垃圾分类投放点调整', '投放点离单元门太近，夏季异味大'],
  ['小区路灯维修', '东区路灯坏了多盏，夜间出行不安全'], ['儿童游乐设施更新', '滑梯锈蚀，存在安全隐患'],
  ['高空抛物治理', '多次发生高空抛物，建议加装监控'], ['物业服务费调整', '物业提出调价，需业主协商'],
  ['绿化带改造为停车位', '部分居民提议，部分居民反对，需协商'], ['社区食堂开设', '老人吃饭难，建议开设长者食堂'],
  ['下水道堵塞返水', '雨季一楼返水，需要疏通改造'], ['外墙瓷砖脱落', '外墙瓷砖脱落砸伤风险，需维修基金'],
  ['小区门禁系统升级', '外来人员随意进出，建议升级门禁'], ['快递柜位置调整', '快递柜占用消防通道'],
  ['宠物管理公约', '遛狗不牵绳、粪便不清理，制定文明养犬公约'], ['二次供水水箱清洗', '自来水有异味，要求定期清洗水箱'],
] as const
const PLACES = ['东区', '西区', '南门片区', '北区', '老年公寓', '3 栋', '沿街商铺']
const MINUTES = ['社区“两委”会议研究，同意列为协商议题，确定协商主体和议事方案。', '居民理事会复议，补充了费用分摊和施工时间的意见。',
  '居委会、业委会、物业服务企业和居民代表共同协商，形成初步方案。', '召开居民代表会议表决，方案获得通过。', '决议落实情况在社区公开栏公示，接受群众监督。']

interface Community { id: string; path: string; cadres: string[]; residents: string[] }

export async function seedDemoDeliberation(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ topics: number }> {
  const random = createRandom(opts.seed + 61)
  const now = opts.now ?? new Date()
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
  const [street] = await rows<{ id: string; path: string }>(tx, sql`SELECT o.id::text, o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  const [version] = await rows<{ id: string }>(tx, sql`SELECT v.id::text FROM deliberation_template_versions v JOIN deliberation_templates d ON d.id = v.template_id WHERE d.code = 'six_steps' AND v.version = 1`)
  if (!street || !version) return { topics: 0 }
  const communities = (await rows<Community>(tx, sql`SELECT c.id::text, c.path::text,
      ARRAY(SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.person_id) AS cadres,
      ARRAY(SELECT DISTINCT x.person_id::text FROM residents x JOIN orgs b ON b.id = x.org_id WHERE x.deleted_at IS NULL AND b.path <@ c.path ORDER BY 1 LIMIT 60) AS residents
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL ORDER BY c.id`)).filter((c) => c.cadres.length && c.residents.length)
  if (!communities.length) return { topics: 0 }
  const [demo] = await rows<{ personId: string; path: string }>(tx, sql`SELECT a.person_id::text AS "personId", o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'resident' LIMIT 1`)
  const home = communities.find((c) => demo && demo.path.startsWith(`${c.path}.`)) ?? communities[0]!
  await tx.execute(sql`INSERT INTO deliberation_settings (org_id, support_households, expire_days) SELECT id, 5, 30 FROM orgs WHERE id = ANY(string_to_array(${communities.map((c) => c.id).join(',')}, ',')::bigint[]) ON CONFLICT DO NOTHING`)

  const STAGES = ['propose', 'committee', 'council', 'parties', 'decide', 'supervise']
  const OUTPUT = ['none', 'minutes', 'minutes', 'minutes', 'resolution', 'public_notice']
  type Spec = { c: Community; title: string; body: string; createdAgo: number; state: string; stage: number; note?: string; progress?: number; supports?: number; story?: string }
  const specs: Spec[] = []
  // 110 settled over the year; the stories among them.
  const stories: [string, string][] = [['竹林花园电动车棚选址', '竹林花园电动车在楼道停放充电，居民提议建设集中车棚，但选址意见不一。'],
    ['鹿聚路人行道破损积水', '鹿聚路人行道砖块破损，雨天积水，老人孩子出行不便。'], ['经济适用房小区改造', '经济适用房小区管网老化、道路破损，居民希望纳入改造。']]
  for (let i = 0; i < 110; i++) {
    const [theme, body] = i < stories.length ? stories[i]! : THEMES[i % THEMES.length]!
    const title = i < stories.length ? theme : `${PLACES[Math.floor(i / THEMES.length) % PLACES.length]}${theme}`
    specs.push({ c: i < stories.length ? home : communities[i % communities.length]!, title, body, createdAgo: 40 + Math.floor((i * 300) / 110) + Math.floor(random() * 5), state: 'settled', stage: 5, progress: 100, story: i < stories.length ? title : undefined })
  }
  // Live topics in the demo resident's community and elsewhere: every stage.
  specs.push({ c: home, title: '香梅苑屋顶排险', body: '香梅苑 3 栋屋顶瓦片松动，大风天有坠落危险，需尽快排险维修。', createdAgo: 35, state: 'deliberating', stage: 5, progress: 60, story: '香梅苑屋顶排险' })
  for (let s = 0; s <= 4; s++) {
    for (let k = 0; k < 3; k++) {
      const [title, body] = THEMES[(s * 3 + k + 7) % THEMES.length]!
      specs.push({ c: k === 0 ? home : communities[(s + k) % communities.length]!, title, body, createdAgo: 3 + (5 - s) * 5 + k, state: s === 0 ? 'proposed' : 'deliberating', stage: s, supports: s === 0 ? 1 + k : undefined })
    }
  }
  specs.push({ c: home, title: '小区充电桩建设（重复提议）', body: '建议建设电动车充电桩', createdAgo: 20, state: 'merged', stage: 0, note: '与“小区增设电动车集中充电桩”为同一问题' })
  specs.push({ c: communities[1 % communities.length]!, title: '小区门口增设减速带', body: '车辆进出速度快', createdAgo: 80, state: 'expired', stage: 0, note: '附议不足，已过期' })
  specs.push({ c: communities[2 % communities.length]!, title: '要求物业免除全部物业费', body: '物业服务差', createdAgo: 60, state: 'rejected', stage: 1, note: '不属于居民协商范围，已转物业服务质量评议' })

  const topicRows = specs.map((s, ord) => ({
    ord,
    org_id: s.c.id, title: s.title, body: s.body, proposer_id: pick(random, s.c.residents), state: s.state === 'merged' ? 'expired' : s.state, stage_index: s.stage, stage_key: STAGES[s.stage],
    stage_started_at: at(Math.max(1, s.createdAgo - s.stage * 6)), stage_due_at: s.state === 'deliberating' ? at(Math.max(1, s.createdAgo - s.stage * 6) - 14) : null,
    support_count: s.state === 'proposed' ? s.supports ?? 1 : 5, support_needed: 5, expires_at: at(s.createdAgo - 30),
    closed_at: ['settled', 'merged', 'expired', 'rejected'].includes(s.state) ? at(Math.max(1, s.createdAgo - 34)) : null, close_note: s.note ?? null, created_at: at(s.createdAgo),
  }))
  const inserted = await rows<{ id: string }>(tx, sql`INSERT INTO topics (org_id, title, body, proposer_id, template_version_id, state, stage_index, stage_key, stage_started_at, stage_due_at,
      support_count, support_needed, expires_at, closed_at, close_note, created_at, updated_at)
    SELECT x.org_id, x.title, x.body, x.proposer_id, ${version.id}, x.state, x.stage_index, x.stage_key, x.stage_started_at, x.stage_due_at, x.support_count, x.support_needed, x.expires_at,
      x.closed_at, x.close_note, x.created_at, x.created_at
    FROM jsonb_to_recordset(${JSON.stringify(topicRows)}::jsonb) AS x(org_id bigint, title text, body text, proposer_id bigint, state text, stage_index int, stage_key text,
      stage_started_at timestamptz, stage_due_at timestamptz, support_count int, support_needed int, expires_at timestamptz, closed_at timestamptz, close_note text, created_at timestamptz, ord int)
    ORDER BY x.ord RETURNING id::text`)
  const ids = inserted.map((r) => r.id).sort((a, b) => Number(a) - Number(b))
  const merged = specs.findIndex((s) => s.state === 'merged')
  const target = specs.findIndex((s) => s.c === home && s.state === 'proposed')
  // Inserted as closed, then merged with its target in one update (the merged state needs its target).
  await tx.execute(sql`UPDATE topics SET state = 'merged', merged_into_id = ${ids[target]!} WHERE id = ${ids[merged]!}`)

  // Stage records, events, supports, resolutions and tasks, each in one statement.
  const records: object[] = []
  const events: object[] = []
  const supports: object[] = []
  const resolutions: object[] = []
  specs.forEach((s, i) => {
    const id = ids[i]!
    const cadre = pick(random, s.c.cadres)
    const done = s.state === 'settled' ? 6 : s.state === 'deliberating' ? s.stage : s.state === 'rejected' ? 1 : 0
    events.push({ topic_id: id, actor_id: topicRows[i]!.proposer_id, action: 'create', from_state: null, to_state: 'proposed', stage_key: 'propose', note: null, at: at(s.createdAgo) })
    const n = s.state === 'proposed' ? s.supports ?? 1 : s.state === 'merged' || s.state === 'expired' ? 1 : 5
    for (const p of [topicRows[i]!.proposer_id, ...s.c.residents.filter((r) => r !== topicRows[i]!.proposer_id && r !== demo?.personId).slice(0, n - 1)]) supports.push({ topic_id: id, person_id: p, at: at(s.createdAgo - 1) })
    for (let k = 0; k < done; k++) {
      const when = at(Math.max(1, s.createdAgo - (k + 1) * 6))
      records.push({ topic_id: id, stage_index: k, stage_key: STAGES[k], actor_id: k === 0 ? null : cadre, output_kind: OUTPUT[k], output: k === 0 ? null : s.story && k === 4 ? `${s.title}：经居民代表会议表决通过实施方案。` : MINUTES[k - 1], started_at: at(Math.max(1, s.createdAgo - k * 6)), at: when })
      events.push({ topic_id: id, actor_id: k === 0 ? null : cadre, action: k === 0 ? 'threshold' : 'advance', from_state: k === 0 ? 'proposed' : 'deliberating', to_state: k === 5 ? 'settled' : 'deliberating', stage_key: STAGES[k], note: k === 0 ? null : MINUTES[k - 1], at: when })
    }
    if (s.state === 'merged' || s.state === 'expired' || s.state === 'rejected') events.push({ topic_id: id, actor_id: s.state === 'expired' ? null : cadre, action: { merged: 'merge', expired: 'expire', rejected: 'reject' }[s.state], from_state: s.state === 'rejected' ? 'deliberating' : 'proposed', to_state: s.state, stage_key: STAGES[s.stage], note: s.note, at: topicRows[i]!.closed_at })
    if (done >= 5) resolutions.push({ topic_id: id, org_id: s.c.id, title: s.title, text: s.story === '竹林花园电动车棚选址' ? '在竹林花园东门空地建设电动车集中车棚，配充电桩 40 个，物业负责施工和管理，费用由维修基金列支。'
      : s.story === '香梅苑屋顶排险' ? '对香梅苑 3 栋屋顶进行排险维修：拆除松动瓦片、更换防水层，施工期间设置警戒区。' : `${s.title}：按协商方案实施，社区负责跟踪落实。`,
      state: s.state === 'settled' ? 'done' : 'executing', progress: s.progress ?? 50, decided_at: at(Math.max(1, s.createdAgo - 30)), done_at: s.state === 'settled' ? at(Math.max(1, s.createdAgo - 34)) : null, created_by: cadre })
  })
  await tx.execute(sql`INSERT INTO topic_stage_records (topic_id, stage_index, stage_key, actor_id, output_kind, output, started_at, at)
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(topic_id bigint, stage_index int, stage_key text, actor_id bigint, output_kind text, output text, started_at timestamptz, at timestamptz)`)
  await tx.execute(sql`INSERT INTO topic_events (topic_id, actor_id, action, from_state, to_state, stage_key, note, at)
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(topic_id bigint, actor_id bigint, action text, from_state text, to_state text, stage_key text, note text, at timestamptz) ORDER BY x.at`)
  await tx.execute(sql`INSERT INTO topic_supports (topic_id, person_id, household_key, at)
    SELECT x.topic_id, x.person_id, (SELECT r.org_id || ':' || r.household FROM residents r WHERE r.person_id = x.person_id AND r.deleted_at IS NULL LIMIT 1), x.at
    FROM jsonb_to_recordset(${JSON.stringify(supports)}::jsonb) AS x(topic_id bigint, person_id bigint, at timestamptz) ON CONFLICT DO NOTHING`)
  const made = await rows<{ id: string; title: string }>(tx, sql`INSERT INTO resolutions (topic_id, org_id, title, text, state, progress, decided_at, done_at, created_by, created_at, updated_at)
    SELECT x.topic_id, x.org_id, x.title, x.text, x.state, x.progress, x.decided_at, x.done_at, x.created_by, x.decided_at, coalesce(x.done_at, x.decided_at)
    FROM jsonb_to_recordset(${JSON.stringify(resolutions)}::jsonb) AS x(topic_id bigint, org_id bigint, title text, text text, state text, progress int, decided_at timestamptz, done_at timestamptz, created_by bigint)
    RETURNING id::text, title`)
  // The stories' tasks: the shed built; the roof half done.
  const task = (title: string, rows_: [string, string, boolean][]) => {
    const r = made.find((m) => m.title === title)
    return r ? rows_.map(([t, due, isDone]) => ({ resolution_id: r.id, title: t, owner_id: home.cadres[0], due_on: due, done: isDone })) : []
  }
  const tasks = [
    ...task('竹林花园电动车棚选址', [['车棚选址公示', at(90).slice(0, 10), true], ['车棚及充电桩施工', at(70).slice(0, 10), true], ['竣工验收并交物业管理', at(60).slice(0, 10), true]]),
    ...task('香梅苑屋顶排险', [['设置警戒区，拆除松动瓦片', at(20).slice(0, 10), true], ['申请维修基金', at(12).slice(0, 10), true], ['更换防水层', at(-10).slice(0, 10), false], ['竣工验收公示', at(-20).slice(0, 10), false], ['回访住户', at(-25).slice(0, 10), false]]),
  ]
  await tx.execute(sql`INSERT INTO resolution_tasks (resolution_id, title, owner_id, due_on, done_at)
    SELECT x.resolution_id, x.title, x.owner_id, x.due_on, CASE WHEN x.done THEN now() - interval '5 days' END FROM jsonb_to_recordset(${JSON.stringify(tasks)}::jsonb) AS x(resolution_id bigint, title text, owner_id bigint, due_on text, done boolean)`)
  const roof = made.find((m) => m.title === '香梅苑屋顶排险')
  if (roof) await tx.execute(sql`INSERT INTO resolution_comments (resolution_id, author_id, body, at) VALUES (${roof.id}, ${home.residents[0]!}, '警戒区设得及时，希望雨季前完工', ${at(6)}), (${roof.id}, ${home.residents[1] ?? home.residents[0]!}, '施工队很负责，点赞', ${at(3)})`)

  // The one secret ballot: open, on the demo community's topic at the 集体决议 stage; some have voted.
  const decideIdx = specs.findIndex((s) => s.c === home && s.state === 'deliberating' && s.stage === 4)
  if (decideIdx >= 0) {
    const topicId = ids[decideIdx]!
    const [electorate] = await rows<{ n: number }>(tx, sql`SELECT count(DISTINCT r.person_id)::int AS n FROM residents r JOIN orgs o ON o.id = r.org_id WHERE r.deleted_at IS NULL AND o.path <@ ${home.path}::ltree`)
    const [vote] = await rows<{ id: string }>(tx, sql`INSERT INTO votes (topic_id, org_id, stage_key, title, mode, state, quorum_percent, threshold_percent, electorate, opens_at, closes_at, created_by)
      VALUES (${topicId}, ${home.id}, 'decide', ${`集体决议：${specs[decideIdx]!.title}`}, 'secret', 'open', 50, 50, ${electorate?.n ?? 0}, ${at(2)}, ${at(-5)}, ${home.cadres[0]!}) RETURNING id::text`)
    const voters = home.residents.filter((r) => r !== demo?.personId).slice(0, 24)
    const counts = { for: 0, against: 0, abstain: 0 }
    for (let i = 0; i < voters.length; i++) counts[i % 6 === 0 ? 'against' : i % 11 === 0 ? 'abstain' : 'for']++
    await tx.execute(sql`INSERT INTO vote_participations (vote_id, person_id) SELECT ${vote!.id}, unnest(string_to_array(${voters.join(',')}, ',')::bigint[])`)
    await tx.execute(sql`INSERT INTO secret_ballot_box (vote_id, choice, ballots) VALUES (${vote!.id}, 'for', ${counts.for}), (${vote!.id}, 'against', ${counts.against}), (${vote!.id}, 'abstain', ${counts.abstain})`)
    await tx.execute(sql`INSERT INTO topic_events (topic_id, actor_id, action, from_state, to_state, stage_key, data, at) VALUES (${topicId}, ${home.cadres[0]!}, 'vote_opened', 'deliberating', 'deliberating', 'decide', ${JSON.stringify({ voteId: vote!.id, mode: 'secret' })}::jsonb, ${at(2)})`)
  }
  return { topics: specs.length }
}
