import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { jpegHtmlPolyglot, jpegWithGps, onePixelPng, plainJpeg, pngDeclaring } from '../../../../test/support/images.ts'

let t: TestApp
let grid: Client
before(async () => {
  t = await startTestApp()
  grid = await t.as('grid')
})
after(() => t.close())

const upload = (who: Client, bytes: Buffer, type: string) => who.request({ method: 'POST', url: '/api/v1/attachments', payload: bytes, headers: { 'content-type': type } })
const count = async (table: 'attachments' | 'audit_log') => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
const EXIF = Buffer.from('Exif\0\0', 'latin1')

test('a phone photo is re-encoded upright with no EXIF left, its GPS position kept for staff only', async () => {
  const original = await jpegWithGps({ lat: 28.7123, lng: 115.7456, orientation: 6 })
  assert.ok(original.includes(EXIF))
  const res = await upload(grid, original, 'image/jpeg')
  assert.equal(res.statusCode, 201, res.body)
  const a = res.json()
  assert.deepEqual([a.width, a.height], [48, 64], 'the 64×48 photo taken sideways (orientation 6) is stored upright')
  const served = await t.anonymous.get(a.url)
  assert.equal(served.statusCode, 200)
  assert.equal(served.headers['content-type'], 'image/jpeg')
  assert.ok(!served.rawPayload.includes(EXIF), 'no EXIF block in what is served')
  const meta = await sharp(served.rawPayload).metadata()
  assert.deepEqual([meta.width, meta.height, meta.orientation, meta.exif], [48, 64, undefined, undefined], 'upright pixels, no orientation tag to apply')
  const [row] = await t.query<{ lat: number; lng: number }>(sql`SELECT taken_lat AS lat, taken_lng AS lng FROM attachments WHERE id = ${a.id}`)
  assert.ok(Math.abs(row!.lat - 28.7123) < 0.001 && Math.abs(row!.lng - 115.7456) < 0.001, 'staff keep where it was taken')
  const same = await upload(grid, original, 'image/jpeg')
  assert.equal(same.json().id, a.id, 'the same photo is stored once')
})

test('an EXIF block hidden after the scan data is gone from the served photo', async () => {
  const hidden = await jpegWithGps({ lat: 28.7, lng: 115.7, exifAfterScan: true, seed: 0x99 })
  assert.ok(hidden.lastIndexOf(EXIF) > hidden.length / 2, 'the EXIF block sits after the scan')
  const res = await upload(grid, hidden, 'image/jpeg')
  assert.equal(res.statusCode, 201, res.body)
  const served = (await t.anonymous.get(res.json().url)).rawPayload
  assert.ok(!served.includes(EXIF), 'no EXIF anywhere in what is served')
  assert.equal((await sharp(served).metadata()).exif, undefined)
})

test('a JPEG that is also an HTML page is re-encoded: the served bytes hold no markup', async () => {
  const polyglot = await jpegHtmlPolyglot()
  assert.ok(polyglot.includes(Buffer.from('<script>')))
  const res = await upload(t.anonymous, polyglot, 'image/jpeg')
  assert.equal(res.statusCode, 201, res.body)
  const served = await t.anonymous.get(res.json().url)
  assert.equal(served.headers['content-type'], 'image/jpeg')
  assert.equal(served.headers['x-content-type-options'], 'nosniff')
  const text = served.rawPayload.toString('latin1').toLowerCase()
  for (const markup of ['<script', '<html', '<body', 'alert(']) assert.ok(!text.includes(markup), `no ${markup} in what is served`)
})

test('a PNG declaring 50000×50000 pixels is refused with 413 before it is decoded, and nothing is stored', async () => {
  const before = [await count('attachments'), await count('audit_log')]
  const bomb = pngDeclaring(50000, 50000)
  assert.ok(bomb.length < 200)
  const started = performance.now()
  const res = await upload(grid, bomb, 'image/png')
  assert.ok(performance.now() - started < 1000, 'refused from the header')
  assert.equal(res.statusCode, 413, res.body)
  assert.equal(res.json().error.code, 'FILE_IMAGE_TOO_LARGE')
  assert.match(res.json().error.message, /50000×50000 像素/)
  assert.deepEqual([await count('attachments'), await count('audit_log')], before)
})

