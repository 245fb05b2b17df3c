// Service orders of the demo street (三单制, 五单; issue 15): the catalogue of orders.catalogue.ts,
// a year of about 3,000 orders placed by the street's residents (in the app, by cadres for them
// after a call, by one-button devices) and served by members, volunteers, teams, units and the
// grid staff, in every state, each with the timeline the module would have written (one event per
// transition, reminders and escalations where a stage ran late); confirmed orders paid their
// provider in points (the module's idempotency keys) and in hours (the time bank). The demo
// resident and member have orders of their own in several states, and open orders wait near
// their homes in the grab hall. Devices and their presses: orders.devices.ts.
//
// Deterministic (a seeded PRNG); dated back from the seeding moment, so what is open is still
// open (not overdue unless meant to be) when the demo is shown. Bulk SQL: one INSERT per table.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import type { PiiKeyring } from '../kernel/pii.ts'
import { createRandom } from './geography/city.ts'
import * as points from '../modules/points/points.repository.ts'
import { awardInBulk, openPointsAccounts } from './points.ts'
import { insertCatalogue, type SeededItem } from './orders.catalogue.ts'
import { DAY, HOUR, MIN, live, pick, type Assignee, type Ev, type Random } from './orders.timeline.ts'
import { seedDemoDevices } from './orders.devices.ts'
import { fillDemoCardHours } from './members.ts'

export const DEMO_ORDERS = 2880
const AUTO_CONFIRM_DAYS = 3
const THIS_YEAR = 2026

export interface Resident { id: string; name: string; building: string; community: string; address: string; lng: number; lat: number; birthYear: number | null; tags: string[] }
interface Provider { id: string; name: string; community: string | null; skills: string[] }
interface Group { id: string; name: string; people: string[]; kind?: string }

export interface World {
  random: Random
  now: number
  yearStart: number
  street: { id: string; path: string }
  communities: string[]
  items: SeededItem[]
  residents: Resident[]
  staffOf: Map<string, string[]>
  cadresOf: Map<string, string[]>
  volunteers: Provider[]
  members: Provider[]
  teams: Group[]
  units: Group[]
  names: Map<string, string>
  demo: Record<'resident' | 'member' | 'cadre' | 'grid', string>
}

export interface OrderOut { id: string; item: SeededItem; version: string; r: Resident; state: string; channel: string; placedBy: string | null; urgent: boolean
  events: Ev[]; cols: Record<string, unknown>; assignee: Assignee | null; window: [number, number] | null; dueAt: number | null; remindedAt: number | null; escalatedAt: number | null; mergedInto?: string }

export interface Spec { state: string; item?: SeededItem; r?: Resident; provider?: string; channel?: string; urgent?: boolean; lag?: number; overdue?: boolean }

const elderly = (r: Resident) => r.birthYear !== null && THIS_YEAR - r.birthYear >= 60
export const offered = (w: World, i: SeededItem, r: Resident) => (i.item.where !== 'community' || i.orgId === r.community)
  && (i.item.audience === 'elderly' ? elderly(r) : i.item.audience === 'tagged' ? r.tags.some((t) => i.item.tags!.includes(t)) : true)

/** Who serves: a grab by someone who may (members of the community, volunteers living there, the grid staff), or a dispatch. */
function chooser(w: World, i: SeededItem, r: Resident, forced?: string) {
  const k = i.item.kinds
  return (claimed: boolean): Assignee => {
    const person = (id: string): Assignee => ({ kind: 'person', id, name: w.names.get(id) ?? '', provider: id })
    if (forced) return person(forced)
    const pool = [
      ...(k.includes('member') ? w.members.filter((m) => m.community === r.community) : []),
      ...(k.includes('volunteer') ? w.volunteers.filter((v) => v.community === r.community && (!i.item.skill || v.skills.includes(i.item.skill) || w.random() < 0.3)) : []),
    ].map((p) => p.id).filter((p) => p !== r.id)
    // The demo's own staff accounts review and dispatch but do not serve (their hours stay those of the volunteers demo).
    const own = [w.demo.grid, w.demo.cadre]
    const everyone = (w.staffOf.get(r.building) ?? []).concat(w.cadresOf.get(r.community) ?? [])
    const staff = everyone.filter((p) => !own.includes(p)).length ? everyone.filter((p) => !own.includes(p)) : everyone
    if (claimed) {
      if (k.includes('member') && r.community === w.communities[0] && w.random() < 0.12) return person(w.demo.member)
      return person(pool.length && (!k.includes('staff') || w.random() < 0.7) ? pick(w.random, pool) : pick(w.random, staff))
    }
    const group = (g: Group, kind: 'team' | 'unit'): Assignee => ({ kind, id: g.id, name: g.name, provider: pick(w.random, g.people.filter((p) => p !== r.id)) })
    if (k.includes('team') && w.random() < 0.5) return group(pick(w.random, w.teams), 'team')
    if (k.includes('merchant') || k.includes('unit')) {
      const shops = w.units.filter((u) => (k.includes('merchant') && u.kind === 'merchant') || k.includes('unit'))
      if (shops.length) return group(pick(w.random, shops), 'unit')
    }
    if (k.includes('staff') || k.includes('department') || pool.length === 0) return person(pick(w.random, staff))
    return person(pick(w.random, pool))
  }
}

