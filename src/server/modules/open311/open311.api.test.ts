// Open311 GeoReport v2 at /open311/v2, as an Open311 client sees it: form-encoded reports with
// an api_key, XML (parsed strictly) and JSON reads that agree, the spec's filters and errors.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let apiKey: string
let inside: { lng: number; lat: number }
let grid: Client
let admin: Client

before(async () => {
  t = await startTestApp()
  ;[grid, admin] = await t.asEach('grid', 'admin')
  const street = await t.as('street')
  const token = await street.post('/api/v1/auth/tokens', { name: '12345 热线对接', orgId: t.fixtures.streetId, role: 'grid_worker' })
  assert.equal(token.statusCode, 201, token.body)
  apiKey = token.json().token
  const [c] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  inside = c!
})
after(() => t.close())

// A strict reader of the XML Open311 writes (elements and text; no attributes, comments or
// CDATA): throws on anything not well-formed, such as an unescaped & or <, or a stray tag.
interface XmlElement { name: string; children: XmlElement[]; text: string }

function decodeText(raw: string): string {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(raw)) throw new Error('a character XML 1.0 forbids')
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return raw.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);|&/gi, (whole, ref: string | undefined) => {
    if (!ref) throw new Error(`a bare & in text: ${raw.slice(0, 60)}`)
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    if (!(ref in entities)) throw new Error(`unknown entity ${whole}`)
    return entities[ref]!
  })
}

function parseXml(doc: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
  assert.ok(doc.startsWith(declaration), 'the XML declaration with encoding comes first')
  let at = declaration.length
  function element(): XmlElement {
    const open = /^<([A-Za-z_][\w.-]*)(\/?)>/.exec(doc.slice(at, at + 200))
    if (!open) throw new Error(`a start tag expected at ${at}: ${doc.slice(at, at + 40)}`)
    at += open[0].length
    const el: XmlElement = { name: open[1]!, children: [], text: '' }
    if (open[2]) return el
    for (;;) {
      const lt = doc.indexOf('<', at)
      if (lt < 0) throw new Error(`<${el.name}> is never closed`)
      el.text += decodeText(doc.slice(at, lt))
      at = lt
      if (doc.startsWith('</', at)) {
        const close = `</${el.name}>`
        if (!doc.startsWith(close, at)) throw new Error(`${close} expected at ${at}: ${doc.slice(at, at + 40)}`)
        at += close.length
        if (el.children.length && el.text.trim()) throw new Error(`mixed content in <${el.name}>`)
        return el
      }
      el.children.push(element())
    }
  }
  const root = element()
  assert.equal(doc.slice(at).trim(), '', 'nothing after the root element')
  return root
}

const LISTS = new Set(['services', 'service_requests', 'service_request_updates', 'errors', 'endpoints', 'formats', 'attributes'])

/** The XML read back into the Spark-convention shape, every leaf as text. */
function sparkOf(el: XmlElement): unknown {
  if (LISTS.has(el.name)) return el.children.map(sparkOf)
  if (!el.children.length) return el.text
  return Object.fromEntries(el.children.map((c) => [c.name, sparkOf(c)]))
}

/** The JSON with every leaf as text (null as empty), to compare with the XML. */
function asText(v: unknown): unknown {
  if (v === null) return ''
  if (Array.isArray(v)) return v.map(asText)
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, asText(x)]))
  return String(v)
}

/** GETs a resource in both formats, checks they agree, and returns the JSON. */
async function both(path: string, query = ''): Promise<{ status: number; json: any; xml: XmlElement }> {
  const [x, j] = [await t.anonymous.get(`/open311/v2/${path}.xml${query}`), await t.anonymous.get(`/open311/v2/${path}.json${query}`)]
  assert.equal(x.statusCode, j.statusCode, `${path}${query}: ${x.body.slice(0, 300)}`)
  assert.match(String(x.headers['content-type']), /^text\/xml; charset=utf-8/)
  assert.match(String(j.headers['content-type']), /^application\/json; charset=utf-8/)
  const xml = parseXml(x.body)
  const json = j.json()
  assert.deepEqual(sparkOf(xml), asText(json), `${path}${query}: XML and JSON agree`)
  return { status: j.statusCode, json, xml }
}

function postForm(fields: Record<string, string>, format = 'json'): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: new URLSearchParams(fields).toString(),
  })
}

const report = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  jurisdiction_id: 'linli.example',
  service_code: 'environment.garbage',
  lat: String(inside.lat),
  long: String(inside.lng),
  description: '小区东门垃圾桶满溢，已有异味',
  ...extra,
})

