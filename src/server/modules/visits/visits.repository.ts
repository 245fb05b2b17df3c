// Queries of visits, visit schedules and visit tasks. Scopes are comma-joined ltree paths;
// `roleOrgs` are the ids of the nodes the caller holds a role on (members of a unit see its tasks).
import { countUpTo } from '../../kernel/pagination.ts'
import { residentHomes } from '../residents/residents.read.ts'
import { idArray } from '../../kernel/access.ts'
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { OrgKind } from '../orgs/orgs.schemas.ts'
import type { TaskStatus, VisitKind, VisitMode } from './visits.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'

type Ref = { id: string; name: string }
const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
const underScopes = (column: SQL, scopes: string) => sql`${column} <@ string_to_array(${scopes}, ',')::ltree[]`
/** Midnight in China (UTC+8, no daylight saving) of a YYYY-MM-DD date. */
const chinaMidnight = (date: string) => sql`${`${date}T00:00:00+08:00`}::timestamptz`

export interface VisitRow {
  id: string
  kind: VisitKind
  mode: VisitMode
  org: Ref & { kind: string }
  community: Ref | null
  visitor: Ref
  visitorOrg: Ref | null
  taskId: string | null
  visitedAt: string
  households: number
  people: number
  note: string
  location: { lng: number; lat: number } | null
  photoIds: string[]
  placeDistanceM: number | null
  createdAt: string
  orgPath: string
  visitorId: string
  visitorOrgPath: string | null
}

const visitSelect = sql`SELECT v.id::text, v.kind, v.mode,
    json_build_object('id', o.id::text, 'name', o.name, 'kind', o.kind) AS org,
    (SELECT json_build_object('id', c.id::text, 'name', c.name) FROM ${orgTree} c
      WHERE c.id = ANY(string_to_array(o.path::text, '.')::bigint[]) AND c.kind IN ('community', 'village') LIMIT 1) AS community,
    json_build_object('id', p.id::text, 'name', p.name) AS visitor,
    CASE WHEN vo.id IS NULL THEN NULL ELSE json_build_object('id', vo.id::text, 'name', vo.name) END AS "visitorOrg",
    v.task_id::text AS "taskId", v.visited_at AS "visitedAt", v.households, v.people_met AS people, v.note,
    CASE WHEN v.location IS NULL THEN NULL ELSE json_build_object('lng', ST_X(v.location), 'lat', ST_Y(v.location)) END AS location,
    to_json(v.photo_ids::text[]) AS "photoIds", v.place_distance_m AS "placeDistanceM", v.created_at AS "createdAt",
    o.path::text AS "orgPath", v.visitor_id::text AS "visitorId", vo.path::text AS "visitorOrgPath"
  FROM visits v
  JOIN ${orgTree} o ON o.id = v.org_id
  JOIN ${personNames} p ON p.id = v.visitor_id
  LEFT JOIN ${orgTree} vo ON vo.id = v.visitor_org_id`

export async function findVisit(ex: Executor, id: string) {
  return firstRow<VisitRow>(ex, sql`${visitSelect} WHERE v.id = ${id}`)
}

export interface VisitFilter {
  scopes: string; personId: string | null; underPath?: string; kind?: VisitKind; mode?: VisitMode; visitorId?: string; taskId?: string
  from?: string; to?: string
}

/** How many visits the log's filter matches in all (the first page's `total`). */
export async function countVisits(ex: Executor, f: VisitFilter) {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`FROM visits v
    JOIN ${orgTree} o ON o.id = v.org_id LEFT JOIN ${orgTree} vo ON vo.id = v.visitor_org_id
    WHERE ${visitWhere(f)}`)))!.n
}

