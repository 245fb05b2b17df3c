// Meetings: created by a cadre of a node with agenda, parties and invitees, the room booked through
// venues in the same transaction (its rules and its conflict answer apply; a clash writes
// nothing); changed, re-booked or cancelled (the booking with it); listed per subtree and month
// and per person. Attendance and minutes live in meetings.attendance.ts and meetings.minutes.ts.
import { sql, type SQL } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, toPage } from '../../kernel/pagination.ts'
import { beijingTime } from '../../kernel/china-time.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import { unitStaff } from '../units/units.read.ts'
import { personNames } from '../people/people.read.ts'
import { z } from 'zod'
import { isPartyKind, meetingKinds, partyKindWords, type InviteeRole } from './meetings.kinds.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { publishedActivities } from '../volunteers/volunteers.read.ts'
import { createLookups, summaryOf, type MeetingDeps } from './meetings.lookups.ts'
import * as repo from './meetings.repository.ts'
import type { Invite, MeetingCreate, MeetingPatch, MeetingsQuery, PartyInput } from './meetings.schemas.ts'

const cursorShape = z.object({ start: z.string().max(40), id: z.string().regex(/^\d+$/) })
const OFFSET_MS = 8 * 3_600_000
/** An open meeting is closed by the sweep this long after its end. */
export const SWEEP_AFTER_MS = 12 * 3_600_000
/** The invited are reminded this long before the start. */
export const REMIND_BEFORE_MS = 24 * 3_600_000

/** The first instant of a month in China time, and of the next one. */
function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const from = new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS).toISOString()
  const to = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - OFFSET_MS).toISOString()
  return { from, to }
}

const slotWords = (m: { startsAt: string; endsAt: string }) => `${beijingTime(m.startsAt)} 至 ${beijingTime(m.endsAt).slice(11)}`
const placeWords = (m: repo.MeetingRow) => (m.roomId ? `${m.venueName}·${m.roomName}` : (m.place ?? ''))

