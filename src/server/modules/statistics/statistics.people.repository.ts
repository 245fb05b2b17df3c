// The people a scorecard is applied to and their figures for a window, read through the relations
// their owners export: grid workers from people's role grants on the grids below a node, members
// from members' registrations at its communities; cases, visits, service hours, claims and points
// per person from cases, visits, volunteers, members and points (each module's `*.read.ts`).
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames, roleGrants } from '../people/people.read.ts'
import { registeredMembers, claimsByPerson } from '../members/members.read.ts'
import { casesByPerson } from '../cases/cases.read.ts'
import { visitsByPerson } from '../visits/visits.read.ts'
import { hoursByPerson } from '../volunteers/volunteers.read.ts'
import { pointsEarnedByPerson } from '../points/points.read.ts'

export type PersonRole = 'grid_worker' | 'member'

/** A window of China-time days: `[from, to)` as timestamptz literals. */
export interface Window { from: string; to: string }

export interface PersonRow {
  personId: string
  name: string
  /** The grid (a grid worker's, the first by path when several) or the community (a member's). */
  orgId: string
  orgName: string
}

const day = (at: string) => at.slice(0, 10)

/**
 * The grid workers of the grids under `path` whose grant overlaps the window (a worker who left
 * mid-month is still assessed for it), or the members registered (accepted) at its communities;
 * `personId` narrows to one person (`path` null: wherever they are). By name.
 */
export async function peopleUnder(db: Executor, role: PersonRole, path: string | null, w: Window, personId?: string): Promise<PersonRow[]> {
  const one = personId ? sql`AND p.id = ${personId}` : sql``
  const under = (col: string) => (path === null ? sql`` : sql`AND ${sql.raw(col)} <@ ${path}::ltree`)
  return role === 'grid_worker'
    ? rows<PersonRow>(db, sql`SELECT g.person_id::text AS "personId", min(p.name) AS name,
          (array_agg(o.id::text ORDER BY o.path))[1] AS "orgId", (array_agg(o.name ORDER BY o.path))[1] AS "orgName"
        FROM ${roleGrants} g JOIN ${orgTree} o ON o.id = g.org_id JOIN ${personNames} p ON p.id = g.person_id
        WHERE g.role = 'grid_worker' AND o.kind = 'grid' AND o.deleted_at IS NULL AND p.deleted_at IS NULL ${under('o.path')}
          AND g.valid_from < ${day(w.to)}::date AND (g.valid_to IS NULL OR g.valid_to > ${day(w.from)}::date) ${one}
        GROUP BY g.person_id ORDER BY 2, 1`)
    : rows<PersonRow>(db, sql`SELECT m.person_id::text AS "personId", p.name, c.id::text AS "orgId", c.name AS "orgName"
        FROM ${registeredMembers} m JOIN ${orgTree} c ON c.id = m.community_id JOIN ${personNames} p ON p.id = m.person_id
        WHERE c.deleted_at IS NULL ${under('c.path')} AND p.deleted_at IS NULL ${one} ORDER BY 2, 1`)
}

export interface GridWorkerFigures { handled: number; onTime: number; reported: number; visits: number; households: number; tasksDone: number }
export interface MemberFigures { hours: number; claimed: number; projects: number; points: number }

const idList = (ids: string[]) => ids.join(',')

/** Each person's figures in the window, by person id (0 where they did nothing). */
export async function gridWorkerFigures(db: Executor, ids: string[], w: Window): Promise<Map<string, GridWorkerFigures>> {
  if (ids.length === 0) return new Map()
  const list = idList(ids)
  const found = await rows<GridWorkerFigures & { personId: string }>(db, sql`SELECT ids.id::text AS "personId", coalesce(c.handled, 0)::int AS handled, coalesce(c.on_time, 0)::int AS "onTime",
      coalesce(c.reported, 0)::int AS reported, coalesce(v.visits, 0)::int AS visits, coalesce(v.households, 0)::int AS households,
      coalesce(v.tasks_done, 0)::int AS "tasksDone"
    FROM unnest(string_to_array(${list}, ',')::bigint[]) AS ids(id)
    LEFT JOIN ${casesByPerson(w.from, w.to, list)} c ON c.person_id = ids.id
    LEFT JOIN ${visitsByPerson(w.from, w.to, list)} v ON v.person_id = ids.id`)
  return new Map(found.map(({ personId, ...f }) => [personId, f]))
}

export async function memberFigures(db: Executor, ids: string[], w: Window): Promise<Map<string, MemberFigures>> {
  if (ids.length === 0) return new Map()
  const list = idList(ids)
  const found = await rows<MemberFigures & { personId: string }>(db, sql`SELECT ids.id::text AS "personId", coalesce(h.hours, 0)::float8 AS hours, coalesce(c.claimed, 0)::int AS claimed,
      coalesce(c.projects, 0)::int AS projects, coalesce(pt.earned, 0)::int AS points
    FROM unnest(string_to_array(${list}, ',')::bigint[]) AS ids(id)
    LEFT JOIN ${hoursByPerson(w.from, w.to, list)} h ON h.person_id = ids.id
    LEFT JOIN ${claimsByPerson(w.from, w.to, list)} c ON c.person_id = ids.id
    LEFT JOIN ${pointsEarnedByPerson(w.from, w.to, list)} pt ON pt.person_id = ids.id`)
  return new Map(found.map(({ personId, ...f }) => [personId, f]))
}

/** The community (or village) a node lies in: where a person's own card ranks them among their peers. */
export async function communityOf(db: Executor, orgId: string): Promise<{ id: string; name: string; path: string } | null> {
  return (await firstRow<{ id: string; name: string; path: string }>(db, sql`SELECT c.id::text AS id, c.name, c.path::text AS path FROM ${orgTree} o JOIN ${orgTree} c ON c.path @> o.path
    WHERE o.id = ${orgId} AND c.kind IN ('community', 'village') ORDER BY nlevel(c.path) DESC LIMIT 1`)) ?? null
}