test('a thumbnail is stored beside the photo and served at its thumbUrl; the photo URL still serves the photo', async () => {
  const res = await upload(grid, await plainJpeg({ width: 1000, height: 800, seed: 0x33 }), 'image/jpeg')
  assert.equal(res.statusCode, 201, res.body)
  const a = res.json()
  assert.equal(a.thumbUrl, `${a.url}?size=thumb`)
  const thumb = await t.anonymous.get(a.thumbUrl)
  assert.equal(thumb.statusCode, 200)
  assert.equal(thumb.headers['content-type'], 'image/jpeg')
  const small = await sharp(thumb.rawPayload).metadata()
  assert.deepEqual([small.width, small.height], [320, 256])
  const full = await sharp((await t.anonymous.get(a.url)).rawPayload).metadata()
  assert.deepEqual([full.width, full.height], [1000, 800])
  assert.ok(thumb.rawPayload.length < a.size)
  assert.equal((await t.anonymous.get(`${a.url}?size=huge`)).statusCode, 400)
})

test('every upload is in the audit trail, an anonymous one with its IP', async () => {
  const png = await upload(t.anonymous, onePixelPng, 'image/png')
  assert.equal(png.statusCode, 201, png.body)
  const [anon] = await t.query<{ actor: string | null; ip: string; after: { sha256: string; mime: string } }>(
    sql`SELECT actor_person_id::text AS actor, ip, after FROM audit_log WHERE action = 'file.upload' AND entity = 'attachment' AND entity_id = ${png.json().id} ORDER BY id DESC LIMIT 1`)
  assert.equal(anon!.actor, null)
  assert.equal(anon!.ip, '127.0.0.1')
  assert.equal(anon!.after.mime, 'image/png')
  assert.equal(png.json().url, `/api/v1/files/${anon!.after.sha256}`)
  const mine = await upload(grid, await plainJpeg({ seed: 0x44 }), 'image/jpeg')
  const [staff] = await t.query<{ actor: string }>(sql`SELECT actor_person_id::text AS actor FROM audit_log WHERE action = 'file.upload' AND entity_id = ${mine.json().id}`)
  assert.equal(staff!.actor, t.fixtures.personIds.grid)
})

test('wrong or mislabelled files are refused and nothing is stored', async () => {
  const before = [await count('attachments'), await count('audit_log')]
  const text = await upload(grid, Buffer.from('not an image at all, just text'), 'image/png')
  assert.equal(text.statusCode, 415)
  assert.equal(text.json().error.code, 'FILE_NOT_IMAGE')
  const mislabelled = await upload(grid, onePixelPng, 'image/jpeg')
  assert.equal(mislabelled.statusCode, 415)
  assert.equal(mislabelled.json().error.code, 'FILE_TYPE_MISMATCH')
  const truncated = await upload(grid, onePixelPng.subarray(0, 30), 'image/png')
  assert.equal(truncated.statusCode, 415)
  const brokenJpeg = (await plainJpeg({ seed: 0x55 })).subarray(0, 120)
  assert.equal((await upload(grid, brokenJpeg, 'image/jpeg')).statusCode, 415)
  const pdf = await grid.request({ method: 'POST', url: '/api/v1/attachments', payload: Buffer.from('%PDF-1.4'), headers: { 'content-type': 'application/pdf' } })
  assert.equal(pdf.statusCode, 415)
  const huge = await upload(grid, Buffer.concat([onePixelPng, Buffer.alloc(9 * 1024 * 1024)]), 'image/png')
  assert.equal(huge.statusCode, 413)
  assert.deepEqual([await count('attachments'), await count('audit_log')], before)
  assert.equal((await t.anonymous.get(`/api/v1/files/${'0'.repeat(64)}`)).statusCode, 404)
  assert.equal((await t.anonymous.get('/api/v1/files/not-a-hash')).statusCode, 400)
})