function visitWhere(f: VisitFilter) {
  return sql`(${underScopes(sql`o.path`, f.scopes)} OR ${underScopes(sql`vo.path`, f.scopes)} OR v.visitor_id = ${f.personId})
          ${f.underPath ? sql`AND (o.path <@ ${f.underPath}::ltree OR vo.path <@ ${f.underPath}::ltree)` : sql``}
          ${f.kind ? sql`AND v.kind = ${f.kind}` : sql``}
          ${f.mode ? sql`AND v.mode = ${f.mode}` : sql``}
          ${f.visitorId ? sql`AND v.visitor_id = ${f.visitorId}` : sql``}
          ${f.taskId ? sql`AND v.task_id = ${f.taskId}` : sql``}
          ${f.from ? sql`AND v.visited_at >= ${chinaMidnight(f.from)}` : sql``}
          ${f.to ? sql`AND v.visited_at < ${chinaMidnight(f.to)} + interval '1 day'` : sql``}`
}

export async function searchVisits(ex: Executor, f: VisitFilter & { after?: { at: string; id: string }; limit: number }) {
  return rows<VisitRow>(
    ex,
    sql`${visitSelect}
        WHERE ${visitWhere(f)}
          ${f.after ? sql`AND (v.visited_at, v.id) < (${f.after.at}::timestamptz, ${f.after.id}::bigint)` : sql``}
        ORDER BY v.visited_at DESC, v.id DESC LIMIT ${f.limit + 1}`,
  )
}

export async function insertVisit(ex: Executor, v: {
  kind: VisitKind; mode: VisitMode; orgId: string; visitorId: string; visitorOrgId: string | null; taskId: string | null
  visitedAt: string; households: number; people: number; note: string; location: [number, number] | null; photoIds: string[]
}): Promise<string> {
  const point = v.location ? sql`ST_SetSRID(ST_MakePoint(${v.location[0]}, ${v.location[1]}), 4326)` : sql`NULL`
  return (await firstRow<{ id: string }>(
    ex,
    // The place check: how far the logged point lies from the place visited (0 inside its outline).
    sql`INSERT INTO visits (kind, mode, org_id, visitor_id, visitor_org_id, task_id, visited_at, households, people_met, location, note, photo_ids, place_distance_m)
        SELECT ${v.kind}, ${v.mode}, ${v.orgId}, ${v.visitorId}, ${v.visitorOrgId}, ${v.taskId}, ${v.visitedAt}::timestamptz,
               ${v.households}, ${v.people}, p.point, ${v.note}, ${idList(v.photoIds)},
               CASE WHEN p.point IS NULL OR o.geometry IS NULL THEN NULL ELSE round(ST_Distance(p.point::geography, o.geometry::geography))::int END
        FROM (SELECT ${point} AS point) p, ${orgTree} o WHERE o.id = ${v.orgId}
        RETURNING id::text`,
  ))!.id
}

export interface VisitedResident { visitId: string; id: string; name: string; household: string | null; buildingName: string }

/** The residents the visits met that a reader with these grid-staff scopes may read (or who is the reader). */
export async function visitedResidents(ex: Executor, visitIds: string[], scopes: string, personId: string | null) {
  if (visitIds.length === 0) return []
  return rows<VisitedResident>(ex, sql`SELECT vr.visit_id::text AS "visitId", r.id::text, p.name, r.household, b.name AS "buildingName"
    FROM visit_residents vr JOIN ${residentHomes} r ON r.id = vr.resident_id JOIN ${personNames} p ON p.id = r.person_id JOIN ${orgTree} b ON b.id = r.org_id
    WHERE vr.visit_id = ANY(${idArray(visitIds)}) AND r.deleted_at IS NULL
      AND (${underScopes(sql`b.path`, scopes)}${personId ? sql` OR r.person_id = ${personId}` : sql``})
    ORDER BY b.name, r.household NULLS LAST, r.id`)
}

/**
 * Of `residentIds`, the ones not living at the place visited: under its node, or for an estate,
 * in a building whose centre its outline holds.
 */
export async function residentsElsewhere(ex: Executor, residentIds: string[], orgId: string) {
  return (await rows<{ id: string }>(ex, sql`SELECT r.id::text FROM ${residentHomes} r JOIN ${orgTree} b ON b.id = r.org_id, ${orgTree} t
    WHERE r.id = ANY(${idArray(residentIds)}) AND t.id = ${orgId}
      AND NOT (b.path <@ t.path OR (t.kind = 'estate' AND t.geometry IS NOT NULL AND b.geometry IS NOT NULL AND b.path <@ subpath(t.path, 0, nlevel(t.path) - 1)
               AND ST_Contains(t.geometry, ST_PointOnSurface(b.geometry))))`)).map((r) => r.id)
}

