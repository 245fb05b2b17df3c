import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { idCheckChar } from './residents.idnumber.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** A valid GB 11643 ID number for a region, birth date (YYYYMMDD) and 3-digit sequence. */
const idNumber = (region: string, birth: string, seq: string) => `${region}${birth}${seq}${idCheckChar(`${region}${birth}${seq}`)}`

let t: TestApp
let grid: Client, cadre: Client, street: Client, resident: Client, member: Client
let siblingBuildingId: string
before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  ;[grid, cadre, street, resident, member] = await t.asEach('grid', 'cadre', 'street', 'resident', 'member')
  siblingBuildingId = (await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.siblingGridId} AND kind = 'building' ORDER BY id LIMIT 1`))[0]!.id
})
after(() => t.close())

const count = async (table: 'residents' | 'people' | 'audit_log') => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('居民信息')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
async function readBook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]!
  const out: string[][] = []
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return out
}

describe('the resident registry', () => {
  const id1 = idNumber('360102', '19560312', '124')
  let createdId: string

  test('a grid worker registers a resident; lists show the ID number and phone masked and the database holds them sealed', async () => {
    const res = await grid.post('/api/v1/residents', {
      name: '陈阿婆', phone: '13855665678', idNumber: id1, orgId: t.fixtures.buildingId, household: '2单元301', relation: 'head',
      tags: ['elderly_alone', 'low_income'], consentContact: true,
    })
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    createdId = body.id
    assert.equal(body.idNumber, `3601${'*'.repeat(10)}${id1.slice(-4)}`)
    assert.equal(body.phone, '138****5678')
    assert.equal(body.gender, 'female', 'gender follows the ID number (the 17th digit is even)')
    assert.equal(body.birthYear, 1956, 'the birth year follows the ID number')
    assert.equal(body.masked, true)
    assert.equal(body.grid.id, t.fixtures.gridId)
    assert.ok(body.consentedAt)

    const list = await grid.get(`/api/v1/residents?orgId=${t.fixtures.gridId}&q=${encodeURIComponent('陈阿婆')}`)
    assert.equal(list.statusCode, 200)
    const item = list.json().items.find((r: { id: string }) => r.id === createdId)
    assert.match(item.idNumber, /^\d{4}\*{10}\d{3}[\dX]$/)
    assert.match(item.phone, /^1\d\d\*{4}\d{4}$/)

    const [stored] = await t.query<{ id_number_enc: string; id_number_hash: string; phone_enc: string }>(sql`
      SELECT r.id_number_enc, r.id_number_hash, p.phone_enc FROM residents r JOIN people p ON p.id = r.person_id WHERE r.id = ${createdId}`)
    assert.ok(!stored!.id_number_enc.includes(id1) && !stored!.phone_enc.includes('13855665678'))
    assert.match(stored!.id_number_enc, /^t1:/, 'each value names the key that sealed it')
    assert.equal(t.pii.decrypt('id_number', stored!.id_number_enc), id1)
    assert.equal(stored!.id_number_hash, t.pii.hash('id_number', id1))
    const [audit] = await t.query<{ after: Record<string, unknown> }>(sql`SELECT after FROM audit_log WHERE action = 'resident.create' AND entity_id = ${createdId}`)
    assert.ok(!JSON.stringify(audit!.after).includes(id1) && !JSON.stringify(audit!.after).includes('13855665678'), 'the audit trail keeps masks only')
  })

  test('a full value is read through reveal with a reason, and each reveal writes an audit row without the value', async () => {
    const res = await grid.post(`/api/v1/residents/${createdId}/reveal`, { field: 'idNumber', reason: '核实低保申请材料' })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { field: 'idNumber', value: id1 })
    const phone = await grid.post(`/api/v1/residents/${createdId}/reveal`, { field: 'phone', reason: '上门走访前电话联系' })
    assert.equal(phone.json().value, '13855665678')
    const audits = await t.query<{ after: { field: string; reason: string }; actor_person_id: string }>(sql`
      SELECT after, actor_person_id::text FROM audit_log WHERE action = 'resident.reveal' AND entity_id = ${createdId} ORDER BY id`)
    assert.deepEqual(audits.map((a) => [a.after.field, a.after.reason, a.actor_person_id]), [
      ['idNumber', '核实低保申请材料', t.fixtures.personIds.grid], ['phone', '上门走访前电话联系', t.fixtures.personIds.grid],
    ])
    assert.ok(audits.every((a) => !JSON.stringify(a).includes(id1) && !JSON.stringify(a).includes('13855665678')))

    const before = await count('audit_log')
    for (const body of [{ field: 'idNumber' }, { field: 'idNumber', reason: '看' }, { field: 'name', reason: '核实信息情况' }]) {
      const bad = await grid.post(`/api/v1/residents/${createdId}/reveal`, body)
      assert.equal(bad.statusCode, 400, JSON.stringify(body))
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED')
    }
    assert.equal(await count('audit_log'), before, 'a refused reveal writes nothing')
  })

  test('a full phone or ID number finds the record by its keyed hash; part of a name finds it too', async () => {
    for (const q of ['13855665678', id1, '陈阿']) {
      const res = await grid.get(`/api/v1/residents?q=${encodeURIComponent(q)}`)
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json().items.map((r: { id: string }) => r.id), [createdId], q)
    }
    const tagged = await grid.get(`/api/v1/residents?tag=low_income&q=${encodeURIComponent('陈阿婆')}`)
    assert.deepEqual(tagged.json().items.map((r: { id: string }) => r.id), [createdId])
    const none = await grid.get(`/api/v1/residents?tag=veteran&q=${encodeURIComponent('陈阿婆')}`)
    assert.deepEqual(none.json().items, [])
    const veterans = await street.get('/api/v1/residents?tag=veteran&limit=200')
    assert.ok(veterans.json().items.length > 0 && veterans.json().items.every((r: { tags: string[] }) => r.tags.includes('veteran')))
  })

  test('the list pages by keyset cursor', async () => {
    for (let i = 0; i < 3; i++) {
      assert.equal((await grid.post('/api/v1/residents', { name: `翻页${i}`, orgId: t.fixtures.buildingId })).statusCode, 201)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await grid.get(`/api/v1/residents?q=${encodeURIComponent('翻页')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...res.json().items.map((r: { name: string }) => r.name))
      cursor = res.json().nextCursor
    } while (cursor)
    assert.deepEqual(seen, ['翻页0', '翻页1', '翻页2'])
    assert.equal((await grid.get('/api/v1/residents?cursor=garbage')).statusCode, 400)
  })

  test('a bad ID number or phone is refused with a Chinese reason and nothing is written', async () => {
    const residents = await count('residents')
    const people = await count('people')
    const wrongCheck = id1.slice(0, 17) + (id1[17] === '0' ? '1' : '0')
    const cases: [Record<string, unknown>, number, string, RegExp | null][] = [
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: wrongCheck }, 400, 'VALIDATION_FAILED', /校验位/],
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: '36010219561332123X' }, 400, 'VALIDATION_FAILED', /出生日期/],
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: '3601021956' }, 400, 'VALIDATION_FAILED', /18 位/],
      [{ name: '甲', orgId: t.fixtures.buildingId, phone: '12345678901' }, 400, 'VALIDATION_FAILED', /手机号/],
      [{ name: '甲', orgId: t.fixtures.buildingId, phone: '1385566567' }, 400, 'VALIDATION_FAILED', /手机号/],
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: idNumber('360102', '19800101', '111'), gender: 'female' }, 422, 'ID_NUMBER_MISMATCH', null],
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: idNumber('360102', '19800101', '111'), birthYear: 1981 }, 422, 'ID_NUMBER_MISMATCH', null],
      [{ name: '甲', orgId: t.fixtures.buildingId, idNumber: id1 }, 409, 'ID_NUMBER_TAKEN', null],
      [{ name: '甲', orgId: t.fixtures.buildingId, phone: '13855665678' }, 409, 'PHONE_UNAVAILABLE', null],
      [{ name: '甲', orgId: t.fixtures.gridId }, 422, 'RESIDENT_ORG_KIND', null],
      [{ name: '甲', orgId: t.fixtures.buildingId, tags: ['rich'] }, 400, 'VALIDATION_FAILED', null],
      [{ orgId: t.fixtures.buildingId }, 400, 'VALIDATION_FAILED', null],
    ]
    for (const [body, status, code, message] of cases) {
      const res = await grid.post('/api/v1/residents', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`)
      assert.equal(res.json().error.code, code)
      if (message) assert.match(JSON.stringify(res.json().error.details), message)
    }
    const lower = await grid.post('/api/v1/residents', { name: '小写x', orgId: t.fixtures.buildingId, idNumber: idNumber('110101', '20100101', '002').toLowerCase() })
    assert.equal(lower.statusCode, 201, 'a lower-case x is accepted and stored upper-case')
    assert.equal(await count('residents'), residents + 1)
    assert.equal(await count('people'), people + 1)
  })

  test('the person\'s phone is the resident\'s phone: editing one edits the other, and it stays a login name', async () => {
    const res = await grid.patch(`/api/v1/residents/${createdId}`, { phone: '13855667777', tags: ['elderly_alone'] })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().phone, '138****7777')
    assert.deepEqual(res.json().tags, ['elderly_alone'])
    const [p] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people WHERE phone_hash = ${t.pii.hash('phone', '13855667777')}`)
    assert.equal(p!.n, 1, 'one phone, in people only')
    const cols = await t.query<{ column_name: string }>(sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'residents' AND column_name LIKE '%phone%'`)
    assert.deepEqual(cols, [], 'the residents table has no phone of its own')
  })
})

describe('who may see and change resident records', () => {
  let recordId: string
  before(async () => {
    const res = await cadre.post('/api/v1/residents', { name: '隔壁网格居民', phone: '13955001122', orgId: siblingBuildingId, idNumber: idNumber('360103', '19700505', '015') })
    assert.equal(res.statusCode, 201, res.body)
    recordId = res.json().id
  })

  test('a grid worker does not see a record of the sibling grid, nor the grid itself: reads, reveals and writes answer 404', async () => {
    assert.equal((await grid.get(`/api/v1/residents/${recordId}`)).statusCode, 404)
    const reveal = await grid.post(`/api/v1/residents/${recordId}/reveal`, { field: 'phone', reason: '核实身份信息' })
    assert.equal(reveal.statusCode, 404)
    assert.equal(reveal.json().error.code, 'RESIDENT_NOT_FOUND')
    assert.equal((await grid.patch(`/api/v1/residents/${recordId}`, { household: '1单元101' })).statusCode, 404)
    assert.equal((await grid.delete(`/api/v1/residents/${recordId}`)).statusCode, 404)
    assert.equal((await grid.post('/api/v1/residents', { name: '越界', orgId: siblingBuildingId })).statusCode, 404)
    const list = await grid.get(`/api/v1/residents?q=${encodeURIComponent('隔壁网格居民')}`)
    assert.deepEqual(list.json().items, [])
    assert.deepEqual((await cadre.get(`/api/v1/residents?q=${encodeURIComponent('隔壁网格居民')}`)).json().items.map((r: { id: string }) => r.id), [recordId])
    assert.equal((await grid.get(`/api/v1/residents?orgId=${t.fixtures.otherCommunityId}`)).statusCode, 404)
    assert.equal((await t.query(sql`SELECT 1 FROM audit_log WHERE action = 'resident.reveal' AND entity_id = ${recordId}`)).length, 0)
  })

  test('the community cadre and the street admin reveal within their area', async () => {
    for (const c of [cadre, street]) {
      const res = await c.post(`/api/v1/residents/${recordId}/reveal`, { field: 'idNumber', reason: '办理高龄补贴' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().value, idNumber('360103', '19700505', '015'))
    }
  })

  test('residents and members see no list and cannot reveal anyone else\'s values', async () => {
    for (const c of [resident, member]) {
      const list = await c.get('/api/v1/residents')
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().items, [])
      assert.equal((await c.post(`/api/v1/residents/${recordId}/reveal`, { field: 'phone', reason: '想看一下号码' })).statusCode, 404)
      assert.equal((await c.get(`/api/v1/residents/${recordId}`)).statusCode, 404)
      assert.equal((await c.post('/api/v1/residents', { name: '自己加', orgId: t.fixtures.buildingId })).statusCode, 403)
    }
    assert.equal((await t.anonymous.get('/api/v1/residents')).statusCode, 401)
    assert.equal((await t.anonymous.post(`/api/v1/residents/${recordId}/reveal`, { field: 'phone', reason: '匿名查看号码' })).statusCode, 401)
  })

  test('a moved-away record ends: it leaves the lists and can no longer be read', async () => {
    const res = await cadre.post('/api/v1/residents', { name: '搬走的人', orgId: siblingBuildingId })
    const id = res.json().id
    assert.equal((await cadre.delete(`/api/v1/residents/${id}`)).statusCode, 204)
    assert.equal((await cadre.get(`/api/v1/residents/${id}`)).statusCode, 404)
    assert.equal((await t.query(sql`SELECT 1 FROM audit_log WHERE action = 'resident.delete' AND entity_id = ${id}`)).length, 1)
  })
})

describe('a resident\'s own record', () => {
  let ownId: string
  before(async () => {
    const res = await grid.patch(`/api/v1/residents/${(await resident.get('/api/v1/residents/me')).json().id}`, { tags: ['tenant'] })
    assert.equal(res.statusCode, 200, res.body)
    ownId = res.json().id
  })

  test('a person with a record is registered only once', async () => {
    const again = await cadre.post('/api/v1/residents', { personId: t.fixtures.personIds.resident, orgId: t.fixtures.buildingId })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'RESIDENT_EXISTS')
    assert.equal((await cadre.post('/api/v1/residents', { personId: '999999999', orgId: t.fixtures.buildingId })).statusCode, 404)
    const byGrid = await grid.post('/api/v1/residents', { personId: t.fixtures.personIds.resident, orgId: t.fixtures.buildingId })
    assert.equal(byGrid.statusCode, 403, 'attaching someone already known is managing them: a cadre\'s to do')
  })

  test('staff do not change the name or phone of someone with an account: the phone is their login', async () => {
    const res = await grid.patch(`/api/v1/residents/${ownId}`, { phone: '13955558888' })
    assert.equal(res.statusCode, 403)
    assert.equal(res.json().error.code, 'RESIDENT_HAS_ACCOUNT')
    assert.equal((await grid.patch(`/api/v1/residents/${ownId}`, { name: '改名' })).statusCode, 403)
    assert.equal((await grid.patch(`/api/v1/residents/${ownId}`, { household: '1单元202' })).statusCode, 200, 'the rest of the record is the staff\'s to keep')
    assert.equal((await grid.post('/api/v1/residents', { personId: t.fixtures.personIds.cadre, name: '改名', orgId: t.fixtures.buildingId })).statusCode, 400)
  })

  test('the resident sees their own record in full and corrects it; the building and tags stay the staff\'s', async () => {
    const me = await resident.get('/api/v1/residents/me')
    assert.equal(me.statusCode, 200)
    assert.equal(me.json().id, ownId)
    assert.equal(me.json().masked, false)
    assert.match(me.json().phone, /^1\d{10}$/, 'their own phone in full')
    assert.equal((await resident.get(`/api/v1/residents/${ownId}`)).json().masked, false)

    const own = idNumber('360102', '19900815', '031')
    const fixed = await resident.patch('/api/v1/residents/me', { idNumber: own, household: '1单元203', consentServices: true })
    assert.equal(fixed.statusCode, 200, fixed.body)
    assert.equal(fixed.json().idNumber, own)
    assert.equal(fixed.json().birthYear, 1990)
    assert.equal(fixed.json().gender, 'male')
    assert.equal(fixed.json().household, '1单元203')
    assert.deepEqual(fixed.json().tags, ['tenant'])
    for (const body of [{ tags: [] }, { orgId: siblingBuildingId }, { note: '我自己写的' }, {}, { idNumber: own.slice(0, 17) + (own[17] === '1' ? '2' : '1') }]) {
      assert.equal((await resident.patch('/api/v1/residents/me', body)).statusCode, 400, JSON.stringify(body))
    }
    assert.equal((await grid.get('/api/v1/residents/me')).statusCode, 404, 'staff without a record of their own')
    const staffView = await grid.get(`/api/v1/residents/${ownId}`)
    assert.equal(staffView.json().idNumber, '3601**********' + own.slice(-4))
  })

  test('a resident\'s own phone changes only with a code sent to the new number, not through the record', async () => {
    const before = (await resident.get('/api/v1/residents/me')).json().phone as string
    const res = await resident.patch('/api/v1/residents/me', { phone: '13922221111' })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'PHONE_CHANGE_NEEDS_CODE')
    assert.equal((await resident.get('/api/v1/residents/me')).json().phone, before)
    assert.equal((await resident.patch('/api/v1/residents/me', { phone: before, household: '1单元204' })).statusCode, 200, 'the unchanged number may come back with the form')
  })
})

describe('Excel import and export', () => {
  const header = ['姓名', '性别', '出生年份', '身份证号', '手机号', '楼栋', '户号', '与户主关系', '住址', '标签', '同意联系', '同意服务匹配', '备注']
  let buildingName: string
  before(async () => {
    buildingName = (await t.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${t.fixtures.buildingId}`))[0]!.name
  })

  test('the template downloads as a workbook with the import columns and instructions', async () => {
    const res = await grid.get('/api/v1/residents/import-template')
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['content-type'], XLSX)
    const rows = await readBook(res.rawPayload)
    assert.deepEqual(rows[0]!.map((h) => h.replace('*', '')), header)
  })

  test('a file with bad rows is refused row by row (row, column, reason) and imports nothing', async () => {
    const before = [await count('residents'), await count('people')]
    const good = idNumber('360102', '19480220', '013')
    const file = await workbook([
      header,
      ['王大爷', '', '', good, '13700001111', buildingName, '3单元101', '户主', '', '独居老人、退役军人', '是', '否', ''],
      ['', '男', '', '', '', buildingName, '', '', '', '', '', '', ''],
      ['李四', '女', '', good, '13700001111', buildingName, '', '老板', '', '富人', '也许', '', ''],
      ['赵五', '', '', '', '12345', '不存在的楼', '', '', '', '', '', '', ''],
    ])
    const res = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.gridId}`, payload: file, headers: { 'content-type': XLSX } })
    assert.equal(res.statusCode, 422, res.body)
    const error = res.json().error
    assert.equal(error.code, 'RESIDENT_IMPORT_ROWS_INVALID')
    assert.match(error.message, /未导入任何数据/)
    const cells = (error.details as { row: number; column: string }[]).map((d) => `${d.row}:${d.column}`)
    assert.deepEqual(cells, ['3:姓名', '4:身份证号', '4:手机号', '4:与户主关系', '4:标签', '4:同意联系', '5:手机号', '5:楼栋'], 'sorted by row, then column')
    assert.match(JSON.stringify(error.details), /与第 2 行重复/)
    assert.ok((error.details as { reason: string }[]).every((d) => d.reason.length > 0))
    assert.deepEqual([await count('residents'), await count('people')], before)
  })

  test('a correct file imports every row in one go', async () => {
    const before = await count('residents')
    const file = await workbook([
      header,
      ['王大爷', '', '', idNumber('360102', '19480220', '013'), '13700001111', buildingName, '3单元101', '户主', '', '独居老人、退役军人', '是', '否', ''],
      ['王大妈', '女', 1950, '', '', buildingName, '3单元101', '配偶', '', '', '是', '是', '行动不便'],
    ])
    const res = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.gridId}`, payload: file, headers: { 'content-type': XLSX } })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(res.json(), { imported: 2 })
    assert.equal(await count('residents'), before + 2)
    const found = await grid.get(`/api/v1/residents?q=${encodeURIComponent('王大')}`)
    const [a, b] = found.json().items
    assert.deepEqual([a.name, a.gender, a.birthYear, a.tags, a.relation], ['王大爷', 'male', 1948, ['elderly_alone', 'veteran'], 'head'])
    assert.deepEqual([b.name, b.household, b.consentServices, b.note], ['王大妈', '3单元101', true, '行动不便'])
    const again = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.gridId}`, payload: file, headers: { 'content-type': XLSX } })
    assert.equal(again.statusCode, 422, 'the same ID number and phone cannot be imported twice')
  })

  test('an import outside the caller\'s scope, or of something that is not a workbook, is refused', async () => {
    const file = await workbook([header, ['越界', '', '', '', '', '', '', '', '', '', '', '', '']])
    const outside = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.siblingGridId}`, payload: file, headers: { 'content-type': XLSX } })
    assert.equal(outside.statusCode, 404, 'a node the caller cannot see answers as one that does not exist')
    const above = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.communityId}`, payload: file, headers: { 'content-type': XLSX } })
    assert.equal(above.statusCode, 403)
    const junk = await grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.gridId}`, payload: Buffer.from('not a workbook'), headers: { 'content-type': XLSX } })
    assert.equal(junk.statusCode, 422)
    assert.equal(junk.json().error.code, 'RESIDENT_IMPORT_FILE_INVALID')
    const json = await grid.post(`/api/v1/residents/import?orgId=${t.fixtures.gridId}`, { rows: [] })
    assert.equal(json.statusCode, 400)
  })

  test('an export is masked for grid staff; full values need a street admin and a reason; every export is audited', async () => {
    const masked = await grid.post('/api/v1/residents/export', { orgId: t.fixtures.gridId })
    assert.equal(masked.statusCode, 200, masked.body)
    const rows = await readBook(masked.rawPayload)
    assert.ok(rows.length > 3)
    const idCol = 3, phoneCol = 4
    assert.ok(rows.slice(1).every((r) => !r[idCol] || /\*{10}/.test(r[idCol]!)), 'ID numbers masked')
    assert.ok(rows.slice(1).every((r) => !r[phoneCol] || /\*{4}/.test(r[phoneCol]!)), 'phones masked')
    assert.ok(rows.slice(1).every((r) => r[5] !== '' ), 'every row names its building')

    const refused = await grid.post('/api/v1/residents/export', { orgId: t.fixtures.gridId, full: true, reason: '上报民政部门核对' })
    assert.equal(refused.statusCode, 403)
    assert.equal((await street.post('/api/v1/residents/export', { orgId: t.fixtures.gridId, full: true })).statusCode, 400, 'a full export needs a reason')
    const full = await street.post('/api/v1/residents/export', { orgId: t.fixtures.gridId, full: true, reason: '上报民政部门核对' })
    assert.equal(full.statusCode, 200)
    const fullRows = await readBook(full.rawPayload)
    assert.ok(fullRows.slice(1).some((r) => /^\d{17}[\dX]$/.test(r[idCol]!)), 'full ID numbers')
    assert.ok(fullRows.slice(1).some((r) => /^1\d{10}$/.test(r[phoneCol]!)), 'full phones')
    const audits = await t.query<{ after: { full: boolean; reason: string | null; count: number } }>(sql`SELECT after FROM audit_log WHERE action = 'resident.export' ORDER BY id`)
    assert.deepEqual(audits.map((a) => [a.after.full, a.after.reason]), [[false, null], [true, '上报民政部门核对']])
    assert.equal((await resident.post('/api/v1/residents/export', { orgId: t.fixtures.gridId })).statusCode, 403)
    assert.equal((await grid.post('/api/v1/residents/export', {})).statusCode, 400, 'an export names the node it exports')
    assert.equal((await grid.post('/api/v1/residents/export', { orgId: t.fixtures.otherCommunityId })).statusCode, 404)
  })
})

