// Broadcasts (红喇叭): a cadre composes a notice for an audience and sends it; the fan-out writes
// one receipt per recipient and one in-app notification per app user by INSERT … SELECT in one
// transaction, SMS go out after the commit (broadcasts.sms.ts), the rest land on the call list.
// Recipients see their notices unread first, open them and answer with one tap.
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { firstRow, isoTime, rows } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, requireSignedIn, scopesOf, LEVEL } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { z } from 'zod'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { resolveAudience, teamsToAddress } from './broadcasts.audience.ts'
import * as repo from './broadcasts.repository.ts'
import type { BroadcastSubject } from './broadcasts.policy.ts'
import type { BroadcastCreate } from './broadcasts.schemas.ts'
import { broadcastStateWords } from './broadcasts.messages.ts'
import './broadcasts.access.ts'

export type Notifier = Pick<NotificationService, 'notify' | 'notifyAll'>

export const present = (ctx: RequestContext, b: repo.BroadcastRow) => ({
  id: b.id,
  title: b.title,
  body: b.body,
  org: { id: b.orgId, name: b.orgName },
  author: { id: b.authorId, name: b.authorName },
  audience: b.audience,
  audienceLabel: b.audienceLabel ?? '',
  channels: b.channels,
  ackRequired: b.ackRequired,
  ackOptions: b.ackOptions,
  state: b.state,
  sentAt: isoTime(b.sentAt),
  withdrawnAt: isoTime(b.withdrawnAt),
  counts: { recipients: b.recipients, opened: b.openedCount, acknowledged: b.ackedCount },
  minutesTo80: b.minutesTo80,
  canManage: can(ctx.actor, 'broadcast.manage', { orgPath: b.orgPath, authorId: b.authorId }),
  createdAt: isoTime(b.createdAt)!,
})

const excerpt = (body: string) => (body.length > 60 ? `${body.slice(0, 60)}…` : body)
const mineCursor = z.object({ opened: z.number().int().min(0).max(1), sentAt: z.string().regex(/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)$/), id: z.string().regex(/^\d+$/) })

