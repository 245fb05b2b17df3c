// The one read rule of cases, seen from every path built from follows (lists, the map, figures,
// notifications, digests), anonymous reporters kept anonymous to staff, and the audit trail of
// reports, transitions and follows.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'

let t: TestApp
let admin: Client, cadre: Client, grid: Client, member: Client, resident: Client
let inGrid: { lng: number; lat: number }
/** A grid of the demo street outside the demo community: nobody below the street admin is staff there. */
let farGrid: string
let inFarGrid: { lng: number; lat: number }

const pointIn = async (orgId: string) => {
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${orgId}`)
  return p!
}
const act = (who: Client, id: string, action: string, body: Record<string, unknown> = {}) => who.post(`/api/v1/cases/${id}/${action}`, body)
const sweep = (at: Date) => sweepOnce(t.database, schedulerJobs(t.app.services), at)
const idsOf = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((x) => x.id)
const mapIds = (res: { json(): { features: { properties: { id: string } }[] } }) => res.json().features.map((f) => f.properties.id)
const linked = async (who: Client) => ((await who.get('/api/v1/notifications?limit=100')).json().items as { link: { caseId?: string }; title: string; body: string | null }[])

before(async () => {
  t = await startTestApp()
  ;[admin, cadre, grid, member, resident] = await t.asEach('admin', 'cadre', 'grid', 'member', 'resident')
  inGrid = await pointIn(t.fixtures.gridId)
  const [far] = await t.query<{ id: string }>(sql`SELECT g.id::text FROM orgs g JOIN orgs c ON c.id = g.parent_id
    WHERE g.kind = 'grid' AND c.parent_id = ${t.fixtures.streetId} AND c.id <> ${t.fixtures.communityId} AND g.geometry IS NOT NULL ORDER BY g.id LIMIT 1`)
  farGrid = far!.id
  inFarGrid = await pointIn(farGrid)
  // A category the public must not see (a domestic-violence report).
  const created = await admin.post('/api/v1/case-categories', { code: 'dispute.domestic', name: '家庭暴力', nameEn: 'Domestic violence', public: false })
  assert.equal(created.statusCode, 201, created.body)
})
after(() => t.close())

describe('a follow never widens what its owner may read', () => {
  let secret: string
  let open: string

  test('a follower of the street sees its public cases, and nothing of a case in a non-public category', async () => {
    assert.equal((await resident.post('/api/v1/follows', { orgId: t.fixtures.streetId })).statusCode, 201)
    assert.equal((await member.post('/api/v1/follows', { orgId: t.fixtures.streetId, digest: true })).statusCode, 201)
    assert.equal((await cadre.post('/api/v1/follows', { orgId: t.fixtures.streetId })).statusCode, 201)
    secret = (await admin.post('/api/v1/cases', { categoryCode: 'dispute.domestic', description: '邻居家中长期家暴，孩子哭喊', location: inFarGrid })).json().id
    open = (await admin.post('/api/v1/cases', { categoryCode: 'facility.road', description: '路面塌陷一处', location: inFarGrid })).json().id
    assert.ok(secret && open)

    const list = await resident.get('/api/v1/cases?box=following&limit=200')
    assert.equal(list.statusCode, 200)
    assert.ok(idsOf(list).includes(open), 'the public case of a followed street is listed')
    assert.ok(!idsOf(list).includes(secret), 'the non-public case is not')
    const publicView = list.json().items.find((c: { id: string }) => c.id === open)
    assert.equal(publicView.reporter, null, 'the public view names no reporter')
    const map = await resident.get('/api/v1/cases/map?box=following')
    assert.ok(mapIds(map).includes(open))
    assert.ok(!mapIds(map).includes(secret))
    assert.equal((await resident.get(`/api/v1/cases/${secret}`)).statusCode, 404)
    assert.equal((await resident.get(`/api/v1/cases/${open}`)).statusCode, 200, 'the record answers as the list does')
    const filtered = await resident.get(`/api/v1/cases?box=following&categoryCode=dispute.domestic&orgId=${t.fixtures.streetId}`)
    assert.deepEqual(idsOf(filtered), [])
    assert.equal((await resident.get(`/api/v1/cases/stats?orgId=${t.fixtures.streetId}`)).json().total, 0)
    assert.equal((await resident.post(`/api/v1/cases/${secret}/follow`, {})).statusCode, 404)
    const near = await t.anonymous.get(`/api/v1/cases/nearby?lng=${inFarGrid.lng}&lat=${inFarGrid.lat}&categoryCode=dispute.domestic`)
    assert.deepEqual(near.json().items, [], 'the duplicate check shows public categories only')

    const told = await linked(resident)
    assert.ok(told.some((n) => n.link.caseId === open), 'followers are told of a new public case')
    assert.ok(!told.some((n) => n.link.caseId === secret || (n.body ?? '').includes('家暴')), 'and of nothing about the other')
  })

  test('a follower who is staff over the case sees it, in the staff view', async () => {
    const list = await cadre.get('/api/v1/cases?box=following&limit=200')
    assert.ok(!idsOf(list).includes(secret), 'the cadre is not staff in another community')
    const street = await t.as('street')
    await street.post('/api/v1/follows', { orgId: t.fixtures.streetId })
    const staffList = await street.get('/api/v1/cases?box=following&limit=200')
    const seen = staffList.json().items.find((c: { id: string }) => c.id === secret)
    assert.ok(seen, 'the street admin is staff over every case of the street')
    assert.equal(seen.reporter.id, t.fixtures.personIds.admin)
  })

  test('updates of the non-public case reach neither the followers nor their digest', async () => {
    // Closing a case tells the followers of its nodes.
    const street = await t.as('street')
    for (const id of [secret, open]) {
      assert.equal((await act(street, id, 'take')).statusCode, 200)
      assert.equal((await act(street, id, 'handle', { result: `已处理 ${id}` })).statusCode, 200)
      assert.equal((await act(admin, id, 'verify')).statusCode, 200)
      assert.equal((await act(admin, id, 'close')).statusCode, 200)
    }
    const told = await linked(resident)
    assert.ok(told.some((n) => n.link.caseId === open && /已销号/.test(n.title)))
    assert.ok(!told.some((n) => n.link.caseId === secret))
    const before = (await linked(member)).filter((n) => /摘要/.test(n.title)).length
    await sweep(new Date(Date.now() + 25 * 3600_000))
    const digests = (await linked(member)).filter((n) => /摘要/.test(n.title))
    assert.equal(digests.length, before + 1)
    assert.match(digests[0]!.title, /：1 件事件/, `the digest counts the public case only: ${digests[0]!.title}`)
  })

  test('a follower sees the same cases in the record, the list and the map, whoever they are', async () => {
    for (const who of [resident, member, cadre, grid]) {
      const listed: string[] = []
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page: { items: { id: string }[]; nextCursor: string | null } = (await who.get(`/api/v1/cases?box=following&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()
        listed.push(...page.items.map((x) => x.id))
        cursor = page.nextCursor
      }
      assert.ok(!listed.includes(secret))
      for (const id of listed.slice(0, 40)) assert.equal((await who.get(`/api/v1/cases/${id}`)).statusCode, 200, `listed ${id} but not readable`)
      // The map answers the newest up to its limit, and says when there were more.
      const map = await who.get('/api/v1/cases/map?box=following')
      const { truncated, limit } = map.json() as { truncated: boolean; limit: number }
      assert.equal(truncated, listed.length > limit)
      const newest = [...listed].sort((a, b) => Number(b) - Number(a)).slice(0, limit)
      assert.deepEqual([...mapIds(map)].sort(), newest.sort())
    }
  })

  test('the migration takes what follows leaked before from the inboxes of those who may not read it', async () => {
    const leak = (personId: string, caseId: string) => t.query<{ id: string }>(sql`INSERT INTO notifications (person_id, kind, title, body, link)
      VALUES (${personId}, 'case.update', '新事件', '邻居家中长期家暴', ${JSON.stringify({ caseId })}::jsonb) RETURNING id::text`)
    const [leaked] = await leak(t.fixtures.personIds.resident!, secret)
    const [kept] = await leak(t.fixtures.personIds.street!, secret)
    const [publicOne] = await leak(t.fixtures.personIds.resident!, open)
    await t.query(sql.raw(readFileSync(new URL('../../../../migrations/0017_case_follow_leaks.sql', import.meta.url), 'utf8')))
    const left = (await t.query<{ id: string }>(sql`SELECT id::text FROM notifications WHERE id IN (${leaked!.id}, ${kept!.id}, ${publicOne!.id}) ORDER BY id`)).map((r) => r.id)
    assert.deepEqual(left, [kept!.id, publicOne!.id], 'the street admin reads the case; the resident reads only the public one')
  })

  test('a case whose category stops being public leaves its followers’ lists', async () => {
    const road = (await grid.post('/api/v1/cases', { categoryCode: 'order.noise', description: '夜间施工噪音', location: inGrid })).json().id
    assert.ok(idsOf(await resident.get('/api/v1/cases?box=following&limit=200')).includes(road))
    assert.equal((await admin.patch('/api/v1/case-categories/order', { public: false })).statusCode, 200)
    try {
      assert.ok(!idsOf(await resident.get('/api/v1/cases?box=following&limit=200')).includes(road), 'a private parent hides its subcategories')
      assert.equal((await resident.get(`/api/v1/cases/${road}`)).statusCode, 404)
    } finally {
      await admin.patch('/api/v1/case-categories/order', { public: true })
    }
  })
})

