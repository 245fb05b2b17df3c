// Photos in an S3-compatible bucket: s3rver (a local S3-compatible server) stands in for MinIO /
// OSS / COS. Requests are path-style and signed with Signature V4 (aws4); s3rver checks the
// access key but does not recompute V4 signatures, so a wrong secret is not caught here.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { jpegWithGps } from '../../../../test/support/images.ts'
import { loadConfig } from '../../kernel/config.ts'
import { s3Store } from './files.store.ts'

const dir = mkdtempSync(join(tmpdir(), 'linli-s3-'))
const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'linli-photos' }] })
let endpoint: string
let t: TestApp

before(async () => {
  const { port } = await s3.run()
  endpoint = `http://127.0.0.1:${port}`
  t = await startTestApp({ FILES_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'linli-photos', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: 'linli/' })
})
after(async () => {
  await t.close()
  await s3.close()
  rmSync(dir, { recursive: true, force: true })
})

test('a photo is stored in the bucket under its hash and served back from there', async () => {
  const grid = await t.as('grid')
  const res = await grid.request({ method: 'POST', url: '/api/v1/attachments', payload: await jpegWithGps({ lat: 28.7, lng: 115.7, seed: 0x42 }), headers: { 'content-type': 'image/jpeg' } })
  assert.equal(res.statusCode, 201, res.body)
  const sha = (res.json().url as string).split('/').pop()!
  const bucket = s3Store({ endpoint, bucket: 'linli-photos', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'linli/' })
  const direct = await bucket.get(sha)
  assert.ok(direct, 'the object is in the bucket')
  const served = await t.anonymous.get(res.json().url)
  assert.equal(served.statusCode, 200)
  assert.ok(served.rawPayload.equals(direct!))
  const thumb = await t.anonymous.get(res.json().thumbUrl)
  assert.equal(thumb.statusCode, 200)
  assert.ok(await bucket.get(createHash('sha256').update(thumb.rawPayload).digest('hex')), 'the thumbnail is in the bucket under its own hash')
})

test('a store that refuses the key, or is down, answers 503 FILE_STORAGE_UNAVAILABLE', async () => {
  const refused = s3Store({ endpoint, bucket: 'linli-photos', region: 'us-east-1', accessKeyId: 'NOSUCHKEY', secretAccessKey: 'x', prefix: '' })
  const isUnavailable = (err: { status?: number; code?: string }) => err.status === 503 && err.code === 'FILE_STORAGE_UNAVAILABLE'
  await assert.rejects(refused.put('a'.repeat(64), Buffer.from('x'), 'image/png'), isUnavailable)
  await assert.rejects(refused.get('a'.repeat(64)), isUnavailable)
  const down = s3Store({ endpoint: 'http://127.0.0.1:9', bucket: 'linli-photos', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: '' })
  await assert.rejects(down.put('a'.repeat(64), Buffer.from('x'), 'image/png'), isUnavailable)
  assert.equal(await s3Store({ endpoint, bucket: 'linli-photos', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: '' }).get('b'.repeat(64)), null, 'a missing object is null, not an error')
})

test('FILES_STORAGE=s3 without its settings is a configuration error naming them', () => {
  assert.throws(() => loadConfig({ FILES_STORAGE: 's3', S3_ENDPOINT: endpoint }), /S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/)
})
