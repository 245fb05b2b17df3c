// The SQL of emergencies, their branches, teams, zones and posts. Shifts and sign-ups are in
// mobilisation.shifts.repository.ts; the board and reports in mobilisation.board.repository.ts.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'

export interface EmergencyRow {
  id: string; kind: string; name: string; tag: string; level: string; orgId: string; orgName: string; orgPath: string
  area: unknown | null; description: string | null; declaredById: string; declaredByName: string
  startedAt: string; endedAt: string | null; summary: string | null
}

const emergencyCols = sql`e.id::text, e.kind, e.name, e.tag, e.level, e.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  ST_AsGeoJSON(e.area)::json AS area, e.description, e.declared_by::text AS "declaredById", d.name AS "declaredByName",
  e.started_at AS "startedAt", e.ended_at AS "endedAt", e.summary`
const emergencyFrom = sql`FROM emergencies e JOIN ${orgTree} o ON o.id = e.org_id JOIN ${personNames} d ON d.id = e.declared_by`

export async function insertEmergency(ex: Executor, v: { orgId: string; kind: string; name: string; tag: string; level: string; area: string | null; description: string | null; declaredBy: string; startedAt: string | null }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO emergencies (org_id, kind, name, tag, level, area, description, declared_by, started_at)
    VALUES (${v.orgId}, ${v.kind}, ${v.name}, ${v.tag}, ${v.level}, ${v.area === null ? null : sql`ST_SetSRID(ST_GeomFromGeoJSON(${v.area}), 4326)`},
      ${v.description}, ${v.declaredBy}, coalesce(${v.startedAt}::timestamptz, now())) RETURNING id::text`)
  return row!.id
}

export const validPolygon = async (ex: Executor, geojson: string) =>
  (await firstRow<{ ok: boolean }>(ex, sql`SELECT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)) AS ok`))!.ok

export const findEmergency = (ex: Executor, id: string) => firstRow<EmergencyRow>(ex, sql`SELECT ${emergencyCols} ${emergencyFrom} WHERE e.id = ${id}`)

/** Emergencies whose area lies within or above one of the reader's role nodes. */
export function listEmergencies(ex: Executor, q: { paths: string[]; orgPath?: string; status: 'active' | 'ended' | 'all'; after?: string; limit: number }) {
  const status = q.status === 'active' ? sql`AND e.ended_at IS NULL` : q.status === 'ended' ? sql`AND e.ended_at IS NOT NULL` : sql``
  return rows<EmergencyRow>(ex, sql`SELECT ${emergencyCols} ${emergencyFrom}
    WHERE (o.path <@ string_to_array(${q.paths.join(',')}, ',')::ltree[] OR o.path @> string_to_array(${q.paths.join(',')}, ',')::ltree[])
      ${q.orgPath ? sql`AND (o.path <@ ${q.orgPath}::ltree OR o.path @> ${q.orgPath}::ltree)` : sql``} ${status}
      ${q.after ? sql`AND e.id < ${q.after}` : sql``}
    ORDER BY e.id DESC LIMIT ${q.limit + 1}`)
}

export async function endEmergency(ex: Executor, id: string, by: string, summary: string) {
  await ex.execute(sql`UPDATE emergencies SET ended_at = now(), ended_by = ${by}, summary = ${summary}, updated_at = now() WHERE id = ${id} AND ended_at IS NULL`)
}

// Temporary branches
export async function insertBranch(ex: Executor, v: { emergencyId: string; name: string; secretaryId: string; memberIds: string[]; unitId: string | null }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO emergency_branches (emergency_id, name, secretary_id) VALUES (${v.emergencyId}, ${v.name}, ${v.secretaryId}) RETURNING id::text`)
  const members = [...new Set([v.secretaryId, ...v.memberIds])]
  await ex.execute(sql`INSERT INTO emergency_branch_members (branch_id, person_id, unit_id)
    SELECT ${row!.id}, unnest(string_to_array(${members.join(',')}, ',')::bigint[]), ${v.unitId} ON CONFLICT DO NOTHING`)
  return row!.id
}

export const listBranches = (ex: Executor, emergencyId: string) => rows<{ id: string; name: string; secretary: { id: string; name: string }; members: { id: string; name: string }[]; closedAt: string | null; record: string | null }>(ex, sql`
  SELECT b.id::text, b.name, json_build_object('id', b.secretary_id::text, 'name', s.name) AS secretary,
    coalesce((SELECT json_agg(json_build_object('id', m.person_id::text, 'name', p.name) ORDER BY m.joined_at, m.person_id)
      FROM emergency_branch_members m JOIN ${personNames} p ON p.id = m.person_id WHERE m.branch_id = b.id), '[]'::json) AS members,
    b.closed_at AS "closedAt", b.record
  FROM emergency_branches b JOIN ${personNames} s ON s.id = b.secretary_id WHERE b.emergency_id = ${emergencyId} ORDER BY b.id`)

export async function closeBranches(ex: Executor, emergencyId: string, records: Record<string, string>) {
  await ex.execute(sql`UPDATE emergency_branches SET closed_at = now(), updated_at = now(),
    record = coalesce((${JSON.stringify(records)}::jsonb ->> id::text), record) WHERE emergency_id = ${emergencyId} AND closed_at IS NULL`)
}

