// SQL of one-button devices (一键通): registration with sealed secret and contacts, the signed
// press and heartbeat bookkeeping, the presses waiting out their cancel window and the escalation
// ladders due a next step.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { insertNotifications, type NotificationRow } from '../notifications/notifications.write.ts'
import type { OrderChannel, OrderDetail } from './orders.schemas.ts'
import { FROM as ITEM_FROM, itemColumns, type ItemRow } from './orders.catalogue.repository.ts'
import { homeQuery, type Home } from './orders.repository.ts'

export interface Ladder { grid: number; nearby: number; duty: number; family: number }

export interface DeviceRow {
  id: string
  serial: string
  kind: 'button' | 'phone'
  personId: string
  personName: string
  orgId: string
  orgName: string
  orgPath: string
  defaultItemId: string
  defaultItemName: string
  secretEnc: string
  cancelWindowS: number
  ladder: Ladder
  dutyPhoneEnc: string | null
  dutyPhoneMask: string | null
  lastSeenAt: string | null
  battery: number | null
  lastSignedAt: number | null
  retiredAt: string | null
  silent: boolean
  presses: number
  lastPressAt: string | null
  contacts: { name: string; relation: string; phoneMask: string; phoneEnc: string; personId: string | null; personName: string | null }[]
}

const deviceSelect = (silentHours: number) => sql`SELECT d.id::text, d.serial, d.kind, d.person_id::text AS "personId", p.name AS "personName", d.org_id::text AS "orgId", o.name AS "orgName",
    o.path::text AS "orgPath", d.default_item_id::text AS "defaultItemId", v.name AS "defaultItemName", d.secret_enc AS "secretEnc", d.cancel_window_s AS "cancelWindowS",
    d.ladder, d.duty_phone_enc AS "dutyPhoneEnc", d.duty_phone_mask AS "dutyPhoneMask", d.last_seen_at::text AS "lastSeenAt", d.battery,
    d.last_signed_at::float8 AS "lastSignedAt", d.retired_at::text AS "retiredAt",
    (d.retired_at IS NULL AND (d.last_seen_at IS NULL OR d.last_seen_at < now() - make_interval(hours => ${silentHours}))) AS silent,
    (SELECT count(*)::int FROM device_presses dp WHERE dp.device_id = d.id) AS presses,
    (SELECT max(dp.received_at)::text FROM device_presses dp WHERE dp.device_id = d.id) AS "lastPressAt",
    coalesce((SELECT json_agg(json_build_object('name', c.name, 'relation', c.relation, 'phoneMask', c.phone_mask, 'phoneEnc', c.phone_enc,
      'personId', c.person_id::text, 'personName', cp.name) ORDER BY c.position) FROM device_contacts c LEFT JOIN ${personNames} cp ON cp.id = c.person_id
      WHERE c.device_id = d.id), '[]'::json) AS contacts
  FROM devices d JOIN ${personNames} p ON p.id = d.person_id JOIN ${orgTree} o ON o.id = d.org_id
  JOIN service_items i ON i.id = d.default_item_id JOIN service_item_versions v ON v.id = i.current_version_id`

/** A device; `lock` locks its row (in the same statement: a press is a handful of round trips, each counts). */
export async function findDevice(ex: Executor, id: string, silentHours: number, lock = false): Promise<DeviceRow | undefined> {
  return firstRow<DeviceRow>(ex, sql`${deviceSelect(silentHours)} WHERE d.id = ${id} ${lock ? sql`FOR UPDATE OF d` : sql``}`)
}

/** What a press needs of its device: the signing and ladder fields, its item as it is now, and the elder's home. */
export type CallDevice = Pick<DeviceRow, 'id' | 'serial' | 'kind' | 'personId' | 'personName' | 'orgPath' | 'defaultItemId' | 'secretEnc' | 'cancelWindowS' | 'ladder' | 'lastSignedAt' | 'retiredAt'> & {
  item: ItemRow
  home: Home | null
}