describe('an anonymous reporter stays anonymous to staff', () => {
  test('the timeline, the points ledger and the audit trail never tie them to the case', async () => {
    const description = '楼上住户私拉电线给电动车充电'
    const c = (await member.post('/api/v1/cases', { categoryCode: 'safety.ebike', description, location: inGrid, anonymous: true })).json()
    await act(grid, c.id, 'take')
    await act(grid, c.id, 'handle', { result: '已劝导拆除' })
    assert.equal((await act(cadre, c.id, 'verify')).statusCode, 200)

    const staffView = (await grid.get(`/api/v1/cases/${c.id}`)).json()
    assert.equal(staffView.reporter, null)
    assert.equal(staffView.timeline.find((e: { action: string }) => e.action === 'report').actor, null, 'the report row names nobody')
    const own = (await member.get(`/api/v1/cases/${c.id}`)).json()
    assert.equal(own.timeline.find((e: { action: string }) => e.action === 'report').actor.id, t.fixtures.personIds.member, 'the reporter still sees their own row')

    const [account] = await t.query<{ id: string }>(sql`SELECT id::text FROM points_accounts WHERE owner_kind = 'person' AND person_id = ${t.fixtures.personIds.member}`)
    assert.ok(account, 'the verified report paid its reporter')
    const street = await t.as('street')
    const postings = await street.get(`/api/v1/points/accounts/${account!.id}/postings?limit=100`)
    assert.equal(postings.statusCode, 200, postings.body)
    const text = postings.body
    assert.ok(!text.includes(description.slice(0, 10)), 'no posting memo quotes the case')
    assert.ok(!text.includes(`#${c.id}`) && !text.includes(`:${c.id}`), 'nor names it')
    for (const p of postings.json().items as { transactionId: string }[]) {
      const tx = await street.get(`/api/v1/points/transactions/${p.transactionId}`)
      assert.ok(!tx.body.includes(description.slice(0, 10)) && !tx.body.includes(`:${c.id}`), `transaction ${p.transactionId} names the case`)
    }

    const audit = (await admin.get(`/api/v1/audit?entity=case&entityId=${c.id}&limit=50`)).json().items as { action: string; actor: { personId?: string } | null; ip: string | null }[]
    const created = audit.find((a) => a.action === 'case.create')
    assert.ok(created, 'the report is in the audit trail')
    assert.equal(created!.actor, null, 'without the anonymous reporter')
    assert.equal(created!.ip, null)
    assert.ok(audit.some((a) => a.action === 'case.verify' && a.actor?.personId === t.fixtures.personIds.cadre), 'staff actions keep their actor')
  })
})

