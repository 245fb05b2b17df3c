// The one-button call (一键通): devices registered to a resident by the community, presses that a
// device gateway signs (HMAC-SHA256 of the raw body with the device's secret; the body's
// timestamp must be new and near the server's clock, so a replay is refused), a cancel window
// against false alarms, then an urgent order at the resident's home and an escalation ladder
// that runs until someone acknowledges: the grid worker, members and volunteers nearby, the
// community's duty phone, the family. Heartbeats keep a device off the silent list.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import type { Config } from '../../kernel/config.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { maskPhone, type PiiKeyring } from '../../kernel/pii.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './orders.devices.repository.ts'
import * as orders from './orders.repository.ts'
import * as items from './orders.catalogue.repository.ts'
import type { OrderService } from './orders.service.ts'
import type { OrderEffects } from './orders.effects.ts'
import type { DeviceCreate, DevicePatch } from './orders.schemas.ts'
import type { DeviceSubject } from './orders.policy.ts'
import { stageHours } from './orders.workflow.ts'
import { announceNotifications } from '../notifications/notifications.write.ts'

export const LADDER_STEPS = ['grid', 'nearby', 'duty', 'family'] as const
type Step = (typeof LADDER_STEPS)[number]
const stepWords: Record<Step, string> = { grid: '网格员', nearby: '附近的党员和志愿者', duty: '社区值班电话', family: '家属' }

/** The signature a gateway sends: hex HMAC-SHA256 of the raw body under the device's secret. */
export const signBody = (secret: string, rawBody: string) => createHmac('sha256', secret).update(rawBody).digest('hex')