async function postReport(extra: Record<string, string> = {}): Promise<string> {
  const res = await postForm(report(extra))
  assert.equal(res.statusCode, 200, res.body)
  return res.json()[0].service_request_id
}

const caseCount = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n

function assertOpen311Error(res: LightMyRequestResponse, status: number, format: 'xml' | 'json', description?: RegExp) {
  assert.equal(res.statusCode, status, res.body)
  const errors = format === 'xml' ? (sparkOf(parseXml(res.body)) as { code: string; description: string }[]) : (res.json() as { code: number; description: string }[])
  assert.ok(Array.isArray(errors) && errors.length >= 1, res.body)
  for (const e of errors) {
    assert.equal(String(e.code), String(status))
    assert.ok(e.description.length > 0)
  }
  if (description) assert.match(errors.map((e) => e.description).join(' | '), description)
  assert.ok(!res.body.includes('"error":{'), 'never Linli’s error shape')
}

describe('discovery and services', () => {
  test('discovery names this GeoReport v2 endpoint and both formats', async () => {
    const { status, json } = await both('discovery')
    assert.equal(status, 200)
    assert.equal(json.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2')
    assert.equal(json.endpoints[0].url, `http://localhost:${t.config.PORT}/open311/v2`)
    assert.deepEqual(json.endpoints[0].formats, ['text/xml', 'application/json'])
    for (const field of ['changeset', 'contact', 'key_service']) assert.ok(json[field], field)
  })

  test('services are the public subcategories, grouped by their top category', async () => {
    const { json, xml } = await both('services', '?jurisdiction_id=linli.example')
    assert.equal(xml.children[0]!.name, 'service')
    const garbage = json.find((s: { service_code: string }) => s.service_code === 'environment.garbage')
    assert.deepEqual(
      { ...garbage, keywords: undefined },
      { service_code: 'environment.garbage', service_name: '垃圾清运', description: 'Rubbish collection', metadata: false, type: 'realtime', keywords: undefined, group: '环境卫生' },
    )
    assert.match(garbage.keywords, /Rubbish collection/)
    assert.ok(!json.some((s: { service_code: string }) => s.service_code === 'environment'), 'top categories are groups, not services')
  })

  test('a service definition is empty (no attributes); an unknown code is 404', async () => {
    const { status, json } = await both('services/environment.garbage')
    assert.equal(status, 200)
    assert.deepEqual(json, { service_code: 'environment.garbage', attributes: [] })
    assertOpen311Error(await t.anonymous.get('/open311/v2/services/environment.json'), 404, 'json')
    assertOpen311Error(await t.anonymous.get('/open311/v2/services/no.such.xml'), 404, 'xml', /no\.such/)
  })
})

describe('POST requests', () => {
  test('a form-encoded report with a valid api_key becomes a case on the open311 channel', async () => {
    const res = await postForm(report({ email: 'li.lei@example.com', first_name: '雷', last_name: '李', phone: '13800000000', device_id: 'dev-1', media_url: 'https://img.example.com/1.jpg', address_string: '翠岩路 1 号东门', 'attribute[x]': 'ignored' }))
    assert.equal(res.statusCode, 200, res.body)
    const [created] = res.json()
    assert.match(created.service_request_id, /^\d+$/)
    assert.match(created.service_notice, /受理时限/)
    assert.equal(created.account_id, null)
    assert.ok(!('token' in created), 'a realtime service answers the id, not a token')
    const [row] = await t.query<{ channel: string; contact: Record<string, string>; address: string; org_id: string }>(
      sql`SELECT channel, contact, address, org_id::text FROM cases WHERE id = ${created.service_request_id}`,
    )
    assert.equal(row!.channel, 'open311')
    assert.equal(row!.org_id, t.fixtures.gridId)
    assert.equal(row!.address, '翠岩路 1 号东门')
    assert.deepEqual(row!.contact, { email: 'li.lei@example.com', firstName: '雷', lastName: '李', phone: '13800000000', deviceId: 'dev-1', mediaUrl: 'https://img.example.com/1.jpg' })
  })

  test('the XML answer is a service_requests list; a report without contact is anonymous', async () => {
    const res = await postForm(report(), 'xml')
    assert.equal(res.statusCode, 200, res.body)
    const [created] = sparkOf(parseXml(res.body)) as { service_request_id: string }[]
    const [row] = await t.query<{ anonymous: boolean; contact: unknown; reporter_id: string | null }>(sql`SELECT anonymous, contact, reporter_id FROM cases WHERE id = ${created!.service_request_id}`)
    assert.deepEqual(row, { anonymous: true, contact: null, reporter_id: null })
  })

  test('a missing, unknown or revoked api_key is 403 in the format asked for, and nothing is written', async () => {
    const before = await caseCount()
    const { api_key: _, ...noKey } = report()
    assertOpen311Error(await postForm(noKey, 'xml'), 403, 'xml', /api_key/)
    assertOpen311Error(await postForm(report({ api_key: 'lt_not-a-real-token-at-all' })), 403, 'json', /api_key/)
    assertOpen311Error(await postForm(report({ api_key: 'lt_not-a-real-token-at-all', email: 'not an email' })), 403, 'json')
    const street = await t.as('street')
    const revoked = (await street.post('/api/v1/auth/tokens', { name: '已停用的对接', orgId: t.fixtures.streetId, role: 'grid_worker' })).json()
    assert.equal((await street.delete(`/api/v1/auth/tokens/${revoked.id}`)).statusCode, 204)
    assertOpen311Error(await postForm(report({ api_key: revoked.token })), 403, 'json')
    assert.equal(await caseCount(), before)
  })

  test('bad arguments are 400 (404 for an unknown service_code) with one error each, and nothing is written', async () => {
    const before = await caseCount()
    const { service_code: _s, ...noCode } = report()
    assertOpen311Error(await postForm(noCode), 400, 'json', /service_code/)
    assertOpen311Error(await postForm(report({ service_code: 'environment.nothing' })), 404, 'json', /environment\.nothing/)
    assertOpen311Error(await postForm(report({ service_code: 'environment' }), 'xml'), 404, 'xml')
    const { lat: _a, long: _b, ...noPoint } = report({ address_string: '翠岩路 1 号' })
    assertOpen311Error(await postForm(noPoint), 400, 'json', /需要经纬度/)
    assertOpen311Error(await postForm(report({ lat: '28.0', long: '100.0' })), 400, 'json')
    assertOpen311Error(await postForm(report({ lat: '95' })), 400, 'json', /lat/)
    assertOpen311Error(await postForm(report({ description: '' })), 400, 'json', /description/)
    const bad = await postForm(report({ email: 'nope', media_url: 'javascript:alert(1)' }))
    assertOpen311Error(bad, 400, 'json')
    assert.equal(bad.json().length, 2, 'one error per bad argument')
    assert.equal(await caseCount(), before)
  })
})

describe('GET requests', () => {
  let id: string
  before(async () => {
    id = await postReport({ email: 'secret@example.com', phone: '13911112222', media_url: 'https://img.example.com/2.jpg', description: '路灯 <不亮> & "闪烁"，\'夜间\' 危险' })
  })

  test('one request reads the same in XML and JSON, with the reporter’s details never shown', async () => {
    const { status, json, xml } = await both(`requests/${id}`, '?jurisdiction_id=linli.example')
    assert.equal(status, 200)
    assert.equal(xml.name, 'service_requests')
    assert.equal(xml.children[0]!.name, 'request')
    const [r] = json
    assert.equal(r.service_request_id, id)
    assert.equal(r.status, 'open')
    assert.equal(r.status_notes, '待受理')
    assert.equal(r.service_code, 'environment.garbage')
    assert.equal(r.service_name, '垃圾清运')
    assert.equal(r.description, '路灯 <不亮> & "闪烁"，\'夜间\' 危险', 'escaped in XML, read back intact')
    assert.match(r.agency_responsible, /网格$/)
    assert.match(r.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.match(r.updated_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.match(r.expected_datetime, /Z$/)
    assert.ok(Math.abs(r.lat - inside.lat) < 1e-9 && Math.abs(r.long - inside.lng) < 1e-9)
    assert.equal(r.media_url, 'https://img.example.com/2.jpg')
    const raw = (await t.anonymous.get(`/open311/v2/requests/${id}.xml`)).body
    for (const secret of ['secret@example.com', '13911112222']) assert.ok(!raw.includes(secret) && !JSON.stringify(json).includes(secret))
  })

  test('an unknown or malformed id is 404; the token resolves to the id', async () => {
    assertOpen311Error(await t.anonymous.get('/open311/v2/requests/999999999.xml'), 404, 'xml')
    assertOpen311Error(await t.anonymous.get('/open311/v2/requests/abc.json'), 404, 'json')
    const [row] = await t.query<{ token: string }>(sql`SELECT token::text FROM cases WHERE id = ${id}`)
    const { json } = await both(`tokens/${row!.token}`)
    assert.deepEqual(json, [{ service_request_id: id, token: row!.token }])
    assertOpen311Error(await t.anonymous.get('/open311/v2/tokens/00000000-0000-4000-8000-000000000000.json'), 404, 'json')
    assertOpen311Error(await t.anonymous.get('/open311/v2/tokens/nope.xml'), 404, 'xml')
  })

  test('filters: a list of ids overrides the rest; status, service_code and dates narrow the last 90 days', async () => {
    const other = await postReport({ service_code: 'facility.streetlight' })
    const ids = (r: { json: { service_request_id: string }[] }) => r.json.map((x) => x.service_request_id)
    assert.deepEqual(ids(await both('requests', `?service_request_id=${other},${id},999999999&status=closed`)), [other, id])
    const all = ids(await both('requests'))
    assert.ok(all.includes(id) && all.includes(other))
    assert.deepEqual(ids(await both('requests', '?status=&service_code=&start_date=&jurisdiction_id=')), all, 'empty arguments are absent ones')
    assert.ok(!ids(await both('requests', '?service_code=environment.garbage')).includes(other))
    assert.ok(ids(await both('requests', '?service_code=environment.garbage,facility.streetlight')).includes(other))
    assert.ok(!ids(await both('requests', '?status=closed')).includes(id))
    assert.ok(ids(await both('requests', '?status=open,closed')).includes(id))
    assert.ok(ids(await both('requests', '?status=open&status=closed')).includes(id), 'a repeated argument is a list')
    const now = Date.now()
    const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
    assert.ok(ids(await both('requests', `?start_date=${w3c(now - 3600_000)}&end_date=${w3c(now + 3600_000)}`)).includes(id))
    assert.deepEqual(ids(await both('requests', `?start_date=${w3c(now + 3600_000)}`)), [])
    const earlier = ids(await both('requests', `?end_date=${w3c(now - 3600_000)}`))
    assert.ok(earlier.length > 0 && !earlier.includes(id), 'the 90 days before end_date')
    assert.ok(ids(await both('requests', `?start_date=${new Date(now - 3600_000).toISOString().slice(0, 19)}+08:00`)).includes(id), 'an unencoded + offset')
  })

  test('bad filters are 400 in the spec’s error format', async () => {
    for (const q of ['status=pending', 'start_date=yesterday', 'start_date=2026-01-01', 'service_request_id=1;DROP', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z']) {
      assertOpen311Error(await t.anonymous.get(`/open311/v2/requests.xml?${q}`), 400, 'xml')
      assertOpen311Error(await t.anonymous.get(`/open311/v2/requests.json?${q}`), 400, 'json')
    }
  })
})

describe('the loop seen through Open311', () => {
  test('acting on a case shows in status, status_notes and servicerequestupdates', async () => {
    const since = new Date(Date.now() - 1000).toISOString()
    const accepted = await postReport()
    const rejected = await postReport({ description: '重复反映：垃圾桶满溢' })
    assert.equal((await grid.post(`/api/v1/cases/${accepted}/accept`, { note: '已通知保洁员' })).statusCode, 200)
    assert.equal((await grid.post(`/api/v1/cases/${rejected}/reject`, { reason: '不属于本网格职责' })).statusCode, 200)

    const [a] = (await both(`requests/${accepted}`)).json
    assert.deepEqual([a.status, a.status_notes], ['open', '已受理'])
    const [r] = (await both(`requests/${rejected}`)).json
    assert.deepEqual([r.status, r.status_notes, r.expected_datetime, r.service_notice], ['closed', '不予受理：不属于本网格职责', null, null])
    const closed = (await both('requests', '?status=closed')).json.map((x: { service_request_id: string }) => x.service_request_id)
    assert.ok(closed.includes(rejected) && !closed.includes(accepted))

    const { json, xml } = await both('servicerequestupdates', `?start_date=${since}`)
    assert.equal(xml.name, 'service_request_updates')
    const mine = json.filter((u: { service_request_id: string }) => [accepted, rejected].includes(u.service_request_id))
    const acceptUpdate = mine.find((u: { service_request_id: string; description: string }) => u.service_request_id === accepted && u.description === '已通知保洁员')
    assert.ok(acceptUpdate, JSON.stringify(mine))
    assert.equal(acceptUpdate.status, 'open')
    assert.match(acceptUpdate.update_id, /^\d+$/)
    assert.match(acceptUpdate.updated_datetime, /Z$/)
    assert.ok(mine.some((u: { service_request_id: string; status: string }) => u.service_request_id === rejected && u.status === 'closed'))
    const times = json.map((u: { updated_datetime: string }) => u.updated_datetime)
    assert.deepEqual(times, [...times].sort(), 'oldest first')
    assertOpen311Error(await t.anonymous.get('/open311/v2/servicerequestupdates.json?start_date=later'), 400, 'json')
  })

  test('a photo of the case is its media_url, absolute on the configured origin whatever Host the client sent', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
    const upload = await grid.request({ method: 'POST', url: '/api/v1/attachments', payload: png, headers: { 'content-type': 'image/png' } })
    assert.equal(upload.statusCode, 201, upload.body)
    const created = await grid.post('/api/v1/cases', { categoryCode: 'facility.road', description: '人行道地砖松动', location: inside, photoIds: [upload.json().id] })
    assert.equal(created.statusCode, 201, created.body)
    const res = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created.json().id}.json`, headers: { host: 'linli.example.org' } })
    assert.equal(res.json()[0].media_url, `http://localhost:${t.config.PORT}${upload.json().url}`)
    const discovery = await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json', headers: { host: 'evil.example' } })
    assert.equal(discovery.json().endpoints[0].url, `http://localhost:${t.config.PORT}/open311/v2`)
  })

  test('merged duplicates leave the lists but stay readable by id; private categories vanish', async () => {
    const kept = await postReport()
    const duplicate = await postReport()
    assert.equal((await grid.post(`/api/v1/cases/${duplicate}/merge`, { intoId: kept })).statusCode, 200)
    const listed = (await both('requests')).json.map((x: { service_request_id: string }) => x.service_request_id)
    assert.ok(listed.includes(kept) && !listed.includes(duplicate))
    const [d] = (await both(`requests/${duplicate}`)).json
    assert.deepEqual([d.status, d.status_notes], ['closed', `已合并至 #${kept} 一并处理`])

    const hidden = await postReport({ service_code: 'dispute.family' })
    assert.equal((await admin.patch('/api/v1/case-categories/dispute.family', { public: false })).statusCode, 200)
    assertOpen311Error(await t.anonymous.get(`/open311/v2/requests/${hidden}.json`), 404, 'json')
    assert.ok(!(await both('services')).json.some((s: { service_code: string }) => s.service_code === 'dispute.family'))
    assertOpen311Error(await postForm(report({ service_code: 'dispute.family' })), 404, 'json')
  })
})

describe('robustness', () => {
  test('the Open311 routes stay out of Linli’s OpenAPI document, whose error shape they do not use', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, unknown> }
    assert.ok(Object.keys(doc.paths).length > 10)
    assert.deepEqual(Object.keys(doc.paths).filter((p) => p.includes('open311')), [])
  })

  test('unknown routes under /open311/v2 answer 404 in the spec’s format', async () => {
    assertOpen311Error(await t.anonymous.get('/open311/v2/nothing.json'), 404, 'json')
    assertOpen311Error(await t.anonymous.get('/open311/v2/requests'), 404, 'xml')
  })

  test('hostile input never answers 500 nor leaves the spec’s error format, and writes nothing', async () => {
    const before = await caseCount()
    const paths = ['discovery', 'services', 'services/x', 'requests', 'requests/1', 'tokens/x', 'servicerequestupdates']
    const values = ['', '\u0000', 'x'.repeat(5000), "'; DROP TABLE cases; --", '%', '[]', '-1', '1e400']
    for (const path of paths) {
      for (const v of values) {
        for (const format of ['xml', 'json'] as const) {
          const q = encodeURIComponent(v)
          const res = await t.anonymous.get(`/open311/v2/${path}.${format}?service_request_id=${q}&start_date=${q}&status=${q}&service_code=${q}`)
          assert.ok(res.statusCode < 500, `${path} ${v.slice(0, 20)}: ${res.statusCode}`)
          if (res.statusCode >= 400) assertOpen311Error(res, res.statusCode, format)
          else if (format === 'xml') parseXml(res.body)
        }
      }
    }
    for (const payload of ['{"broken":', 'api_key=%', '[]', 'null']) {
      for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
        const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': type }, payload })
        assert.ok([400, 403].includes(res.statusCode), `${type} ${payload}: ${res.statusCode} ${res.body}`)
        assertOpen311Error(res, res.statusCode, 'xml')
      }
    }
    const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { ...report(), lat: 'north' } })
    assertOpen311Error(json, 400, 'json', /lat/)
    assert.equal(await caseCount(), before)
  })
})