describe('the audit trail', () => {
  test('reports, transitions and follows are recorded, pointing at the timeline row', async () => {
    const c = (await resident.post('/api/v1/cases', { categoryCode: 'environment.garbage', description: '垃圾满溢', location: inGrid })).json()
    await act(grid, c.id, 'accept')
    await act(grid, c.id, 'take')
    await member.post(`/api/v1/cases/${c.id}/follow`, {})
    await member.delete(`/api/v1/cases/${c.id}/follow`)
    const follow = (await member.post('/api/v1/follows', { orgId: t.fixtures.gridId })).json()
    assert.equal((await member.delete(`/api/v1/follows/${follow.id}`)).statusCode, 204)

    const entries = (await admin.get(`/api/v1/audit?entity=case&entityId=${c.id}&limit=50`)).json().items as { action: string; actor: { personId: string } | null; after: { eventId?: string } }[]
    const actions = entries.map((e) => e.action).sort()
    assert.deepEqual(actions, ['case.accept', 'case.create', 'case.follow', 'case.take', 'case.unfollow'])
    const events = await t.query<{ id: string; action: string }>(sql`SELECT id::text, action FROM case_events WHERE case_id = ${c.id} ORDER BY id`)
    assert.equal(entries.find((e) => e.action === 'case.accept')!.after.eventId, events.find((e) => e.action === 'accept')!.id)
    assert.equal(entries.find((e) => e.action === 'case.create')!.actor!.personId, t.fixtures.personIds.resident)
    const orgFollows = (await admin.get(`/api/v1/audit?entity=follow&entityId=${follow.id}`)).json().items as { action: string }[]
    assert.deepEqual(orgFollows.map((e) => e.action).sort(), ['follow.create', 'follow.delete'])
  })

  test('an anonymous reporter dropping a follow of their case from their follows list stays anonymous', async () => {
    const c = (await member.post('/api/v1/cases', { categoryCode: 'environment.garbage', description: '楼道堆放杂物', location: inGrid, anonymous: true })).json()
    assert.equal((await member.post(`/api/v1/cases/${c.id}/follow`, {})).statusCode, 200)
    const follow = ((await member.get('/api/v1/follows')).json().items as { id: string; caseId: string | null }[]).find((f) => f.caseId === c.id)
    assert.ok(follow, 'the follow of the case is listed')
    assert.equal((await member.delete(`/api/v1/follows/${follow!.id}`)).statusCode, 204)

    const [row] = await t.query<{ orgPath: string }>(sql`SELECT org_path::text AS "orgPath" FROM cases WHERE id = ${c.id}`)
    const entries = (await admin.get(`/api/v1/audit?entity=case&entityId=${c.id}&limit=50`)).json().items as { action: string; actor: unknown; orgPath: string | null }[]
    const unfollow = entries.find((e) => e.action === 'case.unfollow')
    assert.ok(unfollow, 'the unfollow is in the audit trail')
    assert.equal(unfollow!.actor, null, 'without the anonymous reporter')
    assert.equal(unfollow!.orgPath, row!.orgPath, 'under the case’s grid')
  })
})
