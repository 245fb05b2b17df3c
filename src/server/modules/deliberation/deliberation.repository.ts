// SQL of topics: the node and its settings, households, template versions, topics with their
// supports, stage records and events. Other modules' tables are read through their relations.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { residentHomes } from '../residents/residents.read.ts'
import { topicMeetings } from '../meetings/meetings.read.ts'
import type { Stage } from './deliberation.schemas.ts'

export interface OrgRow { id: string; name: string; kind: string; path: string }
export const orgOf = (ex: Executor, id: string) =>
  firstRow<OrgRow>(ex, sql`SELECT id::text, name, kind, path::text FROM ${orgTree} o WHERE id = ${id} AND deleted_at IS NULL`)

/** The community (or village) at or above a node. */
export const communityOf = (ex: Executor, path: string) =>
  firstRow<OrgRow>(ex, sql`SELECT id::text, name, kind, path::text FROM ${orgTree} o WHERE kind IN ('community','village') AND deleted_at IS NULL AND path @> ${path}::ltree ORDER BY nlevel(path) DESC LIMIT 1`)

export interface Settings { orgId: string | null; supportHouseholds: number | null; supportPercent: number | null; expireDays: number; templateId: string | null }
/** The settings of the nearest node at or above `path` that has some. */
export async function settingsAt(ex: Executor, path: string): Promise<Settings> {
  const s = await firstRow<Settings>(ex, sql`SELECT s.org_id::text AS "orgId", s.support_households AS "supportHouseholds", s.support_percent::float8 AS "supportPercent",
      s.expire_days AS "expireDays", s.template_id::text AS "templateId"
    FROM deliberation_settings s JOIN ${orgTree} o ON o.id = s.org_id WHERE o.path @> ${path}::ltree ORDER BY nlevel(o.path) DESC LIMIT 1`)
  return s ?? { orgId: null, supportHouseholds: 10, supportPercent: null, expireDays: 30, templateId: null }
}

/** Registered households living at or under the node (a resident without a household counts as one). */
export async function householdsUnder(ex: Executor, path: string): Promise<number> {
  const r = await firstRow<{ n: number }>(ex, sql`SELECT count(DISTINCT coalesce(r.org_id || ':' || r.household, 'p' || r.person_id))::int AS n
    FROM ${residentHomes} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.deleted_at IS NULL AND o.path <@ ${path}::ltree`)
  return r?.n ?? 0
}

/** The person's household key ("<building>:<household>"), or null when not registered with one. */
export async function householdOf(ex: Executor, personId: string): Promise<string | null> {
  const r = await firstRow<{ k: string | null }>(ex, sql`SELECT r.org_id || ':' || r.household AS k FROM ${residentHomes} r WHERE r.person_id = ${personId} AND r.deleted_at IS NULL LIMIT 1`)
  return r?.k ?? null
}

export interface VersionRow { versionId: string; templateId: string; name: string; version: number; stages: Stage[] }
export const currentVersion = (ex: Executor, by: { id?: string | null; code?: string }) => firstRow<VersionRow>(ex, sql`
  SELECT v.id::text AS "versionId", d.id::text AS "templateId", d.name, v.version, v.stages FROM deliberation_templates d
  JOIN deliberation_template_versions v ON v.template_id = d.id AND v.version = d.version
  WHERE d.archived_at IS NULL AND ${by.id ? sql`d.id = ${by.id}` : sql`d.code = ${by.code ?? 'six_steps'}`}`)

