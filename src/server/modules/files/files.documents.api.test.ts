// Documents (issue 16, the library's files): PDF, Word and Excel recognised by their bytes,
// stored as uploaded with their file name, downloaded with Content-Disposition (RFC 5987 for
// Chinese names); anything else, a mislabelled or an oversize file is refused in Chinese and
// leaves nothing behind; photo places refuse a document's id.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { DOCX, XLSX, fakeExe, plainZip, tinyDocx, tinyPdf, tinyXlsx } from '../../../../test/support/documents.ts'
import { onePixelPng } from '../../../../test/support/images.ts'
import { contentDisposition, documentName, sniffDocument, zipEntryNames } from './documents.ts'

let t: TestApp
let cadre: Client
before(async () => {
  t = await startTestApp()
  cadre = await t.as('cadre')
})
after(() => t.close())

const send = (who: Client, bytes: Buffer, type: string, name: string) =>
  who.request({ method: 'POST', url: `/api/v1/documents?name=${encodeURIComponent(name)}`, payload: bytes, headers: { 'content-type': type } })
const count = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM attachments) || '/' || (SELECT count(*) FROM audit_log) AS n`))[0]!.n

test('sniffing: PDF by its header, Word and Excel by the names in the ZIP central directory', () => {
  assert.equal(sniffDocument(tinyPdf()), 'application/pdf')
  assert.equal(sniffDocument(tinyDocx()), DOCX)
  assert.equal(sniffDocument(tinyXlsx()), XLSX)
  assert.deepEqual(zipEntryNames(tinyXlsx()), ['[Content_Types].xml', 'xl/workbook.xml'])
  for (const bad of [plainZip(), fakeExe(), onePixelPng, Buffer.from('PK\x03\x04 truncated', 'latin1'), Buffer.alloc(0)]) assert.equal(sniffDocument(bad), null)
  assert.equal(documentName('C:\\fakepath\\议事规则.docx', DOCX), '议事规则.docx')
  assert.equal(documentName('通知.exe', 'application/pdf'), '通知.exe.pdf')
  assert.equal(contentDisposition('电动车棚 方案(定稿).pdf'), `attachment; filename="____ __(__).pdf"; filename*=UTF-8''%E7%94%B5%E5%8A%A8%E8%BD%A6%E6%A3%9A%20%E6%96%B9%E6%A1%88%28%E5%AE%9A%E7%A8%BF%29.pdf`)
})

test('a PDF, a Word and an Excel file upload and download with their type and Chinese file name', async () => {
  for (const [bytes, type, name] of [[tinyPdf(), 'application/pdf', '电动车棚议事规则.pdf'], [tinyDocx(), DOCX, '会议纪要.docx'], [tinyXlsx(), XLSX, '居民台账.xlsx']] as const) {
    const res = await send(cadre, bytes, type, name)
    assert.equal(res.statusCode, 201, res.body)
    const a = res.json()
    assert.deepEqual([a.mime, a.name, a.size, a.width], [type, name, bytes.length, null])
    const got = await cadre.get(a.url)
    assert.equal(got.statusCode, 200)
    assert.equal(got.headers['content-type'], type)
    assert.equal(got.headers['x-content-type-options'], 'nosniff')
    assert.equal(got.headers['content-disposition'], `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    assert.ok(got.rawPayload.equals(bytes), 'stored as uploaded')
  }
  const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'file.uploadDocument'`)
  assert.equal(audit!.n, 3)
  const photo = await cadre.request({ method: 'POST', url: '/api/v1/attachments', payload: onePixelPng, headers: { 'content-type': 'image/png' } })
  assert.equal((await cadre.get(photo.json().url)).headers['content-disposition'], undefined, 'photos stay inline')
})

test('bad input is refused with a Chinese 4xx message and nothing is stored', async () => {
  const before = await count()
  const exe = await send(cadre, fakeExe(), 'application/pdf', '通知.pdf')
  assert.equal(exe.statusCode, 415, exe.body)
  assert.equal(exe.json().error.code, 'FILE_NOT_DOCUMENT')
  assert.equal(exe.json().error.message, '只能上传 PDF、Word（.docx）或 Excel（.xlsx）文件')
  const zip = await send(cadre, plainZip(), DOCX, '照片.docx')
  assert.equal(zip.json().error.code, 'FILE_NOT_DOCUMENT')
  const mislabelled = await send(cadre, tinyXlsx(), DOCX, '台账.docx')
  assert.equal(mislabelled.statusCode, 415)
  assert.equal(mislabelled.json().error.message, '文件内容（Excel）与声明的类型（Word）不符')
  const photo = await send(cadre, onePixelPng, 'image/png', '照片.png')
  assert.equal(photo.statusCode, 415, 'a photo is no document')
  const huge = await send(cadre, Buffer.concat([tinyPdf(), Buffer.alloc(20 * 1024 * 1024)]), 'application/pdf', '扫描件.pdf')
  assert.equal(huge.statusCode, 413)
  assert.match(huge.json().error.message, /过大/)
  const unnamed = await cadre.request({ method: 'POST', url: '/api/v1/documents', payload: tinyPdf(), headers: { 'content-type': 'application/pdf' } })
  assert.equal(unnamed.statusCode, 400)
  const other = await cadre.request({ method: 'POST', url: '/api/v1/documents?name=a.exe', payload: fakeExe(), headers: { 'content-type': 'application/x-msdownload' } })
  assert.equal(other.statusCode, 415)
  assert.match(other.json().error.message, /[\u4e00-\u9fff]/)
  const anonymous = await send(t.anonymous, tinyPdf('匿名'), 'application/pdf', '匿名.pdf')
  assert.equal(anonymous.statusCode, 401)
  const asPhoto = await cadre.request({ method: 'POST', url: '/api/v1/attachments', payload: tinyPdf('冒充照片'), headers: { 'content-type': 'application/pdf' } })
  assert.equal(asPhoto.statusCode, 415, 'the photo upload still refuses documents')
  assert.equal(await count(), before)
})

test('photo places refuse a document: its id answers like a missing photo', async () => {
  const doc = (await send(cadre, tinyPdf('证据'), 'application/pdf', '证据.pdf')).json()
  const practice = await cadre.post('/api/v1/library/practices', { orgId: t.fixtures.communityId, title: '文件冒充照片', body: '社区把闲置空地改建为电动车棚，配套消防设施和智能充电桩。', photoIds: [doc.id] })
  assert.equal(practice.statusCode, 404, practice.body)
  assert.equal(practice.json().error.code, 'PHOTO_NOT_FOUND')
  const photo = (await cadre.request({ method: 'POST', url: '/api/v1/attachments', payload: onePixelPng, headers: { 'content-type': 'image/png' } })).json()
  const asFile = await cadre.post('/api/v1/library/practices', { orgId: t.fixtures.communityId, title: '照片冒充文件', body: '社区把闲置空地改建为电动车棚，配套消防设施和智能充电桩。', fileIds: [photo.id] })
  assert.equal(asFile.statusCode, 404, asFile.body)
  assert.equal(asFile.json().error.code, 'DOCUMENT_NOT_FOUND')
})
