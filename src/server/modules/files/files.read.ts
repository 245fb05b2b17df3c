// What other modules may read of attachments, as a relation to join in their own SQL (a
// projection of the owner's table). Whether a reader may see a file is files.access.ts's rule.
import { sql } from 'drizzle-orm'

export const attachmentRows = sql`(SELECT id, sha256, thumb_sha256, mime, size, name, width, height, taken_lng, taken_lat, uploaded_by, created_at FROM attachments)`