export interface TopicRow {
  id: string; orgId: string; orgName: string; orgPath: string; title: string; body: string; state: string; stageIndex: number; stageKey: string
  stageStartedAt: string; stageDueAt: string | null; supportCount: number; supportNeeded: number; expiresAt: string | null
  sourceKind: string | null; sourceId: string | null; proposerId: string | null; proposerName: string | null; collectedBy: string | null; collectedByName: string | null
  mergedIntoId: string | null; mergedIntoTitle: string | null; closeNote: string | null; photoIds: string[]; createdAt: string
  templateId: string; templateName: string; version: number; stages: Stage[]
}
const topicColumns = sql`t.id::text, t.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", t.title, t.body, t.state, t.stage_index AS "stageIndex",
  t.stage_key AS "stageKey", t.stage_started_at::text AS "stageStartedAt", t.stage_due_at::text AS "stageDueAt", t.support_count AS "supportCount",
  t.support_needed AS "supportNeeded", t.expires_at::text AS "expiresAt", t.source_kind AS "sourceKind", t.source_id::text AS "sourceId",
  t.proposer_id::text AS "proposerId", pp.name AS "proposerName", t.collected_by::text AS "collectedBy", pc.name AS "collectedByName",
  t.merged_into_id::text AS "mergedIntoId", mt.title AS "mergedIntoTitle", t.close_note AS "closeNote", t.photo_ids::text[] AS "photoIds", t.created_at::text AS "createdAt",
  d.id::text AS "templateId", d.name AS "templateName", v.version, v.stages`
const topicFrom = sql`FROM topics t JOIN ${orgTree} o ON o.id = t.org_id
  JOIN deliberation_template_versions v ON v.id = t.template_version_id JOIN deliberation_templates d ON d.id = v.template_id
  LEFT JOIN ${personNames} pp ON pp.id = t.proposer_id LEFT JOIN ${personNames} pc ON pc.id = t.collected_by LEFT JOIN topics mt ON mt.id = t.merged_into_id`

export const findTopic = (ex: Executor, id: string, lock = false) =>
  firstRow<TopicRow>(ex, sql`SELECT ${topicColumns} ${topicFrom} WHERE t.id = ${id} ${lock ? sql`FOR UPDATE OF t` : sql``}`)

export interface TopicFilter {
  /** Role paths of the reader: a topic shows when it lies under one of them or above one of them. */
  rolePaths: string[] | null
  underPath?: string; state?: string; stage?: string; sourceKind?: string; sourceId?: string; proposerId?: string; q?: string
}
function where(f: TopicFilter): SQL {
  const parts: SQL[] = [sql`TRUE`]
  if (f.rolePaths) {
    const p = f.rolePaths.join(',')
    parts.push(sql`(o.path <@ ANY(string_to_array(${p}, ',')::ltree[]) OR o.path @> ANY(string_to_array(${p}, ',')::ltree[]))`)
  }
  if (f.underPath) parts.push(sql`o.path <@ ${f.underPath}::ltree`)
  if (f.state) parts.push(sql`t.state = ${f.state}`)
  if (f.stage) parts.push(sql`t.stage_key = ${f.stage}`)
  if (f.sourceKind) parts.push(sql`t.source_kind = ${f.sourceKind}`)
  if (f.sourceId) parts.push(sql`t.source_id = ${f.sourceId}`)
  if (f.proposerId) parts.push(sql`(t.proposer_id = ${f.proposerId} OR EXISTS (SELECT 1 FROM topic_supports s WHERE s.topic_id = t.id AND s.person_id = ${f.proposerId}))`)
  if (f.q) parts.push(sql`(t.title ILIKE ${'%' + f.q.replace(/[%_\\]/g, '\\$&') + '%'} OR t.body ILIKE ${'%' + f.q.replace(/[%_\\]/g, '\\$&') + '%'})`)
  return sql.join(parts, sql` AND `)
}
export const listTopics = (ex: Executor, f: TopicFilter, after: string | undefined, limit: number) =>
  rows<TopicRow>(ex, sql`SELECT ${topicColumns} ${topicFrom} WHERE ${where(f)} ${after ? sql`AND t.id < ${after}` : sql``} ORDER BY t.id DESC LIMIT ${limit + 1}`)