export function createBroadcastService(deps: { db: Executor; notifications: Notifier; afterSend?: (id: string) => Promise<void> }) {
  const { db, notifications } = deps

  const stateError = (state: repo.BroadcastRow['state'], action: { zh: string; en: string }) =>
    conflict('BROADCAST_STATE', { state: broadcastStateWords[state].zh, action: action.zh })

  /** Fans a notice out (inside the caller's transaction): receipts, then the in-app notifications. */
  async function send(tx: Executor, b: { id: string; title: string; body: string; channels: string[] }, audience: ReturnType<typeof sql>) {
    const n = await repo.fanOut(tx, b.id, audience, b.channels)
    if (n === 0) throw unprocessable('BROADCAST_NO_RECIPIENTS')
    await notifications.notifyAll(tx, { recipients: repo.inAppRecipients(b.id), kind: 'broadcast.new', title: `【红喇叭】${b.title}`, body: excerpt(b.body), link: { broadcastId: b.id } })
    return n
  }

  return {
    send,

    async create(ctx: RequestContext, input: BroadcastCreate) {
      requireSignedIn(ctx.actor)
      const ackOptions = input.ackRequired ? (input.ackOptions?.length ? [...new Set(input.ackOptions)] : ['收到']) : []
      if (!input.ackRequired && input.ackOptions?.length) throw unprocessable('BROADCAST_INVALID', {}, [{ path: 'ackOptions', message: 'broadcasts.ackOptions' }])
      const id = await inTransaction(db, async (tx) => {
        const audience = await resolveAudience(tx, ctx.actor, input.audience)
        const id = await repo.insertBroadcast(tx, {
          orgId: audience.orgId, authorId: ctx.actor.personId!, title: input.title, body: input.body,
          audience: { ...input.audience, label: audience.label }, channels: input.channels, ackRequired: input.ackRequired, ackOptions,
        })
        if (!input.draft) await send(tx, { id, ...input }, audience.select)
        await recordAudit(tx, ctx, { action: input.draft ? 'broadcast.create' : 'broadcast.send', entity: 'broadcast', entityId: id, orgPath: audience.orgPath,
          after: { title: input.title, audience: audience.label, channels: input.channels, ackRequired: input.ackRequired } })
        return id
      })
      if (!input.draft) await deps.afterSend?.(id)
      return this.get(ctx, id)
    },

    /** Sends a draft: the audience is resolved again now (people move). */
    async sendDraft(ctx: RequestContext, id: string) {
      await inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<BroadcastSubject>(tx, ctx.actor, { permission: 'broadcast.manage', entity: 'broadcast', id })
        const b = (await repo.findBroadcast(tx, id, true))!
        if (b.state !== 'draft') throw stateError(b.state, { zh: '发送', en: 'sent' })
        const audience = await resolveAudience(tx, ctx.actor, b.audience)
        await send(tx, b, audience.select)
        await recordAudit(tx, ctx, { action: 'broadcast.send', entity: 'broadcast', entityId: id, orgPath: subject.orgPath, after: { title: b.title } })
      })
      await deps.afterSend?.(id)
      return this.get(ctx, id)
    },

    async withdraw(ctx: RequestContext, id: string) {
      await inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<BroadcastSubject>(tx, ctx.actor, { permission: 'broadcast.withdraw', entity: 'broadcast', id })
        const b = (await repo.findBroadcast(tx, id, true))!
        if (b.state === 'withdrawn') throw stateError(b.state, { zh: '撤回', en: 'withdrawn' })
        await tx.execute(sql`UPDATE broadcasts SET state = 'withdrawn', withdrawn_at = now(), withdrawn_by = ${ctx.actor.personId},
          sent_at = coalesce(sent_at, ${dbNow}), updated_at = now() WHERE id = ${id}`)
        await recordAudit(tx, ctx, { action: 'broadcast.withdraw', entity: 'broadcast', entityId: id, orgPath: subject.orgPath, before: { state: b.state }, after: { state: 'withdrawn' } })
      })
      return this.get(ctx, id)
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'broadcast.read', entity: 'broadcast', id })
      return present(ctx, (await repo.findBroadcast(db, id))!)
    },

    /** The notices the caller reads as staff: sent from their nodes, below them, or above a node they work in. */
    async list(ctx: RequestContext, q: { orgId?: string; state?: string; q?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const org = q.orgId ? await requireAccessOne<{ path: string }>(db, ctx.actor, { permission: 'broadcast.figures', entity: 'org', id: q.orgId }) : null
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) return { items: [], nextCursor: null }
      const after = decodeCursor(q.cursor, idCursor)
      const mine = sql`string_to_array(${scopes.join(',')}, ',')::ltree[]`
      const found = await rows<repo.BroadcastRow>(db, sql`SELECT ${repo.broadcastColumns} FROM ${repo.broadcastFrom}
        WHERE (o.path <@ ${mine} OR o.path @> ${mine}) ${org ? sql`AND o.path <@ ${org.path}::ltree` : sql``}
          ${q.state ? sql`AND b.state = ${q.state}` : sql``} ${q.q ? sql`AND b.title LIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``}
          ${after ? sql`AND b.id < ${after.id}` : sql``}
        ORDER BY b.id DESC LIMIT ${q.limit + 1}`)
      return toPage(found, q.limit, (b) => present(ctx, b), (b) => ({ id: b.id }))
    },

    /** Volunteer teams the caller may send a notice to, searched by name (the compose form's picker). */
    async teams(ctx: RequestContext, q: { q?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      return { items: await teamsToAddress(db, ctx.actor.kind === 'person' ? scopesOf(ctx.actor, LEVEL.gridStaff) : [], q) }
    },

    /** The caller's own notices, unopened first, the latest sent first within each (a draft sent later comes before older notices). */
    async mine(ctx: RequestContext, q: { cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) return { items: [], nextCursor: null, unopened: 0 }
      const after = decodeCursor(q.cursor, mineCursor)
      const found = await rows<MineRow>(db, sql`${mineSelect} WHERE r.person_id = ${me} AND b.state <> 'draft'
          ${after ? sql`AND ((r.opened_at IS NOT NULL)::int > ${after.opened}
            OR ((r.opened_at IS NOT NULL)::int = ${after.opened} AND (b.sent_at, b.id) < (${after.sentAt}::timestamptz, ${after.id}::bigint)))` : sql``}
        ORDER BY (r.opened_at IS NOT NULL), b.sent_at DESC, b.id DESC LIMIT ${q.limit + 1}`)
      const unopened = await firstRow<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id
        WHERE r.person_id = ${me} AND b.state = 'sent' AND r.opened_at IS NULL`)
      const page = toPage(found, q.limit, presentMine, (r) => ({ opened: r.opened, sentAt: r.sentAt!, id: r.id }))
      return { ...page, unopened: unopened?.n ?? 0 }
    },

    /** The recipient opens a notice (on the phone): marks the receipt opened. */
    async open(ctx: RequestContext, id: string) {
      const me = await recipient(ctx, id)
      await inTransaction(db, async (tx) => {
        await repo.updateReceipts(tx, id, sql`r.person_id = ${me} AND r.opened_at IS NULL AND EXISTS (SELECT 1 FROM broadcasts x WHERE x.id = r.broadcast_id AND x.state = 'sent')`,
          sql`opened_at = now(), delivered_at = coalesce(r.delivered_at, ${dbNow}), ${repo.stageAfter(dbNow, sql`r.acknowledged_at`)}`)
      })
      return mineOne(me, id)
    },

    /** One tap: "收到" or "我参加" (counted as an RSVP); a second tap changes the answer. */
    async ack(ctx: RequestContext, id: string, choice: string | undefined) {
      const me = await recipient(ctx, id)
      await inTransaction(db, async (tx) => {
        const b = (await repo.findBroadcast(tx, id))!
        if (b.state !== 'sent') throw stateError(b.state, { zh: '回执', en: 'acknowledged' })
        if (!b.ackRequired) throw conflict('BROADCAST_NOT_ACK')
        const answer = choice ?? b.ackOptions[0]!
        if (!b.ackOptions.includes(answer)) throw unprocessable('BROADCAST_ACK_CHOICE', { options: b.ackOptions.join('”“') }, [{ path: 'choice', message: `请选择“${b.ackOptions.join('”“')}”之一` }])
        await repo.updateReceipts(tx, id, sql`r.person_id = ${me}`, sql`acknowledged_at = coalesce(r.acknowledged_at, ${dbNow}), ack_choice = ${answer},
          opened_at = coalesce(r.opened_at, ${dbNow}), delivered_at = coalesce(r.delivered_at, ${dbNow}), stage = 2`)
      })
      return mineOne(me, id)
    },
  }

  /** The caller's receipt of notice `id`: a notice they did not receive answers 404. */
  async function recipient(ctx: RequestContext, id: string): Promise<string> {
    requireSignedIn(ctx.actor)
    const me = ctx.actor.personId
    const found = me ? await firstRow<{ id: string }>(db, sql`SELECT r.id::text FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id
      WHERE r.broadcast_id = ${id} AND r.person_id = ${me} AND b.state <> 'draft'`) : undefined
    if (!found) throw notFound('BROADCAST_NOT_FOUND')
    return me!
  }

  async function mineOne(me: string, id: string) {
    const [r] = await rows<MineRow>(db, sql`${mineSelect} WHERE r.broadcast_id = ${id} AND r.person_id = ${me}`)
    return presentMine(r!)
  }
}