const stageOf = (state: string, item: SeededItem['item']): number | null => {
  const [r, c, f] = item.hours!
  return state === 'placed' ? r : state === 'accepted' || state === 'open' ? c : state === 'assigned' || state === 'in_progress' ? f : state === 'completed' ? AUTO_CONFIRM_DAYS * 24 : null
}

/** One order: its life from live(), placed so that it ends at the right moment before now. */
export function makeOrder(w: World, id: string, s: Spec): OrderOut | null {
  const { random, now } = w
  let item = s.item
  let r = s.r
  const fits = (i: SeededItem) => (s.state !== 'open' || i.item.grab) && (s.state !== 'accepted' || !i.item.grab) && (!['placed', 'refused', 'merged'].includes(s.state) || !i.item.autoAccept)
  for (let n = 0; !(item && r && offered(w, item, r) && fits(item)); n++) {
    if (n > 60) return null
    if (!s.item || n > 30) item = weighted(w)
    if (!s.r || n > 20) r = pick(random, w.residents)
  }
  item = item!
  r = r!
  const proxy = !s.channel && (random() < (item.item.audience === 'everyone' ? 0.08 : 0.2)) && (w.cadresOf.get(r.community)?.length ?? 0) > 0
  const channel = s.channel ?? (proxy ? 'proxy' : 'app')
  const placedBy = channel === 'proxy' ? pick(random, w.cadresOf.get(r.community)!) : channel === 'app' ? r.id : null
  const staff = w.staffOf.get(r.building) ?? []
  const reviewer = staff.length && random() < 0.7 ? pick(random, staff) : pick(random, w.cadresOf.get(r.community) ?? staff)
  const versionAt = (t: number) => [...item!.versions].reverse().find((v) => v.from <= t) ?? item!.versions[0]!
  // The terms depend on the version, the version on when it is placed: live with the current one, then settle.
  const plan = { state: s.state, terms: item.versions.at(-1)!.terms, requester: r.id, placedBy, channel, reviewer, assignee: chooser(w, item, r, s.provider), urgent: s.urgent ?? false, home: r, mergeInto: '0' }
  const sub = Math.floor(random() * 2 ** 31)
  const run = (origin: number) => live(createRandom(sub), plan, AUTO_CONFIRM_DAYS, origin)
  const target = stageOf(s.state, item.item)
  let t0: number
  let life: ReturnType<typeof live>
  if (target === null) {
    // Closed: placed some day of the year, in the daytime unless it was a call for help.
    const at = w.yearStart + random() * (now - w.yearStart - 12 * DAY)
    t0 = s.urgent ? at : Math.floor((at + 8 * HOUR) / DAY) * DAY - 8 * HOUR + (7.5 + random() * 13.5) * HOUR
    life = run(t0)
    t0 -= Math.max(0, t0 + life.events.at(-1)!.at - (now - 2 * HOUR))
  } else {
    // Still on its way: its last step lies `lag` before now (lived twice, to know where it starts).
    const lag = s.lag ?? (s.overdue ? target * HOUR * (1.1 + random() * 1.8) : Math.max(3 * MIN, random() * target * HOUR * (s.state === 'completed' ? 0.8 : 0.6)))
    life = run(now - lag - run(now - lag).events.at(-1)!.at)
    t0 = now - lag - life.events.at(-1)!.at
  }
  const last = life.events.at(-1)!
  const state = last.to
  const stage = stageOf(state, item.item)
  let dueAt: number | null = null
  let remindedAt: number | null = null
  let escalatedAt: number | null = null
  if (stage !== null) {
    const entry = t0 + last.at
    dueAt = entry + stage * HOUR
    if (dueAt + MIN < now && state !== 'open' && state !== 'completed') {
      remindedAt = dueAt + MIN
      life.events.push({ actor: null, kind: 'system', action: 'remind', from: state, to: state, at: last.at + stage * HOUR + MIN, note: state === 'assigned' || state === 'in_progress' ? '服务超时提醒' : '审核或派单超时提醒' })
      if (entry + 2 * stage * HOUR + MIN < now) {
        escalatedAt = entry + 2 * stage * HOUR + MIN
        life.events.push({ actor: null, kind: 'system', action: 'escalate', from: state, to: state, at: last.at + 2 * stage * HOUR + MIN, note: '严重超时，上报街道' })
      }
    }
  }
  for (const e of life.events) e.at += t0
  const version = versionAt(t0)
  const served = life.cols.checkedInAt as number | undefined
  let window: [number, number] | null = null
  if (item.item.list !== 'public' && random() < 0.4) {
    if (served !== undefined) {
      const from = Math.floor((served + t0 - random() * 40 * MIN) / (30 * MIN)) * 30 * MIN
      window = [from, from + 2 * HOUR]
    } else {
      const day = Math.floor((Math.max(now, t0) + 8 * HOUR) / DAY) * DAY - 8 * HOUR + (1 + Math.floor(random() * 3)) * DAY
      const from = day + (random() < 0.5 ? 18.5 : 9) * HOUR
      window = [from, from + 2 * HOUR]
    }
  }
  for (const k of Object.keys(life.cols)) if (k.endsWith('At') && typeof life.cols[k] === 'number') life.cols[k] = (life.cols[k] as number) + t0
  for (const e of life.events) if (e.action === 'place') e.data = { ...e.data, itemVersion: version.version }
  return { id, item, version: version.id, r, state, channel, placedBy, urgent: s.urgent ?? false, events: life.events, cols: life.cols, assignee: life.assignee, window, dueAt, remindedAt, escalatedAt }
}

