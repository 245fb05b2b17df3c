// Photos: checked (type by content, size, pixels) and re-encoded (images.ts), stored once under
// their SHA-256 with a thumbnail beside them (files.store.ts: a local directory or an
// S3-compatible bucket), recorded in `attachments` and in the audit trail. Documents (PDF, Word,
// Excel; documents.ts) are checked by content and stored as uploaded, with their file name.
import { inTransaction } from '../../kernel/db/transaction.ts'
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Config } from '../../kernel/config.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { notFound } from '../../kernel/errors.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { cleanImage } from './images.ts'
import { checkDocument, documentName } from './documents.ts'
import { fileStoreFor, type FileStore } from './files.store.ts'

export interface Attachment {
  id: string
  url: string
  thumbUrl: string
  mime: string
  size: number
  width: number | null
  height: number | null
  /** A document's file name; null for photos. */
  name: string | null
}

interface AttachmentRow {
  id: string
  sha256: string
  mime: string
  size: number
  width: number | null
  height: number | null
  name: string | null
}

export const fileUrl = (sha256: string) => `/api/v1/files/${sha256}`
export const thumbUrl = (sha256: string) => `${fileUrl(sha256)}?size=thumb`

const toAttachment = (r: AttachmentRow): Attachment => ({ id: r.id, url: fileUrl(r.sha256), thumbUrl: thumbUrl(r.sha256), mime: r.mime, size: r.size, width: r.width, height: r.height, name: r.name })
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

export function createFileService(deps: { db: Executor; config: Config; store?: FileStore }) {
  const { db, config } = deps
  const store = deps.store ?? fileStoreFor(config)

  return {
    /** Anyone may upload (anonymous reports have photos); every upload is audited with its caller and IP. */
    async upload(ctx: RequestContext, declaredType: string, body: Buffer): Promise<Attachment> {
      const image = await cleanImage(body, declaredType, { maxPixels: config.IMAGE_MAX_PIXELS })
      const sha = sha256Of(image.bytes)
      const thumbSha = sha256Of(image.thumb)
      // The bytes first: a row never points at a missing object (an object without a row is harmless).
      await store.put(sha, image.bytes, image.mime)
      await store.put(thumbSha, image.thumb, image.mime)
      return inTransaction(db, async (tx) => {
        // The same photo again answers the row it already has (a row from before thumbnails gains one).
        const row = (await firstRow<AttachmentRow>(tx, sql`
          INSERT INTO attachments (sha256, mime, size, width, height, taken_lng, taken_lat, uploaded_by, thumb_sha256)
          VALUES (${sha}, ${image.mime}, ${image.bytes.length}, ${image.width}, ${image.height},
                  ${image.taken?.lng ?? null}, ${image.taken?.lat ?? null}, ${ctx.actor.personId}, ${thumbSha})
          ON CONFLICT (sha256) DO UPDATE SET thumb_sha256 = coalesce(attachments.thumb_sha256, EXCLUDED.thumb_sha256)
          RETURNING id::text, sha256, mime, size, width, height, name`))!
        await recordAudit(tx, ctx, {
          action: 'file.upload',
          entity: 'attachment',
          entityId: row.id,
          orgPath: null,
          after: { sha256: sha, mime: image.mime, size: image.bytes.length, width: image.width, height: image.height, receivedBytes: body.length },
        })
        return toAttachment(row)
      })
    },

    /**
     * A PDF, Word or Excel document, stored as uploaded. The same bytes again answer the row they
     * already have (with the name they were first uploaded under).
     */
    async uploadDocument(ctx: RequestContext, declaredType: string, givenName: string, body: Buffer): Promise<Attachment> {
      const mime = checkDocument(body, declaredType)
      const name = documentName(givenName, mime)
      const sha = sha256Of(body)
      await store.put(sha, body, mime)
      return inTransaction(db, async (tx) => {
        const row = (await firstRow<AttachmentRow>(tx, sql`
          INSERT INTO attachments (sha256, mime, size, name, uploaded_by) VALUES (${sha}, ${mime}, ${body.length}, ${name}, ${ctx.actor.personId})
          ON CONFLICT (sha256) DO UPDATE SET name = coalesce(attachments.name, EXCLUDED.name)
          RETURNING id::text, sha256, mime, size, width, height, name`))!
        await recordAudit(tx, ctx, { action: 'file.uploadDocument', entity: 'document', entityId: row.id, orgPath: null, after: { sha256: sha, mime, size: body.length, name } })
        return toAttachment(row)
      })
    },

    /** The bytes behind a content address; `thumb` serves the thumbnail (the original when it has none). */
    async read(sha: string, size: 'full' | 'thumb' = 'full'): Promise<{ mime: string; name: string | null; bytes: Buffer }> {
      const row = await firstRow<{ mime: string; name: string | null; thumb_sha256: string | null }>(db, sql`SELECT mime, name, thumb_sha256 FROM attachments WHERE sha256 = ${sha}`)
      if (!row) throw notFound('FILE_NOT_FOUND')
      const bytes = await store.get(size === 'thumb' && row.thumb_sha256 ? row.thumb_sha256 : sha)
      if (!bytes) throw notFound('FILE_NOT_FOUND')
      return { mime: row.mime, name: row.name, bytes }
    },

    /** For other modules: the attachments behind ids, in the given order; unknown ids are reported. */
    async byIds(ex: Executor, ids: string[]): Promise<Attachment[]> {
      if (ids.length === 0) return []
      const found = await rows<AttachmentRow>(ex, sql`
        SELECT id::text, sha256, mime, size, width, height, name FROM attachments
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
