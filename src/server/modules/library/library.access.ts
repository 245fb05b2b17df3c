// How practice and comment ids that arrive in a path are checked: each loads the practice's node
// path (and a comment's author). Deleted practices and comments do not load.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { LibraryCommentSubject, PracticeSubject } from './library.policy.ts'

defineAccessLoader<PracticeSubject>('practice', {
  notFound: 'PRACTICE_NOT_FOUND',
  read: 'practice.read',
  async load(ex, ids) {
    const found = await rows<PracticeSubject & { id: string }>(ex, sql`SELECT p.id::text, o.path::text AS "orgPath"
      FROM library_practices p JOIN ${orgTree} o ON o.id = p.org_id WHERE p.id = ANY(${idArray(ids)}) AND p.deleted_at IS NULL`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<LibraryCommentSubject>('libraryComment', {
  notFound: 'LIBRARY_COMMENT_NOT_FOUND',
  read: 'libraryComment.read',
  async load(ex, ids) {
    const found = await rows<LibraryCommentSubject & { id: string }>(ex, sql`SELECT c.id::text, c.author_id::text AS "authorId", o.path::text AS "orgPath"
      FROM library_comments c JOIN library_practices p ON p.id = c.practice_id JOIN ${orgTree} o ON o.id = p.org_id
      WHERE c.id = ANY(${idArray(ids)}) AND c.deleted_at IS NULL AND p.deleted_at IS NULL`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
