// SQL of the shared library: practices with their latest version, the search (a jieba-segmented
// 'simple' tsvector ranked by ts_rank), versions, comments, adoptions and the figures per street.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { attachmentRows } from '../files/files.read.ts'

export interface Photo { id: string; url: string; thumbUrl: string }
export interface LibraryFile { id: string; url: string; name: string; mime: string; size: number }
export interface Ref { id: string; name: string }
export interface TemplateValue { kind: string; payload: unknown }

const bigints = (ids: string[]) => (ids.length ? sql`string_to_array(${ids.join(',')}, ',')::bigint[]` : sql`'{}'::bigint[]`)
const texts = (xs: string[]) => sql`${JSON.stringify(xs)}::jsonb`
const textArray = (xs: string[]) => sql`linli_text_array(${texts(xs)})::text[]`

const photosOf = (ids: SQL) => sql`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256,
  'thumbUrl', '/api/v1/files/' || a.sha256 || '?size=thumb') ORDER BY array_position(${ids}, a.id)) FROM ${attachmentRows} a WHERE a.id = ANY(${ids})), '[]'::json)`
const filesOf = (ids: SQL) => sql`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256,
  'name', coalesce(a.name, '文件'), 'mime', a.mime, 'size', a.size) ORDER BY array_position(${ids}, a.id)) FROM ${attachmentRows} a WHERE a.id = ANY(${ids})), '[]'::json)`
/** The street a node lies in (itself when it is one). */
export const streetOf = (path: SQL) => sql`(SELECT json_build_object('id', s.id::text, 'name', s.name) FROM ${orgTree} s
  WHERE s.kind = 'street' AND s.path @> ${path} ORDER BY nlevel(s.path) DESC LIMIT 1)`

export interface CardRow {
  id: string; title: string; summary: string; tags: string[]; orgId: string; orgName: string; orgPath: string; street: Ref | null
  version: number; templateKind: string | null; cover: Photo | null; adoptions: number; comments: number; createdAt: string; updatedAt: string; rank?: number
}
export interface PracticeRow extends CardRow {
  body: string; photos: Photo[]; files: LibraryFile[]; template: TemplateValue | null; authorId: string | null; authorName: string | null
}

const card = sql`p.id::text, p.title, left(v.body, 120) AS summary, p.tags, p.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  ${streetOf(sql`o.path`)} AS street, p.version, p.template_kind AS "templateKind",
  (SELECT json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256, 'thumbUrl', '/api/v1/files/' || a.sha256 || '?size=thumb')
    FROM ${attachmentRows} a WHERE a.id = v.photo_ids[1]) AS cover,
  (SELECT count(*)::int FROM library_adoptions ad WHERE ad.practice_id = p.id) AS adoptions,
  (SELECT count(*)::int FROM library_comments cm WHERE cm.practice_id = p.id AND cm.deleted_at IS NULL) AS comments,
  p.created_at::text AS "createdAt", p.updated_at::text AS "updatedAt"`
const from = sql`FROM library_practices p JOIN library_versions v ON v.practice_id = p.id AND v.version = p.version JOIN ${orgTree} o ON o.id = p.org_id`

export async function findPractice(ex: Executor, id: string): Promise<PracticeRow | undefined> {
  return firstRow<PracticeRow>(ex, sql`SELECT ${card}, v.body, ${photosOf(sql`v.photo_ids`)} AS photos, ${filesOf(sql`v.file_ids`)} AS files, v.template,
      p.author_id::text AS "authorId", an.name AS "authorName"
    ${from} LEFT JOIN ${personNames} an ON an.id = p.author_id WHERE p.id = ${id} AND p.deleted_at IS NULL`)
}

export interface PracticeFilter { query: SQL | null; tag?: string; underPath?: string; templateKind?: string }

export async function searchPractices(ex: Executor, f: PracticeFilter, after: { rank?: string; id: string } | undefined, limit: number): Promise<CardRow[]> {
  const where: SQL[] = [sql`p.deleted_at IS NULL`]
  if (f.query) where.push(sql`p.search @@ ${f.query}`)
  if (f.tag) where.push(sql`${f.tag} = ANY(p.tags)`)
  if (f.underPath) where.push(sql`o.path <@ ${f.underPath}::ltree`)
  if (f.templateKind) where.push(sql`p.template_kind = ${f.templateKind}`)
  const rank = f.query ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search, ${f.query})` : sql`0::real`
  if (after) where.push(f.query ? sql`(${rank}, p.id) < (${after.rank ?? '0'}::real, ${after.id}::bigint)` : sql`p.id < ${after.id}::bigint`)
  return rows<CardRow>(ex, sql`SELECT ${card}, ${rank}::text AS rank ${from} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${rank} DESC, p.id DESC LIMIT ${limit + 1}`)
}

export async function countPractices(ex: Executor, f: PracticeFilter): Promise<number> {
  const where: SQL[] = [sql`p.deleted_at IS NULL`]
  if (f.query) where.push(sql`p.search @@ ${f.query}`)
  if (f.tag) where.push(sql`${f.tag} = ANY(p.tags)`)
  if (f.underPath) where.push(sql`o.path <@ ${f.underPath}::ltree`)
  if (f.templateKind) where.push(sql`p.template_kind = ${f.templateKind}`)
  const r = await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM library_practices p JOIN ${orgTree} o ON o.id = p.org_id WHERE ${sql.join(where, sql` AND `)}`)
  return r?.n ?? 0
}