/**
 * A device as a press reads it, in one statement (its row locked with `lock`): none of the list's
 * figures (presses, contacts), but the default item and the elder's home the order is placed with.
 */
export async function deviceForCall(ex: Executor, id: string, lock = false): Promise<CallDevice | undefined> {
  return firstRow<CallDevice>(ex, sql`SELECT d.id::text, d.serial, d.kind, d.person_id::text AS "personId", p.name AS "personName", o.path::text AS "orgPath",
      d.default_item_id::text AS "defaultItemId", d.secret_enc AS "secretEnc", d.cancel_window_s AS "cancelWindowS", d.ladder,
      d.last_signed_at::float8 AS "lastSignedAt", d.retired_at::text AS "retiredAt",
      (SELECT row_to_json(it) FROM (SELECT ${itemColumns} ${ITEM_FROM} WHERE i.id = d.default_item_id) it) AS item,
      (SELECT row_to_json(h) FROM (${homeQuery(sql`d.person_id`)}) h) AS home
    FROM devices d JOIN ${personNames} p ON p.id = d.person_id JOIN ${orgTree} o ON o.id = d.org_id
    WHERE d.id = ${id} ${lock ? sql`FOR UPDATE OF d` : sql``}`)
}

export async function devicesOfPerson(ex: Executor, personId: string, silentHours: number): Promise<DeviceRow[]> {
  return rows<DeviceRow>(ex, sql`${deviceSelect(silentHours)} WHERE d.person_id = ${personId} AND d.retired_at IS NULL ORDER BY d.id`)
}

export async function searchDevices(ex: Executor, q: { scopes: string; underPath?: string; silent?: boolean; q?: string; afterId?: string; limit: number; silentHours: number }): Promise<DeviceRow[]> {
  const where: SQL[] = [q.scopes ? sql`o.path <@ ANY(string_to_array(${q.scopes}, ',')::ltree[])` : sql`false`]
  if (q.underPath) where.push(sql`o.path <@ ${q.underPath}::ltree`)
  if (q.silent) where.push(sql`d.retired_at IS NULL AND (d.last_seen_at IS NULL OR d.last_seen_at < now() - make_interval(hours => ${q.silentHours}))`)
  if (q.q) where.push(sql`(d.serial ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} OR p.name ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'})`)
  if (q.afterId) where.push(sql`d.id < ${q.afterId}`)
  return rows<DeviceRow>(ex, sql`${deviceSelect(q.silentHours)} WHERE ${sql.join(where, sql` AND `)} ORDER BY d.id DESC LIMIT ${q.limit + 1}`)
}

export async function serialTaken(ex: Executor, serial: string, exceptId?: string): Promise<boolean> {
  return (await firstRow<{ x: number }>(ex, sql`SELECT 1 AS x FROM devices WHERE lower(serial) = lower(${serial}) ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`)) !== undefined
}

