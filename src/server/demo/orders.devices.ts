// One-button devices of the demo street (一键通): 40 registered to elderly residents (most living
// alone or as empty nesters), buttons and a few phones in elder mode, each with its secret and
// phones sealed with the PII keyring, family contacts and the community's duty line; heartbeats
// (a few devices silent for days) and a year of presses: most became urgent orders whose ladder
// ran until someone acknowledged or took the order, a few were cancelled in their window.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { maskPhone, type PiiKeyring } from '../kernel/pii.ts'
import { DAY, HOUR, MIN, pick, span, type Ev } from './orders.timeline.ts'
import { makeOrder, type OrderOut, type World } from './orders.ts'

export const DEMO_DEVICES = 40
const LADDER = { grid: 60, nearby: 180, duty: 300, family: 600 }
const STEPS = ['grid', 'nearby', 'duty', 'family'] as const
const STEP_WORDS = { grid: '网格员', nearby: '附近的党员和志愿者', duty: '社区值班电话', family: '家属' }
const GIVEN = ['建华', '丽萍', '志强', '晓燕', '国庆', '春梅', '海涛', '秀兰', '卫东', '红霞']
const RELATIONS = ['儿子', '女儿', '儿媳', '女婿', '侄女', '外甥']

export async function seedDemoDevices(tx: Executor, w: World, pii: PiiKeyring, nextId: () => string, out: OrderOut[]) {
  const { random, now } = w
  const sos = w.items.find((i) => i.item.icon === 'sos' && i.item.where === 'district')
  const old = w.residents.filter((r) => r.birthYear !== null && r.birthYear <= 1955 && r.id !== w.demo.resident && r.id !== w.demo.member)
  const cared = [...old.filter((r) => r.tags.some((t) => t === 'elderly_alone' || t === 'empty_nest')), ...old.filter((r) => !r.tags.some((t) => t === 'elderly_alone' || t === 'empty_nest'))]
  // The demo cadre's community first, so its staff see calls in their lists.
  cared.sort((a, b) => Number(b.community === w.communities[0]) - Number(a.community === w.communities[0]))
  const owners = cared.slice(0, DEMO_DEVICES)
  if (!sos || owners.length === 0) return { devices: 0, presses: 0, insert: async () => undefined }
  const ids = (await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('devices', 'id'))::text AS id FROM generate_series(1, ${owners.length})`)).map((r) => r.id)
  let phoneNo = 0
  const phone = () => `13${7 + (phoneNo % 3)}${String(20_000_000 + ((++phoneNo * 4_999_963) % 70_000_000)).padStart(8, '0')}`
  const devices = owners.map((r, i) => {
    const kind = i % 7 === 6 ? 'phone' : 'button'
    const silent = i % 10 === 3
    const seen = now - (silent ? (2 + random() * 7) * DAY : random() * 20 * HOUR)
    const duty = `0791-8${String(3_000_000 + i * 7_919).slice(0, 7)}`
    return {
      id: ids[i]!, serial: `YJT-${kind === 'phone' ? 'P' : 'B'}${String(26_0001 + i)}`, kind, person_id: r.id, org_id: r.building, default_item_id: sos.id,
      secret_enc: pii.encrypt('device_secret', randomBytes(24).toString('base64url')), cancel_window_s: kind === 'phone' ? 15 : 10, ladder: LADDER,
      duty_phone_enc: pii.encrypt('phone', duty), duty_phone_mask: `${duty.slice(0, 4)}****${duty.slice(-2)}`, last_seen_at: new Date(seen).toISOString(),
      battery: silent ? 5 + Math.floor(random() * 10) : 30 + Math.floor(random() * 70), last_signed_at: Math.floor(seen), created_at: new Date(w.yearStart + random() * 60 * DAY).toISOString(),
      r,
    }
  })
  // Family first; the demo resident is the neighbour on call for the first device of their community.
  const contacts = devices.flatMap((d, i) => Array.from({ length: 1 + (i % 3 === 0 ? 1 : 0) }, (_, k) => {
    const p = phone()
    return { device_id: d.id, name: `${d.r.name[0]}${pick(random, GIVEN)}`, relation: pick(random, RELATIONS), person_id: null as string | null, phone_enc: pii.encrypt('phone', p), phone_mask: maskPhone(p), position: k }
  }))
  const neighbour = devices.find((d) => d.r.community === w.communities[0])
  const p = phone()
  if (neighbour) contacts.push({ device_id: neighbour.id, name: w.names.get(w.demo.resident) ?? '邻居', relation: '邻居', person_id: w.demo.resident, phone_enc: pii.encrypt('phone', p), phone_mask: maskPhone(p), position: 2 })

  const presses: Record<string, unknown>[] = []
  for (const d of devices) {
    const count = 2 + Math.floor(random() * 5)
    const family = contacts.filter((c) => c.device_id === d.id).length
    for (let k = 0; k < count; k++) {
      const recent = k === 0 && presses.length < 10
      const cancelled = !recent && random() < 0.12
      const win = d.cancel_window_s * 1000
      if (cancelled) {
        const at = Date.parse(d.created_at) + random() * (now - Date.parse(d.created_at) - DAY)
        presses.push({ device_id: d.id, state: 'cancelled', signed_at: Math.floor(at), received_at: iso(at), order_at: iso(at + win), order_id: null, steps: [], acknowledged_at: null, acknowledged_by: null })
        continue
      }
      const o = makeOrder(w, nextId(), { state: recent ? pick(random, ['in_progress', 'completed', 'confirmed']) : 'confirmed', item: sos, r: d.r, channel: d.kind === 'phone' ? 'elder_button' : 'device', urgent: true })
      if (!o) continue
      const t0 = o.events[0]!.at
      if (t0 - win < Date.parse(d.created_at)) continue
      o.cols.note = `${d.kind === 'phone' ? '长辈版一键呼叫' : '一键通呼叫'}（设备 ${d.serial}）`
      o.events[0]!.note = o.cols.note as string
      const claim = o.events.find((e) => e.action === 'claim')?.at ?? now
      // Someone acknowledges within minutes (often the grid worker), else the ladder runs until the order is taken.
      const staff = w.staffOf.get(d.r.building) ?? []
      const ackAt = staff.length && random() < 0.55 && claim - t0 > 2 * MIN ? t0 + span(random, 40_000, Math.min(8 * MIN, claim - t0 - 30_000)) : null
      const ackBy = ackAt ? pick(random, staff) : null
      const until = ackAt ?? claim
      const steps: { step: string; at: string; notified: number }[] = []
      let at = t0
      for (const [n, step] of STEPS.entries()) {
        if (n > 0) at += LADDER[step] * 1000
        if (at > until || at > now) break
        const notified = step === 'grid' ? staff.length : step === 'nearby' ? 3 + Math.floor(random() * 10) : step === 'duty' ? (w.cadresOf.get(d.r.community)?.length ?? 0) + 1 : family
        steps.push({ step, at: iso(at), notified })
        o.events.push({ actor: null, kind: 'system', action: 'call_step', from: 'open', to: 'open', at, note: n === 0 ? `呼叫通知${STEP_WORDS[step]}` : `无人响应，升级通知${STEP_WORDS[step]}`, data: { step, notified } } as Ev)
      }
      if (ackAt && ackBy) o.events.push({ actor: ackBy, kind: 'person', action: 'acknowledge', from: 'open', to: 'open', at: ackAt, note: '已响应呼叫' })
      o.events.sort((a, b) => a.at - b.at)
      // Taken before the ladder ended: the sweep marked the press acknowledged by whoever took it.
      const takenEarly = !ackAt && steps.length < STEPS.length && claim < now
      presses.push({
        device_id: d.id, state: ackAt || takenEarly ? 'acknowledged' : 'ordered', signed_at: Math.floor(t0 - win), received_at: iso(t0 - win), order_at: iso(t0), order_id: o.id, steps,
        acknowledged_at: ackAt ? iso(ackAt) : takenEarly ? iso(claim) : null, acknowledged_by: ackBy ?? (takenEarly ? o.assignee?.provider ?? null : null),
      })
      out.push(o)
    }
  }
  // A device's newest signed timestamp is its last heartbeat or press.
  for (const d of devices) d.last_signed_at = Math.max(d.last_signed_at, ...presses.filter((p) => p.device_id === d.id).map((p) => p.signed_at as number))

  return {
    devices: devices.length,
    presses: presses.length,
    async insert() {
      await tx.execute(sql`INSERT INTO devices (id, serial, kind, person_id, org_id, default_item_id, secret_enc, cancel_window_s, ladder, duty_phone_enc, duty_phone_mask,
          last_seen_at, battery, last_signed_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, serial, kind, person_id, org_id, default_item_id, secret_enc, cancel_window_s, ladder, duty_phone_enc, duty_phone_mask, last_seen_at, battery, last_signed_at, created_at, created_at
        FROM json_to_recordset(${JSON.stringify(devices.map(({ r: _r, ...d }) => d))}::json) AS x(id bigint, serial text, kind text, person_id bigint, org_id bigint, default_item_id bigint,
          secret_enc text, cancel_window_s int, ladder jsonb, duty_phone_enc text, duty_phone_mask text, last_seen_at timestamptz, battery smallint, last_signed_at bigint, created_at timestamptz)
        ORDER BY id`)
      await tx.execute(sql`INSERT INTO device_contacts (device_id, name, relation, person_id, phone_enc, phone_mask, position)
        SELECT device_id, name, relation, person_id, phone_enc, phone_mask, position FROM json_to_recordset(${JSON.stringify(contacts)}::json)
          AS x(device_id bigint, name text, relation text, person_id bigint, phone_enc text, phone_mask text, position smallint) ORDER BY device_id, position`)
      await tx.execute(sql`INSERT INTO device_presses (device_id, state, signed_at, received_at, order_at, order_id, steps, next_step_at, acknowledged_at, acknowledged_by)
        SELECT device_id, state, signed_at, received_at, order_at, order_id, steps, NULL, acknowledged_at, acknowledged_by FROM json_to_recordset(${JSON.stringify(presses)}::json)
          AS x(device_id bigint, state text, signed_at bigint, received_at timestamptz, order_at timestamptz, order_id bigint, steps jsonb, acknowledged_at timestamptz, acknowledged_by bigint)
        ORDER BY received_at`)
    },
  }
}

const iso = (t: number) => new Date(t).toISOString()