export const countTopics = async (ex: Executor, f: TopicFilter) =>
  (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM topics t JOIN ${orgTree} o ON o.id = t.org_id WHERE ${where(f)}`))!.n

/** The board: counts per column (a stage of a live topic, or a closing state) and the newest 20 of each. */
export const boardRows = (ex: Executor, f: TopicFilter) => rows<TopicRow & { col: string; n: number }>(ex, sql`
  SELECT * FROM (SELECT ${topicColumns}, CASE WHEN t.state IN ('proposed','deliberating') THEN t.stage_key ELSE t.state END AS col,
    count(*) OVER (PARTITION BY CASE WHEN t.state IN ('proposed','deliberating') THEN t.stage_key ELSE t.state END)::int AS n,
    row_number() OVER (PARTITION BY CASE WHEN t.state IN ('proposed','deliberating') THEN t.stage_key ELSE t.state END ORDER BY t.id DESC) AS rn
    ${topicFrom} WHERE ${where(f)}) x WHERE x.rn <= 20 ORDER BY x.id DESC`)

export async function insertTopic(ex: Executor, t: { orgId: string; title: string; body: string; proposerId: string | null; collectedBy: string | null; sourceKind: string | null; sourceId: string | null; versionId: string; stageKey: string; stageDueAt: string | null; supportNeeded: number; expiresAt: string; photoIds: string[] }) {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO topics (org_id, title, body, proposer_id, collected_by, source_kind, source_id, template_version_id, state, stage_index, stage_key, stage_due_at, support_needed, expires_at, photo_ids)
    VALUES (${t.orgId}, ${t.title}, ${t.body}, ${t.proposerId}, ${t.collectedBy}, ${t.sourceKind}, ${t.sourceId}, ${t.versionId}, 'proposed', 0, ${t.stageKey}, ${t.stageDueAt}, ${t.supportNeeded}, ${t.expiresAt},
      string_to_array(${t.photoIds.join(',')}, ',')::bigint[]) RETURNING id::text`))!.id
}

export async function insertEvent(ex: Executor, e: { topicId: string; actorId: string | null; action: string; from: string | null; to: string; stageKey?: string | null; note?: string | null; data?: Record<string, unknown> }) {
  await ex.execute(sql`INSERT INTO topic_events (topic_id, actor_id, action, from_state, to_state, stage_key, note, data)
    VALUES (${e.topicId}, ${e.actorId}, ${e.action}, ${e.from}, ${e.to}, ${e.stageKey ?? null}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb)`)
}

export const eventsOf = (ex: Executor, id: string) => rows<{ id: string; action: string; fromState: string | null; toState: string; stageKey: string | null; actorId: string | null; actorName: string | null; note: string | null; data: Record<string, unknown>; at: string }>(ex, sql`
  SELECT e.id::text, e.action, e.from_state AS "fromState", e.to_state AS "toState", e.stage_key AS "stageKey", e.actor_id::text AS "actorId", p.name AS "actorName", e.note, e.data, e.at::text
  FROM topic_events e LEFT JOIN ${personNames} p ON p.id = e.actor_id WHERE e.topic_id = ${id} ORDER BY e.id`)

export const stageRecordsOf = (ex: Executor, id: string) => rows<{ stageIndex: number; actorId: string | null; actorName: string | null; outputKind: string; output: string | null; outputRef: unknown; parties: string[]; startedAt: string; at: string }>(ex, sql`
  SELECT r.stage_index AS "stageIndex", r.actor_id::text AS "actorId", p.name AS "actorName", r.output_kind AS "outputKind", r.output, r.output_ref AS "outputRef", r.parties, r.started_at::text AS "startedAt", r.at::text
  FROM topic_stage_records r LEFT JOIN ${personNames} p ON p.id = r.actor_id WHERE r.topic_id = ${id} ORDER BY r.stage_index`)