export async function insertDevice(ex: Executor, d: { serial: string; kind: string; personId: string; orgId: string; defaultItemId: string; secretEnc: string; cancelWindowS: number; ladder: Ladder; dutyPhoneEnc: string | null; dutyPhoneMask: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO devices (serial, kind, person_id, org_id, default_item_id, secret_enc, cancel_window_s, ladder, duty_phone_enc, duty_phone_mask)
    VALUES (${d.serial}, ${d.kind}, ${d.personId}, ${d.orgId}, ${d.defaultItemId}, ${d.secretEnc}, ${d.cancelWindowS}, ${JSON.stringify(d.ladder)}::jsonb, ${d.dutyPhoneEnc}, ${d.dutyPhoneMask})
    RETURNING id::text`))!.id
}

export async function setDevice(ex: Executor, id: string, sets: SQL[]): Promise<void> {
  await ex.execute(sql`UPDATE devices SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE id = ${id}`)
}

export async function replaceContacts(ex: Executor, deviceId: string, contacts: { name: string; relation: string; personId: string | null; phoneEnc: string; phoneMask: string }[]): Promise<void> {
  await ex.execute(sql`DELETE FROM device_contacts WHERE device_id = ${deviceId}`)
  for (const [i, c] of contacts.entries()) {
    await ex.execute(sql`INSERT INTO device_contacts (device_id, name, relation, person_id, phone_enc, phone_mask, position)
      VALUES (${deviceId}, ${c.name}, ${c.relation}, ${c.personId}, ${c.phoneEnc}, ${c.phoneMask}, ${i})`)
  }
}

export interface PressRow {
  id: string
  deviceId: string
  serial: string
  personId: string
  personName: string
  state: 'pending' | 'cancelled' | 'ordered' | 'acknowledged'
  receivedAt: string
  orderAt: string
  orderId: string | null
  orderState: string | null
  steps: { step: string; at: string; notified: number }[]
  nextStepAt: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  acknowledgedByName: string | null
  orgPath: string
}

const pressSelect = sql`SELECT dp.id::text, dp.device_id::text AS "deviceId", d.serial, d.person_id::text AS "personId", p.name AS "personName", dp.state,
    dp.received_at::text AS "receivedAt", dp.order_at::text AS "orderAt", dp.order_id::text AS "orderId", x.state AS "orderState", dp.steps,
    dp.next_step_at::text AS "nextStepAt", dp.acknowledged_at::text AS "acknowledgedAt", dp.acknowledged_by::text AS "acknowledgedBy", ap.name AS "acknowledgedByName",
    o.path::text AS "orgPath"
  FROM device_presses dp JOIN devices d ON d.id = dp.device_id JOIN ${personNames} p ON p.id = d.person_id JOIN ${orgTree} o ON o.id = d.org_id
  LEFT JOIN orders x ON x.id = dp.order_id LEFT JOIN ${personNames} ap ON ap.id = dp.acknowledged_by`

export async function findPress(ex: Executor, id: string, lock = false): Promise<PressRow | undefined> {
  if (lock) await ex.execute(sql`SELECT id FROM device_presses WHERE id = ${id} FOR UPDATE`)
  return firstRow<PressRow>(ex, sql`${pressSelect} WHERE dp.id = ${id}`)
}

export async function pressesOf(ex: Executor, q: { scopes: string; deviceId?: string; afterId?: string; limit: number }): Promise<PressRow[]> {
  return rows<PressRow>(ex, sql`${pressSelect} WHERE ${q.scopes ? sql`o.path <@ ANY(string_to_array(${q.scopes}, ',')::ltree[])` : sql`false`}
    ${q.deviceId ? sql`AND dp.device_id = ${q.deviceId}` : sql``} ${q.afterId ? sql`AND dp.id < ${q.afterId}` : sql``} ORDER BY dp.id DESC LIMIT ${q.limit + 1}`)
}

export async function pressOfOrder(ex: Executor, orderId: string): Promise<OrderDetail['press']> {
  const p = await firstRow<PressRow>(ex, sql`${pressSelect} WHERE dp.order_id = ${orderId}`)
  if (!p) return null
  return {
    id: p.id, steps: p.steps, acknowledgedAt: p.acknowledgedAt ? new Date(p.acknowledgedAt).toISOString() : null,
    acknowledgedBy: p.acknowledgedBy ? { id: p.acknowledgedBy, name: p.acknowledgedByName ?? '' } : null,
  }
}

/**
 * A signed press: marks the device seen with the press's timestamp and records the press, in one
 * statement; null when the device already sent this timestamp (a replay).
 */
export async function recordPress(ex: Executor, deviceId: string, signedAt: number, battery: number | undefined, cancelWindowS: number): Promise<{ id: string; orderAt: string } | undefined> {
  return firstRow<{ id: string; orderAt: string }>(ex, sql`WITH seen AS (
      UPDATE devices SET last_signed_at = ${signedAt}, last_seen_at = now(), ${battery !== undefined ? sql`battery = ${battery}, ` : sql``}updated_at = now() WHERE id = ${deviceId} RETURNING id)
    , made AS (INSERT INTO device_presses (device_id, state, signed_at, order_at)
    SELECT seen.id, 'pending', ${signedAt}, now() + make_interval(secs => ${cancelWindowS}) FROM seen ON CONFLICT (device_id, signed_at) DO NOTHING
    RETURNING id, order_at)
    SELECT id::text, order_at::text AS "orderAt" FROM made`)
}

/** A press; false when the device already sent this timestamp (a replay). */
export async function insertPress(ex: Executor, deviceId: string, signedAt: number, cancelWindowS: number): Promise<{ id: string; orderAt: string } | undefined> {
  // order_at is formatted outside the INSERT: Citus refuses timestamptz::text (a STABLE cast) in RETURNING.
  return firstRow<{ id: string; orderAt: string }>(ex, sql`WITH made AS (INSERT INTO device_presses (device_id, state, signed_at, order_at)
    VALUES (${deviceId}, 'pending', ${signedAt}, now() + make_interval(secs => ${cancelWindowS})) ON CONFLICT (device_id, signed_at) DO NOTHING
    RETURNING id, order_at)
    SELECT id::text, order_at::text AS "orderAt" FROM made`)
}

export async function setPress(ex: Executor, id: string, sets: SQL[]): Promise<void> {
  await ex.execute(sql`UPDATE device_presses SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
}

/** Presses past their cancel window (locked, skipping those another sweep holds). */
export async function duePresses(ex: Executor, limit: number): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT id::text FROM device_presses WHERE state = 'pending' AND order_at <= now() ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`)).map((r) => r.id)
}

export async function dueLadders(ex: Executor, limit: number): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT id::text FROM device_presses WHERE acknowledged_at IS NULL AND next_step_at IS NOT NULL AND next_step_at <= now()
    ORDER BY next_step_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`)).map((r) => r.id)
}