export function createDevices(deps: { db: Executor; config: Config; pii: PiiKeyring; notifications: Pick<NotificationService, 'notify'>; effects: OrderEffects; orders: Pick<OrderService, 'placeIn' | 'placeOf' | 'assertOrderable'> }) {
  const { db, config, pii, notifications, effects } = deps
  const silentHours = config.DEVICE_SILENT_HOURS
  const timers = new Set<NodeJS.Timeout>()

  const present = (d: repo.DeviceRow, full = false) => ({
    id: d.id, serial: d.serial, kind: d.kind, person: { id: d.personId, name: d.personName }, org: { id: d.orgId, name: d.orgName },
    defaultItem: { id: d.defaultItemId, name: d.defaultItemName }, cancelWindowS: d.cancelWindowS, ladder: d.ladder,
    dutyPhone: d.dutyPhoneEnc && full ? pii.decrypt('phone', d.dutyPhoneEnc) : d.dutyPhoneMask,
    contacts: d.contacts.map((c) => ({ name: c.name, relation: c.relation, phone: full ? pii.decrypt('phone', c.phoneEnc) : c.phoneMask, person: c.personId ? { id: c.personId, name: c.personName ?? '' } : null })),
    lastSeenAt: d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : null, battery: d.battery, silent: d.silent, retired: d.retiredAt !== null,
    presses: d.presses, lastPressAt: d.lastPressAt ? new Date(d.lastPressAt).toISOString() : null,
  })

  const presentPress = (p: repo.PressRow) => ({
    id: p.id, device: { id: p.deviceId, serial: p.serial }, person: { id: p.personId, name: p.personName }, state: p.state,
    receivedAt: new Date(p.receivedAt).toISOString(), orderAt: new Date(p.orderAt).toISOString(), orderId: p.orderId, steps: p.steps,
    acknowledgedAt: p.acknowledgedAt ? new Date(p.acknowledgedAt).toISOString() : null,
    acknowledgedBy: p.acknowledgedBy ? { id: p.acknowledgedBy, name: p.acknowledgedByName ?? '' } : null,
  })

  async function sealContacts(tx: Executor, ctx: RequestContext, contacts: DeviceCreate['contacts']) {
    for (const c of contacts) if (c.personId) await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: c.personId })
    return contacts.map((c) => ({ name: c.name, relation: c.relation, personId: c.personId ?? null, phoneEnc: pii.encrypt('phone', c.phone), phoneMask: maskPhone(c.phone) }))
  }

  async function defaultItemFor(tx: Executor, itemId: string, personId: string) {
    const item = await items.findItem(tx, itemId)
    const home = await orders.homeOf(tx, personId)
    if (!item || !home || item.retiredAt || !(home.orgPath === item.orgPath || home.orgPath.startsWith(item.orgPath + '.'))) {
      throw unprocessable('DEVICE_INVALID', {}, [{ path: 'defaultItemId', message: 'orders.itemNotDefault' }])
    }
    return item
  }

  /**
   * Places the press's order (the cancel window has passed) and takes the ladder's first step: the
   * item and the home are read, then one statement writes the rest (repo.placeCall). The grid
   * staff's live message goes first after the commit: it is the call for help.
   */
  async function call(tx: Executor, pressId: string, d: repo.CallDevice): Promise<string> {
    const { item, home } = d
    if (!home) throw unprocessable('ORDER_NO_ADDRESS')
    const at = { orgId: home.orgId, orgPath: home.orgPath, communityId: home.communityId, address: home.address, lng: home.lng, lat: home.lat }
    const state = item.grab ? 'open' as const : 'accepted' as const
    const placed = await repo.placeCall(tx, {
      pressId, item, requesterId: d.personId, channel: d.kind === 'phone' ? 'elder_button' : 'device', at,
      note: `${d.kind === 'phone' ? '长辈版一键呼叫' : '一键通呼叫'}（设备 ${d.serial}）`,
      state, dueSeconds: Math.round(stageHours(state, item, config.ORDER_AUTO_CONFIRM_DAYS)! * 3600),
      sosTitle: `一键呼叫：${d.personName} 需要帮助`, nextWaitS: d.ladder.nearby ?? null, stepAt: new Date().toISOString(),
    })
    for (const told of [placed.sos, placed.dispatch, placed.requester]) await announceNotifications(tx, told)
    return placed.orderId
  }

  /** A press whose cancel window passed (the sweep, the in-process timer): its order and first step, once. */
  async function settle(tx: Executor, pressId: string): Promise<string | null> {
    const p = await repo.findPress(tx, pressId, true)
    if (!p || p.state !== 'pending') return null
    return call(tx, pressId, (await repo.deviceForCall(tx, p.deviceId))!)
  }

  /** Takes ladder step `i` of a press: tells those of the step, records it, schedules the next. */
  async function ladderStep(tx: Executor, p: repo.PressRow, d: repo.DeviceRow, i: number) {
    const step = LADDER_STEPS[i]!
    const order = (await orders.findOrder(tx, p.orderId!))!
    const title = `一键呼叫：${d.personName} 需要帮助`
    const body = `${order.address}（${stepWords[step]}请尽快响应）`
    let notified = 0
    if (step === 'grid') {
      const staff = await orders.staffOver(tx, order.orgPath, ['grid_worker', 'grid_leader'])
      await notifications.notify(tx, { personIds: staff, kind: 'order.sos', title, body, link: { orderId: order.id } })
      notified = staff.length
    } else if (step === 'nearby') {
      notified = await effects.pushToProviders(tx, order, `${d.defaultItemName}（一键呼叫）`)
    } else if (step === 'duty') {
      const cadres = await orders.staffOver(tx, order.orgPath, ['community_cadre'])
      await notifications.notify(tx, { personIds: cadres, kind: 'order.sos', title: `${title}（已转社区值班）`, body: d.dutyPhoneMask ? `值班电话 ${d.dutyPhoneMask}` : body, link: { orderId: order.id } })
      notified = cadres.length + (d.dutyPhoneMask ? 1 : 0)
    } else {
      const family = d.contacts.map((c) => c.personId).filter((x): x is string => x !== null)
      await notifications.notify(tx, { personIds: family, kind: 'order.sos', title: `${title}（请家属联系）`, body: order.address, link: { orderId: order.id } })
      notified = d.contacts.length
    }
    const next = LADDER_STEPS[i + 1]
    const wait = next ? d.ladder[next] : null
    await repo.setPress(tx, p.id, [
      sql`steps = steps || ${JSON.stringify([{ step, at: new Date().toISOString(), notified }])}::jsonb`,
      wait === null ? sql`next_step_at = NULL` : sql`next_step_at = now() + make_interval(secs => ${wait})`,
    ])
    await orders.insertEvent(tx, { orderId: order.id, actorId: null, actorKind: 'system', action: 'call_step', from: order.state, to: order.state, note: i === 0 ? `呼叫通知${stepWords[step]}` : `无人响应，升级通知${stepWords[step]}`, data: { step, notified } })
  }

  /** In-process timer for a cancel window (the sweep is the backstop after a restart). */
  function settleLater(pressId: string, seconds: number) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      inTransaction(db, (tx) => settle(tx, pressId)).catch(() => undefined)
    }, seconds * 1000 + 50)
    timer.unref()
    timers.add(timer)
  }

  /** A press just recorded: its order at once without a cancel window, else pending. */
  async function press(tx: Executor, d: repo.CallDevice, recorded: { id: string; orderAt: string } | undefined): Promise<{ pressId: string | null; state: 'pending' | 'ordered' | 'heartbeat'; orderAt: string | null; orderId: string | null }> {
    if (!recorded) throw conflict('DEVICE_REPLAY')
    if (d.cancelWindowS === 0) {
      const orderId = await call(tx, recorded.id, d)
      return { pressId: recorded.id, state: 'ordered', orderAt: new Date().toISOString(), orderId }
    }
    return { pressId: recorded.id, state: 'pending', orderAt: new Date(recorded.orderAt).toISOString(), orderId: null }
  }

  return {
    stop() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
    },

    async list(ctx: RequestContext, q: { orgId?: string; silent?: boolean; q?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await requireAccessOne<{ path: string }>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchDevices(db, { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, silent: q.silent, q: q.q, afterId: after?.id, limit: q.limit, silentHours })
      return toPage(found, q.limit, (d) => present(d), (d) => ({ id: d.id }))
    },

    async mine(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) return { items: [] }
      return { items: (await repo.devicesOfPerson(db, ctx.actor.personId, silentHours)).map((d) => present(d)) }
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne<DeviceSubject>(db, ctx.actor, { permission: 'device.read', entity: 'device', id })
      return present((await repo.findDevice(db, id, silentHours))!)
    },

    /** The contacts' and duty phones in full, audited (a cadre about to call them). */
    async reveal(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<DeviceSubject>(tx, ctx.actor, { permission: 'device.manage', entity: 'device', id })
        const d = (await repo.findDevice(tx, id, silentHours))!
        await recordAudit(tx, ctx, { action: 'device.reveal_phone', entity: 'device', entityId: id, orgPath: s.orgPath })
        return present(d, true)
      })
    },

    async create(ctx: RequestContext, input: DeviceCreate) {
      requireSignedIn(ctx.actor)
      const secret = randomBytes(24).toString('base64url')
      const id = await inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.personId })
        await requireAccessOne(tx, ctx.actor, { permission: 'serviceItem.read', entity: 'serviceItem', id: input.defaultItemId })
        const home = await orders.homeOf(tx, input.personId)
        if (!home) throw unprocessable('DEVICE_INVALID', {}, [{ path: 'personId', message: 'orders.personNoHome' }])
        if (!can(ctx.actor, 'device.manage', { orgPath: home.orgPath, personId: input.personId })) throw forbidden()
        await defaultItemFor(tx, input.defaultItemId, input.personId)
        if (await repo.serialTaken(tx, input.serial)) throw conflict('DEVICE_SERIAL_TAKEN', { serial: input.serial })
        const deviceId = await repo.insertDevice(tx, {
          serial: input.serial, kind: input.kind, personId: input.personId, orgId: home.orgId, defaultItemId: input.defaultItemId,
          secretEnc: pii.encrypt('device_secret', secret), cancelWindowS: input.cancelWindowS, ladder: input.ladder,
          dutyPhoneEnc: input.dutyPhone ? pii.encrypt('phone', input.dutyPhone) : null, dutyPhoneMask: input.dutyPhone ? maskPhoneOrLine(input.dutyPhone) : null,
        })
        await repo.replaceContacts(tx, deviceId, await sealContacts(tx, ctx, input.contacts))
        await recordAudit(tx, ctx, { action: 'device.create', entity: 'device', entityId: deviceId, orgPath: home.orgPath, after: { serial: input.serial, personId: input.personId, defaultItemId: input.defaultItemId } })
        return deviceId
      })
      // The secret is shown once, to be written into the device; it is stored sealed.
      return { ...present((await repo.findDevice(db, id, silentHours))!), secret }
    },

    async update(ctx: RequestContext, id: string, patch: DevicePatch) {
      await inTransaction(db, async (tx) => {
        const s = await requireAccessOne<DeviceSubject>(tx, ctx.actor, { permission: 'device.manage', entity: 'device', id })
        const d = (await repo.findDevice(tx, id, silentHours, true))!
        if (patch.defaultItemId) {
          await requireAccessOne(tx, ctx.actor, { permission: 'serviceItem.read', entity: 'serviceItem', id: patch.defaultItemId })
          await defaultItemFor(tx, patch.defaultItemId, d.personId)
        }
        const sets = [
          ...(patch.defaultItemId ? [sql`default_item_id = ${patch.defaultItemId}`] : []),
          ...(patch.cancelWindowS !== undefined ? [sql`cancel_window_s = ${patch.cancelWindowS}`] : []),
          ...(patch.ladder ? [sql`ladder = ${JSON.stringify(patch.ladder)}::jsonb`] : []),
          ...(patch.dutyPhone !== undefined ? [sql`duty_phone_enc = ${patch.dutyPhone ? pii.encrypt('phone', patch.dutyPhone) : null}`, sql`duty_phone_mask = ${patch.dutyPhone ? maskPhoneOrLine(patch.dutyPhone) : null}`] : []),
          ...(patch.retired !== undefined ? [sql`retired_at = ${patch.retired ? sql`coalesce(retired_at, ${dbNow})` : sql`NULL`}`] : []),
        ]
        if (sets.length) await repo.setDevice(tx, id, sets)
        if (patch.contacts) await repo.replaceContacts(tx, id, await sealContacts(tx, ctx, patch.contacts))
        await recordAudit(tx, ctx, { action: 'device.update', entity: 'device', entityId: id, orgPath: s.orgPath, after: { ...patch, contacts: patch.contacts?.length, dutyPhone: patch.dutyPhone ? '***' : patch.dutyPhone } })
      })
      return present((await repo.findDevice(db, id, silentHours))!)
    },

    /** A new secret (a lost or replaced device): shown once. */
    async rotateSecret(ctx: RequestContext, id: string) {
      const secret = randomBytes(24).toString('base64url')
      await inTransaction(db, async (tx) => {
        const s = await requireAccessOne<DeviceSubject>(tx, ctx.actor, { permission: 'device.manage', entity: 'device', id })
        await repo.setDevice(tx, id, [sql`secret_enc = ${pii.encrypt('device_secret', secret)}`, sql`last_signed_at = NULL`])
        await recordAudit(tx, ctx, { action: 'device.rotate_secret', entity: 'device', entityId: id, orgPath: s.orgPath })
      })
      return { ...present((await repo.findDevice(db, id, silentHours))!), secret }
    },

    /**
     * POST /devices/:id/press from a device gateway: `signature` is the hex HMAC of `rawBody`.
     * A heartbeat only marks the device seen; a press places an order after the cancel window; a
     * `cancel` withdraws the newest press still in its window.
     */
    async signed(id: string, rawBody: string, signature: string | undefined, body: { timestamp: number; kind: 'press' | 'heartbeat' | 'cancel'; battery?: number }) {
      const result = await inTransaction(db, async (tx) => {
        const d = await repo.deviceForCall(tx, id, true)
        if (!d) throw notFound('DEVICE_NOT_FOUND')
        const expected = Buffer.from(signBody(pii.decrypt('device_secret', d.secretEnc), rawBody), 'hex')
        const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature ?? '') ? signature! : '', 'hex')
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError(401, 'DEVICE_SIGNATURE')
        if (d.retiredAt) throw conflict('DEVICE_RETIRED')
        const skewMs = config.DEVICE_CLOCK_SKEW_S * 1000
        if (Math.abs(body.timestamp - Date.now()) > skewMs || (d.lastSignedAt !== null && body.timestamp <= d.lastSignedAt)) throw conflict('DEVICE_REPLAY')
        // A press marks the device seen as it is recorded (one statement); the rest here.
        if (body.kind === 'press') return { ...(await press(tx, d, await repo.recordPress(tx, id, body.timestamp, body.battery, d.cancelWindowS))), wait: d.cancelWindowS }
        await repo.setDevice(tx, id, [sql`last_signed_at = ${body.timestamp}`, sql`last_seen_at = now()`, ...(body.battery !== undefined ? [sql`battery = ${body.battery}`] : [])])
        if (body.kind === 'heartbeat') return { pressId: null, state: 'heartbeat' as const, orderAt: null, orderId: null, wait: 0 }
        // A cancel.
        const pending = await repo.pressesOf(tx, { scopes: d.orgPath, deviceId: id, limit: 1 })
        const p = pending[0]
        if (!p || p.state !== 'pending') throw conflict('PRESS_NOT_PENDING')
        await repo.setPress(tx, p.id, [sql`state = 'cancelled'`])
        return { pressId: p.id, state: 'cancelled' as const, orderAt: null, orderId: null, wait: 0 }
      })
      if (result.state === 'pending') settleLater(result.pressId!, result.wait)
      const { wait: _, ...answer } = result
      return answer
    },

    /** The elder mode's big button: the signed-in resident presses their own registered device. */
    async pressMine(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      const result = await inTransaction(db, async (tx) => {
        const mine = await repo.devicesOfPerson(tx, me, silentHours)
        const d = mine[0] && await repo.deviceForCall(tx, mine[0].id, true)
        if (!d) throw notFound('DEVICE_NOT_FOUND')
        await repo.setDevice(tx, d.id, [sql`last_seen_at = now()`])
        return { ...(await press(tx, d, await repo.insertPress(tx, d.id, Date.now(), d.cancelWindowS))), wait: d.cancelWindowS }
      })
      if (result.state === 'pending') settleLater(result.pressId!, result.wait)
      const { wait: _, ...answer } = result
      return answer
    },

    /** The resident (or staff) withdraws a press within its cancel window. */
    async cancelPress(ctx: RequestContext, pressId: string) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const p = await repo.findPress(tx, pressId, true)
        if (!p || !(p.personId === ctx.actor.personId || can(ctx.actor, 'device.manage', { orgPath: p.orgPath, personId: p.personId }))) throw notFound('PRESS_NOT_FOUND')
        if (p.state !== 'pending') throw conflict('PRESS_NOT_PENDING')
        await repo.setPress(tx, pressId, [sql`state = 'cancelled'`])
        return presentPress((await repo.findPress(tx, pressId))!)
      })
    },

    /** "我来处理": someone who was told acknowledges; the ladder stops. */
    async acknowledge(ctx: RequestContext, pressId: string) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const p = await repo.findPress(tx, pressId, true)
        const d = p ? await repo.findDevice(tx, p.deviceId, silentHours) : undefined
        const family = d?.contacts.some((c) => c.personId === ctx.actor.personId) ?? false
        if (!p || !d || !(family || can(ctx.actor, 'device.manage', { orgPath: p.orgPath, personId: p.personId }))) throw notFound('PRESS_NOT_FOUND')
        if (p.acknowledgedAt) throw conflict('PRESS_ACKNOWLEDGED', { name: p.acknowledgedByName ?? '' })
        if (p.state !== 'ordered') throw conflict('PRESS_NOT_PENDING')
        await repo.setPress(tx, pressId, [sql`state = 'acknowledged'`, sql`acknowledged_at = now()`, sql`acknowledged_by = ${ctx.actor.personId}`, sql`next_step_at = NULL`])
        if (p.orderId) await orders.insertEvent(tx, { orderId: p.orderId, actorId: ctx.actor.personId, actorKind: 'person', action: 'acknowledge', from: p.orderState, to: p.orderState ?? 'placed', note: '已响应呼叫' })
        return presentPress((await repo.findPress(tx, pressId))!)
      })
    },

    /** One call as it stands (its ladder, who answered): for the elder who pressed, their family contacts and the staff over them. */
    async pressOne(ctx: RequestContext, pressId: string) {
      requireSignedIn(ctx.actor)
      const p = await repo.findPress(db, pressId)
      const d = p ? await repo.findDevice(db, p.deviceId, silentHours) : undefined
      const family = d?.contacts.some((c) => c.personId !== null && c.personId === ctx.actor.personId) ?? false
      if (!p || !d || !(p.personId === ctx.actor.personId || family || can(ctx.actor, 'device.manage', { orgPath: p.orgPath, personId: p.personId }))) throw notFound('PRESS_NOT_FOUND')
      return presentPress(p)
    },

    async presses(ctx: RequestContext, q: { deviceId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      if (q.deviceId) await requireAccessOne(db, ctx.actor, { permission: 'device.manage', entity: 'device', id: q.deviceId })
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.pressesOf(db, { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), deviceId: q.deviceId, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentPress, (p) => ({ id: p.id }))
    },

    /** The minute sweep: presses past their window become orders; due ladders take their next step. */
    async sweep(tx: Executor): Promise<number> {
      let n = 0
      for (const id of await repo.duePresses(tx, 200)) if (await settle(tx, id)) n++
      for (const id of await repo.dueLadders(tx, 200)) {
        const p = (await repo.findPress(tx, id))!
        // Someone took the order: the provider acknowledged by taking it.
        if (p.orderState && !['placed', 'accepted', 'open'].includes(p.orderState)) {
          const o = (await orders.findOrder(tx, p.orderId!))!
          await repo.setPress(tx, id, [sql`state = 'acknowledged'`, sql`acknowledged_at = coalesce(${o.assignedAt}::timestamptz, ${dbNow})`, sql`acknowledged_by = ${o.providerId ?? o.assigneePersonId}`, sql`next_step_at = NULL`])
          continue
        }
        const d = (await repo.findDevice(tx, p.deviceId, silentHours))!
        await ladderStep(tx, p, d, p.steps.length)
        n++
      }
      return n
    },
  }
}

const maskPhoneOrLine = (phone: string) => (/^1\d{10}$/.test(phone) ? maskPhone(phone) : `${phone.slice(0, 4)}****${phone.slice(-2)}`)

export type Devices = ReturnType<typeof createDevices>
