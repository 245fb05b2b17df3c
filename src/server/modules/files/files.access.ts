// How an attachment id named in a body is checked (kernel/access.ts): a caller attaches only what
// they uploaded themselves; anyone else's upload answers like a missing one, so an id guessed from
// the sequence neither attaches another person's photo nor tells that it exists.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { definePolicy } from '../../kernel/policy.ts'

export interface AttachmentAccessSubject {
  id: string
  uploadedBy: string | null
}

definePolicy<AttachmentAccessSubject>('attachment.attach', (actor, a) => actor.personId !== null && a.uploadedBy === actor.personId)

defineAccessLoader<AttachmentAccessSubject>('attachment', {
  notFound: 'PHOTO_NOT_FOUND',
  read: 'attachment.attach',
  async load(ex, ids) {
    const found = await rows<AttachmentAccessSubject>(ex, sql`SELECT id::text, uploaded_by::text AS "uploadedBy" FROM attachments
      WHERE id = ANY(${idArray(ids)})`)
    return new Map(found.map((a) => [a.id, a]))
  },
})
