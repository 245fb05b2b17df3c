// Issue 16's remaining gaps in broadcasts: 我的通知 in order of sending (a draft sent later comes
// first), the compose form's team picker searched on the server, and one live push per batch of
// recipients instead of one per person.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { broadcastWorld, noticeBody } from '../../../../test/support/broadcasts.ts'
import { LIVE_CHANNEL } from '../../kernel/live.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

describe('我的通知', () => {
  test('unopened first, then the latest SENT first (not the latest created); pages follow the same order', async () => {
    const w = await broadcastWorld(t, f)
    const me = w.appUsers[0]
    const post = async (title: string, draft = false) => (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { title, draft, channels: ['in_app'] }))).json().id as string
    const early = await post('早写晚发的通知', true)
    const second = await post('第二条通知')
    const third = await post('第三条通知')
    // A minute earlier, computed here: Citus refuses timestamptz − interval on a column in an UPDATE.
    for (const id of [second, third]) {
      const [row] = await t.query<{ ms: number }>(sql`SELECT (extract(epoch FROM sent_at) * 1000)::float8 AS ms FROM broadcasts WHERE id = ${id}`)
      await t.query(sql`UPDATE broadcasts SET sent_at = ${new Date(row!.ms - 60_000).toISOString()}::timestamptz WHERE id = ${id}`)
    }
    assert.equal((await w.cadre.client.post(`/api/v1/broadcasts/${early}/send`, {})).statusCode, 200)
    const all = await me.client.get('/api/v1/broadcasts/mine?limit=10')
    assert.equal(all.statusCode, 200, all.body)
    assert.deepEqual(all.json().items.map((x: { id: string }) => x.id), [early, third, second], 'the draft sent last comes first')
    // Paged one by one the order holds.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await me.client.get(`/api/v1/broadcasts/mine?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()
      seen.push(...page.items.map((x) => x.id))
      cursor = page.nextCursor
    } while (cursor && seen.length < 10)
    assert.deepEqual(seen, [early, third, second])
    // Opened ones go after the unopened, still by sending time.
    await me.client.post(`/api/v1/broadcasts/${early}/open`, {})
    const after = (await me.client.get('/api/v1/broadcasts/mine?limit=10')).json()
    assert.deepEqual(after.items.map((x: { id: string }) => x.id), [third, second, early])
    assert.equal(after.unopened, 2)
    assert.equal((await me.client.get('/api/v1/broadcasts/mine?cursor=bad')).statusCode, 400)
  })
})

describe('the team picker searches on the server', () => {
  test('teams under the caller\'s staff scope, by team or node name; others\' teams never show; bad input is refused', async () => {
    const w = await broadcastWorld(t, f)
    const other = await broadcastWorld(t, f)
    const team = async (orgId: string, name: string) => (await t.query<{ id: string }>(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${orgId}, ${name}, 'environment') RETURNING id::text`))[0]!.id
    // More teams than the old 100-team list could hold.
    await t.query(sql`INSERT INTO volunteer_teams (org_id, name, function) SELECT ${w.community.id}, '楼栋互助队' || g, 'environment' FROM generate_series(1, 120) g`)
    const river = await team(w.grids[1].id, '银发护河队')
    const foreign = await team(other.community.id, '银发护河队（外社区）')
    await t.query(sql`UPDATE volunteer_teams SET deleted_at = now() WHERE id = ${await team(w.community.id, '银发已解散队')}`)
    const search = async (q: string, as = w.cadre.client) => {
      const res = await as.get(`/api/v1/broadcasts/teams?q=${encodeURIComponent(q)}`)
      assert.equal(res.statusCode, 200, res.body)
      return res.json().items as { id: string; name: string; org: { id: string }; members: number }[]
    }
    assert.deepEqual((await search('银发')).map((x) => x.id), [river], 'found past the first hundred; the other community\'s and the deleted team stay out')
    assert.equal((await search(w.grids[1].name)).some((x) => x.id === river), true, 'found by the node\'s name')
    assert.equal((await search('楼栋互助队11')).length, 11, '楼栋互助队11 and 110–119')
    assert.equal((await search('%')).length, 0, 'a % is a character, not a wildcard')
    const first = await w.cadre.client.get('/api/v1/broadcasts/teams')
    assert.equal(first.json().items.length, 20, 'twenty by default')
    // A grid worker sees the teams of their grid only; a resident none.
    assert.deepEqual((await search('银发', w.workers[1].client)).map((x) => x.id), [river])
    assert.deepEqual(await search('银发', w.workers[0].client), [])
    assert.deepEqual(await search('银发', w.appUsers[0].client), [])
    assert.ok(!(await search('银发', other.cadre.client)).some((x) => x.id === river))
    assert.equal((await t.anonymous.get('/api/v1/broadcasts/teams')).statusCode, 401)
    assert.equal((await w.cadre.client.get(`/api/v1/broadcasts/teams?q=${'x'.repeat(31)}`)).statusCode, 400)
    assert.equal((await w.cadre.client.get('/api/v1/broadcasts/teams?limit=51')).statusCode, 400)
    assert.equal((await w.cadre.client.get('/api/v1/broadcasts/teams?limit=abc')).statusCode, 400)
    void foreign
  })
})

describe('live pushes go out in batches', () => {
  test('a notice to 300 app users, and its reminder: a few NOTIFYs, each naming many people, not one per person', async () => {
    const w = await broadcastWorld(t, f)
    await t.query(sql`WITH p AS (INSERT INTO people (name) SELECT '批量居民' || g FROM generate_series(1, 300) g RETURNING id),
        a AS (INSERT INTO accounts (person_id, username, password_hash) SELECT p.id, 'bulk-' || ${w.community.id} || '-' || p.id, 'x' FROM p RETURNING person_id)
      INSERT INTO residents (person_id, org_id) SELECT a.person_id, ${w.buildings[0].id} FROM a`)
    const heard: { personIds?: string[]; event?: string; data?: { kind?: string } }[] = []
    const stop = await t.database.listen(LIVE_CHANNEL, (payload) => heard.push(JSON.parse(payload)))
    try {
      const settle = () => new Promise((r) => setTimeout(r, 300))
      const sent = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { channels: ['in_app'] }))
      assert.equal(sent.statusCode, 201, sent.body)
      assert.equal(sent.json().counts.recipients, 304)
      await settle()
      const news = heard.filter((m) => m.data?.kind === 'broadcast.new')
      assert.equal(news.reduce((n, m) => n + m.personIds!.length, 0), 302, 'every app user is pushed to')
      assert.ok(news.length <= 2, `${news.length} NOTIFYs for 302 people`)
      heard.length = 0
      await w.cadre.client.post(`/api/v1/broadcasts/${sent.json().id}/remind`, {})
      await settle()
      const reminders = heard.filter((m) => m.data?.kind === 'broadcast.remind')
      assert.ok(reminders.length <= 2 && reminders.reduce((n, m) => n + m.personIds!.length, 0) === 302, `${reminders.length} reminder NOTIFYs`)
    } finally {
      await stop()
    }
  })
})