export async function insertVisitResidents(ex: Executor, visitId: string, residentIds: string[]) {
  if (residentIds.length === 0) return
  await ex.execute(sql`INSERT INTO visit_residents (visit_id, resident_id) SELECT ${visitId}, unnest(${idArray(residentIds)})`)
}

export interface OrgRefRow { id: string; name: string; kind: OrgKind; path: string }

/** Live org nodes by id, in one query. */
export async function findOrgRefs(ex: Executor, ids: string[]) {
  if (ids.length === 0) return []
  return rows<OrgRefRow>(ex, sql`SELECT id::text, name, kind, path::text FROM ${orgTree} AS orgs WHERE id = ANY(${idList(ids)}) AND deleted_at IS NULL`)
}

// ---- tasks ----

const taskStatus = (today: string) =>
  sql`CASE WHEN t.done_at IS NOT NULL THEN 'done' WHEN t.deadline < ${today}::date THEN 'late' ELSE 'pending' END`

export interface TaskRow {
  id: string
  schedule: Ref & { kind: VisitKind }
  visitorOrg: Ref
  community: Ref
  dueOn: string
  deadline: string
  status: TaskStatus
  visitId: string | null
  doneAt: string | null
  visitorOrgPath: string
  communityPath: string
  scheduleOrgPath: string
}

const taskFrom = sql`FROM visit_tasks t
  JOIN visit_schedules s ON s.id = t.schedule_id
  JOIN ${orgTree} so ON so.id = s.org_id
  JOIN ${orgTree} vo ON vo.id = t.visitor_org_id
  JOIN ${orgTree} c ON c.id = t.community_id`

export async function findTask(ex: Executor, id: string, today: string, lock = false) {
  return firstRow<TaskRow>(
    ex,
    sql`SELECT t.id::text, json_build_object('id', s.id::text, 'name', s.name, 'kind', s.kind) AS schedule,
          json_build_object('id', vo.id::text, 'name', vo.name) AS "visitorOrg", json_build_object('id', c.id::text, 'name', c.name) AS community,
          t.due_on::text AS "dueOn", t.deadline::text, ${taskStatus(today)} AS status, t.visit_id::text AS "visitId", t.done_at AS "doneAt",
          vo.path::text AS "visitorOrgPath", c.path::text AS "communityPath", so.path::text AS "scheduleOrgPath"
        ${taskFrom} WHERE t.id = ${id} AND (s.deleted_at IS NULL OR t.done_at IS NOT NULL) ${lock ? sql`FOR UPDATE OF t` : sql``}`,
  )
}

export async function markTaskDone(ex: Executor, taskId: string, visitId: string): Promise<void> {
  await ex.execute(sql`UPDATE visit_tasks SET visit_id = ${visitId}, done_at = now() WHERE id = ${taskId} AND done_at IS NULL`)
}

export interface TaskFilter {
  scopes: string
  roleOrgs: string[]
  today: string
  underPath?: string
  scheduleId?: string
  status?: TaskStatus
  dueFrom?: string
  dueTo?: string
}

function taskWhere(f: TaskFilter): SQL {
  return sql`WHERE (s.deleted_at IS NULL OR t.done_at IS NOT NULL)
    AND (${underScopes(sql`so.path`, f.scopes)} OR ${underScopes(sql`c.path`, f.scopes)} OR ${underScopes(sql`vo.path`, f.scopes)}
         OR t.visitor_org_id = ANY(${idList(f.roleOrgs)}))
    ${f.underPath ? sql`AND (c.path <@ ${f.underPath}::ltree OR vo.path <@ ${f.underPath}::ltree)` : sql``}
    ${f.scheduleId ? sql`AND t.schedule_id = ${f.scheduleId}` : sql``}
    ${f.status ? sql`AND ${taskStatus(f.today)} = ${f.status}` : sql``}
    ${f.dueFrom ? sql`AND t.due_on >= ${f.dueFrom}::date` : sql``}
    ${f.dueTo ? sql`AND t.due_on <= ${f.dueTo}::date` : sql``}`
}