export function createMeetingService(deps: MeetingDeps) {
  const l = createLookups(deps)
  const { db, load, stateError, requireTopics, tell, detail } = l

  function checkTimes(startsAt: string, endsAt: string) {
    if (Date.parse(endsAt) <= Date.parse(startsAt)) throw unprocessable('MEETING_TIME', { reason: '结束时间须晚于开始时间' }, [{ path: 'endsAt', message: 'meetings.endsBeforeStart' }])
    if (Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3_600_000) throw unprocessable('MEETING_TIME', { reason: '一次会议最长 24 小时' }, [{ path: 'endsAt', message: 'meetings.endsBeforeStart' }])
  }

  async function book(ctx: RequestContext, tx: Executor, meetingId: string, roomId: string, m: { kind: keyof typeof meetingKinds; title: string; startsAt: string; endsAt: string }) {
    const booking = await deps.bookings.create(ctx, roomId, { start: m.startsAt, end: m.endsAt, purpose: `${meetingKinds[m.kind].zh}：${m.title}`.slice(0, 200) }, tx)
    await repo.updateMeeting(tx, meetingId, [sql`booking_id = ${booking.id}`, sql`room_id = ${roomId}`])
  }

  async function releaseBooking(ctx: RequestContext, tx: Executor, m: repo.MeetingRow, note: string) {
    if (m.bookingId && (m.bookingState === 'pending' || m.bookingState === 'confirmed')) await deps.bookings.cancel(ctx, m.bookingId, note, tx)
  }

  /** Person ids a cadre may invite: people they may read, or the people acting for the party's unit. */
  async function checkInvitees(tx: Executor, ctx: RequestContext, personIds: string[], unitId: string | null) {
    if (personIds.length === 0) return
    let others = personIds
    if (unitId) {
      const staff = new Set((await rows<{ id: string }>(tx, sql`SELECT s.person_id::text AS id FROM ${unitStaff} s WHERE s.unit_id = ${unitId}`)).map((r) => r.id))
      others = personIds.filter((p) => !staff.has(p))
      if (others.length) {
        await requireAccess(tx, ctx.actor, { permission: 'person.read', entity: 'person', ids: others })
        const [named] = await rows<{ name: string }>(tx, sql`SELECT name FROM ${personNames} p WHERE p.id = ${others[0]}`)
        throw unprocessable('MEETING_UNIT_STAFF', { name: named?.name ?? others[0] })
      }
      return
    }
    await requireAccess(tx, ctx.actor, { permission: 'person.read', entity: 'person', ids: others })
  }

  async function addParty(ctx: RequestContext, tx: Executor, meetingId: string, p: PartyInput) {
    let name = p.name
    if (p.unitId) {
      const unit = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: p.unitId })
      name ??= unit.name
    }
    await checkInvitees(tx, ctx, p.representativeIds ?? [], p.unitId ?? null)
    const partyId = await repo.insertParty(tx, meetingId, { kind: p.kind, name: name ?? partyKindWords[p.kind].zh, unitId: p.unitId ?? null })
    const fresh = await repo.invite(tx, meetingId, p.representativeIds ?? [], { role: 'attendee', partyId, invitedBy: ctx.actor.personId, registered: false })
    return { partyId, fresh }
  }

  async function announce(tx: Executor, ctx: RequestContext, meetingId: string, personIds: string[]) {
    if (!personIds.length) return
    const m = (await repo.findMeeting(tx, meetingId))!
    await tell(tx, personIds, ctx.actor.personId, m, `会议邀请：${m.title}`, `${meetingKinds[m.kind].zh}，${slotWords(m)}，${placeWords(m)}。请在“我的会议”中报名。`)
  }

  /** A Party kind is held by a Party organisation; its 微公益 activity and 微心愿 wish are ones the caller may read. */
  async function checkPartyLinks(tx: Executor, ctx: RequestContext, orgId: string, input: MeetingCreate) {
    if (isPartyKind(input.kind)) {
      const [org] = await rows<{ party: string | null }>(tx, sql`SELECT party_org_kind AS party FROM ${orgTree} o WHERE o.id = ${orgId}`)
      if (!org?.party) throw unprocessable('MEETING_NOT_PARTY_ORG', {}, [{ path: 'orgId', message: 'meetings.notPartyOrg' }])
    } else if (input.activityId || input.wishId) {
      throw unprocessable('VALIDATION_FAILED', {}, [{ path: input.activityId ? 'activityId' : 'wishId', message: 'meetings.partyOnly' }])
    }
    if (input.wishId) await requireAccessOne(tx, ctx.actor, { permission: 'wish.readFull', entity: 'wish', id: input.wishId })
    if (input.activityId) {
      const [a] = await rows<{ orgId: string }>(tx, sql`SELECT a.org_id::text AS "orgId" FROM ${publishedActivities} a WHERE a.id = ${input.activityId}`)
      if (!a) throw unprocessable('MEETING_ACTIVITY_NOT_FOUND', {}, [{ path: 'activityId', message: 'meetings.activityNotFound' }])
      await requireAccessOne(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: a.orgId })
    }
  }

  return {
    ...l,

    /**
     * Creates a meeting. `members` are people a caller's module already vouched for (the Party
     * organisation's members, invited to its meetings without a person.read check of each).
     */
    async create(ctx: RequestContext, input: MeetingCreate, options: { members?: string[] } = {}) {
      requireSignedIn(ctx.actor)
      checkTimes(input.startsAt, input.endsAt)
      if (!input.roomId && !input.place) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'place', message: 'meetings.roomOrPlace' }])
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'meeting.createAt', entity: 'org', id: input.orgId })
        await checkPartyLinks(tx, ctx, org.id, input)
        await requireTopics(tx, ctx, (input.agenda ?? []).map((a) => a.topicId))
        await checkInvitees(tx, ctx, input.inviteeIds ?? [], null)
        const id = await repo.insertMeeting(tx, {
          orgId: org.id, kind: input.kind, title: input.title, description: input.description ?? null, startsAt: input.startsAt, endsAt: input.endsAt,
          roomId: null, place: input.place ?? null, quorumCount: input.quorumCount ?? null, quorumShare: input.quorumShare ?? null,
          openRegistration: input.openRegistration ?? false, createdBy: ctx.actor.personId!, activityId: input.activityId ?? null, wishId: input.wishId ?? null,
        })
        if (input.roomId) await book(ctx, tx, id, input.roomId, input)
        await repo.replaceAgenda(tx, id, input.agenda ?? [])
        const invited: string[] = []
        for (const p of input.parties ?? []) invited.push(...(await addParty(ctx, tx, id, p)).fresh)
        invited.push(...(await repo.invite(tx, id, input.inviteeIds ?? [], { role: 'attendee', partyId: null, invitedBy: ctx.actor.personId, registered: false })))
        invited.push(...(await repo.invite(tx, id, options.members ?? [], { role: 'attendee', partyId: null, invitedBy: ctx.actor.personId, registered: false })))
        // The organiser chairs the meeting unless someone else is named chair later.
        await repo.invite(tx, id, [ctx.actor.personId!], { role: 'chair', partyId: null, invitedBy: ctx.actor.personId, registered: true })
        await recordAudit(tx, ctx, {
          action: 'meeting.create', entity: 'meeting', entityId: id, orgPath: org.path,
          after: { kind: input.kind, title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, roomId: input.roomId ?? null, place: input.place ?? null, invited: invited.length },
        })
        await announce(tx, ctx, id, invited)
        return detail(ctx, id, tx)
      })
    },

    async update(ctx: RequestContext, id: string, patch: MeetingPatch) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '修改')
        const startsAt = patch.startsAt ?? m.startsAt
        const endsAt = patch.endsAt ?? m.endsAt
        checkTimes(startsAt, endsAt)
        const roomId = patch.roomId === undefined ? m.roomId : patch.roomId
        const place = patch.place === undefined ? m.place : patch.place
        if (!roomId && !place) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'place', message: 'meetings.roomOrPlace' }])
        const moved = Date.parse(startsAt) !== Date.parse(m.startsAt) || Date.parse(endsAt) !== Date.parse(m.endsAt) || roomId !== m.roomId
        if (moved && m.state !== 'planned') throw stateError(m, '改期或换会场')
        const set: SQL[] = []
        if (patch.title !== undefined) set.push(sql`title = ${patch.title}`)
        if (patch.description !== undefined) set.push(sql`description = ${patch.description}`)
        if (patch.openRegistration !== undefined) set.push(sql`open_registration = ${patch.openRegistration}`)
        if (patch.quorumCount !== undefined) set.push(sql`quorum_count = ${patch.quorumCount}`)
        if (patch.quorumShare !== undefined) set.push(sql`quorum_share = ${patch.quorumShare}`)
        if (patch.place !== undefined) set.push(sql`place = ${patch.place}`)
        if (moved) {
          set.push(sql`starts_at = ${startsAt}::timestamptz`, sql`ends_at = ${endsAt}::timestamptz`, sql`booking_id = NULL`, sql`room_id = NULL`)
          await releaseBooking(ctx, tx, m, '会议改期或更换会场')
        }
        await repo.updateMeeting(tx, id, set)
        if (moved && roomId) await book(ctx, tx, id, roomId, { kind: m.kind, title: patch.title ?? m.title, startsAt, endsAt })
        await recordAudit(tx, ctx, {
          action: 'meeting.update', entity: 'meeting', entityId: id, orgPath: subject.orgPath,
          before: { title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, roomId: m.roomId, place: m.place },
          after: { ...patch },
        })
        if (moved) {
          const after = (await repo.findMeeting(tx, id))!
          await tell(tx, await repo.inviteeIds(tx, id, false), ctx.actor.personId, after, `会议时间或地点变更：${after.title}`, `${slotWords(after)}，${placeWords(after)}`)
        }
        return detail(ctx, id, tx)
      })
    },

    async list(ctx: RequestContext, q: MeetingsQuery) {
      requireSignedIn(ctx.actor)
      let scopes: string
      if (q.orgId) scopes = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'meeting.listAt', entity: 'org', id: q.orgId })).path
      else scopes = scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff))
      if (!scopes) throw forbidden()
      await requireTopics(db, ctx, [q.topicId])
      const range = q.month ? monthRange(q.month) : null
      const after = decodeCursor(q.cursor, cursorShape)
      const found = await repo.searchMeetings(db, { scopes, from: range?.from ?? null, to: range?.to ?? null, kind: q.kind, state: q.state, topicId: q.topicId, after, limit: q.limit })
      return toPage(found, q.limit, summaryOf, (m) => ({ start: m.startsAt, id: m.id }))
    },

    /** The caller's meetings: invited to, or open to registration where they belong; upcoming first, or the past ones. */
    async mine(ctx: RequestContext, q: { past?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, cursorShape)
      const found = await repo.myMeetings(db, { personId: ctx.actor.personId ?? '0', rolePaths: ctx.actor.roles.map((r) => r.orgPath).join(','), past: q.past ?? false, after, limit: q.limit })
      return toPage(found, q.limit, (m) => ({ ...summaryOf(m), me: { invited: m.invitedMe, registered: m.registered, declined: m.declined, present: m.presentMe } }),
        (m) => ({ start: m.startsAt, id: m.id }))
    },

    async setAgenda(ctx: RequestContext, id: string, items: { text: string; topicId?: string }[]) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        await requireTopics(tx, ctx, items.map((i) => i.topicId))
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '修改议程')
        await repo.replaceAgenda(tx, id, items)
        await recordAudit(tx, ctx, { action: 'meeting.agenda', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { items: items.length, topicIds: items.map((i) => i.topicId ?? null) } })
        return detail(ctx, id, tx)
      })
    },

    async addParty(ctx: RequestContext, id: string, p: PartyInput) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '邀请参会方')
        const { partyId, fresh } = await addParty(ctx, tx, id, p)
        await recordAudit(tx, ctx, { action: 'meeting.invite', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { partyId, kind: p.kind, unitId: p.unitId ?? null, personIds: fresh } })
        await announce(tx, ctx, id, fresh)
        return detail(ctx, id, tx)
      })
    },

    async removeParty(ctx: RequestContext, id: string, partyId: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '移除参会方')
        if (!(await repo.findParty(tx, id, partyId))) throw notFound('MEETING_PARTY_NOT_FOUND')
        await repo.deleteParty(tx, id, partyId)
        await recordAudit(tx, ctx, { action: 'meeting.uninvite', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { partyId } })
        return detail(ctx, id, tx)
      })
    },

    async invite(ctx: RequestContext, id: string, input: Invite) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '邀请参会人员')
        const party = input.partyId ? await repo.findParty(tx, id, input.partyId) : null
        if (input.partyId && !party) throw unprocessable('MEETING_PARTY_NOT_FOUND')
        await checkInvitees(tx, ctx, input.personIds, party?.unitId ?? null)
        const role: InviteeRole = input.role ?? 'attendee'
        const fresh = await repo.invite(tx, id, input.personIds, { role, partyId: party?.id ?? null, invitedBy: ctx.actor.personId, registered: false })
        await recordAudit(tx, ctx, { action: 'meeting.invite', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { personIds: input.personIds, role, partyId: party?.id ?? null } })
        await announce(tx, ctx, id, fresh)
        return detail(ctx, id, tx)
      })
    },

    async uninvite(ctx: RequestContext, id: string, personId: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '移出参会人员')
        const invitee = await repo.findInvitee(tx, id, personId)
        if (!invitee) throw notFound('MEETING_INVITEE_NOT_FOUND')
        if (invitee.present) throw unprocessable('MEETING_INVITEE_PRESENT', { name: invitee.name })
        await repo.removeInvitee(tx, id, personId)
        await recordAudit(tx, ctx, { action: 'meeting.uninvite', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { personId, role: invitee.role } })
        return detail(ctx, id, tx)
      })
    },

    /** Opens the meeting (check-in by code opens it too). */
    async open(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (!(await repo.setState(tx, id, ['planned'], 'open', sql`, opened_at = now()`))) throw stateError(m, '开始')
        await recordAudit(tx, ctx, { action: 'meeting.open', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { state: m.state }, after: { state: 'open' } })
        return detail(ctx, id, tx)
      })
    },

    /** Closes the meeting as held: attendance stands (corrections stay possible until the minutes pass). */
    async close(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state === 'planned' && Date.parse(m.startsAt) > l.now().getTime()) throw stateError(m, '在开始前结束')
        if (m.present === 0 && (m.state === 'planned' || m.state === 'open')) throw unprocessable('MEETING_NOBODY_PRESENT')
        if (!(await repo.setState(tx, id, ['planned', 'open'], 'held', sql`, held_at = now(), opened_at = coalesce(opened_at, ${dbNow})`))) throw stateError(m, '结束')
        await recordAudit(tx, ctx, { action: 'meeting.close', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { state: m.state }, after: { state: 'held', present: m.present } })
        return detail(ctx, id, tx)
      })
    },

    /**
     * The minute sweep: a meeting still open 12 hours after its end, with someone present, is
     * closed as held (the cadre forgot; the attendance stands and the minutes can follow).
     */
    async sweep(tx: Executor, at: Date) {
      const held = await repo.closeForgotten(tx, new Date(at.getTime() - SWEEP_AFTER_MS).toISOString())
      // The day before: the invited who have not declined are reminded, once.
      const due = await repo.takeDueReminders(tx, at.toISOString(), new Date(at.getTime() + REMIND_BEFORE_MS).toISOString())
      for (const m of due) {
        await tell(tx, await repo.inviteeIds(tx, m.id, false), null, m, `会议提醒：${m.title}`, `${meetingKinds[m.kind].zh}，${slotWords(m)}，${placeWords(m)}。`)
      }
      // A room booking the venue rejected, cancelled or let expire: the organiser is told, once.
      const lost = await repo.takeLostBookings(tx)
      for (const m of lost) {
        await tell(tx, [m.createdBy], null, m, `会议室预约未成功：${m.title}`, `${m.venueName ?? ''}·${m.roomName ?? ''} 的预约为“${m.bookingState}”，请改选会议室或地点。`)
      }
      return { held, reminded: due.length, bookingsLost: lost.length }
    },

    /** The meeting's photos (attachments the caller uploaded or may attach), replaced as a list. */
    async setPhotos(ctx: RequestContext, id: string, photoIds: string[]) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.draftMinutes', true)
        if (m.state === 'cancelled') throw stateError(m, '上传照片')
        const added = photoIds.filter((p) => !m.photoIds.includes(p))
        if (added.length) await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: added })
        await repo.updateMeeting(tx, id, [sql`photo_ids = string_to_array(${[...new Set(photoIds)].join(',')}, ',')::bigint[]`])
        await recordAudit(tx, ctx, { action: 'meeting.photos', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { photoIds: m.photoIds }, after: { photoIds } })
        return detail(ctx, id, tx)
      })
    },

    async cancel(ctx: RequestContext, id: string, reason: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.cancel', true)
        if (!(await repo.setState(tx, id, ['planned', 'open'], 'cancelled', sql`, cancelled_at = now(), cancel_reason = ${reason}`))) throw stateError(m, '取消')
        await releaseBooking(ctx, tx, m, `会议取消：${reason}`)
        await recordAudit(tx, ctx, { action: 'meeting.cancel', entity: 'meeting', entityId: id, orgPath: subject.orgPath, before: { state: m.state, bookingId: m.bookingId }, after: { state: 'cancelled', reason } })
        await tell(tx, await repo.inviteeIds(tx, id, false), ctx.actor.personId, m, `会议取消：${m.title}`, `原定 ${slotWords(m)}。原因：${reason}`)
        return detail(ctx, id, tx)
      })
    },
  }
}

export type MeetingService = ReturnType<typeof createMeetingService>
