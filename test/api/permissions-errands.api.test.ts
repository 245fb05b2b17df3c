// The permission matrix of errands (issue 15): for every demo role, each request that names an
// errand, node, person, unit or photo outside the role's scope is refused (401/403/404, or 422
// where a field is checked after its record loads) and writes nothing; inside the scope the desk
// staff (grid-staff rank at the errand's desk or above) act, the others are refused; lists and
// figures never show what the reader may not read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const desk: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'unit' | 'photo' | 'errand' | 'step', string>
let serial = 0

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const body = (over: Record<string, unknown> = {}) => ({ matter: 'permit', title: `矩阵帮办${++serial}`, checklist: [{ name: '身份证' }], ...over })
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM errands) || '/' || (SELECT count(*) FROM errand_events) || '/' ||
  (SELECT count(*) FROM errand_steps) || '/' || (SELECT md5(coalesce(string_agg(e.id || e.state || e.org_id || coalesce(e.owner_id, 0) || e.checklist::text || coalesce(e.rating, 0), ',' ORDER BY e.id), '')) FROM errands e) || '/' ||
  (SELECT md5(coalesce(string_agg(s.id || s.title || coalesce(s.owner_id, 0) || coalesce(s.done_at::text, ''), ',' ORDER BY s.id), '')) FROM errand_steps s) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${far.person}, 'community_cadre', ${far.community}, DATE '2026-01-01')`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.errand = await one(sql`INSERT INTO errands (org_id, state, requester_id, matter, title) VALUES (${far.community}, 'accepted', ${far.person}, 'permit', '矩阵外的帮办') RETURNING id::text`)
  far.step = await one(sql`INSERT INTO errand_steps (errand_id, position, title) VALUES (${far.errand}, 1, '矩阵外的步骤') RETURNING id::text`)
})
after(() => t.close())

/** An errand the demo resident asked for at the demo community's point; accepted with one step when asked. */
async function ownErrand(accepted: boolean) {
  const made = await as.resident.post('/api/v1/errands', body())
  assert.equal(made.statusCode, 201, made.body)
  const id = made.json().id as string
  if (!accepted) return { id, stepId: '' }
  assert.equal((await as.cadre.post(`/api/v1/errands/${id}/accept`, {})).statusCode, 200)
  const stepped = await as.cadre.post(`/api/v1/errands/${id}/steps`, { title: '核对材料' })
  assert.equal(stepped.statusCode, 201, stepped.body)
  return { id, stepId: stepped.json().steps[0].id as string }
}

test('errands: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    const submitted = await ownErrand(false)
    const accepted = await ownErrand(true)
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const path = `/api/v1/errands/${far.errand}`
    const rows = [
      refused('errands.read', () => c.get(path), [404]),
      refused('errands.list.orgId', () => c.get(`/api/v1/errands?orgId=${far.community}`), [403, 404]),
      refused('errands.figures.orgId', () => c.get(`/api/v1/errands/figures?orgId=${far.community}`), [403, 404]),
      refused('errands.create.orgId', () => c.post('/api/v1/errands', body({ orgId: far.community })), [403, 404]),
      refused('errands.create.requesterId', () => c.post('/api/v1/errands', body({ orgId: t.fixtures.communityId, requesterId: far.person })), [403, 404]),
      refused('errands.create.unitId', () => c.post('/api/v1/errands', body({ orgId: t.fixtures.communityId, unitId: far.unit })), [403, 404, 422]),
      refused('errands.create.fileIds', () => c.post('/api/v1/errands', body({ orgId: t.fixtures.communityId, checklist: [{ name: '身份证', fileIds: [far.photo] }] })), [403, 404]),
      refused('errands.accept', () => c.post(`${path}/accept`, {}), [403, 404]),
      refused('errands.accept.ownerId', () => c.post(`/api/v1/errands/${submitted.id}/accept`, { ownerId: far.person }), [403, 404]),
      refused('errands.reject', () => c.post(`${path}/reject`, { reason: '矩阵' }), [403, 404]),
      refused('errands.start', () => c.post(`${path}/start`, {}), [403, 404]),
      refused('errands.handoff', () => c.post(`${path}/handoff`, { note: '矩阵' }), [403, 404]),
      refused('errands.handoff.orgId', () => c.post(`/api/v1/errands/${submitted.id}/handoff`, { orgId: far.community, note: '矩阵' }), [403, 404]),
      refused('errands.done', () => c.post(`${path}/done`, { result: '矩阵' }), [403, 404]),
      refused('errands.cancel', () => c.post(`${path}/cancel`, {}), [403, 404]),
      refused('errands.rate', () => c.post(`${path}/rate`, { rating: 5 }), [403, 404]),
      refused('errands.steps', () => c.post(`${path}/steps`, { title: '矩阵' }), [403, 404]),
      refused('errands.steps.ownerId', () => c.post(`/api/v1/errands/${accepted.id}/steps`, { title: '矩阵', ownerId: far.person }), [403, 404]),
      refused('errands.steps.update', () => c.patch(`${path}/steps/${far.step}`, { title: '矩阵' }), [403, 404]),
      refused('errands.steps.update.ownerId', () => c.patch(`/api/v1/errands/${accepted.id}/steps/${accepted.stepId}`, { ownerId: far.person }), [403, 404]),
      refused('errands.steps.done', () => c.post(`${path}/steps/${far.step}/done`, {}), [403, 404]),
      refused('errands.checklist', () => c.put(`${path}/checklist`, { items: [] }), [403, 404]),
      refused('errands.checklist.fileIds', () => c.put(`/api/v1/errands/${accepted.id}/checklist`, { items: [{ name: '身份证', fileIds: [far.photo] }] }), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the scope: the desk staff work the errand, the others are refused (the resident reads their own).
    const read = await c.get(`/api/v1/errands/${submitted.id}`)
    assert.equal(read.statusCode, desk[r] || r === 'resident' ? 200 : 404, `errands.read (own) as ${r}`)
    const accept = await c.post(`/api/v1/errands/${submitted.id}/accept`, {})
    assert.equal(accept.statusCode, desk[r] ? 200 : r === 'resident' ? 403 : 404, `errands.accept (own) as ${r}: ${accept.body.slice(0, 200)}`)
    const step = await c.post(`/api/v1/errands/${accepted.id}/steps/${accepted.stepId}/done`, {})
    assert.equal(step.statusCode, desk[r] ? 200 : r === 'resident' ? 403 : 404, `errands.steps.done (own) as ${r}`)
    const figures = await c.get(`/api/v1/errands/figures?orgId=${t.fixtures.communityId}`)
    assert.equal(figures.statusCode, desk[r] ? 200 : 403, `errands.figures (own) as ${r}`)
    const forVisitor = await c.post('/api/v1/errands', body({ orgId: t.fixtures.communityId, requesterId: t.fixtures.personIds.resident }))
    assert.equal(forVisitor.statusCode, desk[r] ? 201 : r === 'resident' ? 201 : 403, `errands.create for someone as ${r}: ${forVisitor.body.slice(0, 200)}`)
  }
  assert.equal((await t.anonymous.get('/api/v1/errands')).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/errands', body())).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/errands/${far.errand}`)).statusCode, 401)
})

test('derived views: the lists and the figures count only what the reader may read, record by record', async () => {
  await ownErrand(false)
  for (const r of ROLES) {
    const items = (await as[r].get('/api/v1/errands?limit=200')).json().items as { id: string; org: { id: string }; requester: { id: string } }[]
    assert.ok(!items.some((e) => e.id === far.errand), `list as ${r} shows the far errand`)
    if (!desk[r]) assert.ok(items.every((e) => e.requester.id === t.fixtures.personIds[r]), `list as ${r} shows others' errands`)
    const mine = (await as[r].get('/api/v1/errands?mine=true&limit=200')).json().items as { requester: { id: string } }[]
    assert.ok(mine.every((e) => e.requester.id === t.fixtures.personIds[r]), `mine as ${r}`)
  }
  const seen = (await as.resident.get('/api/v1/errands?mine=true&limit=200')).json()
  assert.ok(seen.items.length > 0)
  const figures = (await as.admin.get(`/api/v1/errands/figures?orgId=${t.fixtures.cityId}`)).json()
  assert.ok(!figures.byDesk.some((d: { org: { id: string } }) => d.org.id === far.community))
})
