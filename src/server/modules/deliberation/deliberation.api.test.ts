import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { deliberationWorld, register, topicBody } from '../../../../test/support/deliberation.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

describe('a topic through the six stages of 协商六议', () => {
  test('proposed on the phone, supported by a second household, carried through every stage to a resolution with tasks and a public board', async () => {
    const w = await deliberationWorld(t, f, 4)
    const [a, b, c, d] = w.residents
    const posted = await a!.client.post('/api/v1/topics', topicBody(w.community.id, { title: '竹林花园电动车棚选址' }))
    assert.equal(posted.statusCode, 201, posted.body)
    assert.equal(posted.json().state, 'proposed')
    const id = posted.json().id as string
    let topic = (await a!.client.get(`/api/v1/topics/${id}`)).json()
    assert.equal(topic.stageKey, 'propose')
    assert.equal(topic.supportCount, 1, 'the proposer\'s household supports it')
    assert.equal(topic.supportNeeded, 2)
    assert.deepEqual(topic.stages.map((s: { name: string }) => s.name), ['村(居)民提议', '“两委”商议', '理事会复议', '多方共议', '集体决议', '群众监议'])
    assert.equal(topic.template.name, '协商六议')

    // Supporting twice is refused; the threshold (2 households) moves it to the committee.
    const supported = await b!.client.post(`/api/v1/topics/${id}/support`)
    assert.equal(supported.statusCode, 200, supported.body)
    assert.equal(supported.json().state, 'deliberating')
    assert.equal(supported.json().stageKey, 'committee')
    assert.equal(codeOf(await b!.client.post(`/api/v1/topics/${id}/support`)), 'TOPIC_STATE')

    // A resident may not advance; the committee needs minutes.
    assert.equal((await c!.client.post(`/api/v1/topics/${id}/advance`, { output: '纪要' })).statusCode, 403)
    const noMinutes = await w.cadre.client.post(`/api/v1/topics/${id}/advance`, {})
    assert.equal(noMinutes.statusCode, 422)
    assert.equal(codeOf(noMinutes), 'TOPIC_OUTPUT_REQUIRED')
    assert.equal((await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '两委会议同意提交理事会复议。' })).json().stageKey, 'council')
    // The council needs five present.
    const fewCouncil = await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '理事会复议纪要', attendees: 3 })
    assert.equal(codeOf(fewCouncil), 'TOPIC_QUORUM')
    assert.equal((await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '理事会复议纪要', attendees: 7 })).json().stageKey, 'parties')
    assert.equal((await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '物业、业委会、居民代表共议，选址东门空地。', parties: ['物业服务企业', '业主委员会'] })).json().stageKey, 'decide')

    // 集体决议 needs a vote that passed.
    assert.equal(codeOf(await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '决议' })), 'TOPIC_VOTE_REQUIRED')
    const vote = await w.cadre.client.post(`/api/v1/topics/${id}/votes`, { mode: 'open', quorumPercent: 50, thresholdPercent: 50, closesAt: inDays(3) })
    assert.equal(vote.statusCode, 201, vote.body)
    const voteId = vote.json().id as string
    assert.equal(vote.json().electorate, 4)
    for (const [p, choice] of [[a, 'for'], [b, 'for'], [c, 'against']] as const) assert.equal((await p!.client.post(`/api/v1/votes/${voteId}/ballots`, { choice })).statusCode, 201)
    // Reminders go to the one who has not voted.
    const reminded = await w.cadre.client.post(`/api/v1/votes/${voteId}/remind`)
    assert.equal(reminded.json().reminded, 1)
    const told = await t.query<{ person_id: string }>(sql`SELECT person_id::text FROM notifications WHERE kind = 'vote.remind' AND link->>'voteId' = ${voteId}`)
    assert.deepEqual(told.map((x) => x.person_id), [d!.id])
    const closed = await w.cadre.client.post(`/api/v1/votes/${voteId}/close`)
    assert.equal(closed.statusCode, 200, closed.body)
    assert.deepEqual(closed.json().result.totals, { for: 2, against: 1, abstain: 0 })
    assert.equal(closed.json().result.passed, true)
    assert.equal(closed.json().ballots.length, 3, 'an open vote shows who voted how to its managers')

    const decided = await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '在东门空地建设电动车棚，物业负责施工，年底前完工。' })
    assert.equal(decided.statusCode, 200, decided.body)
    assert.equal(decided.json().stageKey, 'supervise')
    const resolutionId = decided.json().resolutions[0].id as string

    // Tasks roll progress up; residents comment; the public board shows it without names.
    const task1 = await w.cadre.client.post(`/api/v1/resolutions/${resolutionId}/tasks`, { title: '车棚选址公示', ownerId: w.cadre.id, dueOn: '2026-12-01' })
    assert.equal(task1.statusCode, 201, task1.body)
    const task2 = await w.cadre.client.post(`/api/v1/resolutions/${resolutionId}/tasks`, { title: '车棚施工' })
    // A task carried out as a case is done when the case is closed (销号): the sweep marks it.
    const kase = await f.newCase(w.grid, { description: '车棚旁的路灯不亮' })
    const task3 = await w.cadre.client.post(`/api/v1/resolutions/${resolutionId}/tasks`, { title: '车棚照明报修', link: { kind: 'case', id: kase.id } })
    assert.equal(task3.statusCode, 201, task3.body)
    assert.equal(await t.app.services.deliberation.resolutions.sweep(t.database.db), 0, 'an open case leaves the task open')
    await t.query(sql`UPDATE cases SET state = 'closed' WHERE id = ${kase.id}`)
    assert.equal(await t.app.services.deliberation.resolutions.sweep(t.database.db), 1)
    assert.equal((await w.cadre.client.get(`/api/v1/resolutions/${resolutionId}`)).json().progress, 33)
    const done = await w.cadre.client.post(`/api/v1/resolution-tasks/${task1.json().tasks[0].id}/done`)
    assert.equal(done.json().progress, 67)
    assert.equal((await d!.client.post(`/api/v1/resolutions/${resolutionId}/comments`, { body: '希望加装充电桩的防雨棚' })).statusCode, 201)
    const board = await t.anonymous.get(`/api/v1/public/communities/${w.community.id}/deliberation`)
    assert.equal(board.statusCode, 200, board.body)
    assert.equal(board.json().resolutions[0].progress, 67)
    assert.ok(!board.body.includes('李书记') && !board.body.includes('居民'), 'no names on the public board')
    await w.cadre.client.post(`/api/v1/resolution-tasks/${task2.json().tasks[1].id}/done`)
    const rollup = await w.cadre.client.get(`/api/v1/resolutions/rollup?orgId=${w.community.id}`)
    assert.equal(rollup.statusCode, 200, rollup.body)
    assert.deepEqual(rollup.json().rows.find((r: { org: { id: string } }) => r.org.id === w.community.id), { org: { id: w.community.id, name: w.community.name }, resolutions: 1, done: 1, progress: 100 })
    assert.equal(topic.meetings.length, 0)

    const settled = await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '车棚已建成，公示验收结果。' })
    assert.equal(settled.json().state, 'settled')
    topic = (await a!.client.get(`/api/v1/topics/${id}`)).json()
    assert.ok(topic.stages.every((s: { status: string; record: unknown }) => s.status === 'done' && s.record !== null))
    assert.equal(topic.stages[1].record.actor.name, '李书记')
    assert.equal(topic.stages[1].record.output, '两委会议同意提交理事会复议。')
    assert.deepEqual(topic.timeline.map((e: { action: string }) => e.action), ['create', 'support', 'threshold', 'advance', 'advance', 'advance', 'vote_opened', 'vote_closed', 'advance', 'advance'])
    assert.ok(topic.timeline.some((e: { action: string }) => e.action === 'vote_closed'))
    assert.equal((await a!.client.get(`/api/v1/resolutions/${resolutionId}`)).json().state, 'done')
  })

  test('an outsider cannot read, support or list the topic; the board is by stage', async () => {
    const w = await deliberationWorld(t, f, 1)
    const other = await deliberationWorld(t, f, 1)
    const id = (await w.residents[0]!.client.post('/api/v1/topics', topicBody(w.community.id))).json().id
    assert.equal((await other.residents[0]!.client.get(`/api/v1/topics/${id}`)).statusCode, 404)
    assert.equal((await other.residents[0]!.client.post(`/api/v1/topics/${id}/support`)).statusCode, 404)
    assert.equal((await other.residents[0]!.client.get(`/api/v1/topics?orgId=${w.community.id}`)).statusCode, 404)
    const list = await other.cadre.client.get('/api/v1/topics')
    assert.ok(!list.json().items.some((x: { id: string }) => x.id === id))
    const board = await w.cadre.client.get(`/api/v1/topics/board?orgId=${w.community.id}`)
    assert.equal(board.statusCode, 200, board.body)
    const propose = board.json().columns.find((c: { key: string }) => c.key === 'propose')
    assert.equal(propose.count, 1)
    assert.equal(propose.items[0].id, id)
  })
})