let weights: { total: number; items: SeededItem[] } | null = null
function weighted(w: World): SeededItem {
  if (!weights || weights.items !== w.items) weights = { total: w.items.reduce((s, i) => s + (i.item.weight ?? 1), 0), items: w.items }
  let x = w.random() * weights.total
  for (const i of w.items) if ((x -= i.item.weight ?? 1) < 0) return i
  return w.items.at(-1)!
}

/** The state of an order placed some time in the year: mostly closed, recent ones still on their way. */
function stateFor(random: Random, recent: boolean): Spec {
  const r = random()
  if (recent) {
    const states: [string, number][] = [['placed', 0.1], ['accepted', 0.07], ['open', 0.1], ['assigned', 0.12], ['in_progress', 0.08], ['completed', 0.13], ['confirmed', 0.28], ['cancelled', 0.05], ['refused', 0.05], ['merged', 0.02]]
    let x = r
    for (const [s, p] of states) if ((x -= p) < 0) return { state: s, overdue: ['placed', 'accepted', 'assigned', 'in_progress'].includes(s) && random() < 0.25 }
    return { state: 'confirmed' }
  }
  return { state: r < 0.8 ? 'confirmed' : r < 0.88 ? 'cancelled' : r < 0.95 ? 'refused' : 'merged' }
}

export interface DemoOrdersResult { items: number; versions: number; orders: number; events: number; devices: number; presses: number }

