// Where photo bytes live: a local directory (default) or an S3-compatible bucket (MinIO,
// Aliyun OSS, Tencent COS, AWS S3). Objects are named by their SHA-256, so a write of the same
// bytes is harmless and nothing is ever overwritten with different content.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import aws4 from 'aws4'
import type { Config } from '../../kernel/config.ts'
import { AppError } from '../../kernel/errors.ts'

export interface FileStore {
  put(sha256: string, bytes: Buffer, mime: string): Promise<void>
  /** The bytes, or null when the store has no such object. */
  get(sha256: string): Promise<Buffer | null>
}

const fanOut = (sha: string) => `${sha.slice(0, 2)}/${sha}`

export function localStore(root: string): FileStore {
  return {
    async put(sha, bytes) {
      const target = join(root, fanOut(sha))
      await mkdir(join(root, sha.slice(0, 2)), { recursive: true })
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`
      await writeFile(temp, bytes)
      await rename(temp, target)
    },
    async get(sha) {
      try {
        return await readFile(join(root, fanOut(sha)))
      } catch {
        return null
      }
    },
  }
}

export interface S3Options {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** Object names start with this (e.g. "linli/"). */
  prefix: string
}

/** Path-style requests signed with AWS Signature Version 4 (what S3-compatible stores accept). */
export function s3Store(o: S3Options): FileStore {
  const base = new URL(o.endpoint)
  const credentials = { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey }
  async function send(method: 'PUT' | 'GET', sha: string, body?: Buffer, mime?: string): Promise<Response> {
    const path = `${base.pathname.replace(/\/$/, '')}/${o.bucket}/${o.prefix}${fanOut(sha)}`
    const signed = aws4.sign(
      {
        host: base.host,
        path,
        method,
        service: 's3',
        region: o.region,
        headers: body ? { 'content-type': mime!, 'content-length': String(body.length), 'x-amz-content-sha256': sha256Hex(body) } : { 'x-amz-content-sha256': EMPTY_SHA256 },
        body,
      },
      credentials,
    )
    try {
      return await fetch(`${base.protocol}//${base.host}${path}`, { method, headers: signed.headers as Record<string, string>, body: body ? new Uint8Array(body) : undefined })
    } catch (err) {
      throw new AppError(503, 'FILE_STORAGE_UNAVAILABLE', { reason: (err as Error).message })
    }
  }
  return {
    async put(sha, bytes, mime) {
      const res = await send('PUT', sha, bytes, mime)
      if (!res.ok) throw new AppError(503, 'FILE_STORAGE_UNAVAILABLE', { reason: `S3 PUT ${res.status}` })
      await res.arrayBuffer()
    },
    async get(sha) {
      const res = await send('GET', sha)
      if (res.status === 404) return null
      if (!res.ok) throw new AppError(503, 'FILE_STORAGE_UNAVAILABLE', { reason: `S3 GET ${res.status}` })
      return Buffer.from(await res.arrayBuffer())
    },
  }
}

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const EMPTY_SHA256 = sha256Hex(Buffer.alloc(0))

export function fileStoreFor(config: Config): FileStore {
  if (config.FILES_STORAGE === 's3') {
    return s3Store({
      endpoint: config.S3_ENDPOINT!,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      prefix: config.S3_PREFIX,
    })
  }
  return localStore(config.FILES_DIR ?? join(config.DATA_DIR, 'files'))
}