// Shock teams
export async function insertTeam(ex: Executor, v: { emergencyId: string; name: string; leaderId: string; members: { personId: string; source: string; unitId?: string }[] }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO emergency_teams (emergency_id, name, leader_id) VALUES (${v.emergencyId}, ${v.name}, ${v.leaderId}) RETURNING id::text`)
  for (const m of v.members) {
    await ex.execute(sql`INSERT INTO emergency_team_members (team_id, person_id, source, unit_id) VALUES (${row!.id}, ${m.personId}, ${m.source}, ${m.unitId ?? null}) ON CONFLICT DO NOTHING`)
  }
  return row!.id
}

export const listTeams = (ex: Executor, emergencyId: string) => rows<{ id: string; name: string; leader: { id: string; name: string }; members: { id: string; name: string; source: 'unit' | 'member' | 'volunteer' | 'other'; unit: { id: string; name: string } | null }[] }>(ex, sql`
  SELECT t.id::text, t.name, json_build_object('id', t.leader_id::text, 'name', l.name) AS leader,
    coalesce((SELECT json_agg(json_build_object('id', m.person_id::text, 'name', p.name, 'source', m.source,
        'unit', CASE WHEN m.unit_id IS NULL THEN NULL ELSE json_build_object('id', m.unit_id::text, 'name', u.name) END) ORDER BY m.joined_at, m.person_id)
      FROM emergency_team_members m JOIN ${personNames} p ON p.id = m.person_id LEFT JOIN ${unitRows} u ON u.id = m.unit_id WHERE m.team_id = t.id), '[]'::json) AS members
  FROM emergency_teams t JOIN ${personNames} l ON l.id = t.leader_id WHERE t.emergency_id = ${emergencyId} ORDER BY t.id`)

// Responsibility zones
export async function insertZone(ex: Executor, v: { emergencyId: string; name: string; area: string; personId: string; teamId: string | null }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO emergency_zones (emergency_id, name, area, person_id, team_id)
    VALUES (${v.emergencyId}, ${v.name}, ST_SetSRID(ST_GeomFromGeoJSON(${v.area}), 4326), ${v.personId}, ${v.teamId}) RETURNING id::text`)
  return row!.id
}

export const listZones = (ex: Executor, emergencyId: string) => rows<{ id: string; name: string; area: { type: 'Polygon'; coordinates: [number, number][][] }; person: { id: string; name: string }; team: { id: string; name: string } | null }>(ex, sql`
  SELECT z.id::text, z.name, ST_AsGeoJSON(z.area, 6)::json AS area, json_build_object('id', z.person_id::text, 'name', p.name) AS person,
    CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id::text, 'name', t.name) END AS team
  FROM emergency_zones z JOIN ${personNames} p ON p.id = z.person_id LEFT JOIN emergency_teams t ON t.id = z.team_id
  WHERE z.emergency_id = ${emergencyId} ORDER BY z.id`)

/** Which emergency each of these zones / teams / posts belongs to (for "same emergency" checks). */
export async function emergencyOf(ex: Executor, table: 'emergency_zones' | 'emergency_teams' | 'emergency_posts', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const found = await rows<{ id: string; emergencyId: string }>(ex, sql`SELECT id::text, emergency_id::text AS "emergencyId" FROM ${sql.raw(table)}
    WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`)
  return new Map(found.map((r) => [r.id, r.emergencyId]))
}

// Posts
export async function insertPost(ex: Executor, v: { emergencyId: string; name: string; kind: string; vanguard: boolean; lng: number; lat: number; radiusM: number; zoneId: string | null; teamId: string | null }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO emergency_posts (emergency_id, name, kind, vanguard, location, radius_m, zone_id, team_id)
    VALUES (${v.emergencyId}, ${v.name}, ${v.kind}, ${v.vanguard}, ST_SetSRID(ST_MakePoint(${v.lng}, ${v.lat}), 4326), ${v.radiusM}, ${v.zoneId}, ${v.teamId}) RETURNING id::text`)
  return row!.id
}

export interface PostRow { id: string; emergencyId: string; name: string; kind: string; vanguard: boolean; lng: number; lat: number; radiusM: number; zone: { id: string; name: string } | null; team: { id: string; name: string } | null; checkinSecret: string }

export const postsWhere = (ex: Executor, where: SQL) => rows<PostRow>(ex, sql`SELECT p.id::text, p.emergency_id::text AS "emergencyId", p.name, p.kind, p.vanguard,
    ST_X(p.location) AS lng, ST_Y(p.location) AS lat, p.radius_m AS "radiusM", p.checkin_secret AS "checkinSecret",
    CASE WHEN z.id IS NULL THEN NULL ELSE json_build_object('id', z.id::text, 'name', z.name) END AS zone,
    CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id::text, 'name', t.name) END AS team
  FROM emergency_posts p LEFT JOIN emergency_zones z ON z.id = p.zone_id LEFT JOIN emergency_teams t ON t.id = p.team_id WHERE ${where} ORDER BY p.id`)