export async function searchTasks(ex: Executor, f: TaskFilter & { after?: { dueOn: string; id: string }; limit: number }) {
  return rows<TaskRow>(
    ex,
    sql`SELECT t.id::text, json_build_object('id', s.id::text, 'name', s.name, 'kind', s.kind) AS schedule,
          json_build_object('id', vo.id::text, 'name', vo.name) AS "visitorOrg", json_build_object('id', c.id::text, 'name', c.name) AS community,
          t.due_on::text AS "dueOn", t.deadline::text, ${taskStatus(f.today)} AS status, t.visit_id::text AS "visitId", t.done_at AS "doneAt",
          vo.path::text AS "visitorOrgPath", c.path::text AS "communityPath", so.path::text AS "scheduleOrgPath"
        ${taskFrom} ${taskWhere(f)}
          ${f.after ? sql`AND (t.due_on, t.id) < (${f.after.dueOn}::date, ${f.after.id}::bigint)` : sql``}
        ORDER BY t.due_on DESC, t.id DESC LIMIT ${f.limit + 1}`,
  )
}

/** Done / pending / late per visitor unit, over the same filter as the list (status aside). */
export async function summariseTasks(ex: Executor, f: TaskFilter) {
  return rows<{ visitorOrg: Ref; done: number; pending: number; late: number }>(
    ex,
    sql`SELECT json_build_object('id', vo.id::text, 'name', vo.name) AS "visitorOrg",
          count(*) FILTER (WHERE ${taskStatus(f.today)} = 'done')::int AS done,
          count(*) FILTER (WHERE ${taskStatus(f.today)} = 'pending')::int AS pending,
          count(*) FILTER (WHERE ${taskStatus(f.today)} = 'late')::int AS late
        ${taskFrom} ${taskWhere({ ...f, status: undefined })}
        GROUP BY vo.id, vo.name ORDER BY late DESC, pending DESC, vo.id LIMIT 500`,
  )
}

/**
 * Creates the task of every target for every occurrence from the schedule's start up to `today`
 * (in China); the unique key makes it idempotent. Returns how many were new.
 */
export async function generateTasks(ex: Executor, today: string, scheduleId?: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    ex,
    sql`WITH created AS (
          INSERT INTO visit_tasks (schedule_id, visitor_org_id, community_id, due_on, deadline)
          SELECT s.id, t.visitor_org_id, t.community_id, d.due, d.due + s.grace_days::int
          FROM visit_schedules s
          JOIN visit_schedule_targets t ON t.schedule_id = s.id
          CROSS JOIN LATERAL (
            SELECT (m + (s.day_of_month - 1) * interval '1 day')::date AS due
            FROM generate_series(date_trunc('month', s.starts_on::timestamp), ${today}::date::timestamp, interval '1 month') m
          ) d
          WHERE s.deleted_at IS NULL AND d.due >= s.starts_on AND d.due <= ${today}::date AND (s.ends_on IS NULL OR d.due <= s.ends_on)
            ${scheduleId ? sql`AND s.id = ${scheduleId}` : sql``}
          ON CONFLICT (schedule_id, visitor_org_id, community_id, due_on) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM created`,
  )
  return row?.n ?? 0
}

// ---- schedules ----

export interface ScheduleRow {
  id: string
  org: Ref
  orgPath: string
  name: string
  kind: VisitKind
  dayOfMonth: number
  graceDays: number
  startsOn: string
  endsOn: string | null
  createdAt: string
  targets: { id: string; visitorOrg: Ref; community: Ref; visitorOrgPath: string; communityPath: string }[]
  tasks: { done: number; pending: number; late: number }
}

