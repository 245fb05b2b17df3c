// The shared library (云平台): practices that communities publish for others to learn from,
// versioned (an edit adds a version; readers see the latest, the history stays), searchable in
// Chinese (the text is segmented with jieba into a 'simple' tsvector, so PGlite and PostgreSQL
// search alike), with comments and "adopted" marks (one per community). A practice may carry a
// template (a visit schedule, a service catalogue, a deliberation template) that another
// community imports with one click through the owning module's importer.
import { bigint, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const libraryPractices = pgTable(
  'library_practices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node that publishes it (a community, a street, a district). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    authorId: bigint('author_id', { mode: 'number' }).references(() => people.id),
    /** The latest version's number and title (the list reads them without a join). */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    /** The kind of template the latest version carries, if any. */
    templateKind: text('template_kind'),
    /** jieba-segmented words of the latest title, tags and text, as to_tsvector('simple', …). */
    search: tsvector('search').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('library_practices_org_idx').on(t.orgId),
    index('library_practices_author_idx').on(t.authorId),
    index('library_practices_search_idx').using('gin', t.search),
    index('library_practices_tags_idx').using('gin', t.tags),
  ],
)

export const libraryVersions = pgTable(
  'library_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: bigint('practice_id', { mode: 'number' }).notNull().references(() => libraryPractices.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    fileIds: bigint('file_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** `{ kind, payload }` of a template another community may import, or null. */
    template: jsonb('template'),
    /** What changed (empty for the first version). */
    note: text('note'),
    editedBy: bigint('edited_by', { mode: 'number' }).references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('library_versions_key').on(t.practiceId, t.version), index('library_versions_edited_by_idx').on(t.editedBy)],
)

export const libraryComments = pgTable(
  'library_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: bigint('practice_id', { mode: 'number' }).notNull().references(() => libraryPractices.id),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The commenter's node, shown beside the name ("西湖社区"). */
    orgId: bigint('org_id', { mode: 'number' }).references(() => orgs.id),
    body: text('body').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('library_comments_practice_idx').on(t.practiceId, t.id), index('library_comments_author_idx').on(t.authorId), index('library_comments_org_idx').on(t.orgId)],
)

/** "We adopted it": one per practice and community; an import of its template records what it made. */
export const libraryAdoptions = pgTable(
  'library_adoptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: bigint('practice_id', { mode: 'number' }).notNull().references(() => libraryPractices.id),
    /** The adopting community (or other node). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    version: integer('version').notNull(),
    adoptedBy: bigint('adopted_by', { mode: 'number' }).references(() => people.id),
    note: text('note'),
    /** What the template import made: `{ kind, entity, id, label }` per import. */
    imports: jsonb('imports').notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('library_adoptions_key').on(t.practiceId, t.orgId), index('library_adoptions_org_idx').on(t.orgId), index('library_adoptions_adopted_by_idx').on(t.adoptedBy)],
)
