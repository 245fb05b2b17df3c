// Matching providers to orders (一部手机抢单): who may serve an order (the item's provider kinds,
// the item's skill, within the item's radius of the address from their live position or home,
// not busy in the order's window, inside their 错时服务 windows), the grab hall (open orders near
// a point, nearest first, by KNN on the open orders' partial GiST index) and providers' profiles.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { residentProfiles } from '../residents/residents.read.ts'
import { registeredMembers } from '../members/members.read.ts'
import { volunteerProfiles } from '../volunteers/volunteers.read.ts'
import { fitsWindows } from './orders.workflow.ts'
import type { ProviderKind, ProviderProfile } from './orders.schemas.ts'

/** A live position older than this is ignored (the home counts instead). */
const LIVE_FRESH = sql`interval '2 hours'`
/** Metres per degree, low enough that a box of radius / DEGREE_M degrees covers the radius up to 55° N. */
const DEGREE_M = sql.raw('60000.0')
const STAFF_ROLES = sql`ARRAY['grid_worker', 'grid_leader', 'community_cadre']`

export interface Candidate {
  personId: string
  name: string
  kinds: ProviderKind[]
  distanceM: number | null
  busy: boolean
  windows: { day: number; from: string; to: string }[]
  lng: number | null
  lat: number | null
  served: number
}

/**
 * The people who may serve order `orderId` under its item's terms, nearest first: members
 * registered in its community or living within reach, volunteers (with the item's skill), and
 * the staff over its node. `only`: check one person (a claim).
 */
export async function candidatesFor(ex: Executor, orderId: string, opts: { only?: string; limit?: number } = {}): Promise<Candidate[]> {
  const one = opts.only ? sql`AND k.person_id = ${opts.only}` : sql``
  return rows<Candidate>(ex, sql`
    WITH ord AS (
      SELECT x.id, x.location, x.requester_id, x.community_id, x.window_from, x.window_to, o.path AS org_path, v.provider_kinds, v.skill, v.radius_m
      FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id JOIN ${orgTree} o ON o.id = x.org_id WHERE x.id = ${orderId}
    ), near AS (
      -- Who may be within reach, found through the spatial indexes (a box a little wider than the
      -- radius, in degrees); the exact distance from their live position or home is checked below.
      SELECT r.person_id FROM ${orgTree} b JOIN ${residentProfiles} r ON r.org_id = b.id, ord
        WHERE ST_DWithin(b.geometry, ord.location, ord.radius_m / ${DEGREE_M}) AND r.deleted_at IS NULL
      UNION SELECT p.person_id FROM order_providers p, ord
        WHERE p.live_at > now() - ${LIVE_FRESH} AND ST_DWithin(p.live_location, ord.location, ord.radius_m / ${DEGREE_M})
    ), kinds AS (
      SELECT m.person_id, 'member'::text AS kind FROM ${registeredMembers} m, ord WHERE 'member' = ANY(ord.provider_kinds)
        AND (m.community_id = ord.community_id OR m.person_id IN (SELECT person_id FROM near))
      UNION SELECT vp.person_id, 'volunteer' FROM ${volunteerProfiles} vp, ord WHERE 'volunteer' = ANY(ord.provider_kinds) AND (ord.skill IS NULL OR ord.skill = ANY(vp.skills))
        AND vp.person_id IN (SELECT person_id FROM near)
      UNION SELECT r.person_id, 'staff' FROM ${currentRoles} r JOIN ${orgTree} n ON n.id = r.org_id, ord
        WHERE 'staff' = ANY(ord.provider_kinds) AND r.role = ANY(${STAFF_ROLES}) AND n.path @> ord.org_path
    ), people_kinds AS (
      SELECT k.person_id, array_agg(DISTINCT k.kind) AS kinds FROM kinds k, ord WHERE k.person_id <> ord.requester_id ${one} GROUP BY k.person_id
    ), placed AS (
      SELECT pk.person_id, pk.kinds, coalesce(
        (SELECT p.live_location FROM order_providers p WHERE p.person_id = pk.person_id AND p.live_at > now() - ${LIVE_FRESH}),
        (SELECT ST_PointOnSurface(b.geometry) FROM ${residentProfiles} r JOIN ${orgTree} b ON b.id = r.org_id
          WHERE r.person_id = pk.person_id AND r.deleted_at IS NULL AND b.geometry IS NOT NULL ORDER BY r.id LIMIT 1)) AS at,
        (SELECT p.radius_m FROM order_providers p WHERE p.person_id = pk.person_id) AS own_radius,
        coalesce((SELECT p.windows FROM order_providers p WHERE p.person_id = pk.person_id), '[]'::jsonb) AS windows,
        coalesce((SELECT p.paused FROM order_providers p WHERE p.person_id = pk.person_id), false) AS paused
      FROM people_kinds pk
    )
    SELECT pl.person_id::text AS "personId", pn.name, pl.kinds, pl.windows,
      CASE WHEN pl.at IS NULL THEN NULL ELSE round(ST_Distance(pl.at::geography, ord.location::geography))::int END AS "distanceM",
      ST_X(pl.at) AS lng, ST_Y(pl.at) AS lat,
      EXISTS (SELECT 1 FROM orders b WHERE b.id <> ord.id AND b.state IN ('assigned', 'in_progress') AND (b.provider_id = pl.person_id OR b.assignee_person_id = pl.person_id)
        AND ord.window_from IS NOT NULL AND b.window_from IS NOT NULL
        AND tstzrange(b.window_from, coalesce(b.window_to, b.window_from + interval '1 hour')) && tstzrange(ord.window_from, coalesce(ord.window_to, ord.window_from + interval '1 hour'))) AS busy,
      (SELECT count(*)::int FROM orders s WHERE s.provider_id = pl.person_id AND s.state = 'confirmed') AS served
    FROM placed pl JOIN ${personNames} pn ON pn.id = pl.person_id AND pn.deleted_at IS NULL, ord
    WHERE NOT pl.paused AND (
      'staff' = ANY(pl.kinds)
      OR (pl.at IS NOT NULL AND ST_DWithin(pl.at::geography, ord.location::geography, least(ord.radius_m, coalesce(pl.own_radius, ord.radius_m))))
      OR ('member' = ANY(pl.kinds) AND EXISTS (SELECT 1 FROM ${registeredMembers} m WHERE m.person_id = pl.person_id AND m.community_id = ord.community_id)))
    ORDER BY "distanceM" NULLS LAST, pl.person_id LIMIT ${opts.limit ?? 200}`)
}

