import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { broadcastWorld, noticeBody, type BroadcastWorld } from '../../../../test/support/broadcasts.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
type Receipt = { id: string; person: { id: string }; channel: string; stage: string; handedTo: { id: string } | null }
const receiptsOf = async (w: BroadcastWorld, id: string, query = '', as = w.cadre.client): Promise<Receipt[]> => {
  const res = await as.get(`/api/v1/broadcasts/${id}/receipts${query}`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json().items
}

describe('sending a notice', () => {
  test('a cadre notifies the residents of a community: app users in the app, phone-only people by SMS, the rest on the call list', async () => {
    const w = await broadcastWorld(t, f)
    const res = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { ackOptions: ['我参加', '不参加'] }))
    assert.equal(res.statusCode, 201, res.body)
    const b = res.json()
    assert.equal(b.state, 'sent')
    assert.equal(b.counts.recipients, 4)
    assert.deepEqual(b.ackOptions, ['我参加', '不参加'])
    assert.match(b.audienceLabel, /居民/)
    const receipts = await receiptsOf(w, b.id)
    const channelOf = (id: string) => receipts.find((r) => r.person.id === id)!.channel
    assert.equal(channelOf(w.appUsers[0].id), 'in_app')
    assert.equal(channelOf(w.smsOnly.id), 'sms')
    assert.equal(channelOf(w.callOnly.id), 'call')
    // In-app notifications for the app users only; the SMS went out through the provider.
    const notified = await t.query<{ person_id: string }>(sql`SELECT person_id::text FROM notifications WHERE kind = 'broadcast.new' AND link->>'broadcastId' = ${b.id} ORDER BY person_id`)
    assert.deepEqual(notified.map((n) => n.person_id).sort(), [w.appUsers[0].id, w.appUsers[1].id].sort())
    assert.match(t.sms.lastTo(w.smsOnly.phone)?.text ?? '', /停水/)
    const delivered = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM broadcast_receipts WHERE broadcast_id = ${b.id} AND delivered_at IS NOT NULL`)
    assert.equal(delivered[0]!.n, 3)
  })

  test('a grid notice reaches only that grid; a draft sends nothing until sent; an empty audience is refused', async () => {
    const w = await broadcastWorld(t, f)
    const grid = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.grids[0].id, { channels: ['in_app'] }))
    assert.equal(grid.statusCode, 201, grid.body)
    assert.equal(grid.json().counts.recipients, 2)
    const draft = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.buildings[1].id, { draft: true }))
    assert.equal(draft.json().state, 'draft')
    assert.equal(draft.json().counts.recipients, 0)
    const sent = await w.cadre.client.post(`/api/v1/broadcasts/${draft.json().id}/send`, {})
    assert.equal(sent.statusCode, 200, sent.body)
    assert.equal(sent.json().counts.recipients, 2)
    assert.equal(codeOf(await w.cadre.client.post(`/api/v1/broadcasts/${draft.json().id}/send`, {})), 'BROADCAST_STATE')
    const emptyGrid = await f.newGrid(w.community)
    const none = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(emptyGrid.id))
    assert.equal(none.statusCode, 422, none.body)
    assert.equal(codeOf(none), 'BROADCAST_NO_RECIPIENTS')
  })

  test('members registered at the community, a volunteer team, the paired units and a hand-picked list', async () => {
    const w = await broadcastWorld(t, f)
    const [pm] = await t.query<{ id: string }>(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id)
      VALUES (${w.workers[0].id}, '测试党支部', 'in_service', ${w.community.id}) RETURNING id::text`)
    const [letter] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${w.cadre.id}) RETURNING id::text`)
    await t.query(sql`INSERT INTO registrations (member_id, kind, status, community_id, submitted_by, letter_attachment_id)
      VALUES (${pm!.id}, 'member', 'accepted', ${w.community.id}, ${w.cadre.id}, ${letter!.id})`)
    const [team] = await t.query<{ id: string }>(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${w.community.id}, '银发护河队', 'environment') RETURNING id::text`)
    await t.query(sql`INSERT INTO volunteers (person_id) VALUES (${w.appUsers[0].id}), (${w.callOnly.id})`)
    await t.query(sql`INSERT INTO volunteer_team_members (team_id, person_id, role) VALUES (${team!.id}, ${w.appUsers[0].id}, 'member'), (${team!.id}, ${w.callOnly.id}, 'member')`)
    const teamNotice = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { audience: { kind: 'team', teamId: team!.id }, channels: ['in_app'] }))
    assert.equal(teamNotice.statusCode, 201, teamNotice.body)
    assert.equal(teamNotice.json().counts.recipients, 2)
    const [unit] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id) VALUES ('共建单位', 'state_enterprise', ${w.community.id}) RETURNING id::text`)
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unit!.id}, ${w.smsOnly.id}, 'representative')`)
    await t.query(sql`INSERT INTO pairing_agreements (community_id, unit_id, title, terms, tags, starts_on, created_by)
      VALUES (${w.community.id}, ${unit!.id}, '结对共建', '共建', '{party_work}', CURRENT_DATE, ${w.cadre.id})`)
    const units = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { audience: { kind: 'units', orgId: w.community.id } }))
    assert.equal(units.statusCode, 201, units.body)
    assert.equal(units.json().counts.recipients, 1)
    const picked = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { audience: { kind: 'people', orgId: w.community.id, personIds: [w.callOnly.id, w.workers[1].id] } }))
    assert.equal(picked.statusCode, 201, picked.body)
    assert.equal(picked.json().counts.recipients, 2)
    // Someone from elsewhere on the list: the same 404 as an id that does not exist.
    const stranger = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(await f.newCommunity()))).id })
    const refused = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { audience: { kind: 'people', orgId: w.community.id, personIds: [w.callOnly.id, stranger.id] } }))
    assert.equal(refused.statusCode, 404, refused.body)
    const members = await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { audience: { kind: 'members', orgId: w.community.id } }))
    assert.equal(members.statusCode, 201, members.body)
    assert.equal(members.json().counts.recipients, 1)
  })
})

