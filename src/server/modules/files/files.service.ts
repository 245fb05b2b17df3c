// Photos: checked (type by content, size), cleaned of location metadata, stored once under
// their SHA-256 (files.store.ts: a local directory or an S3-compatible bucket), and recorded in
// `attachments`.
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Config } from '../../kernel/config.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { cleanImage } from './images.ts'
import { fileStoreFor, type FileStore } from './files.store.ts'

export interface Attachment {
  id: string
  url: string
  mime: string
  size: number
  width: number | null
  height: number | null
}

interface AttachmentRow {
  id: string
  sha256: string
  mime: string
  size: number
  width: number | null
  height: number | null
}

export const fileUrl = (sha256: string) => `/api/v1/files/${sha256}`

const toAttachment = (r: AttachmentRow): Attachment => ({ id: r.id, url: fileUrl(r.sha256), mime: r.mime, size: r.size, width: r.width, height: r.height })

export function createFileService(deps: { db: Executor; config: Config; store?: FileStore }) {
  const { db } = deps
  const store = deps.store ?? fileStoreFor(deps.config)

  return {
    async upload(ctx: RequestContext, declaredType: string, body: Buffer): Promise<Attachment> {
      const image = cleanImage(body)
      if (!image) throw new AppError(415, 'FILE_NOT_IMAGE')
      if (image.mime !== declaredType) throw new AppError(415, 'FILE_TYPE_MISMATCH', { declared: declaredType, actual: image.mime })
      const sha = createHash('sha256').update(image.bytes).digest('hex')
      // The bytes first: a row never points at a missing object (an object without a row is harmless).
      await store.put(sha, image.bytes, image.mime)
      const inserted = await firstRow<AttachmentRow>(db, sql`
        INSERT INTO attachments (sha256, mime, size, width, height, taken_lng, taken_lat, uploaded_by)
        VALUES (${sha}, ${image.mime}, ${image.bytes.length}, ${image.width}, ${image.height},
                ${image.taken?.lng ?? null}, ${image.taken?.lat ?? null}, ${ctx.actor.personId})
        ON CONFLICT (sha256) DO NOTHING
        RETURNING id::text, sha256, mime, size, width, height`)
      const row = inserted ?? (await firstRow<AttachmentRow>(db, sql`SELECT id::text, sha256, mime, size, width, height FROM attachments WHERE sha256 = ${sha}`))!
      return toAttachment(row)
    },

    async read(sha: string): Promise<{ mime: string; bytes: Buffer }> {
      const row = await firstRow<{ mime: string }>(db, sql`SELECT mime FROM attachments WHERE sha256 = ${sha}`)
      if (!row) throw notFound('FILE_NOT_FOUND')
      const bytes = await store.get(sha)
      if (!bytes) throw notFound('FILE_NOT_FOUND')
      return { mime: row.mime, bytes }
    },

    /** For other modules: the attachments behind ids, in the given order; unknown ids are reported. */
    async byIds(ids: string[], ex: Executor = db): Promise<Attachment[]> {
      if (ids.length === 0) return []
      const found = await rows<AttachmentRow>(ex, sql`
        SELECT id::text, sha256, mime, size, width, height FROM attachments
        WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`)
      const byId = new Map(found.map((r) => [r.id, r]))
      return ids.flatMap((id) => {
        const r = byId.get(id)
        return r ? [toAttachment(r)] : []
      })
    },
  }
}

export type FileService = ReturnType<typeof createFileService>