/** A recipient's view of their notices: the body goes when a notice is withdrawn. */
const mineSelect = sql`SELECT b.id::text, b.title, CASE WHEN b.state = 'withdrawn' THEN NULL ELSE b.body END AS body,
    b.org_id::text AS "orgId", o.name AS "orgName", b.state, b.sent_at::text AS "sentAt", b.ack_required AS "ackRequired", b.ack_options AS "ackOptions",
    r.channel, r.opened_at::text AS "openedAt", r.acknowledged_at::text AS "acknowledgedAt", r.ack_choice AS "ackChoice", (r.opened_at IS NOT NULL)::int AS opened
  FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id JOIN ${orgTree} o ON o.id = b.org_id`

interface MineRow {
  id: string
  title: string
  body: string | null
  orgId: string
  orgName: string
  state: 'draft' | 'sent' | 'withdrawn'
  sentAt: string | null
  ackRequired: boolean
  ackOptions: string[]
  channel: 'in_app' | 'sms' | 'call'
  openedAt: string | null
  acknowledgedAt: string | null
  ackChoice: string | null
  opened: number
}

const presentMine = (r: MineRow) => ({
  id: r.id, title: r.title, body: r.body, org: { id: r.orgId, name: r.orgName }, state: r.state, sentAt: isoTime(r.sentAt),
  ackRequired: r.ackRequired, ackOptions: r.ackOptions, channel: r.channel,
  openedAt: isoTime(r.openedAt), acknowledgedAt: isoTime(r.acknowledgedAt), ackChoice: r.ackChoice,
})

export type BroadcastService = ReturnType<typeof createBroadcastService>