export interface VersionInput { title: string; body: string; tags: string[]; photoIds: string[]; fileIds: string[]; template: TemplateValue | null; note: string | null; editedBy: string | null }

export async function insertPractice(ex: Executor, orgId: string, authorId: string | null, v: VersionInput, search: SQL): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO library_practices (org_id, author_id, version, title, tags, template_kind, search)
    VALUES (${orgId}, ${authorId}, 1, ${v.title}, ${textArray(v.tags)}, ${v.template?.kind ?? null}, ${search}) RETURNING id::text`)
  await insertVersion(ex, r!.id, 1, v)
  return r!.id
}

export async function insertVersion(ex: Executor, practiceId: string, version: number, v: VersionInput): Promise<void> {
  await ex.execute(sql`INSERT INTO library_versions (practice_id, version, title, body, tags, photo_ids, file_ids, template, note, edited_by)
    VALUES (${practiceId}, ${version}, ${v.title}, ${v.body}, ${textArray(v.tags)}, ${bigints(v.photoIds)}, ${bigints(v.fileIds)},
      ${v.template ? sql`${JSON.stringify(v.template)}::jsonb` : null}, ${v.note}, ${v.editedBy})`)
}

export interface LatestRow { version: number; title: string; body: string; tags: string[]; photoIds: string[]; fileIds: string[]; template: TemplateValue | null }

/** The latest version, the practice locked for the revision. */
export async function lockLatest(ex: Executor, id: string): Promise<LatestRow | undefined> {
  return firstRow<LatestRow>(ex, sql`SELECT v.version, v.title, v.body, v.tags, v.photo_ids::text[] AS "photoIds", v.file_ids::text[] AS "fileIds", v.template
    FROM library_practices p JOIN library_versions v ON v.practice_id = p.id AND v.version = p.version
    WHERE p.id = ${id} AND p.deleted_at IS NULL FOR UPDATE OF p`)
}

export async function setLatest(ex: Executor, id: string, version: number, v: VersionInput, search: SQL): Promise<void> {
  await ex.execute(sql`UPDATE library_practices SET version = ${version}, title = ${v.title}, tags = ${textArray(v.tags)},
    template_kind = ${v.template?.kind ?? null}, search = ${search}, updated_at = now() WHERE id = ${id}`)
}

export async function softDelete(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE library_practices SET deleted_at = now(), updated_at = now() WHERE id = ${id}`)
}

export interface VersionRow { version: number; title: string; note: string | null; editedById: string | null; editedByName: string | null; createdAt: string; body: string; tags: string[]; photos: Photo[]; files: LibraryFile[]; template: TemplateValue | null }

export async function versionsOf(ex: Executor, practiceId: string, version?: number): Promise<VersionRow[]> {
  return rows<VersionRow>(ex, sql`SELECT v.version, v.title, v.note, v.edited_by::text AS "editedById", e.name AS "editedByName", v.created_at::text AS "createdAt",
      v.body, v.tags, ${photosOf(sql`v.photo_ids`)} AS photos, ${filesOf(sql`v.file_ids`)} AS files, v.template
    FROM library_versions v LEFT JOIN ${personNames} e ON e.id = v.edited_by
    WHERE v.practice_id = ${practiceId} ${version === undefined ? sql`` : sql`AND v.version = ${version}`} ORDER BY v.version DESC`)
}

/** Which of these nodes (the caller's own) have marked the practice adopted. */
export async function adoptedAtBy(ex: Executor, practiceId: string, orgIds: string[]): Promise<Ref[]> {
  if (!orgIds.length) return []
  return rows<Ref>(ex, sql`SELECT o.id::text, o.name FROM library_adoptions a JOIN ${orgTree} o ON o.id = a.org_id
    WHERE a.practice_id = ${practiceId} AND a.org_id = ANY(${bigints(orgIds)}) ORDER BY o.id`)
}

export interface CommentRow { id: string; body: string; authorId: string; authorName: string; orgId: string | null; orgName: string | null; createdAt: string; practiceOrgPath: string }

export async function commentsOf(ex: Executor, practiceId: string, afterId: string | undefined, limit: number): Promise<CommentRow[]> {
  return rows<CommentRow>(ex, sql`SELECT c.id::text, c.body, c.author_id::text AS "authorId", pn.name AS "authorName", c.org_id::text AS "orgId", o.name AS "orgName",
      c.created_at::text AS "createdAt", po.path::text AS "practiceOrgPath"
    FROM library_comments c JOIN ${personNames} pn ON pn.id = c.author_id LEFT JOIN ${orgTree} o ON o.id = c.org_id
      JOIN library_practices p ON p.id = c.practice_id JOIN ${orgTree} po ON po.id = p.org_id
    WHERE c.practice_id = ${practiceId} AND c.deleted_at IS NULL ${afterId ? sql`AND c.id < ${afterId}::bigint` : sql``}
    ORDER BY c.id DESC LIMIT ${limit + 1}`)
}

