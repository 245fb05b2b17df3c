// How an attachment id named in a body is checked (kernel/access.ts): a caller attaches only what
// they uploaded themselves; anyone else's upload answers like a missing one, so an id guessed from
// the sequence neither attaches another person's photo nor tells that it exists. A photo place
// (`attachment`) sees images only, so a document's id answers like a missing photo there; the
// library's files (`document`) are PDF, Word and Excel documents only.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { definePolicy } from '../../kernel/policy.ts'

export interface AttachmentAccessSubject {
  id: string
  uploadedBy: string | null
}

/** A caller attaches only what they uploaded; `images` picks photos or documents. */
function defineFileLoader(entity: 'attachment' | 'document', notFound: 'PHOTO_NOT_FOUND' | 'DOCUMENT_NOT_FOUND', images: boolean) {
  definePolicy<AttachmentAccessSubject>(`${entity}.attach`, (actor, a) => actor.personId !== null && a.uploadedBy === actor.personId)
  defineAccessLoader<AttachmentAccessSubject>(entity, {
    notFound,
    read: `${entity}.attach`,
    async load(ex, ids) {
      const found = await rows<AttachmentAccessSubject>(ex, sql`SELECT id::text, uploaded_by::text AS "uploadedBy" FROM attachments
        WHERE id = ANY(${idArray(ids)}) AND (mime LIKE 'image/%') = ${images}`)
      return new Map(found.map((a) => [a.id, a]))
    },
  })
}

defineFileLoader('attachment', 'PHOTO_NOT_FOUND', true)
defineFileLoader('document', 'DOCUMENT_NOT_FOUND', false)