describe('the demo registry', () => {
  test('about 2,000 residents live in the demo street, with valid ID numbers matching birth year and gender, mobiles and households', async () => {
    const all = await t.query<{ id_number_enc: string | null; phone_enc: string | null; birth_year: number; gender: string; household: string; street: string }>(sql`
      SELECT r.id_number_enc, p.phone_enc, r.birth_year, r.gender, r.household, s.id::text AS street
      FROM residents r JOIN people p ON p.id = r.person_id JOIN orgs b ON b.id = r.org_id JOIN orgs s ON s.kind = 'street' AND b.path <@ s.path
      WHERE r.deleted_at IS NULL AND r.created_at < '2026-06-01'`)
    assert.ok(all.length >= 1900 && all.length <= 2100, `${all.length} residents`)
    assert.ok(all.every((r) => r.street === t.fixtures.streetId))
    const { idNumberProblem, idNumberFacts } = await import('./residents.idnumber.ts')
    for (const r of all.filter((x) => x.id_number_enc)) {
      const id = t.pii.decrypt('id_number', r.id_number_enc!)
      assert.equal(idNumberProblem(id), null, id)
      assert.equal(idNumberFacts(id).birthYear, r.birth_year)
      assert.equal(idNumberFacts(id).gender, r.gender)
    }
    const phones = all.filter((x) => x.phone_enc).map((x) => t.pii.decrypt('phone', x.phone_enc!))
    assert.ok(phones.length > 1000 && phones.every((p) => /^1[3-9]\d{9}$/.test(p)))
    const me = (await resident.get('/api/v1/residents/me')).json()
    assert.equal(me.org.id, t.fixtures.buildingId, 'the demo resident has a record where they live')
  })
})