/** What `placeCall` is handed: a press past its cancel window, its device's item and the elder's home. */
export interface CallPlacing {
  pressId: string
  item: { id: string; versionId: string; version: number; name: string; grab: boolean }
  requesterId: string
  channel: OrderChannel
  at: { orgId: string; orgPath: string; communityId: string; address: string; lng: number; lat: number }
  note: string
  /** The order's state once accepted ('open' for grabbing, else 'accepted') and that stage's deadline. */
  state: 'open' | 'accepted'
  dueSeconds: number
  /** The sos notification's title, and the wait before the ladder's next step (null: none). */
  sosTitle: string
  nextWaitS: number | null
  stepAt: string
}

const staffOf = (orgPath: string, roles: string[]) => sql`SELECT DISTINCT r.person_id FROM ${currentRoles} r JOIN ${orgTree} n ON n.id = r.org_id
  WHERE n.path @> ${orgPath}::ltree AND r.role = ANY(string_to_array(${roles.join(',')}, ',')) ORDER BY 1 LIMIT 50`

/**
 * A call's order in one statement: the urgent order at the elder's home, accepted at once (open
 * for grabbing, or waiting for a dispatcher), its timeline (placed by the device, accepted, the
 * ladder's first step), the notifications (the community's dispatchers, the elder, and the grid
 * staff: order.sos), and the press marked ordered with its first step and the next one's time.
 * It writes what `placeIn` (urgent), `accept` and the ladder's first step (orders.devices.ts)
 * write one statement at a time; a press was two dozen round trips in one transaction and 50 at
 * once queued behind each other (bench/orders.ts, section 8). Answers the order's id and the
 * notifications written, for their live messages after the commit.
 */
