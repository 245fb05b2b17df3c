// SQL of orders: one order read with its names, searched by scope and filters, written one row
// and one timeline event at a time; where a person lives (their home for an order's address).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles as currentRolesRel, personNames } from '../people/people.read.ts'
import { residentProfiles } from '../residents/residents.read.ts'
import { unitRows } from '../units/units.read.ts'
import { teamRows } from '../volunteers/volunteers.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { assigneePeopleOf } from './orders.access.ts'
import type { OrderChannel, OrderState } from './orders.schemas.ts'
import { FROM as ITEM_FROM, itemColumns, type ItemRow } from './orders.catalogue.repository.ts'
import { insertNotifications, type NotificationRow } from '../notifications/notifications.write.ts'
import { preparedStatement } from './orders.prepared.ts'

export interface Home {
  residentId: string
  orgId: string
  orgPath: string
  communityId: string
  communityPath: string
  address: string
  lng: number
  lat: number
  birthYear: number | null
  tags: string[]
}

/** The community (or village) at or above a node. */
export async function communityOf(ex: Executor, orgId: string): Promise<{ id: string; path: string; name: string } | undefined> {
  return firstRow(ex, sql`SELECT c.id::text, c.path::text, c.name FROM ${orgTree} n JOIN ${orgTree} c ON c.path @> n.path AND c.kind IN ('community', 'village')
    WHERE n.id = ${orgId} ORDER BY nlevel(c.path) DESC LIMIT 1`)
}

/** Where a person lives (their first live resident record), with a point to serve at. */
export async function homeOf(ex: Executor, personId: string): Promise<Home | undefined> {
  return firstRow<Home>(ex, homeQuery(sql`${personId}`))
}

/** The query of `homeOf` for the person `personId` (a value or a column of an outer query). */
export const homeQuery = (personId: SQL) => sql`SELECT r.id::text AS "residentId", b.id::text AS "orgId", b.path::text AS "orgPath", c.id::text AS "communityId", c.path::text AS "communityPath",
      concat_ws('', c.name, b.name, r.household) AS address,
      ST_X(ST_PointOnSurface(coalesce(b.geometry, c.geometry))) AS lng, ST_Y(ST_PointOnSurface(coalesce(b.geometry, c.geometry))) AS lat,
      r.birth_year AS "birthYear", r.tags
    FROM ${residentProfiles} r
    JOIN ${orgTree} b ON b.id = r.org_id
    JOIN LATERAL (SELECT c.id, c.path, c.name, c.geometry FROM ${orgTree} c WHERE c.path @> b.path AND c.kind IN ('community', 'village') ORDER BY nlevel(c.path) DESC LIMIT 1) c ON true
    WHERE r.person_id = ${personId} AND r.deleted_at IS NULL AND coalesce(b.geometry, c.geometry) IS NOT NULL
    ORDER BY r.id LIMIT 1`

export interface OrderRow {
  id: string
  state: OrderState
  itemId: string
  itemVersionId: string
  orgId: string
  orgName: string
  orgPath: string
  communityId: string
  communityName: string
  communityPath: string
  requesterId: string
  requesterName: string
  placedById: string | null
  placedByName: string | null
  channel: OrderChannel
  lng: number
  lat: number
  address: string
  windowFrom: string | null
  windowTo: string | null
  note: string | null
  photoIds: string[]
  urgent: boolean
  assigneeKind: 'person' | 'team' | 'unit' | null
  assigneePersonId: string | null
  assigneeTeamId: string | null
  assigneeUnitId: string | null
  assigneeName: string | null
  assigneePeople: string[]
  providerId: string | null
  providerName: string | null
  reviewedAt: string | null
  assignedAt: string | null
  startedAt: string | null
  completedAt: string | null
  result: string | null
  hours: number | null
  confirmedAt: string | null
  rating: number | null
  ratingComment: string | null
  reworks: number
  mergedIntoId: string | null
  reason: string | null
  dueAt: string | null
  overdue: boolean
  createdAt: string
  updatedAt: string
}

