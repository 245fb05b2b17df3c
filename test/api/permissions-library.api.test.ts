// The permission matrix of the shared library (issue 16): for every demo role, each request that
// names a practice, comment, node, photo or template source outside the role's scope is refused
// (401/403/404, or 422 where a field is checked after its record loads) and writes nothing.
// Inside the scope, cadres (community cadres and above) publish, revise and adopt at their node.
// The library itself is open to every signed-in reader (learning from other communities is the
// point): a far practice reads 200, but its node may not be named as a filter, nor written to.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { tinyPdf } from '../support/documents.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const cadre: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'street' | 'community' | 'person' | 'photo' | 'document' | 'schedule' | 'practice' | 'templated' | 'comment', string>
let own: string
let serial = 0

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const text = '社区把闲置空地改建为电动车棚，配套消防设施和智能充电桩，由居民议事会商定管理办法。'
const body = (over: Record<string, unknown> = {}) => ({ orgId: t.fixtures.communityId, title: `矩阵经验${++serial}号`, body: text, ...over })
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM library_practices) || '/' || (SELECT count(*) FROM library_versions) || '/' ||
  (SELECT count(*) FROM library_comments WHERE deleted_at IS NULL) || '/' || (SELECT count(*) FROM library_adoptions) || '/' ||
  (SELECT count(*) FROM library_practices WHERE deleted_at IS NOT NULL OR updated_at > created_at) || '/' || (SELECT count(*) FROM visit_schedules) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  far.street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', far.street)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的干部') RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.document = await one(sql`INSERT INTO attachments (sha256, mime, size, name, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'application/pdf', 100, '矩阵外.pdf', ${far.person}) RETURNING id::text`)
  far.schedule = await one(sql`INSERT INTO visit_schedules (org_id, name, kind, day_of_month, starts_on) VALUES (${far.street}, '矩阵外的走访计划', 'night', 1, '2026-01-01') RETURNING id::text`)
  const practice = async (template: unknown) => {
    const id = await one(sql`INSERT INTO library_practices (org_id, author_id, title, template_kind, search) VALUES (${far.community}, ${far.person}, '矩阵外的经验', ${template ? 'visit_schedule' : null}, to_tsvector('simple', '矩阵')) RETURNING id::text`)
    await t.query(sql`INSERT INTO library_versions (practice_id, version, title, body, template) VALUES (${id}, 1, '矩阵外的经验', ${text}, ${template ? JSON.stringify(template) : null}::jsonb)`)
    return id
  }
  far.practice = await practice(null)
  far.templated = await practice({ kind: 'visit_schedule', payload: { name: '矩阵外的夜访', kind: 'night', dayOfMonth: 1, graceDays: 7 } })
  far.comment = await one(sql`INSERT INTO library_comments (practice_id, author_id, body) VALUES (${far.practice}, ${far.person}, '矩阵外的评论') RETURNING id::text`)
  const posted = await as.cadre.post('/api/v1/library/practices', body())
  assert.equal(posted.statusCode, 201, posted.body)
  own = posted.json().id
})
after(() => t.close())