export async function seedDemoOrders(tx: Executor, opts: { seed: number; pii: PiiKeyring; now?: Date }): Promise<DemoOrdersResult> {
  const w = await loadWorld(tx, opts)
  if (!w) return { items: 0, versions: 0, orders: 0, events: 0, devices: 0, presses: 0 }
  const ids = (await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('orders', 'id'))::text AS id FROM generate_series(1, ${DEMO_ORDERS + 400})`)).map((r) => r.id)
  let next = 0
  const out: OrderOut[] = []
  const add = (s: Spec) => {
    const o = makeOrder(w, ids[next]!, s)
    if (o) (next++, out.push(o))
    return o
  }
  // The demo accounts' own, in several states; open orders near their homes for the grab hall.
  const home = w.residents.find((r) => r.id === w.demo.resident)
  const byName = (name: string) => w.items.find((i) => i.item.name === name && (!home || offered(w, i, home)))
  if (home) {
    const mine: [string, string, string?][] = [['政策咨询', 'placed'], ['代买生活用品', 'open'], ['家电维修', 'assigned', w.demo.member], ['陪同就医', 'in_progress'], ['上门理发', 'completed', w.demo.member],
      ['管道疏通', 'confirmed'], ['家政保洁', 'confirmed'], ['代办证照', 'refused'], ['搬家服务', 'cancelled'], ['桶装水配送', 'confirmed'], ['辅导作业', 'confirmed', w.demo.member]]
    for (const [name, state, provider] of mine) add({ state, item: byName(name), r: home, provider, lag: state === 'confirmed' || state === 'refused' || state === 'cancelled' ? undefined : 2 * HOUR })
  }
  const memberHome = w.residents.find((r) => r.id === w.demo.member)
  if (memberHome) add({ state: 'confirmed', item: w.items.find((i) => i.item.name === '管道疏通'), r: memberHome })
  const near = w.residents.filter((r) => r.community === w.communities[0] && r.id !== w.demo.resident && r.id !== w.demo.member)
  const grabbable = w.items.filter((i) => i.item.grab && (i.item.kinds.includes('member') || i.item.kinds.includes('volunteer')) && !i.item.skill)
  for (let n = 0; n < 12 && near.length; n++) add({ state: 'open', item: pick(w.random, grabbable), r: pick(w.random, near) })
  for (let n = 0; n < 8; n++) add({ state: pick(w.random, ['confirmed', 'confirmed', 'confirmed', 'in_progress']), r: pick(w.random, near), item: pick(w.random, grabbable), provider: w.demo.member })
  // The year: a tenth of the orders in the last week.
  while (next < DEMO_ORDERS) add(stateFor(w.random, w.random() < 0.1))
  const devices = await seedDemoDevices(tx, w, opts.pii, () => ids[next++]!, out)
  // A merged order joins an earlier one of the same item in its community.
  for (const o of out.filter((x) => x.state === 'merged')) {
    const t = o.events[0]!.at
    const into = out.find((x) => x !== o && x.item === o.item && x.r.community === o.r.community && x.events[0]!.at < t && !['refused', 'merged', 'cancelled'].includes(x.state))
      ?? out.find((x) => x !== o && x.r.community === o.r.community && x.events[0]!.at < t && !['refused', 'merged', 'cancelled'].includes(x.state))
    // None before it: refused as a duplicate of a call instead.
    if (!into) o.state = 'refused'
    else o.mergedInto = into.id
    for (const e of o.events) if (e.action === 'review') Object.assign(e, into ? { data: { ...e.data, mergedIntoId: into.id } } : { to: 'refused', data: { decision: 'refuse' } })
  }
  const events = await insertOrders(tx, out)
  await devices.insert()
  await pay(tx, w, out.filter((o) => o.state === 'confirmed').map((o) => o.id))
  // The members' feedback cards count services given, orders served among them.
  await fillDemoCardHours(tx)
  const versions = w.items.reduce((s, i) => s + i.versions.length, 0)
  return { items: w.items.length, versions, orders: out.length, events, devices: devices.devices, presses: devices.presses }
}

const iso = (t: unknown) => (typeof t === 'number' ? new Date(t).toISOString() : null)

async function insertOrders(tx: Executor, out: OrderOut[]): Promise<number> {
  const orderRows = out.map((o) => {
    const c = o.cols
    const a = o.assignee
    const assigned = a !== null && !['refused', 'merged', 'placed', 'accepted', 'open'].includes(o.state) && !(o.state === 'cancelled' && c.assignedAt === undefined)
    return {
      id: o.id, item_id: o.item.id, item_version_id: o.version, org_id: o.r.building, community_id: o.r.community, state: o.state, requester_id: o.r.id, placed_by: o.placedBy,
      channel: o.channel, lng: o.r.lng, lat: o.r.lat, address: o.r.address, window_from: o.window ? iso(o.window[0]) : null, window_to: o.window ? iso(o.window[1]) : null,
      note: (c.note as string | undefined) ?? null, urgent: o.urgent, assignee_kind: assigned ? a.kind : null, assignee_person_id: assigned && a.kind === 'person' ? a.id : null,
      assignee_team_id: assigned && a.kind === 'team' ? a.id : null, assignee_unit_id: assigned && a.kind === 'unit' ? a.id : null,
      provider_id: assigned && (a.kind === 'person' || c.startedAt !== undefined) ? a.provider : null,
      reviewed_at: iso(c.reviewedAt), assigned_at: assigned ? iso(c.assignedAt) : null, started_at: iso(c.startedAt), checked_in_at: iso(c.checkedInAt), checkin_distance_m: c.checkinDistanceM ?? null,
      completed_at: ['completed', 'confirmed'].includes(o.state) ? iso(c.completedAt) : null, result: c.result ?? null, hours: c.hours ?? null,
      confirmed_at: o.state === 'confirmed' ? iso(c.confirmedAt) : null, confirmed_how: o.state === 'confirmed' ? c.confirmedHow : null, rating: c.rating ?? null, rating_comment: c.ratingComment ?? null,
      reworks: c.reworks, merged_into_id: o.mergedInto ?? null, reason: ['refused', 'merged', 'cancelled'].includes(o.state) ? c.reason ?? null : null,
      due_at: iso(o.dueAt), reminded_at: iso(o.remindedAt), escalated_at: iso(o.escalatedAt), created_at: iso(o.events[0]!.at), updated_at: iso(o.events.at(-1)!.at),
    }
  })
  await tx.execute(sql`INSERT INTO orders (id, item_id, item_version_id, org_id, community_id, state, requester_id, placed_by, channel, location, address, window_from, window_to, note,
      urgent, assignee_kind, assignee_person_id, assignee_team_id, assignee_unit_id, provider_id, reviewed_at, assigned_at, started_at, checked_in_at, checkin_distance_m, completed_at,
      result, hours, confirmed_at, confirmed_how, rating, rating_comment, reworks, merged_into_id, reason, due_at, reminded_at, escalated_at, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, item_id, item_version_id, org_id, community_id, state, requester_id, placed_by, channel, ST_SetSRID(ST_MakePoint(lng, lat), 4326), address, window_from, window_to, note,
      urgent, assignee_kind, assignee_person_id, assignee_team_id, assignee_unit_id, provider_id, reviewed_at, assigned_at, started_at, checked_in_at, checkin_distance_m, completed_at,
      result, hours, confirmed_at, confirmed_how, rating, rating_comment, reworks, merged_into_id, reason, due_at, reminded_at, escalated_at, created_at, updated_at
    FROM json_to_recordset(${JSON.stringify(orderRows)}::json) AS x(id bigint, item_id bigint, item_version_id bigint, org_id bigint, community_id bigint, state text, requester_id bigint,
      placed_by bigint, channel text, lng float8, lat float8, address text, window_from timestamptz, window_to timestamptz, note text, urgent boolean, assignee_kind text,
      assignee_person_id bigint, assignee_team_id bigint, assignee_unit_id bigint, provider_id bigint, reviewed_at timestamptz, assigned_at timestamptz, started_at timestamptz,
      checked_in_at timestamptz, checkin_distance_m int, completed_at timestamptz, result text, hours numeric, confirmed_at timestamptz, confirmed_how text, rating smallint,
      rating_comment text, reworks smallint, merged_into_id bigint, reason text, due_at timestamptz, reminded_at timestamptz, escalated_at timestamptz, created_at timestamptz, updated_at timestamptz)
    ORDER BY id`)
  const eventRows = out.flatMap((o) => o.events.map((e, n) => ({ order_id: o.id, n, actor_id: e.actor, actor_kind: e.kind, action: e.action, from_state: e.from, to_state: e.to, note: e.note ?? null, data: e.data ?? {}, at: iso(e.at) })))
  await tx.execute(sql`INSERT INTO order_events (order_id, actor_id, actor_kind, action, from_state, to_state, note, data, at)
    SELECT order_id, actor_id, actor_kind, action, from_state, to_state, note, data, at FROM json_to_recordset(${JSON.stringify(eventRows)}::json)
      AS x(order_id bigint, n int, actor_id bigint, actor_kind text, action text, from_state text, to_state text, note text, data jsonb, at timestamptz)
    ORDER BY at, order_id, n`)
  return eventRows.length
}

/** What confirmation paid, as the module pays it: points once per order (and for five stars), hours in the time bank. */
async function pay(tx: Executor, w: World, confirmed: string[]) {
  const list = confirmed.join(',')
  const ours = sql`o.id = ANY(string_to_array(${list}, ',')::bigint[]) AND o.state = 'confirmed' AND o.provider_id IS NOT NULL`
  const done = sql`SELECT 'order_completed' AS rule_code, o.provider_id AS person_id, o.org_id, q.quantity, round(r.points * q.quantity)::bigint AS points,
      'order_completed:' || o.id AS key, '完成服务订单 #' || o.id || ' ' || v.name AS memo, false AS private, o.confirmed_at AS at
    FROM orders o JOIN service_item_versions v ON v.id = o.item_version_id JOIN points_rules r ON r.code = 'order_completed'
      CROSS JOIN LATERAL (SELECT CASE WHEN v.points > 0 THEN greatest(0.01, round(v.points::numeric / r.points, 2)) ELSE 1 END AS quantity) q
    WHERE ${ours}`
  const stars = sql`SELECT 'rating_five_star' AS rule_code, o.provider_id AS person_id, o.org_id, 1 AS quantity, r.points::bigint AS points,
      'order_rating_five_star:' || o.id AS key, '服务订单 #' || o.id || ' 获得五星好评' AS memo, false AS private, o.updated_at AS at
    FROM orders o JOIN points_rules r ON r.code = 'rating_five_star' WHERE ${ours} AND o.rating = 5`
  await openPointsAccounts(tx, sql`SELECT person_id, org_id FROM (${done}) s`)
  const issuer = await points.ensureIssuerAccount(tx, w.street.id)
  await awardInBulk(tx, issuer, done)
  await awardInBulk(tx, issuer, stars)
  const hours = sql`FROM orders o JOIN service_item_versions v ON v.id = o.item_version_id WHERE ${ours} AND o.hours > 0 AND o.provider_id <> o.requester_id`
  await tx.execute(sql`INSERT INTO volunteers (person_id) SELECT DISTINCT o.provider_id ${hours} ORDER BY 1 ON CONFLICT (person_id) DO NOTHING`)
  await tx.execute(sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note, source_key, created_at, updated_at)
    SELECT o.org_id, o.provider_id, o.requester_id, least(o.hours, 24), (o.completed_at AT TIME ZONE 'Asia/Shanghai')::date, '服务订单 #' || o.id || ' ' || v.name, 'order:' || o.id,
      o.confirmed_at, o.confirmed_at ${hours} ORDER BY o.confirmed_at, o.id`)
}