export async function insertComment(ex: Executor, c: { practiceId: string; authorId: string; orgId: string | null; body: string }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO library_comments (practice_id, author_id, org_id, body)
    VALUES (${c.practiceId}, ${c.authorId}, ${c.orgId}, ${c.body}) RETURNING id::text`)
  return r!.id
}

export async function deleteComment(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE library_comments SET deleted_at = now() WHERE id = ${id}`)
}

export interface AdoptionRow { id: string; orgId: string; orgName: string; street: Ref | null; version: number; note: string | null; imports: { kind: string; entity: string; id: string; label: string; orgId: string; orgName: string; at: string }[]; createdAt: string }

const adoptionColumns = sql`a.id::text, a.org_id::text AS "orgId", o.name AS "orgName", ${streetOf(sql`o.path`)} AS street, a.version, a.note, a.imports, a.created_at::text AS "createdAt"`

/** Marks the practice adopted at the node; false when it already was (the row stays as it was). */
export async function insertAdoption(ex: Executor, a: { practiceId: string; orgId: string; version: number; adoptedBy: string | null; note: string | null }): Promise<boolean> {
  const r = await rows(ex, sql`INSERT INTO library_adoptions (practice_id, org_id, version, adopted_by, note)
    VALUES (${a.practiceId}, ${a.orgId}, ${a.version}, ${a.adoptedBy}, ${a.note}) ON CONFLICT (practice_id, org_id) DO NOTHING RETURNING id`)
  return r.length > 0
}

export async function appendImport(ex: Executor, practiceId: string, orgId: string, imported: Record<string, unknown>): Promise<void> {
  await ex.execute(sql`UPDATE library_adoptions SET imports = imports || ${JSON.stringify([imported])}::jsonb WHERE practice_id = ${practiceId} AND org_id = ${orgId}`)
}

export async function findAdoption(ex: Executor, practiceId: string, orgId: string): Promise<AdoptionRow | undefined> {
  return firstRow<AdoptionRow>(ex, sql`SELECT ${adoptionColumns} FROM library_adoptions a JOIN ${orgTree} o ON o.id = a.org_id WHERE a.practice_id = ${practiceId} AND a.org_id = ${orgId}`)
}

export async function deleteAdoption(ex: Executor, practiceId: string, orgId: string): Promise<boolean> {
  return (await rows(ex, sql`DELETE FROM library_adoptions WHERE practice_id = ${practiceId} AND org_id = ${orgId} RETURNING id`)).length > 0
}

export async function adoptionsOf(ex: Executor, practiceId: string): Promise<AdoptionRow[]> {
  return rows<AdoptionRow>(ex, sql`SELECT ${adoptionColumns} FROM library_adoptions a JOIN ${orgTree} o ON o.id = a.org_id WHERE a.practice_id = ${practiceId} ORDER BY a.id DESC LIMIT 500`)
}

/** Published practices and adoptions per street under a node (or everywhere), and the most adopted. */
export async function figures(ex: Executor, underPath: string | null) {
  const under = (col: SQL) => (underPath ? sql`${col} <@ ${underPath}::ltree` : sql`true`)
  const totals = (await firstRow<{ practices: number; adoptions: number }>(ex, sql`SELECT
      (SELECT count(*)::int FROM library_practices p JOIN ${orgTree} o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND ${under(sql`o.path`)}) AS practices,
      (SELECT count(*)::int FROM library_adoptions a JOIN ${orgTree} o ON o.id = a.org_id WHERE ${under(sql`o.path`)}) AS adoptions`))!
  const byStreet = await rows<{ id: string; name: string; published: number; adopted: number }>(ex, sql`SELECT s.id::text, s.name,
      (SELECT count(*)::int FROM library_practices p JOIN ${orgTree} o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND o.path <@ s.path) AS published,
      (SELECT count(*)::int FROM library_adoptions a JOIN ${orgTree} o ON o.id = a.org_id WHERE o.path <@ s.path) AS adopted
    FROM ${orgTree} s WHERE s.kind = 'street' AND s.deleted_at IS NULL AND ${under(sql`s.path`)} ORDER BY 4 DESC, 3 DESC, s.id LIMIT 200`)
  const most = await rows<{ id: string; title: string; orgId: string; orgName: string; adoptions: number }>(ex, sql`SELECT p.id::text, p.title, o.id::text AS "orgId", o.name AS "orgName", count(a.id)::int AS adoptions
    FROM library_practices p JOIN ${orgTree} o ON o.id = p.org_id JOIN library_adoptions a ON a.practice_id = p.id JOIN ${orgTree} ao ON ao.id = a.org_id
    WHERE p.deleted_at IS NULL AND ${under(sql`ao.path`)} GROUP BY p.id, o.id, o.name ORDER BY 5 DESC, p.id DESC LIMIT 10`)
  return { ...totals, byStreet, most }
}