test('library: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('library.publish.orgId', () => c.post('/api/v1/library/practices', body({ orgId: far.community })), [403, 404]),
      refused('library.publish.photoIds', () => c.post('/api/v1/library/practices', body({ photoIds: [far.photo] })), [403, 404]),
      refused('library.publish.sourceId', () => c.post('/api/v1/library/practices', body({ template: { kind: 'visit_schedule', sourceId: far.schedule } })), [403, 404]),
      refused('library.publish.fileIds', () => c.post('/api/v1/library/practices', body({ fileIds: [far.document] })), [403, 404]),
      refused('library.revise', () => c.patch(`/api/v1/library/practices/${far.practice}`, { title: '矩阵外改标题', note: '越权修订' }), [403, 404]),
      refused('library.revise.photoIds', () => c.patch(`/api/v1/library/practices/${own}`, { photoIds: [far.photo], note: '加一张别人的照片' }), [403, 404]),
      refused('library.revise.fileIds', () => c.patch(`/api/v1/library/practices/${own}`, { fileIds: [far.document], note: '加一个别人的文件' }), [403, 404]),
      refused('library.revise.sourceId', () => c.patch(`/api/v1/library/practices/${own}`, { template: { kind: 'visit_schedule', sourceId: far.schedule }, note: '附别人的计划' }), [403, 404]),
      refused('library.delete', () => c.delete(`/api/v1/library/practices/${far.practice}`), [403, 404]),
      refused('library.adopt.orgId', () => c.post(`/api/v1/library/practices/${far.practice}/adopt`, { orgId: far.community }), [403, 404]),
      refused('library.adopt.importOrgId', () => c.post(`/api/v1/library/practices/${far.templated}/adopt`, { orgId: t.fixtures.communityId, import: { orgId: far.street } }), [403, 404]),
      refused('library.unadopt.orgId', () => c.delete(`/api/v1/library/practices/${far.practice}/adopt?orgId=${far.community}`), [403, 404]),
      refused('library.comment.delete', () => c.delete(`/api/v1/library/comments/${far.comment}`), [403, 404]),
      refused('library.list.orgId', () => c.get(`/api/v1/library/practices?orgId=${far.community}`), [403, 404]),
      refused('library.figures.orgId', () => c.get(`/api/v1/library/figures?orgId=${far.community}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside: cadres and above publish at the demo community and revise what it published.
    const published = await c.post('/api/v1/library/practices', body())
    assert.equal(published.statusCode, cadre[r] ? 201 : 403, `library.publish (own) as ${r}: ${published.body.slice(0, 200)}`)
    const revised = await c.patch(`/api/v1/library/practices/${own}`, { title: `本社区经验修订${r}`, note: `由${r}修订` })
    assert.equal(revised.statusCode, cadre[r] ? 200 : 403, `library.revise (own) as ${r}`)
    // Everyone signed in reads the far practice and comments on it.
    assert.equal((await c.get(`/api/v1/library/practices/${far.practice}`)).statusCode, 200)
    assert.equal((await c.post(`/api/v1/library/practices/${far.practice}/comments`, { body: `${r}的评论` })).statusCode, 201)
  }
  for (const url of ['/api/v1/library/practices', `/api/v1/library/practices/${own}`, `/api/v1/library/practices/${own}/versions`, `/api/v1/library/practices/${own}/comments`,
    `/api/v1/library/practices/${own}/adoptions`, '/api/v1/library/figures', '/api/v1/library/template-kinds']) {
    assert.equal((await t.anonymous.get(url)).statusCode, 401, url)
  }
  assert.equal((await t.anonymous.post('/api/v1/library/practices', body())).statusCode, 401)
})

test('documents (POST /documents): anonymous is refused with 401 and nothing is stored; every signed-in role uploads, like photos', async () => {
  const stored = async () => (await t.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM attachments`))[0]!.n
  const upload = (c: Client, name: string) => c.request({ method: 'POST', url: `/api/v1/documents?name=${encodeURIComponent(name)}`, payload: tinyPdf(name), headers: { 'content-type': 'application/pdf' } })
  const before = await stored()
  const anonymous = await upload(t.anonymous, '匿名上传.pdf')
  assert.equal(anonymous.statusCode, 401, anonymous.body)
  assert.equal(await stored(), before, 'an anonymous upload stored something')
  for (const r of ROLES) {
    const res = await upload(as[r], `${r}的议事规则.pdf`)
    assert.equal(res.statusCode, 201, `documents.upload as ${r}: ${res.body.slice(0, 200)}`)
    assert.deepEqual([res.json().mime, res.json().name], ['application/pdf', `${r}的议事规则.pdf`])
  }
})

test('derived views: deleted practices leave the list, the search and the figures', async () => {
  const gone = (await as.cadre.post('/api/v1/library/practices', body({ title: '即将删除的独特经验' }))).json().id
  assert.equal((await as.cadre.delete(`/api/v1/library/practices/${gone}`)).statusCode, 204)
  for (const r of ROLES) {
    const list = (await as[r].get(`/api/v1/library/practices?limit=200&q=${encodeURIComponent('即将删除的独特经验')}`)).json().items as { id: string }[]
    assert.ok(!list.some((p) => p.id === gone), `list as ${r}`)
    assert.equal((await as[r].get(`/api/v1/library/practices/${gone}`)).statusCode, 404)
    assert.equal((await as[r].get(`/api/v1/library/practices/${gone}/versions`)).statusCode, 404)
  }
})