async function loadWorld(tx: Executor, opts: { seed: number; now?: Date }): Promise<World | null> {
  const accounts = await rows<{ username: string; person_id: string; org_id: string; path: string }>(tx, sql`SELECT a.username, a.person_id::text, r.org_id::text, o.path::text
    FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id
    WHERE a.username IN ('district', 'street', 'cadre', 'grid', 'member', 'resident') ORDER BY r.id`)
  const acc = (u: string) => accounts.find((a) => a.username === u)
  const [district, street, cadre] = [acc('district'), acc('street'), acc('cadre')]
  if (!district || !street || !cadre || !acc('resident') || !acc('member') || !acc('grid')) return null
  const communities = (await rows<{ id: string }>(tx, sql`SELECT id::text FROM orgs WHERE parent_id = ${street.org_id} AND kind IN ('community', 'village') AND deleted_at IS NULL
    ORDER BY id <> ${cadre.org_id}, id`)).map((c) => c.id)
  const residents = await rows<Resident>(tx, sql`SELECT DISTINCT ON (r.person_id) r.person_id::text AS id, p.name, b.id::text AS building, c.id::text AS community,
      concat_ws('', c.name, b.name, r.household) AS address, ST_X(ST_PointOnSurface(coalesce(b.geometry, c.geometry))) AS lng, ST_Y(ST_PointOnSurface(coalesce(b.geometry, c.geometry))) AS lat,
      r.birth_year AS "birthYear", r.tags
    FROM residents r JOIN people p ON p.id = r.person_id AND p.deleted_at IS NULL JOIN orgs b ON b.id = r.org_id JOIN orgs c ON c.path @> b.path AND c.kind IN ('community', 'village')
    WHERE r.deleted_at IS NULL AND b.path <@ ${street.path}::ltree AND coalesce(b.geometry, c.geometry) IS NOT NULL ORDER BY r.person_id, r.id`)
  const staff = await rows<{ building: string; staff: string[] }>(tx, sql`SELECT b.id::text AS building, array_agg(ra.person_id::text ORDER BY ra.id) AS staff
    FROM orgs b JOIN orgs g ON g.path @> b.path JOIN role_assignments ra ON ra.org_id = g.id AND ra.role IN ('grid_worker', 'grid_leader')
    WHERE b.kind = 'building' AND b.path <@ ${street.path}::ltree GROUP BY b.id`)
  const cadres = await rows<{ community: string; staff: string[] }>(tx, sql`SELECT ra.org_id::text AS community, array_agg(ra.person_id::text ORDER BY ra.id) AS staff
    FROM role_assignments ra WHERE ra.role = 'community_cadre' AND ra.org_id IN (SELECT id FROM orgs WHERE parent_id = ${street.org_id}) GROUP BY ra.org_id`)
  const home = new Map(residents.map((r) => [r.id, r.community]))
  const volunteers = (await rows<{ id: string; name: string; skills: string[]; role_org: string | null }>(tx, sql`SELECT v.person_id::text AS id, p.name, v.skills,
      (SELECT ra.org_id::text FROM role_assignments ra WHERE ra.person_id = v.person_id AND ra.role = 'member' ORDER BY ra.id LIMIT 1) AS role_org
    FROM volunteers v JOIN people p ON p.id = v.person_id ORDER BY v.person_id`)).map((v) => ({ id: v.id, name: v.name, skills: v.skills, community: home.get(v.id) ?? v.role_org }))
  const members = await rows<Provider>(tx, sql`SELECT DISTINCT ON (pm.person_id) pm.person_id::text AS id, p.name, pm.community_id::text AS community, '{}'::text[] AS skills
    FROM party_members pm JOIN registrations rg ON rg.member_id = pm.id AND rg.status = 'accepted' JOIN people p ON p.id = pm.person_id
    WHERE pm.community_id IN (SELECT id FROM orgs WHERE parent_id = ${street.org_id}) ORDER BY pm.person_id`)
  const teams = await rows<Group>(tx, sql`SELECT t.id::text, t.name, array_agg(m.person_id::text ORDER BY m.person_id) AS people FROM volunteer_teams t
    JOIN volunteer_team_members m ON m.team_id = t.id GROUP BY t.id ORDER BY t.id`)
  const units = await rows<Group>(tx, sql`SELECT u.id::text, u.name, u.kind, array_agg(up.person_id::text ORDER BY up.person_id) AS people FROM units u
    JOIN unit_people up ON up.unit_id = u.id JOIN orgs o ON o.id = u.org_id WHERE o.path <@ ${street.path}::ltree AND u.deleted_at IS NULL GROUP BY u.id ORDER BY u.id`)
  const staffNames = await rows<{ id: string; name: string }>(tx, sql`SELECT p.id::text, p.name FROM people p WHERE p.id IN (SELECT person_id FROM role_assignments WHERE role IN ('grid_worker', 'grid_leader', 'community_cadre'))`)
  if (residents.length < 50 || communities.length === 0 || teams.length === 0) return null
  const now = (opts.now ?? new Date()).getTime()
  const yearStart = now - 365 * DAY
  const items = await insertCatalogue(tx, { district: district.org_id, street: street.org_id, communities, createdBy: cadre.person_id }, yearStart, now)
  return {
    random: createRandom(opts.seed + 1515 * 15), now, yearStart, street: { id: street.org_id, path: street.path }, communities, items, residents,
    staffOf: new Map(staff.map((s) => [s.building, s.staff])), cadresOf: new Map(cadres.map((c) => [c.community, c.staff])),
    volunteers, members, teams, units,
    names: new Map([...residents, ...volunteers, ...members, ...staffNames].map((p) => [p.id, p.name])),
    demo: { resident: acc('resident')!.person_id, member: acc('member')!.person_id, cadre: cadre.person_id, grid: acc('grid')!.person_id },
  }
}