describe('sources, merging, expiry, templates', () => {
  test('"转为议题" from a case: the case must be readable, and the case page finds its topic', async () => {
    const w = await deliberationWorld(t, f, 1)
    const kase = await f.newCase(w.grid, { description: '鹿聚路人行道破损积水' })
    const outsider = (await deliberationWorld(t, f, 0)).cadre
    assert.equal((await outsider.client.post('/api/v1/topics', topicBody(outsider.orgId, { source: { kind: 'case', id: kase.id } }))).statusCode, 404)
    assert.equal(codeOf(await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { source: { kind: 'case', id: '999999999' } }))), 'TOPIC_SOURCE_NOT_FOUND')
    const made = await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { title: '鹿聚路人行道破损积水', source: { kind: 'case', id: kase.id } }))
    assert.equal(made.statusCode, 201, made.body)
    const linked = await w.cadre.client.get(`/api/v1/topics?sourceKind=case&sourceId=${kase.id}`)
    assert.equal(linked.statusCode, 200, linked.body)
    assert.deepEqual(linked.json().items.map((x: { id: string }) => x.id), [made.json().id])
    assert.deepEqual(linked.json().items[0].source, { kind: 'case', id: kase.id })
    assert.equal((await outsider.client.get(`/api/v1/topics?sourceKind=case&sourceId=${kase.id}`)).statusCode, 404)
  })

  test('similar topics merge: supporters move along and may carry the surviving topic over the threshold', async () => {
    const w = await deliberationWorld(t, f, 2)
    const [a, b] = w.residents
    const one = (await a!.client.post('/api/v1/topics', topicBody(w.community.id))).json().id
    const two = (await b!.client.post('/api/v1/topics', topicBody(w.community.id))).json().id
    assert.equal((await a!.client.post(`/api/v1/topics/${two}/merge`, { intoId: one })).statusCode, 403)
    const merged = await w.cadre.client.post(`/api/v1/topics/${two}/merge`, { intoId: one, note: '同一车棚问题' })
    assert.equal(merged.statusCode, 200, merged.body)
    assert.equal(merged.json().state, 'deliberating', 'two households now support it')
    assert.deepEqual(merged.json().merged.map((x: { id: string }) => x.id), [two])
    const gone = (await b!.client.get(`/api/v1/topics/${two}`)).json()
    assert.equal(gone.state, 'merged')
    assert.equal(gone.mergedInto.id, one)
  })

  test('a topic without support expires in the sweep; the proposer is told', async () => {
    const w = await deliberationWorld(t, f, 1)
    const id = (await w.residents[0]!.client.post('/api/v1/topics', topicBody(w.community.id))).json().id
    const report = await t.app.services.deliberation.topics.sweep(t.database.db, new Date(Date.now() + 31 * 86_400_000))
    assert.ok(report.expired >= 1)
    const topic = (await w.residents[0]!.client.get(`/api/v1/topics/${id}`)).json()
    assert.equal(topic.state, 'expired')
    assert.equal(topic.timeline.at(-1).action, 'expire')
    const told = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${w.residents[0]!.id} AND kind = 'topic.expired'`)
    assert.equal(told.length, 1)
  })

  test('two households of the same flat count once; a share of households sets the threshold', async () => {
    const w = await deliberationWorld(t, f, 0)
    const a = await register(t, f, w.building.id, '301')
    const spouse = await register(t, f, w.building.id, '301')
    for (let i = 0; i < 8; i++) await register(t, f, w.building.id, `4${i}1`)
    const put = await w.cadre.client.put(`/api/v1/deliberation-settings/${w.community.id}`, { supportHouseholds: null, supportPercent: 20, expireDays: 14, templateId: null })
    assert.equal(put.statusCode, 200, put.body)
    assert.equal(put.json().households, 9)
    assert.equal(put.json().supportNeeded, 2)
    assert.equal(put.json().manage, true, 'the console shows the settings form to a cadre of the node')
    const resident = (await a.client.get(`/api/v1/deliberation-settings/${w.community.id}`)).json()
    assert.deepEqual([resident.supportPercent, resident.manage], [20, false], 'a resident reads the threshold, without the form')
    const id = (await a.client.post('/api/v1/topics', topicBody(w.community.id))).json().id
    const after = await spouse.client.post(`/api/v1/topics/${id}/support`)
    assert.equal(after.json().supportCount, 1)
    assert.equal(after.json().state, 'proposed')
  })

  test('templates: admins edit; a new version does not change topics already under way', async () => {
    const w = await deliberationWorld(t, f, 1)
    const admin = await t.as('admin')
    const stages = [
      { key: 'collect', name: '议题收集', role: 'resident', output: 'none' },
      { key: 'decide', name: '居民会议表决', role: 'community_cadre', output: 'resolution', vote: false },
    ]
    assert.equal((await w.cadre.client.post('/api/v1/deliberation-templates', { code: 'test_two', name: '两步议事', stages })).statusCode, 403)
    const made = await admin.post('/api/v1/deliberation-templates', { code: `two_${Date.now() % 100000}`, name: '两步议事', stages })
    assert.equal(made.statusCode, 201, made.body)
    const tid = made.json().id
    const topic = (await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { templateId: tid }))).json().id
    const edited = await admin.patch(`/api/v1/deliberation-templates/${tid}`, { stages: [...stages, { key: 'watch', name: '监督', role: 'community_cadre', output: 'public_notice' }] })
    assert.equal(edited.json().version, 2)
    const shown = (await w.cadre.client.get(`/api/v1/topics/${topic}`)).json()
    assert.equal(shown.template.version, 1)
    assert.equal(shown.stages.length, 2)
    const list = (await w.cadre.client.get('/api/v1/deliberation-templates')).json()
    assert.ok(['协商六议', '民情理事会', '五位一体物业协商'].every((n) => list.some((x: { name: string }) => x.name === n)))
    assert.ok(list.every((x: { manage: boolean }) => x.manage === false), 'a community cadre edits no template: the console hides the buttons')
    const adminList = (await admin.get('/api/v1/deliberation-templates')).json()
    assert.ok(adminList.every((x: { manage: boolean }) => x.manage === true), 'an administrator edits every template')
    assert.equal(edited.json().manage, true)
    const bad = await admin.patch(`/api/v1/deliberation-templates/${tid}`, { stages: [{ ...stages[0], name: '' }, stages[1]] })
    assert.equal(bad.statusCode, 400)
    assert.ok(bad.json().error.details.some((d: { path: string; message: string }) => d.path.endsWith('stages.0.name') && d.message === '请填写阶段名称'), bad.body)
    const twice = await admin.patch(`/api/v1/deliberation-templates/${tid}`, { stages: [stages[0], { ...stages[1]!, key: stages[0]!.key }] })
    assert.equal(twice.statusCode, 400)
    assert.ok(twice.json().error.details.some((d: { path: string; message: string }) => d.path.endsWith('stages.1.key') && d.message === '阶段代码不能重复'), twice.body)
  })
})