describe('receipts', () => {
  test('opening and one tap: unopened first in the table, unread first on the phone, 80 % acknowledged is timed', async () => {
    const w = await broadcastWorld(t, f)
    const b = (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { ackOptions: ['我参加', '不参加'] }))).json()
    const other = (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id, { title: '垃圾分类宣传周', ackRequired: false }))).json()
    const me = w.appUsers[0].client
    let mine = (await me.get('/api/v1/broadcasts/mine')).json()
    assert.equal(mine.unopened, 2)
    assert.deepEqual(mine.items.map((i: { id: string }) => i.id), [other.id, b.id])
    const opened = await me.post(`/api/v1/broadcasts/${other.id}/open`, {})
    assert.equal(opened.statusCode, 200, opened.body)
    assert.ok(opened.json().openedAt)
    mine = (await me.get('/api/v1/broadcasts/mine')).json()
    assert.deepEqual(mine.items.map((i: { id: string }) => i.id), [b.id, other.id], 'unread first')
    assert.equal(mine.unopened, 1)
    assert.equal(codeOf(await me.post(`/api/v1/broadcasts/${other.id}/ack`, {})), 'BROADCAST_NOT_ACK')
    const bad = await me.post(`/api/v1/broadcasts/${b.id}/ack`, { choice: '也许' })
    assert.equal(bad.statusCode, 422, bad.body)
    const acked = await me.post(`/api/v1/broadcasts/${b.id}/ack`, { choice: '我参加' })
    assert.equal(acked.statusCode, 200, acked.body)
    assert.equal(acked.json().ackChoice, '我参加')
    assert.ok(acked.json().openedAt, 'an answer opens it too')
    // Not a recipient: 404.
    assert.equal((await w.workers[0].client.post(`/api/v1/broadcasts/${b.id}/ack`, {})).statusCode, 404)
    const table = await receiptsOf(w, b.id)
    assert.deepEqual(table.map((r) => r.stage), ['unopened', 'unopened', 'unopened', 'acknowledged'])
    // Paging with cursors walks the same order.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await w.cadre.client.get(`/api/v1/broadcasts/${b.id}/receipts?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.json().items.map((r: Receipt) => r.id))
      cursor = page.json().nextCursor
    } while (cursor)
    assert.deepEqual(seen, table.map((r) => r.id))
    assert.equal((await receiptsOf(w, b.id, '?stage=unopened&channel=call')).length, 1)
    // 3 of 4 is under 80 %; the fourth makes it.
    await w.appUsers[1].client.post(`/api/v1/broadcasts/${b.id}/ack`, { choice: '不参加' })
    const call = table.find((r) => r.channel === 'call')!
    const ticked = await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/receipts/${call.id}/tick`, { outcome: 'reached', ackChoice: '我参加' })
    assert.equal(ticked.statusCode, 200, ticked.body)
    assert.equal(ticked.json().stage, 'acknowledged')
    assert.equal((await w.cadre.client.get(`/api/v1/broadcasts/${b.id}`)).json().minutesTo80, null)
    const sms = table.find((r) => r.channel === 'sms')!
    await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/receipts/${sms.id}/tick`, { outcome: 'reached', ackChoice: '我参加' })
    const detail = (await w.cadre.client.get(`/api/v1/broadcasts/${b.id}`)).json()
    assert.deepEqual(detail.counts, { recipients: 4, opened: 4, acknowledged: 4 })
    assert.equal(detail.minutesTo80, 0)
    const figures = (await w.cadre.client.get(`/api/v1/broadcasts/${b.id}/figures`)).json()
    assert.equal(figures.acknowledged, 4)
    assert.deepEqual(figures.ackChoices, [{ choice: '我参加', count: 3 }, { choice: '不参加', count: 1 }])
    assert.deepEqual(figures.byChannel, { in_app: 2, sms: 1, call: 1 })
    assert.equal(figures.calls.reached, 2)
  })

  test('reminders go only to those still waiting; the rest are handed to their grid workers, who see and tick only their own', async () => {
    const w = await broadcastWorld(t, f)
    const b = (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id))).json()
    await w.appUsers[0].client.post(`/api/v1/broadcasts/${b.id}/ack`, {})
    const sentBefore = t.sms.outbox.length
    const reminded = await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/remind`, {})
    assert.equal(reminded.statusCode, 200, reminded.body)
    assert.deepEqual(reminded.json(), { inApp: 1, sms: 1, call: 1 })
    const reminders = await t.query<{ person_id: string }>(sql`SELECT person_id::text FROM notifications WHERE kind = 'broadcast.remind' AND link->>'broadcastId' = ${b.id}`)
    assert.deepEqual(reminders.map((r) => r.person_id), [w.appUsers[1].id])
    // The SMS reminder went out at once; the minute job finds nothing more to send.
    assert.equal(t.sms.outbox.length, sentBefore + 1)
    assert.match(t.sms.lastTo(w.smsOnly.phone)!.text, /提醒/)
    assert.equal(await t.app.services.broadcasts.sms.deliver(t.database.db, 100), 0)
    assert.equal((await w.cadre.client.get(`/api/v1/broadcasts/${b.id}/figures`)).json().delivered, 3, 'a reminder keeps the deliveries')
    const handed = await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/handover`, {})
    assert.equal(handed.statusCode, 200, handed.body)
    assert.deepEqual(handed.json(), { handed: 3, workers: 2, unassigned: 0 })
    const told = await t.query<{ person_id: string; body: string }>(sql`SELECT person_id::text, body FROM notifications WHERE kind = 'broadcast.visit' AND link->>'broadcastId' = ${b.id} ORDER BY person_id`)
    assert.equal(told.length, 2)
    assert.match(told.find((n) => n.person_id === w.workers[1].id)!.body, /没有手机的老人/)
    // Grid worker 2 reads the notice and the receipts of grid 2 only.
    const worker = w.workers[1].client
    assert.equal((await worker.get(`/api/v1/broadcasts/${b.id}`)).statusCode, 200)
    const theirs = await receiptsOf(w, b.id, '', worker)
    assert.deepEqual(theirs.map((r) => r.person.id).sort(), [w.appUsers[1].id, w.callOnly.id].sort())
    const visit = theirs.find((r) => r.person.id === w.callOnly.id)!
    const tick = await worker.post(`/api/v1/broadcasts/${b.id}/receipts/${visit.id}/tick`, { outcome: 'visited', ackChoice: '收到', note: '已当面告知' })
    assert.equal(tick.statusCode, 200, tick.body)
    const grid1 = (await receiptsOf(w, b.id)).find((r) => r.person.id === w.smsOnly.id)!
    assert.equal((await worker.post(`/api/v1/broadcasts/${b.id}/receipts/${grid1.id}/tick`, { outcome: 'visited' })).statusCode, 404)
    assert.equal((await worker.post(`/api/v1/broadcasts/${b.id}/remind`, {})).statusCode, 403)
    assert.equal((await receiptsOf(w, b.id, '?toTick=true')).length, 2)
    // The full number, for whoever calls: audited; none for someone without a phone; not outside one's grid.
    const revealed = await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/receipts/${grid1.id}/phone`, {})
    assert.equal(revealed.statusCode, 200, revealed.body)
    assert.equal(revealed.json().phone, w.smsOnly.phone)
    assert.equal((await worker.post(`/api/v1/broadcasts/${b.id}/receipts/${visit.id}/phone`, {})).json().phone, null)
    assert.equal((await worker.post(`/api/v1/broadcasts/${b.id}/receipts/${grid1.id}/phone`, {})).statusCode, 404)
    const audited = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'broadcast.reveal_phone' AND entity_id = ${grid1.id}`)
    assert.equal(audited[0]!.n, 1)
  })

  test('a withdrawn notice keeps its title for the recipients, drops its body and takes no more answers', async () => {
    const w = await broadcastWorld(t, f)
    const b = (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id))).json()
    assert.equal((await w.workers[0].client.post(`/api/v1/broadcasts/${b.id}/withdraw`, {})).statusCode, 403)
    const res = await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/withdraw`, {})
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().state, 'withdrawn')
    const item = (await w.appUsers[0].client.get('/api/v1/broadcasts/mine')).json().items[0]
    assert.equal(item.state, 'withdrawn')
    assert.equal(item.body, null)
    assert.equal(codeOf(await w.appUsers[0].client.post(`/api/v1/broadcasts/${b.id}/ack`, {})), 'BROADCAST_STATE')
    assert.equal(codeOf(await w.cadre.client.post(`/api/v1/broadcasts/${b.id}/remind`, {})), 'BROADCAST_STATE')
  })

  test('the list shows the staff their notices; per-community figures over a period say how many calls were saved', async () => {
    const w = await broadcastWorld(t, f)
    const b = (await w.cadre.client.post('/api/v1/broadcasts', noticeBody(w.community.id))).json()
    const list = (await w.cadre.client.get(`/api/v1/broadcasts?orgId=${w.community.id}`)).json()
    assert.deepEqual(list.items.map((x: { id: string }) => x.id), [b.id])
    assert.equal((await w.workers[0].client.get('/api/v1/broadcasts')).json().items.some((x: { id: string }) => x.id === b.id), true)
    assert.equal((await w.appUsers[0].client.get('/api/v1/broadcasts')).json().items.length, 0)
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const figures = await w.cadre.client.get(`/api/v1/broadcasts/figures?orgId=${w.community.id}&from=${today}&to=${today}`)
    assert.equal(figures.statusCode, 200, figures.body)
    assert.deepEqual(figures.json().items.map((i: { org: { id: string }; notices: number; recipients: number; callsNeeded: number; callsSaved: number }) => [i.org.id, i.notices, i.recipients, i.callsNeeded, i.callsSaved]),
      [[w.community.id, 1, 4, 1, 0.75]])
  })
})

describe('the demo street', () => {
  test('has notices with receipts in every state, and the demo resident\'s newest notice waits unread for an answer', async () => {
    const [d] = await t.query<Record<string, number>>(sql`SELECT
      (SELECT count(*)::int FROM broadcasts WHERE state = 'sent') AS sent, (SELECT count(*)::int FROM broadcasts WHERE state = 'draft') AS draft,
      (SELECT count(*)::int FROM broadcasts WHERE state = 'withdrawn') AS withdrawn, (SELECT count(*)::int FROM broadcasts WHERE ack80_at IS NOT NULL) AS reached80,
      (SELECT count(*)::int FROM broadcast_receipts WHERE stage = 0) AS unopened, (SELECT count(*)::int FROM broadcast_receipts WHERE stage = 1) AS opened,
      (SELECT count(*)::int FROM broadcast_receipts WHERE stage = 2) AS acked, (SELECT count(*)::int FROM broadcast_receipts WHERE call_outcome = 'reached') AS called,
      (SELECT count(*)::int FROM broadcast_receipts WHERE handed_to IS NOT NULL) AS handed, (SELECT count(DISTINCT channel)::int FROM broadcast_receipts) AS channels`)
    for (const [k, v] of Object.entries(d!)) assert.ok(v > 0, `demo ${k}: ${v}`)
    assert.equal(d!.channels, 3)
    const resident = await t.as('resident')
    const mine = (await resident.get('/api/v1/broadcasts/mine')).json()
    assert.ok(mine.unopened >= 1, JSON.stringify(mine).slice(0, 300))
    assert.equal(mine.items[0].openedAt, null)
    const cadre = await t.as('cadre')
    const list = (await cadre.get('/api/v1/broadcasts')).json()
    assert.ok(list.items.length >= 6)
    const figures = await cadre.get(`/api/v1/broadcasts/figures?orgId=${t.fixtures.communityId}&from=2020-01-01&to=2099-12-31`)
    assert.ok(figures.json().items[0].callsSaved > 0.5, figures.body)
  })
})