export async function insertStageRecord(ex: Executor, r: { topicId: string; stageIndex: number; stageKey: string; actorId: string | null; outputKind: string; output: string | null; outputRef: unknown; parties: string[]; startedAt: string }) {
  await ex.execute(sql`INSERT INTO topic_stage_records (topic_id, stage_index, stage_key, actor_id, output_kind, output, output_ref, parties, started_at)
    VALUES (${r.topicId}, ${r.stageIndex}, ${r.stageKey}, ${r.actorId}, ${r.outputKind}, ${r.output}, ${r.outputRef === null ? null : JSON.stringify(r.outputRef)}::jsonb,
      string_to_array(${r.parties.join('\u001f')}, ${'\u001f'})::text[], ${r.startedAt}::timestamptz)`)
}

/** Adds the support (nothing when the person already supports it) and recounts households; null when already there. */
export async function addSupport(ex: Executor, topicId: string, personId: string, householdKey: string | null): Promise<number | null> {
  const added = await rows(ex, sql`INSERT INTO topic_supports (topic_id, person_id, household_key) VALUES (${topicId}, ${personId}, ${householdKey}) ON CONFLICT DO NOTHING RETURNING 1`)
  if (!added.length) return null
  return (await firstRow<{ n: number }>(ex, sql`UPDATE topics SET support_count = (SELECT count(DISTINCT coalesce(s.household_key, 'p' || s.person_id))::int FROM topic_supports s WHERE s.topic_id = ${topicId}), updated_at = now()
    WHERE id = ${topicId} RETURNING support_count AS n`))!.n
}
export const supports = async (ex: Executor, topicId: string, personId: string | null) =>
  personId !== null && (await rows(ex, sql`SELECT 1 FROM topic_supports WHERE topic_id = ${topicId} AND person_id = ${personId}`)).length > 0

/** Moves the topic to the stage at `index` (state deliberating), or closes it when `closeAs` is given. */
export async function moveTopic(ex: Executor, id: string, m: { state: string; stageIndex: number; stageKey: string; stageDueAt: string | null; closeNote?: string | null; mergedIntoId?: string | null; now: string }) {
  await ex.execute(sql`UPDATE topics SET state = ${m.state}, stage_index = ${m.stageIndex}, stage_key = ${m.stageKey}, stage_started_at = ${m.now}::timestamptz, stage_due_at = ${m.stageDueAt},
    close_note = coalesce(${m.closeNote ?? null}::text, close_note), merged_into_id = ${m.mergedIntoId ?? null},
    closed_at = CASE WHEN ${m.state}::text IN ('settled','merged','expired','rejected') THEN ${m.now}::timestamptz ELSE NULL END, updated_at = now() WHERE id = ${id}`)
}

/** Community cadres at the topic's node or its community, to be told. */
export const cadresAt = async (ex: Executor, path: string) => (await rows<{ id: string }>(ex, sql`
  SELECT DISTINCT r.person_id::text AS id FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id
  WHERE r.role = 'community_cadre' AND o.path @> ${path}::ltree AND nlevel(o.path) >= nlevel(${path}::ltree) - 1`)).map((r) => r.id)

export const mergedInto = (ex: Executor, id: string) => rows<{ id: string; title: string }>(ex, sql`SELECT id::text, title FROM topics WHERE merged_into_id = ${id} ORDER BY id`)

/** The topic's meetings (agenda or decisions), those at nodes the reader lives or works at, under or above. */
export const meetingsOf = (ex: Executor, topicId: string, rolePaths: string[]) => rolePaths.length === 0 ? Promise.resolve([]) : rows<{ id: string; title: string; kind: string; startsAt: string; endsAt: string; state: string }>(ex, sql`
  SELECT tm.meeting_id::text AS id, tm.title, tm.kind, tm.starts_at::text AS "startsAt", tm.ends_at::text AS "endsAt", tm.state
  FROM ${topicMeetings} tm JOIN ${orgTree} o ON o.id = tm.org_id
  WHERE tm.topic_id = ${topicId} AND (o.path <@ ANY(string_to_array(${rolePaths.join(',')}, ',')::ltree[]) OR o.path @> ANY(string_to_array(${rolePaths.join(',')}, ',')::ltree[]))
  ORDER BY tm.starts_at, tm.meeting_id`)