const nameOf = (relation: SQL, id: SQL) => sql`(SELECT n.name FROM ${relation} n WHERE n.id = ${id})`

const COLUMNS = sql`x.id::text, x.state, x.item_id::text AS "itemId", x.item_version_id::text AS "itemVersionId",
  x.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", x.community_id::text AS "communityId", c.name AS "communityName", c.path::text AS "communityPath",
  x.requester_id::text AS "requesterId", rq.name AS "requesterName", x.placed_by::text AS "placedById", ${nameOf(personNames, sql`x.placed_by`)} AS "placedByName", x.channel,
  ST_X(x.location) AS lng, ST_Y(x.location) AS lat, x.address, x.window_from::text AS "windowFrom", x.window_to::text AS "windowTo", x.note,
  x.photo_ids::text[] AS "photoIds", x.urgent, x.assignee_kind AS "assigneeKind", x.assignee_person_id::text AS "assigneePersonId",
  x.assignee_team_id::text AS "assigneeTeamId", x.assignee_unit_id::text AS "assigneeUnitId",
  coalesce(${nameOf(personNames, sql`x.assignee_person_id`)}, ${nameOf(teamRows, sql`x.assignee_team_id`)}, ${nameOf(unitRows, sql`x.assignee_unit_id`)}) AS "assigneeName", ${assigneePeopleOf(sql`x`)} AS "assigneePeople",
  x.provider_id::text AS "providerId", ${nameOf(personNames, sql`x.provider_id`)} AS "providerName", x.reviewed_at::text AS "reviewedAt", x.assigned_at::text AS "assignedAt",
  x.started_at::text AS "startedAt", x.completed_at::text AS "completedAt", x.result, x.hours::float8 AS hours, x.confirmed_at::text AS "confirmedAt",
  x.rating, x.rating_comment AS "ratingComment", x.reworks, x.merged_into_id::text AS "mergedIntoId", x.reason, x.due_at::text AS "dueAt",
  coalesce(x.due_at < now() AND x.state IN ('placed', 'accepted', 'open', 'assigned', 'in_progress'), false) AS overdue,
  x.created_at::text AS "createdAt", x.updated_at::text AS "updatedAt"`

// Names of optional parties are scalar subqueries, not outer joins: with nine relations in one join
// the planner spent ~15 ms per read (beyond join_collapse_limit), more than the read itself.
const JOINS = sql`JOIN ${orgTree} o ON o.id = x.org_id JOIN ${orgTree} c ON c.id = x.community_id
  JOIN ${personNames} rq ON rq.id = x.requester_id`

export async function findOrder(ex: Executor, id: string, lock = false): Promise<OrderRow | undefined> {
  if (lock) await ex.execute(sql`SELECT id FROM orders WHERE id = ${id} FOR UPDATE`)
  return firstRow<OrderRow>(ex, sql`SELECT ${COLUMNS} FROM orders x ${JOINS} WHERE x.id = ${id}`)
}

