// SQL of one-button devices (一键通): registration with sealed secret and contacts, the signed
// press and heartbeat bookkeeping, the presses waiting out their cancel window and the escalation
// ladders due a next step.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import type { OrderDetail } from './orders.schemas.ts'

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

export async function findDevice(ex: Executor, id: string, silentHours: number, lock = false): Promise<DeviceRow | undefined> {
  if (lock) await ex.execute(sql`SELECT id FROM devices WHERE id = ${id} FOR UPDATE`)
  return firstRow<DeviceRow>(ex, sql`${deviceSelect(silentHours)} WHERE d.id = ${id}`)
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

/** A press; false when the device already sent this timestamp (a replay). */
export async function insertPress(ex: Executor, deviceId: string, signedAt: number, cancelWindowS: number): Promise<string | null> {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO device_presses (device_id, state, signed_at, order_at)
    VALUES (${deviceId}, 'pending', ${signedAt}, now() + make_interval(secs => ${cancelWindowS})) ON CONFLICT (device_id, signed_at) DO NOTHING RETURNING id::text`)
  return row?.id ?? null
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