const scheduleSelect = (today: string) => sql`SELECT s.id::text, json_build_object('id', so.id::text, 'name', so.name) AS org, so.path::text AS "orgPath",
    s.name, s.kind, s.day_of_month AS "dayOfMonth", s.grace_days AS "graceDays", s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
    s.created_at AS "createdAt",
    coalesce((SELECT json_agg(json_build_object('id', t.id::text,
        'visitorOrg', json_build_object('id', vo.id::text, 'name', vo.name), 'community', json_build_object('id', c.id::text, 'name', c.name),
        'visitorOrgPath', vo.path::text, 'communityPath', c.path::text) ORDER BY t.id)
      FROM visit_schedule_targets t JOIN ${orgTree} vo ON vo.id = t.visitor_org_id JOIN ${orgTree} c ON c.id = t.community_id
      WHERE t.schedule_id = s.id), '[]'::json) AS targets,
    (SELECT json_build_object('done', count(*) FILTER (WHERE t.done_at IS NOT NULL),
        'pending', count(*) FILTER (WHERE t.done_at IS NULL AND t.deadline >= ${today}::date),
        'late', count(*) FILTER (WHERE t.done_at IS NULL AND t.deadline < ${today}::date))
      FROM visit_tasks t WHERE t.schedule_id = s.id) AS tasks
  FROM visit_schedules s JOIN ${orgTree} so ON so.id = s.org_id`

export async function findSchedule(ex: Executor, id: string, today: string) {
  return firstRow<ScheduleRow>(ex, sql`${scheduleSelect(today)} WHERE s.id = ${id} AND s.deleted_at IS NULL`)
}

export async function searchSchedules(ex: Executor, f: { scopes: string; roleOrgs: string[]; today: string; underPath?: string; afterId?: string; limit: number }) {
  const targetUnder = (cond: SQL) => sql`EXISTS (SELECT 1 FROM visit_schedule_targets t JOIN ${orgTree} vo ON vo.id = t.visitor_org_id JOIN ${orgTree} c ON c.id = t.community_id
      WHERE t.schedule_id = s.id AND (${cond}))`
  return rows<ScheduleRow>(
    ex,
    sql`${scheduleSelect(f.today)}
        WHERE s.deleted_at IS NULL
          AND (${underScopes(sql`so.path`, f.scopes)} OR ${targetUnder(sql`${underScopes(sql`vo.path`, f.scopes)} OR ${underScopes(sql`c.path`, f.scopes)}
               OR t.visitor_org_id = ANY(${idList(f.roleOrgs)}) OR t.community_id = ANY(${idList(f.roleOrgs)})`)})
          ${f.underPath ? sql`AND (so.path <@ ${f.underPath}::ltree OR ${targetUnder(sql`vo.path <@ ${f.underPath}::ltree OR c.path <@ ${f.underPath}::ltree`)})` : sql``}
          ${f.afterId ? sql`AND s.id < ${f.afterId}::bigint` : sql``}
        ORDER BY s.id DESC LIMIT ${f.limit + 1}`,
  )
}

export async function insertSchedule(ex: Executor, v: {
  orgId: string; name: string; kind: VisitKind; dayOfMonth: number; graceDays: number; startsOn: string; endsOn: string | null; createdBy: string | null
  targets: { visitorOrgId: string; communityId: string }[]
}): Promise<string> {
  const id = (await firstRow<{ id: string }>(
    ex,
    sql`INSERT INTO visit_schedules (org_id, name, kind, day_of_month, grace_days, starts_on, ends_on, created_by)
        VALUES (${v.orgId}, ${v.name}, ${v.kind}, ${v.dayOfMonth}, ${v.graceDays}, ${v.startsOn}::date, ${v.endsOn}::date, ${v.createdBy})
        RETURNING id::text`,
  ))!.id
  await ex.execute(sql`INSERT INTO visit_schedule_targets (schedule_id, visitor_org_id, community_id)
    SELECT ${id}, x.v, x.c FROM unnest(${idList(v.targets.map((t) => t.visitorOrgId))}, ${idList(v.targets.map((t) => t.communityId))}) AS x(v, c)`)
  return id
}

export async function endSchedule(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE visit_schedules SET deleted_at = now() WHERE id = ${id} AND deleted_at IS NULL`)
}

/** A point inside a node (its own point, or a point on the surface of its area). */
export async function pointIn(ex: Executor, orgId: string) {
  return firstRow<{ lng: number; lat: number }>(ex, sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat
    FROM ${orgTree} AS orgs WHERE id = ${orgId} AND geometry IS NOT NULL`)
}