describe('resident figures for the home page', () => {
  test('a grid worker counts the residents their list holds (issue 13: the home said 8 beside a list of 50+), with households and tags', async () => {
    const all: { id: string; tags: string[] }[] = []
    let cursor: string | null = null
    do {
      const page = (await grid.get(`/api/v1/residents?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: { id: string; tags: string[] }[]; nextCursor: string | null }
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const res = await grid.get(`/api/v1/residents/stats?orgId=${t.fixtures.gridId}`)
    assert.equal(res.statusCode, 200, res.body)
    const stats = res.json() as { residents: number; households: number; byTag: { tag: string; residents: number }[] }
    assert.equal(stats.residents, all.length)
    assert.ok(stats.residents > 8)
    assert.ok(stats.households > 0 && stats.households <= stats.residents)
    for (const { tag, residents } of stats.byTag) assert.equal(residents, all.filter((r) => r.tags.includes(tag)).length, tag)
  })

  test('figures never count more than the reader may list: a node outside the scope is refused, residents have none', async () => {
    const [far] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE id = ${t.fixtures.otherGridId}`)
    assert.equal((await grid.get(`/api/v1/residents/stats?orgId=${far!.id}`)).statusCode, 404)
    assert.equal((await resident.get('/api/v1/residents/stats')).statusCode, 403)
    assert.equal((await t.anonymous.get('/api/v1/residents/stats')).statusCode, 401)
    const mine = (await grid.get('/api/v1/residents/stats')).json().residents
    const community = (await cadre.get('/api/v1/residents/stats')).json().residents
    assert.ok(community >= mine)
  })
})
