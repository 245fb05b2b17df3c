// The permission matrix of deliberation (issue 16): for every demo role, each request that names a
// topic, vote, tally, resolution, task, template, node, person, case or photo outside the role's
// scope is refused (401/403/404) and writes nothing; derived views (topic lists, the board, votes,
// resolutions) show nothing from outside. Inside the demo community, cadres and above run topics.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const cadres: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'street' | 'community' | 'person' | 'photo' | 'case' | 'visit' | 'proposed' | 'live' | 'vote' | 'tally' | 'resolution' | 'task' | 'template', string>
let demoTopic: string
let demoResolution: string
let demoTask: string

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT concat_ws('/', (SELECT count(*) FROM topics), (SELECT count(*) FROM topic_events), (SELECT count(*) FROM topic_supports),
  (SELECT count(*) FROM votes), (SELECT count(*) FROM vote_participations), (SELECT count(*) FROM paper_tallies WHERE confirmed_at IS NOT NULL), (SELECT count(*) FROM paper_tallies),
  (SELECT count(*) FROM resolutions), (SELECT count(*) FROM resolution_tasks WHERE done_at IS NOT NULL), (SELECT count(*) FROM resolution_tasks), (SELECT count(*) FROM resolution_comments),
  (SELECT count(*) FROM deliberation_templates), (SELECT count(*) FROM deliberation_template_versions), (SELECT count(*) FROM deliberation_settings),
  (SELECT string_agg(state || stage_key, ',' ORDER BY id) FROM topics), (SELECT string_agg(state || progress, ',' ORDER BY id) FROM resolutions), (SELECT string_agg(state, ',' ORDER BY id) FROM votes)) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  far.street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', far.street)
  const grid = await org('grid', '矩阵外的网格', far.community)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.case = await one(sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, handling_org_id, handling_org_path, channel)
    SELECT linli_district_of(g.id), g.id, g.path, 'facility.road', '矩阵外的事件', ST_SetSRID(ST_MakePoint(100, 30), 4326), g.id, g.path, 'console' FROM orgs g WHERE g.id = ${grid} RETURNING id::text`)
  far.visit = await one(sql`INSERT INTO visits (kind, mode, org_id, visitor_id, visited_at, note) VALUES ('night', 'active', ${grid}, ${far.person}, now(), '矩阵外的走访') RETURNING id::text`)
  far.template = await one(sql`INSERT INTO deliberation_templates (org_id, code, name) VALUES (${far.street}, 'far_template', '矩阵外的模板') RETURNING id::text`)
  await t.query(sql`INSERT INTO deliberation_template_versions (template_id, version, stages) SELECT ${far.template}, 1, stages FROM deliberation_template_versions v JOIN deliberation_templates d ON d.id = v.template_id WHERE d.code = 'six_steps'`)
  const version = await one(sql`SELECT v.id::text FROM deliberation_template_versions v JOIN deliberation_templates d ON d.id = v.template_id WHERE d.code = 'six_steps'`)
  const topic = (state: string, stage: string, index: number) => one(sql`INSERT INTO topics (org_id, title, body, proposer_id, template_version_id, state, stage_index, stage_key)
    VALUES (${far.community}, ${`矩阵外的议题${state}`}, '矩阵外', ${far.person}, ${version}, ${state}, ${index}, ${stage}) RETURNING id::text`)
  far.proposed = await topic('proposed', 'propose', 0)
  far.live = await topic('deliberating', 'decide', 4)
  far.vote = await one(sql`INSERT INTO votes (topic_id, org_id, stage_key, title, mode, state, opens_at, closes_at) VALUES (${far.live}, ${far.community}, 'decide', '矩阵外的表决', 'secret', 'open', now(), now() + interval '2 days') RETURNING id::text`)
  await t.query(sql`INSERT INTO secret_ballot_box (vote_id, choice) VALUES (${far.vote}, 'for'), (${far.vote}, 'against'), (${far.vote}, 'abstain')`)
  far.tally = await one(sql`INSERT INTO paper_tallies (vote_id, label, for_count, against_count, abstain_count, entered_by) VALUES (${far.vote}, '矩阵外', 1, 0, 0, ${far.person}) RETURNING id::text`)
  far.resolution = await one(sql`INSERT INTO resolutions (topic_id, org_id, title, text, state) VALUES (${far.live}, ${far.community}, '矩阵外的决议', '矩阵外', 'executing') RETURNING id::text`)
  far.task = await one(sql`INSERT INTO resolution_tasks (resolution_id, title) VALUES (${far.resolution}, '矩阵外的任务') RETURNING id::text`)
  const posted = await as.resident.post('/api/v1/topics', { title: '矩阵内的议题', body: '矩阵内', orgId: t.fixtures.communityId })
  assert.equal(posted.statusCode, 201, posted.body)
  demoTopic = posted.json().id
  await t.query(sql`UPDATE topics SET state = 'deliberating', stage_index = 1, stage_key = 'committee' WHERE id = ${demoTopic}`)
  demoResolution = await one(sql`INSERT INTO resolutions (topic_id, org_id, title, text, state) VALUES (${demoTopic}, ${t.fixtures.communityId}, '矩阵内的决议', '矩阵内', 'executing') RETURNING id::text`)
  demoTask = await one(sql`INSERT INTO resolution_tasks (resolution_id, title) VALUES (${demoResolution}, '矩阵内的任务') RETURNING id::text`)
})
after(() => t.close())

test('deliberation: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send): [string, Send] => [family, send]
    const rows: [string, Send][] = [
      refused('topics.read', () => c.get(`/api/v1/topics/${far.proposed}`)),
      refused('topics.support', () => c.post(`/api/v1/topics/${far.proposed}/support`)),
      refused('topics.advance', () => c.post(`/api/v1/topics/${far.live}/advance`, { output: '矩阵外' })),
      refused('topics.reject', () => c.post(`/api/v1/topics/${far.proposed}/reject`, { reason: '矩阵外' })),
      refused('topics.merge', () => c.post(`/api/v1/topics/${far.proposed}/merge`, { intoId: far.live })),
      refused('topics.merge.intoId', () => c.post(`/api/v1/topics/${demoTopic}/merge`, { intoId: far.live })),
      refused('topics.advance.outputRef', () => c.post(`/api/v1/topics/${demoTopic}/advance`, { output: '纪要', outputRef: { kind: 'vote', id: far.vote } })),
      refused('topics.create.orgId', () => c.post('/api/v1/topics', { title: '矩阵外的提议', body: '矩阵外', orgId: far.community })),
      refused('topics.create.proposerId', () => c.post('/api/v1/topics', { title: '矩阵内的提议', body: '代收集', orgId: t.fixtures.communityId, proposerId: far.person })),
      refused('topics.create.source', () => c.post('/api/v1/topics', { title: '矩阵内的提议', body: '转为议题', orgId: t.fixtures.communityId, source: { kind: 'case', id: far.case } })),
      refused('topics.create.source.visit', () => c.post('/api/v1/topics', { title: '矩阵内的提议', body: '转为议题', orgId: t.fixtures.communityId, source: { kind: 'visit', id: far.visit } })),
      refused('topics.list.sourceId.visit', () => c.get(`/api/v1/topics?sourceKind=visit&sourceId=${far.visit}`)),
      refused('topics.create.photoIds', () => c.post('/api/v1/topics', { title: '矩阵内的提议', body: '照片', orgId: t.fixtures.communityId, photoIds: [far.photo] })),
      refused('topics.list.orgId', () => c.get(`/api/v1/topics?orgId=${far.community}`)),
      refused('topics.list.sourceId', () => c.get(`/api/v1/topics?sourceKind=case&sourceId=${far.case}`)),
      refused('topics.board.orgId', () => c.get(`/api/v1/topics/board?orgId=${far.community}`)),
      refused('votes.create', () => c.post(`/api/v1/topics/${far.live}/votes`, { mode: 'secret', closesAt: new Date(Date.now() + 86_400_000).toISOString() })),
      refused('votes.read', () => c.get(`/api/v1/votes/${far.vote}`)),
      refused('votes.ballot', () => c.post(`/api/v1/votes/${far.vote}/ballots`, { choice: 'for' })),
      refused('votes.close', () => c.post(`/api/v1/votes/${far.vote}/close`)),
      refused('votes.remind', () => c.post(`/api/v1/votes/${far.vote}/remind`)),
      refused('votes.tallies', () => c.post(`/api/v1/votes/${far.vote}/tallies`, { label: '矩阵外', for: 1, against: 0, abstain: 0 })),
      refused('tallies.confirm', () => c.post(`/api/v1/paper-tallies/${far.tally}/confirm`, { for: 1, against: 0, abstain: 0 })),
      refused('votes.list.orgId', () => c.get(`/api/v1/votes?orgId=${far.community}`)),
      refused('resolutions.read', () => c.get(`/api/v1/resolutions/${far.resolution}`)),
      refused('resolutions.update', () => c.patch(`/api/v1/resolutions/${far.resolution}`, { progress: 90 })),
      refused('resolutions.update.photoIds', () => c.patch(`/api/v1/resolutions/${demoResolution}`, { photoIds: [far.photo] })),
      refused('resolutions.tasks', () => c.post(`/api/v1/resolutions/${far.resolution}/tasks`, { title: '矩阵外' })),
      refused('resolutions.tasks.ownerId', () => c.post(`/api/v1/resolutions/${demoResolution}/tasks`, { title: '矩阵内', ownerId: far.person })),
      refused('resolutions.tasks.link', () => c.post(`/api/v1/resolutions/${demoResolution}/tasks`, { title: '矩阵内', link: { kind: 'case', id: far.case } })),
      refused('resolutions.taskDone', () => c.post(`/api/v1/resolution-tasks/${far.task}/done`)),
      refused('resolutions.taskDone.photoIds', () => c.post(`/api/v1/resolution-tasks/${demoTask}/done`, { photoIds: [far.photo] })),
      refused('resolutions.comment', () => c.post(`/api/v1/resolutions/${far.resolution}/comments`, { body: '矩阵外' })),
      refused('resolutions.list.orgId', () => c.get(`/api/v1/resolutions?orgId=${far.community}`)),
      refused('resolutions.rollup.orgId', () => c.get(`/api/v1/resolutions/rollup?orgId=${far.community}`)),
      refused('templates.create.orgId', () => c.post('/api/v1/deliberation-templates', { code: `far_${r}`, name: '矩阵外', orgId: far.street, stages: [{ key: 'a', name: '甲', role: 'resident', output: 'none' }, { key: 'b', name: '乙', role: 'community_cadre', output: 'minutes' }] })),
      refused('templates.update', () => c.patch(`/api/v1/deliberation-templates/${far.template}`, { name: '改名' })),
      refused('settings.read', () => c.get(`/api/v1/deliberation-settings/${far.community}`)),
      refused('settings.put', () => c.put(`/api/v1/deliberation-settings/${far.community}`, { supportHouseholds: 5, supportPercent: null, expireDays: 30, templateId: null })),
    ]
    for (const [family, send] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok([401, 403, 404].includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the demo community: cadres and above manage, everyone there reads.
    assert.equal((await c.get(`/api/v1/topics/${demoTopic}`)).statusCode, 200, `topics.read (own) as ${r}`)
    const vote = await c.post(`/api/v1/topics/${demoTopic}/votes`, { mode: 'open', closesAt: new Date(Date.now() + 86_400_000).toISOString() })
    assert.equal(vote.statusCode, cadres[r] ? 201 : 403, `votes.create (own) as ${r}: ${vote.body.slice(0, 200)}`)
    if (vote.statusCode === 201) await t.query(sql`UPDATE votes SET state = 'cancelled' WHERE id = ${vote.json().id}`)
  }
  assert.equal((await t.anonymous.get(`/api/v1/topics/${demoTopic}`)).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/topics', { title: '匿名的提议', body: '匿名', orgId: t.fixtures.communityId })).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/public/communities/${t.fixtures.communityId}/deliberation`)).statusCode, 200)
})

test('derived views: topic lists, the board, votes and resolutions show nothing from outside the reader\'s places', async () => {
  for (const r of ROLES) {
    for (const url of ['/api/v1/topics?limit=200', '/api/v1/topics/board', '/api/v1/votes?limit=200', '/api/v1/resolutions?limit=200']) {
      const res = await as[r].get(url)
      assert.equal(res.statusCode, 200, `${url} as ${r}`)
      // Everything outside carries 矩阵外 in its title (ids are per table, so they are not compared).
      assert.ok(!res.body.includes('矩阵外'), `${url} as ${r} shows something from outside`)
    }
  }
  const board = await t.anonymous.get(`/api/v1/public/communities/${far.community}/deliberation`)
  assert.ok(!board.body.includes('矩阵外的居民'))
})