/** Candidates who may take the order now: free in its window and inside their own service windows. */
export function available(cands: Candidate[], window: { from: string | null; to: string | null }): Candidate[] {
  return cands.filter((c) => !c.busy && fitsWindows(c.windows, window.from, window.to))
}

/** Which provider kinds a person has: registered member, volunteer, staff somewhere. */
export async function kindsOf(ex: Executor, personId: string): Promise<{ member: boolean; volunteer: boolean; skills: string[] }> {
  const found = await firstRow<{ member: boolean; volunteer: boolean; skills: string[] | null }>(ex, sql`SELECT
      EXISTS (SELECT 1 FROM ${registeredMembers} m WHERE m.person_id = ${personId}) AS member,
      EXISTS (SELECT 1 FROM ${volunteerProfiles} v WHERE v.person_id = ${personId}) AS volunteer,
      (SELECT v.skills FROM ${volunteerProfiles} v WHERE v.person_id = ${personId}) AS skills`)
  return { member: found?.member ?? false, volunteer: found?.volunteer ?? false, skills: found?.skills ?? [] }
}

export interface NearRow {
  id: string
  itemId: string
  itemName: string
  itemIcon: string
  list: string
  points: number
  address: string
  windowFrom: string | null
  windowTo: string | null
  note: string | null
  urgent: boolean
  lng: number
  lat: number
  distanceM: number
  requesterName: string
  createdAt: string
  dueAt: string | null
}

/**
 * Open orders near a WGS-84 point that provider `me` (of `kinds`) may grab: the 200 nearest open
 * orders by KNN (the partial GiST index on open orders), kept when the item takes one of the
 * kinds and `me` may serve it: their home or fresh live position within the item's radius, a
 * member registered in its community, or staff over it. The point only orders the list (a
 * point far away shows nothing more).
 */