export async function placeCall(ex: Executor, c: CallPlacing): Promise<{ orderId: string; sos: NotificationRow[]; dispatch: NotificationRow[]; requester: NotificationRow[] }> {
  const row = await firstRow<{ orderId: string; sos: NotificationRow[] | null; dispatch: NotificationRow[] | null; requester: NotificationRow[] | null }>(ex, sql`WITH x AS (
      INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, placed_by, channel, location, address, note, photo_ids, urgent, due_at, reviewed_at)
      VALUES (${c.item.id}, ${c.item.versionId}, ${c.at.orgId}, ${c.at.communityId}, ${c.state}, ${c.requesterId}, NULL, ${c.channel},
        ST_SetSRID(ST_MakePoint(${c.at.lng}, ${c.at.lat}), 4326), ${c.at.address}, ${c.note}, '{}'::bigint[], true, now() + make_interval(secs => ${c.dueSeconds}), now())
      RETURNING id, address),
    cadres AS (${staffOf(c.at.orgPath, ['community_cadre', 'grid_leader'])}),
    grid AS (${staffOf(c.at.orgPath, ['grid_worker', 'grid_leader'])}),
    ev AS (
      INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, photo_ids, data)
      SELECT x.id, NULL, e.kind, e.action, e.from_state, e.to_state, e.note, '{}'::bigint[], e.data FROM x CROSS JOIN (VALUES
        (1, 'device', 'place', NULL::text, 'placed', ${c.note}::text, jsonb_build_object('channel', ${c.channel}::text, 'itemVersion', ${c.item.version}::int)),
        (2, 'system', 'review', 'placed', ${c.state}::text, NULL::text, jsonb_build_object('decision', 'accept', 'grab', ${c.item.grab}::boolean)),
        (3, 'system', 'call_step', ${c.state}::text, ${c.state}::text, '呼叫通知网格员', jsonb_build_object('step', 'grid', 'notified', (SELECT count(*)::int FROM grid)))
      ) AS e(n, kind, action, from_state, to_state, note, data) ORDER BY e.n
      RETURNING id),
    told_dispatch AS (${insertNotifications('order.dispatch', sql`SELECT s.person_id, '#' || x.id || ' ' || ${c.item.name}::text || ' 待派单' AS title, x.address AS body,
      jsonb_build_object('orderId', x.id::text) AS link FROM cadres s CROSS JOIN x`)}),
    told_requester AS (${insertNotifications('order.update', sql`SELECT ${c.requesterId}::bigint AS person_id, '订单 #' || x.id || ' 已受理' AS title,
      ${c.item.grab ? '正在为您寻找附近的服务者' : '社区正在为您安排服务者'}::text AS body, jsonb_build_object('orderId', x.id::text) AS link FROM x`)}),
    told_sos AS (${insertNotifications('order.sos', sql`SELECT s.person_id, ${c.sosTitle}::text AS title, x.address || '（网格员请尽快响应）' AS body,
      jsonb_build_object('orderId', x.id::text) AS link FROM grid s CROSS JOIN x`)}),
    pressed AS (
      UPDATE device_presses SET state = 'ordered', order_id = x.id,
        steps = steps || jsonb_build_array(jsonb_build_object('step', 'grid', 'at', ${c.stepAt}::text, 'notified', (SELECT count(*)::int FROM grid))),
        next_step_at = now() + make_interval(secs => ${c.nextWaitS}::float8)
      FROM x WHERE device_presses.id = ${c.pressId} RETURNING device_presses.id)
    SELECT x.id::text AS "orderId", (SELECT json_agg(t) FROM told_sos t) AS sos, (SELECT json_agg(t) FROM told_dispatch t) AS dispatch,
      (SELECT json_agg(t) FROM told_requester t) AS requester, (SELECT count(*) FROM ev) AS events, (SELECT count(*) FROM pressed) AS pressed
    FROM x`)
  return { orderId: row!.orderId, sos: row!.sos ?? [], dispatch: row!.dispatch ?? [], requester: row!.requester ?? [] }
}