/** Several orders (a sweep's batch), in the order of `ids`; ids not found are left out. */
export async function findOrders(ex: Executor, ids: string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return []
  const found = await rows<OrderRow>(ex, sql`SELECT ${COLUMNS} FROM orders x ${JOINS} WHERE x.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`)
  const byId = new Map(found.map((o) => [o.id, o]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export interface OrderSearch {
  /** The caller's staff scopes ("1.2,1.5"), or null for none. */
  scopes: string | null
  /** Orders of (for) this person. */
  mine?: string
  /** Orders this person serves (assigned to them, their team or unit). */
  serving?: string
  underPath?: string
  state?: string
  itemId?: string
  channel?: string
  overdue?: boolean
  afterId?: string
  limit: number
}

export async function searchOrders(ex: Executor, q: OrderSearch): Promise<OrderRow[]> {
  const where: SQL[] = []
  if (q.mine) where.push(sql`(x.requester_id = ${q.mine} OR x.placed_by = ${q.mine})`)
  else if (q.serving) where.push(sql`(x.assignee_person_id = ${q.serving} OR x.provider_id = ${q.serving} OR ${q.serving}::text = ANY(${assigneePeopleOf(sql`x`)}))`)
  else where.push(q.scopes ? sql`o.path <@ ANY(string_to_array(${q.scopes}, ',')::ltree[])` : sql`false`)
  if (q.underPath) where.push(sql`o.path <@ ${q.underPath}::ltree`)
  if (q.state) where.push(sql`x.state = ${q.state}`)
  if (q.itemId) where.push(sql`x.item_id = ${q.itemId}`)
  if (q.channel) where.push(sql`x.channel = ${q.channel}`)
  if (q.overdue) where.push(sql`x.due_at < now() AND x.state IN ('placed', 'accepted', 'open', 'assigned', 'in_progress')`)
  if (q.afterId) where.push(sql`x.id < ${q.afterId}`)
  return rows<OrderRow>(ex, sql`SELECT ${COLUMNS} FROM orders x ${JOINS} WHERE ${sql.join(where, sql` AND `)} ORDER BY x.id DESC LIMIT ${q.limit + 1}`)
}

export interface OrderInsert {
  itemId: string
  itemVersionId: string
  orgId: string
  communityId: string
  state: OrderState
  requesterId: string
  placedBy: string | null
  channel: OrderChannel
  lng: number
  lat: number
  address: string
  windowFrom: string | null
  windowTo: string | null
  note: string | null
  photoIds: string[]
  urgent: boolean
  dueHours: number
}

/**
 * Writes an order and its first event in one statement and answers both as written (the order as
 * `findOrder` reads it, the event as `eventsOf` does, photos left to the caller): a placing is the
 * busiest write of the module, and every round trip counts (see bench/orders.ts).
 */
export async function insertOrder(ex: Executor, o: OrderInsert, e: Omit<EventInput, 'orderId'>): Promise<{ order: OrderRow; event: Omit<EventRow, 'photos'> }> {
  const row = await firstRow<OrderRow & { event: Omit<EventRow, 'photos'> }>(ex, sql`WITH x AS (
      INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, placed_by, channel,
        location, address, window_from, window_to, note, photo_ids, urgent, due_at)
      VALUES (${o.itemId}, ${o.itemVersionId}, ${o.orgId}, ${o.communityId}, ${o.state}, ${o.requesterId}, ${o.placedBy}, ${o.channel},
        ST_SetSRID(ST_MakePoint(${o.lng}, ${o.lat}), 4326), ${o.address}, ${o.windowFrom}, ${o.windowTo}, ${o.note},
        string_to_array(${o.photoIds.join(',')}, ',')::bigint[], ${o.urgent}, now() + make_interval(secs => ${Math.round(o.dueHours * 3600)}))
      RETURNING *),
    ev AS (
      INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, photo_ids, data)
      SELECT x.id, ${e.actorId}::bigint, ${e.actorKind}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null},
        string_to_array(${(e.photoIds ?? []).join(',')}, ',')::bigint[], ${JSON.stringify(e.data ?? {})}::jsonb FROM x
      RETURNING *)
    SELECT ${COLUMNS}, json_build_object('id', ev.id::text, 'action', ev.action, 'from', ev.from_state, 'to', ev.to_state, 'actorId', ev.actor_id::text,
      'actorName', ${nameOf(personNames, sql`ev.actor_id`)}, 'actorKind', ev.actor_kind, 'note', ev.note, 'data', ev.data, 'at', ev.at::text) AS event
    FROM x ${JOINS} CROSS JOIN ev`)
  const { event, ...order } = row!
  return { order, event }
}

/** What `placeAtHome` is handed: the placing of a resident for themself, at home, with no photos. */
export interface HomePlacing {
  itemId: string
  personId: string
  address: string | null
  windowFrom: string | null
  windowTo: string | null
  note: string | null
  /** This year in China, and the age from which the elderly items are open. */
  year: number
  elderlyAge: number
  /** Who is told to review it: these roles over the order's node, the placer left out. */
  staffRoles: string[]
  title: string
  bodyPrefix: string
}

type HomePlaced = OrderRow & { event: Omit<EventRow, 'photos'>; item: ItemRow; notified: NotificationRow[] | null }
const ph = (name: keyof HomePlacing) => sql.placeholder(name)

/** The statement of `placeAtHome`, built and compiled once (a named prepared statement: planning this CTE cost more than running it). */
const placeAtHomeStatement = preparedStatement<HomePlaced>('place_at_home', () => sql`WITH it AS (
      SELECT ${itemColumns} ${ITEM_FROM} WHERE i.id = ${ph('itemId')}),
    home AS (
      SELECT b.id AS org_id, b.path AS org_path, c.id AS community_id, concat_ws('', c.name, b.name, r.household) AS address,
        ST_PointOnSurface(coalesce(b.geometry, c.geometry)) AS at, r.birth_year, r.tags
      FROM ${residentProfiles} r
      JOIN ${orgTree} b ON b.id = r.org_id
      JOIN LATERAL (SELECT c.id, c.path, c.name, c.geometry FROM ${orgTree} c WHERE c.path @> b.path AND c.kind IN ('community', 'village') ORDER BY nlevel(c.path) DESC LIMIT 1) c ON true
      WHERE r.person_id = ${ph('personId')} AND r.deleted_at IS NULL AND coalesce(b.geometry, c.geometry) IS NOT NULL
      ORDER BY r.id LIMIT 1),
    ok AS (
      SELECT it.*, home.org_id, home.org_path, home.community_id, coalesce(${ph('address')}::text, home.address) AS at_address, home.at
      FROM it CROSS JOIN home
      WHERE it."retiredAt" IS NULL AND NOT it."autoAccept" AND it."orgPath"::ltree @> home.org_path
        AND (it.audience = 'everyone'
          OR (it.audience = 'elderly' AND home.birth_year IS NOT NULL AND ${ph('year')}::int - home.birth_year >= ${ph('elderlyAge')}::int)
          OR (it.audience NOT IN ('everyone', 'elderly') AND home.tags && it."audienceTags"))),
    x AS (
      INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, placed_by, channel, location, address, window_from, window_to, note, photo_ids, urgent, due_at)
      SELECT ok.id::bigint, ok."versionId"::bigint, ok.org_id, ok.community_id, 'placed', ${ph('personId')}, ${ph('personId')}, 'app', ok.at, ok.at_address,
        ${ph('windowFrom')}::timestamptz, ${ph('windowTo')}::timestamptz, ${ph('note')}::text, '{}'::bigint[], false, now() + make_interval(secs => floor(ok."reviewHours" * 3600 + 0.5))
      FROM ok RETURNING *),
    ev AS (
      INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, photo_ids, data)
      SELECT x.id, ${ph('personId')}::bigint, 'person', 'place', NULL, 'placed', ${ph('note')}::text, '{}'::bigint[], jsonb_build_object('channel', 'app', 'itemVersion', ok.version)
      FROM x CROSS JOIN ok RETURNING *),
    staff AS (
      SELECT DISTINCT r.person_id FROM ${currentRolesRel} r JOIN ${orgTree} n ON n.id = r.org_id CROSS JOIN ok
      WHERE n.path @> ok.org_path AND r.role = ANY(string_to_array(${ph('staffRoles')}, ',')) AND r.person_id <> ${ph('personId')}::bigint
      ORDER BY 1 LIMIT 50),
    told AS (${insertNotifications('order.review', sql`SELECT s.person_id, ${ph('title')}::text || ok.name AS title, ${ph('bodyPrefix')}::text || ok.at_address AS body,
      jsonb_build_object('orderId', x.id::text) AS link FROM staff s CROSS JOIN ok CROSS JOIN x`)})
    SELECT ${COLUMNS}, json_build_object('id', ev.id::text, 'action', ev.action, 'from', ev.from_state, 'to', ev.to_state, 'actorId', ev.actor_id::text,
      'actorName', ${nameOf(personNames, sql`ev.actor_id`)}, 'actorKind', ev.actor_kind, 'note', ev.note, 'data', ev.data, 'at', ev.at::text) AS event,
      (SELECT row_to_json(it) FROM it) AS item, (SELECT json_agg(told) FROM told) AS notified
    FROM x ${JOINS} CROSS JOIN ev`)

/**
 * The whole placing of a resident's own order at home in one statement: the item and the home are
 * read, and only when every rule of `assertOrderable` holds (the item is current, offered over the
 * home, open to the resident's age or tags) and the item waits for a review (no auto-accept), the
 * order, its first event and the reviewers' notifications are written. No row back means one of
 * those did not hold: the caller then places the slow way, whose checks give the precise refusal.
 * The SQL here repeats those rules, it does not replace them; the orders tests run every refusal
 * through both (see orders.service.ts `place`).
 */
export async function placeAtHome(ex: Executor, p: HomePlacing): Promise<{ order: OrderRow; event: Omit<EventRow, 'photos'>; item: ItemRow; notified: NotificationRow[] } | undefined> {
  const [row] = await placeAtHomeStatement(ex, { ...p, staffRoles: p.staffRoles.join(',') })
  if (!row) return undefined
  const { event, item, notified, ...order } = row
  return { order, event, item, notified: notified ?? [] }
}

export async function setOrder(ex: Executor, id: string, sets: SQL[]): Promise<void> {
  await ex.execute(sql`UPDATE orders SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE id = ${id}`)
}

/** `setOrder` for several orders at once (the same changes to each). */
export async function setOrders(ex: Executor, ids: string[], sets: SQL[]): Promise<void> {
  if (ids.length === 0) return
  await ex.execute(sql`UPDATE orders SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`)
}

export interface EventInput {
  orderId: string
  actorId: string | null
  actorKind: 'person' | 'system' | 'device'
  action: string
  from: string | null
  to: string
  note?: string | null
  photoIds?: string[]
  data?: Record<string, unknown>
}

export async function insertEvent(ex: Executor, e: EventInput): Promise<void> {
  await ex.execute(sql`INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, photo_ids, data)
    VALUES (${e.orderId}, ${e.actorId}, ${e.actorKind}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null},
      string_to_array(${(e.photoIds ?? []).join(',')}, ',')::bigint[], ${JSON.stringify(e.data ?? {})}::jsonb)`)
}

/** `insertEvent` for several events in one statement, written in the order given. */
export async function insertEvents(ex: Executor, events: EventInput[]): Promise<void> {
  if (events.length === 0) return
  const list = events.map((e, i) => ({ i, order_id: e.orderId, actor_id: e.actorId, actor_kind: e.actorKind, action: e.action, from_state: e.from, to_state: e.to, note: e.note ?? null, photo_ids: (e.photoIds ?? []).join(','), data: e.data ?? {} }))
  await ex.execute(sql`INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, photo_ids, data)
    SELECT e.order_id, e.actor_id, e.actor_kind, e.action, e.from_state, e.to_state, e.note, string_to_array(e.photo_ids, ',')::bigint[], e.data
    FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS e(order_id bigint, actor_id bigint, actor_kind text, action text, from_state text, to_state text, note text, photo_ids text, data jsonb, i bigint)
    ORDER BY e.i`)
}

export interface EventRow {
  id: string
  action: string
  from: string | null
  to: string
  actorId: string | null
  actorName: string | null
  actorKind: 'person' | 'system' | 'device'
  note: string | null
  photos: { id: string; sha256: string }[]
  data: Record<string, unknown>
  at: string
}

export async function eventsOf(ex: Executor, orderId: string): Promise<EventRow[]> {
  return rows<EventRow>(ex, sql`SELECT e.id::text, e.action, e.from_state AS "from", e.to_state AS "to", e.actor_id::text AS "actorId", p.name AS "actorName",
      e.actor_kind AS "actorKind", e.note, e.data, e.at::text,
      coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY a.id) FROM ${attachmentRows} a WHERE a.id = ANY(e.photo_ids)), '[]'::json) AS photos
    FROM order_events e LEFT JOIN ${personNames} p ON p.id = e.actor_id WHERE e.order_id = ${orderId} ORDER BY e.id`)
}

export async function photosOf(ex: Executor, ids: string[]): Promise<{ id: string; sha256: string }[]> {
  if (ids.length === 0) return []
  return rows(ex, sql`SELECT a.id::text, a.sha256 FROM ${attachmentRows} a WHERE a.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[]) ORDER BY a.id`)
}

/** The grid workers and cadres over a node (who review, dispatch and are reminded). */
export async function staffOver(ex: Executor, orgPath: string, roles: string[]): Promise<string[]> {
  const found = await rows<{ id: string }>(ex, sql`SELECT DISTINCT r.person_id::text AS id FROM ${currentRolesRel} r JOIN ${orgTree} n ON n.id = r.org_id
    WHERE n.path @> ${orgPath}::ltree AND r.role = ANY(string_to_array(${roles.join(',')}, ',')) ORDER BY 1 LIMIT 50`)
  return found.map((r) => r.id)
}

/** `staffOver` for several paths in one statement: each path's people (up to 50, as `staffOver` picks them). */
export async function staffOverEach(ex: Executor, orgPaths: string[], roles: string[]): Promise<Map<string, string[]>> {
  const paths = [...new Set(orgPaths)]
  if (paths.length === 0) return new Map()
  const found = await rows<{ path: string; id: string }>(ex, sql`SELECT p.path, r.person_id::text AS id
    FROM unnest(string_to_array(${paths.join(',')}, ',')) AS p(path) JOIN ${orgTree} n ON n.path @> p.path::ltree JOIN ${currentRolesRel} r ON r.org_id = n.id
    WHERE r.role = ANY(string_to_array(${roles.join(',')}, ','))
    GROUP BY p.path, r.person_id ORDER BY p.path, 2`)
  const out = new Map<string, string[]>(paths.map((p) => [p, []]))
  for (const r of found) {
    const ids = out.get(r.path)!
    if (ids.length < 50) ids.push(r.id)
  }
  return out
}

export async function nodeOf(ex: Executor, id: string): Promise<{ id: string; path: string } | undefined> {
  return firstRow(ex, sql`SELECT id::text, path::text FROM ${orgTree} o WHERE o.id = ${id}`)
}

/** Volunteer teams and units that may be dispatched to an order at `orgPath`: those at its nodes or above, or in its community. */
export async function assigneesNear(ex: Executor, orgPath: string): Promise<{ teams: { id: string; name: string }[]; units: { id: string; name: string }[] }> {
  const community = sql`(SELECT c.path FROM ${orgTree} c WHERE c.path @> ${orgPath}::ltree AND c.kind IN ('community', 'village') ORDER BY nlevel(c.path) DESC LIMIT 1)`
  const teams = await rows<{ id: string; name: string }>(ex, sql`SELECT t.id::text, t.name FROM ${teamRows} t JOIN ${orgTree} o ON o.id = t.org_id
    WHERE t.deleted_at IS NULL AND (o.path @> ${orgPath}::ltree OR o.path <@ ${community}) ORDER BY nlevel(o.path) DESC, t.id LIMIT 50`)
  const units = await rows<{ id: string; name: string }>(ex, sql`SELECT u.id::text, u.name FROM ${unitRows} u JOIN ${orgTree} o ON o.id = u.org_id
    WHERE u.deleted_at IS NULL AND (o.path @> ${orgPath}::ltree OR o.path <@ ${community}) ORDER BY nlevel(o.path) DESC, u.id LIMIT 50`)
  return { teams, units }
}