export async function openNear(ex: Executor, q: { lng: number; lat: number; kinds: string[]; skills: string[]; me: string; staffScopes: string; limit: number }): Promise<NearRow[]> {
  return rows<NearRow>(ex, sql`
    WITH me AS (
      SELECT (SELECT p.live_location FROM order_providers p WHERE p.person_id = ${q.me} AND p.live_at > now() - ${LIVE_FRESH}) AS live,
        (SELECT ST_PointOnSurface(b.geometry) FROM ${residentProfiles} r JOIN ${orgTree} b ON b.id = r.org_id
          WHERE r.person_id = ${q.me} AND r.deleted_at IS NULL AND b.geometry IS NOT NULL ORDER BY r.id LIMIT 1) AS home,
        (SELECT coalesce(array_agg(m.community_id), '{}') FROM ${registeredMembers} m WHERE m.person_id = ${q.me}) AS communities
    )
    SELECT n.id::text, n.item_id::text AS "itemId", v.name AS "itemName", v.icon AS "itemIcon", v.list, v.points, n.address,
      n.window_from::text AS "windowFrom", n.window_to::text AS "windowTo", n.note, n.urgent, ST_X(n.location) AS lng, ST_Y(n.location) AS lat,
      round(n.d)::int AS "distanceM", left(rq.name, 1) || repeat('*', greatest(char_length(rq.name) - 1, 1)) AS "requesterName", n.created_at::text AS "createdAt", n.due_at::text AS "dueAt"
    FROM (
      SELECT x.*, ST_Distance(x.location::geography, ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography) AS d
      FROM orders x WHERE x.state = 'open' ORDER BY x.location <-> ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326) LIMIT 200
    ) n JOIN service_item_versions v ON v.id = n.item_version_id JOIN ${personNames} rq ON rq.id = n.requester_id
      JOIN ${orgTree} o ON o.id = n.org_id, me
    WHERE n.requester_id <> ${q.me}
      AND ((me.live IS NOT NULL AND ST_DWithin(me.live::geography, n.location::geography, v.radius_m))
        OR (me.home IS NOT NULL AND ST_DWithin(me.home::geography, n.location::geography, v.radius_m))
        OR ('member' = ANY(v.provider_kinds) AND n.community_id = ANY(me.communities))
        OR ('staff' = ANY(v.provider_kinds) AND ${q.staffScopes ? sql`o.path <@ ANY(string_to_array(${q.staffScopes}, ',')::ltree[])` : sql`false`}))
      AND v.provider_kinds && string_to_array(${q.kinds.join(',')}, ',')::text[]
      AND (v.skill IS NULL OR NOT (v.provider_kinds <@ ARRAY['volunteer']::text[]) OR v.skill = ANY(string_to_array(${q.skills.join(',')}, ',')::text[]))
    ORDER BY n.urgent DESC, n.d LIMIT ${q.limit}`)
}

export async function providerProfile(ex: Executor, personId: string): Promise<ProviderProfile & { liveAt: string | null }> {
  const found = await firstRow<{ windows: ProviderProfile['windows']; radiusM: number | null; paused: boolean; liveAt: string | null }>(ex, sql`
    SELECT windows, radius_m AS "radiusM", paused, live_at::text AS "liveAt" FROM order_providers WHERE person_id = ${personId}`)
  return found ?? { windows: [], radiusM: null, paused: false, liveAt: null }
}

export async function saveProfile(ex: Executor, personId: string, p: ProviderProfile): Promise<void> {
  await ex.execute(sql`INSERT INTO order_providers (person_id, windows, radius_m, paused) VALUES (${personId}, ${JSON.stringify(p.windows)}::jsonb, ${p.radiusM}, ${p.paused})
    ON CONFLICT (person_id) DO UPDATE SET windows = EXCLUDED.windows, radius_m = EXCLUDED.radius_m, paused = EXCLUDED.paused, updated_at = EXCLUDED.updated_at`)
}

export async function saveLiveLocation(ex: Executor, personId: string, lng: number, lat: number): Promise<void> {
  await ex.execute(sql`INSERT INTO order_providers (person_id, live_location, live_at) VALUES (${personId}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), now())
    ON CONFLICT (person_id) DO UPDATE SET live_location = EXCLUDED.live_location, live_at = EXCLUDED.live_at, updated_at = EXCLUDED.updated_at`)
}
