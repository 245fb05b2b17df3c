// SQL of resolutions (决议): the resolution, its tasks (progress = share done), residents'
// comments, the tracker list, the roll-up per child node, and the public board of a community.
import { sql, type SQL } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { attachmentRows } from '../files/files.read.ts'

export async function insertResolution(ex: Executor, r: { topicId: string; orgId: string; voteId: string | null; title: string; text: string; createdBy: string | null }) {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO resolutions (topic_id, org_id, vote_id, title, text, state, created_by)
    VALUES (${r.topicId}, ${r.orgId}, ${r.voteId}, ${r.title}, ${r.text}, 'executing', ${r.createdBy}) RETURNING id::text`))!.id
}

export const resolutionsOfTopic = (ex: Executor, topicId: string) => rows<{ id: string; title: string; state: 'executing'; progress: number; decidedAt: string; doneAt: string | null }>(ex, sql`
  SELECT id::text, title, state, progress, decided_at::text AS "decidedAt", done_at::text AS "doneAt" FROM resolutions WHERE topic_id = ${topicId} ORDER BY id`)

export interface ResolutionRow { id: string; topicId: string; topicTitle: string; orgId: string; orgName: string; orgPath: string; title: string; text: string; state: 'executing' | 'done' | 'cancelled'; progress: number; photoIds: string[]; decidedAt: string; doneAt: string | null; tasks: number; tasksDone: number }
const columns = sql`r.id::text, r.topic_id::text AS "topicId", t.title AS "topicTitle", r.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", r.title, r.text, r.state, r.progress,
  r.photo_ids::text[] AS "photoIds", r.decided_at::text AS "decidedAt", r.done_at::text AS "doneAt",
  (SELECT count(*)::int FROM resolution_tasks k WHERE k.resolution_id = r.id) AS tasks, (SELECT count(*)::int FROM resolution_tasks k WHERE k.resolution_id = r.id AND k.done_at IS NOT NULL) AS "tasksDone"`
const from = sql`FROM resolutions r JOIN topics t ON t.id = r.topic_id JOIN ${orgTree} o ON o.id = r.org_id`

export const findResolution = (ex: Executor, id: string, lock = false) => firstRow<ResolutionRow>(ex, sql`SELECT ${columns} ${from} WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`)

export const listResolutions = (ex: Executor, f: { rolePaths: string[]; underPath?: string; state?: string }, after: string | undefined, limit: number) => {
  const p = f.rolePaths.join(',')
  return rows<ResolutionRow>(ex, sql`SELECT ${columns} ${from} WHERE (o.path <@ ANY(string_to_array(${p}, ',')::ltree[]) OR o.path @> ANY(string_to_array(${p}, ',')::ltree[]))
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``} ${f.state ? sql`AND r.state = ${f.state}` : sql``} ${after ? sql`AND r.id < ${after}` : sql``}
    ORDER BY r.id DESC LIMIT ${limit + 1}`)
}

export const tasksOf = (ex: Executor, id: string) => rows<{ id: string; title: string; ownerId: string | null; ownerName: string | null; dueOn: string | null; linkKind: 'case' | 'order' | null; linkId: string | null; doneAt: string | null; note: string | null; photoIds: string[] }>(ex, sql`
  SELECT k.id::text, k.title, k.owner_id::text AS "ownerId", p.name AS "ownerName", k.due_on AS "dueOn", k.link_kind AS "linkKind", k.link_id::text AS "linkId", k.done_at::text AS "doneAt",
    k.note, k.photo_ids::text[] AS "photoIds"
  FROM resolution_tasks k LEFT JOIN ${personNames} p ON p.id = k.owner_id WHERE k.resolution_id = ${id} ORDER BY k.id`)

export const commentsOf = (ex: Executor, id: string) => rows<{ id: string; authorName: string; body: string; at: string }>(ex, sql`
  SELECT c.id::text, p.name AS "authorName", c.body, c.at::text FROM resolution_comments c JOIN ${personNames} p ON p.id = c.author_id
  WHERE c.resolution_id = ${id} AND c.hidden_at IS NULL ORDER BY c.id`)

/** Progress follows the tasks when there are any: the share done; all done makes the resolution done. */
export async function recomputeProgress(ex: Executor, id: string) {
  await ex.execute(sql`UPDATE resolutions r SET progress = x.p, state = CASE WHEN x.p = 100 AND r.state = 'executing' THEN 'done' ELSE r.state END,
      done_at = CASE WHEN x.p = 100 AND r.state = 'executing' THEN ${dbNow} ELSE r.done_at END, updated_at = now()
    FROM (SELECT round(100.0 * count(*) FILTER (WHERE done_at IS NOT NULL) / count(*))::int AS p FROM resolution_tasks WHERE resolution_id = ${id} HAVING count(*) > 0) x
    WHERE r.id = ${id}`)
}

/** Per child node of `path` (communities under a street, streets under a district) and the node's own: resolutions, done, mean progress. */
export const rollup = (ex: Executor, path: string) => rows<{ id: string; name: string; resolutions: number; done: number; progress: number }>(ex, sql`
  SELECT c.id::text, c.name, count(r.id)::int AS resolutions, count(r.id) FILTER (WHERE r.state = 'done')::int AS done,
    coalesce(round(avg(r.progress) FILTER (WHERE r.state <> 'cancelled'), 1), 0)::float8 AS progress
  FROM ${orgTree} c LEFT JOIN ${orgTree} o ON o.path <@ c.path LEFT JOIN resolutions r ON r.org_id = o.id
  WHERE c.path ~ (${path} || '.*{1}')::lquery AND c.deleted_at IS NULL GROUP BY c.id, c.name
  UNION ALL
  SELECT n.id::text, n.name, count(r.id)::int, count(r.id) FILTER (WHERE r.state = 'done')::int,
    coalesce(round(avg(r.progress) FILTER (WHERE r.state <> 'cancelled'), 1), 0)::float8
  FROM ${orgTree} n LEFT JOIN resolutions r ON r.org_id = n.id WHERE n.path = ${path}::ltree GROUP BY n.id, n.name
  ORDER BY 3 DESC, 2`)

export interface PublicPhoto { url: string; thumbUrl: string }

/**
 * The evidence photos a visitor may load: only the attachments a manager put on the resolution or
 * on a done task as its evidence (never a case's or a resident's photos), by their content address
 * (/api/v1/files/<sha256>, served to anyone who knows it, as the family bank's public stories are).
 */
const publicPhotos = (column: SQL) => sql`coalesce((SELECT json_agg(json_build_object('url', '/api/v1/files/' || a.sha256, 'thumbUrl', '/api/v1/files/' || a.sha256 || '?size=thumb')
  ORDER BY array_position(${column}, a.id)) FROM ${attachmentRows} a WHERE a.id = ANY(${column})), '[]'::json)`

/** The public board of a community: figures, open and recent topics (titles only), resolutions with progress, evidence and tasks (no names). */
export async function publicBoard(ex: Executor, path: string) {
  const figures = (await firstRow<{ topics: number; settled: number; resolutions: number; done: number }>(ex, sql`SELECT
    (SELECT count(*)::int FROM topics t JOIN ${orgTree} o ON o.id = t.org_id WHERE o.path <@ ${path}::ltree AND t.state <> 'merged') AS topics,
    (SELECT count(*)::int FROM topics t JOIN ${orgTree} o ON o.id = t.org_id WHERE o.path <@ ${path}::ltree AND t.state = 'settled') AS settled,
    (SELECT count(*)::int FROM resolutions r JOIN ${orgTree} o ON o.id = r.org_id WHERE o.path <@ ${path}::ltree AND r.state <> 'cancelled') AS resolutions,
    (SELECT count(*)::int FROM resolutions r JOIN ${orgTree} o ON o.id = r.org_id WHERE o.path <@ ${path}::ltree AND r.state = 'done') AS done`))!
  const topics = await rows<{ id: string; title: string; state: 'proposed'; stageKey: string; stageIndex: number; stages: { name: string }[]; supportCount: number; supportNeeded: number; createdAt: string }>(ex, sql`
    SELECT t.id::text, t.title, t.state, t.stage_key AS "stageKey", t.stage_index AS "stageIndex", v.stages, t.support_count AS "supportCount", t.support_needed AS "supportNeeded", t.created_at::text AS "createdAt"
    FROM topics t JOIN ${orgTree} o ON o.id = t.org_id JOIN deliberation_template_versions v ON v.id = t.template_version_id
    WHERE o.path <@ ${path}::ltree AND t.state IN ('proposed','deliberating') ORDER BY t.id DESC LIMIT 50`)
  const resolutions = await rows<{ id: string; title: string; text: string; state: 'executing'; progress: number; decidedAt: string; doneAt: string | null; photoIds: string[]; photos: PublicPhoto[]; tasks: { title: string; dueOn: string | null; done: boolean; photos: PublicPhoto[] }[] }>(ex, sql`
    SELECT r.id::text, r.title, r.text, r.state, r.progress, r.decided_at::text AS "decidedAt", r.done_at::text AS "doneAt", r.photo_ids::text[] AS "photoIds",
      ${publicPhotos(sql`r.photo_ids`)} AS photos,
      coalesce((SELECT json_agg(json_build_object('title', k.title, 'dueOn', k.due_on, 'done', k.done_at IS NOT NULL,
        'photos', CASE WHEN k.done_at IS NULL THEN '[]'::json ELSE ${publicPhotos(sql`k.photo_ids`)} END) ORDER BY k.id) FROM resolution_tasks k WHERE k.resolution_id = r.id), '[]'::json) AS tasks
    FROM resolutions r JOIN ${orgTree} o ON o.id = r.org_id WHERE o.path <@ ${path}::ltree AND r.state <> 'cancelled' ORDER BY r.decided_at DESC, r.id DESC LIMIT 50`)
  return { figures, topics: topics.map(({ stageKey, stageIndex, stages, ...t }) => ({ ...t, stageName: stages[stageIndex]?.name ?? stageKey })), resolutions }
}
