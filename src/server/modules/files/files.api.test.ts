import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { jpegWithGps, onePixelPng } from '../../../../test/support/images.ts'
import { cleanImage } from './images.ts'

let t: TestApp
let grid: Client
before(async () => {
  t = await startTestApp()
  grid = await t.as('grid')
})
after(() => t.close())

const upload = (who: Client, bytes: Buffer, type: string) => who.request({ method: 'POST', url: '/api/v1/attachments', payload: bytes, headers: { 'content-type': type } })

test('a phone photo is stored without its GPS position, keeps its orientation, and is served by content address', async () => {
  const original = jpegWithGps({ lat: 28.7123, lng: 115.7456, orientation: 6 })
  assert.ok(original.includes(Buffer.from('Exif\0\0', 'latin1')))
  const res = await upload(grid, original, 'image/jpeg')
  assert.equal(res.statusCode, 201, res.body)
  const a = res.json()
  assert.deepEqual([a.width, a.height], [64, 48])
  const served = await t.anonymous.get(a.url)
  assert.equal(served.statusCode, 200)
  assert.equal(served.headers['content-type'], 'image/jpeg')
  const bytes = served.rawPayload
  assert.ok(bytes.length < original.length, 'the EXIF block is gone')
  const again = cleanImage(bytes)!
  assert.equal(again.taken, null, 'no GPS position left in what is served')
  assert.ok(bytes.includes(Buffer.from([0x01, 0x12, 0x00, 0x03])), 'the orientation tag is kept')
  const [row] = await t.query<{ lat: number; lng: number }>(sql`SELECT taken_lat AS lat, taken_lng AS lng FROM attachments WHERE id = ${a.id}`)
  assert.ok(Math.abs(row!.lat - 28.7123) < 0.001 && Math.abs(row!.lng - 115.7456) < 0.001, 'staff keep where it was taken')
  const same = await upload(grid, original, 'image/jpeg')
  assert.equal(same.json().id, a.id, 'the same photo is stored once')
})

test('anyone may upload (anonymous reports have photos); wrong or mislabelled files are refused and nothing is stored', async () => {
  const png = await upload(t.anonymous, onePixelPng, 'image/png')
  assert.equal(png.statusCode, 201, png.body)
  const count = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM attachments`))[0]!.n
  const before = await count()
  const text = await upload(grid, Buffer.from('not an image at all, just text'), 'image/png')
  assert.equal(text.statusCode, 415)
  assert.equal(text.json().error.code, 'FILE_NOT_IMAGE')
  const mislabelled = await upload(grid, onePixelPng, 'image/jpeg')
  assert.equal(mislabelled.statusCode, 415)
  assert.equal(mislabelled.json().error.code, 'FILE_TYPE_MISMATCH')
  const truncated = await upload(grid, onePixelPng.subarray(0, 30), 'image/png')
  assert.equal(truncated.statusCode, 415)
  const pdf = await grid.request({ method: 'POST', url: '/api/v1/attachments', payload: Buffer.from('%PDF-1.4'), headers: { 'content-type': 'application/pdf' } })
  assert.equal(pdf.statusCode, 415)
  const huge = await upload(grid, Buffer.concat([onePixelPng, Buffer.alloc(9 * 1024 * 1024)]), 'image/png')
  assert.equal(huge.statusCode, 413)
  assert.equal(await count(), before)
  assert.equal((await t.anonymous.get(`/api/v1/files/${'0'.repeat(64)}`)).statusCode, 404)
  assert.equal((await t.anonymous.get('/api/v1/files/not-a-hash')).statusCode, 400)
})
