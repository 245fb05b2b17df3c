// Attachments (photos and documents): stored once by content hash (SHA-256 of the bytes as
// served; photos re-encoded, without any metadata); rows that use a file refer to it by id.
// Documents (PDF, Word .docx, Excel .xlsx) are stored as uploaded and keep their file name for
// the download; only the library attaches them, every photo place refuses them (files.access.ts).
import { bigint, check, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { people } from '../people/people.table.ts'

export const attachments = pgTable(
  'attachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Where the photo was taken per its EXIF GPS tag, kept for staff, removed from the served bytes. */
    takenLng: doublePrecision('taken_lng'),
    takenLat: doublePrecision('taken_lat'),
    /** The thumbnail's SHA-256 (a second object in the store); null for photos stored before thumbnails. */
    thumbSha256: text('thumb_sha256'),
    /** The uploaded file name of a document (served in Content-Disposition); null for photos. */
    name: text('name'),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attachments_sha256_key').on(t.sha256),
    index('attachments_uploaded_by_idx').on(t.uploadedBy),
    check('attachments_mime_check', sql`${t.mime} IN ('image/jpeg','image/png','image/webp','application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')`),
    check('attachments_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('attachments_thumb_sha256_check', sql`${t.thumbSha256} ~ '^[0-9a-f]{64}$'`),
  ],
)
