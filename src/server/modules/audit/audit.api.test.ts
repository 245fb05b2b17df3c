import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let admin: Client, cadre: Client, grid: Client
before(async () => {
  t = await startTestApp()
  ;[admin, cadre, grid] = await t.asEach('admin', 'cadre', 'grid')
  await cadre.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { name: '审计测试网格' })
  await admin.patch(`/api/v1/orgs/${t.fixtures.otherGridId}`, { name: '别处网格' })
})
after(() => t.close())

test('each write leaves an audit row with actor, before/after diff, IP and user agent', async () => {
  const res = await cadre.get(`/api/v1/audit?entity=org&entityId=${t.fixtures.gridId}`)
  assert.equal(res.statusCode, 200)
  const [entry] = res.json().items
  assert.equal(entry.action, 'org.update')
  assert.equal(entry.actor.personId, t.fixtures.personIds.cadre)
  assert.equal(entry.diff.name.to, '审计测试网格')
  assert.ok(entry.before && entry.after)
  assert.ok(entry.ip)
  assert.ok(entry.userAgent)
  assert.match(entry.at, /T/)
})

test('an entry says its action and record kind in words and its org path as names (issue 13: raw codes)', async () => {
  const [entry] = (await cadre.get(`/api/v1/audit?entity=org&entityId=${t.fixtures.gridId}`)).json().items
  assert.deepEqual(entry.actionWords, { zh: '修改组织', en: 'Update org' })
  assert.deepEqual(entry.entityWords, { zh: '组织', en: 'Org' })
  const names = await t.query<{ name: string }>(sql`SELECT a.name FROM orgs g JOIN orgs a ON a.path @> g.path WHERE g.id = ${t.fixtures.gridId} ORDER BY nlevel(a.path)`)
  assert.deepEqual(entry.orgNames, names.map((n) => n.name))
  assert.equal(entry.orgNames.at(-1), '审计测试网格')
})

test('the vocabulary names every action and record kind in both languages; grid workers may not read it', async () => {
  const res = await cadre.get('/api/v1/audit/vocabulary')
  assert.equal(res.statusCode, 200)
  const { actions, entities } = res.json() as { actions: { code: string; zh: string; en: string }[]; entities: { code: string; zh: string; en: string }[] }
  assert.ok(actions.length > 100)
  for (const w of [...actions, ...entities]) {
    assert.ok(w.zh && w.en && w.zh !== w.code && /[\u4e00-\u9fff]/.test(w.zh), `${w.code} has words`)
  }
  assert.deepEqual(actions.find((a) => a.code === 'case.verify'), { code: 'case.verify', zh: '事件验收', en: 'Case: verify' })
  assert.deepEqual(actions.find((a) => a.code === 'resident.reveal')?.zh, '查看完整身份证号或手机号')
  assert.equal((await grid.get('/api/v1/audit/vocabulary')).statusCode, 403)
  assert.equal((await t.anonymous.get('/api/v1/audit/vocabulary')).statusCode, 401)
})

test('a cadre reads the audit trail of the community only; an admin reads all', async () => {
  const mine = (await cadre.get('/api/v1/audit?limit=200')).json().items as { entityId: string }[]
  assert.ok(!mine.some((e) => e.entityId === t.fixtures.otherGridId))
  const all = (await admin.get('/api/v1/audit?action=org.update&limit=200')).json().items as { entityId: string }[]
  assert.ok(all.some((e) => e.entityId === t.fixtures.otherGridId))
  assert.ok(all.some((e) => e.entityId === t.fixtures.gridId))
})

test('filters by actor and time narrow the trail', async () => {
  const byAdmin = (await admin.get(`/api/v1/audit?actorId=${t.fixtures.personIds.admin}`)).json().items
  assert.ok(byAdmin.length >= 1 && byAdmin.every((e: { actor: { personId: string } }) => e.actor.personId === t.fixtures.personIds.admin))
  const future = (await admin.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).json().items
  assert.deepEqual(future, [])
  assert.equal((await admin.get('/api/v1/audit?from=yesterday')).statusCode, 400)
})

test('grid workers may not read the audit trail', async () => {
  assert.equal((await grid.get('/api/v1/audit')).statusCode, 403)
  assert.equal((await t.anonymous.get('/api/v1/audit')).statusCode, 401)
})

test('the audit table is append-only: UPDATE and DELETE are refused by the database', async () => {
  await assert.rejects(t.query(sql`UPDATE audit_log SET action = 'tampered'`))
  await assert.rejects(t.query(sql`DELETE FROM audit_log`))
  const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tampered'`)
  assert.equal(n!.n, 0)
})
