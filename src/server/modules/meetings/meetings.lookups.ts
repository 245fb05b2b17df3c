// What the meeting services share: loading a meeting for an action (the access check first), the
// meeting as the caller reads it (people's names only for staff and the invited), quorum and
// the approvals minutes need, the state error, and telling people.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { conflict } from '../../kernel/errors.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { BookingService } from '../venues/venues.bookings.ts'
import { meetingStateWords } from './meetings.kinds.ts'
import type { MeetingSubject } from './meetings.policy.ts'
import { seesPeople } from './meetings.policy.ts'
import * as repo from './meetings.repository.ts'
import type { Meeting, MeetingSummary } from './meetings.schemas.ts'
import { allOn } from '../../kernel/db/transaction.ts'
import './meetings.policy.ts'
import './meetings.access.ts'

export interface MeetingDeps {
  db: Executor
  notifications: Pick<NotificationService, 'notify'>
  bookings: Pick<BookingService, 'create' | 'cancel'>
  publicUrl?: string
  clock?: () => Date
}

/** Present people needed for the quorum: at least the count, and at least the share of the invited. */
export function quorumNeeded(m: { quorumCount: number | null; quorumShare: number | null; invited: number }): number {
  return Math.max(m.quorumCount ?? 0, m.quorumShare ? Math.ceil(m.quorumShare * m.invited - 1e-9) : 0)
}

/** Minutes are approved when more than half of those present (observers aside) approve them. */
export const approvalsNeeded = (present: number) => Math.floor(present / 2) + 1

export function summaryOf(m: repo.MeetingRow): MeetingSummary {
  return {
    id: m.id, kind: m.kind, title: m.title, state: m.state, org: { id: m.orgId, name: m.orgName }, startsAt: m.startsAt, endsAt: m.endsAt, place: m.place,
    room: m.roomId ? { id: m.roomId, name: m.roomName ?? '', venue: { id: m.venueId ?? '', name: m.venueName ?? '' } } : null,
    openRegistration: m.openRegistration, invited: m.invited, present: m.present,
  }
}

export function createLookups(deps: MeetingDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  async function load(ctx: RequestContext, ex: Executor, id: string, permission: string, lock = false) {
    const subject = await requireAccessOne<MeetingSubject>(ex, ctx.actor, { permission, entity: 'meeting', id })
    return { subject, meeting: (await repo.findMeeting(ex, id, lock))! }
  }

  function stateError(m: { state: keyof typeof meetingStateWords }, action: string) {
    return conflict('MEETING_STATE', { state: meetingStateWords[m.state].zh, action })
  }

  /**
   * Topic ids pass deliberation's own check (its 'topic' access loader: the topic exists and the
   * caller may read it), so this module never names deliberation's tables.
   */
  async function requireTopics(ex: Executor, ctx: RequestContext, ids: (string | undefined | null)[]) {
    const given = ids.filter((id): id is string => Boolean(id))
    if (given.length) await requireAccess(ex, ctx.actor, { permission: 'topic.read', entity: 'topic', ids: given })
  }

  async function tell(tx: Executor, personIds: string[], actorId: string | null, m: { id: string }, title: string, body: string) {
    const to = personIds.filter((p) => p !== actorId)
    if (to.length) await deps.notifications.notify(tx, { personIds: to, kind: 'meeting', title, body, link: { meetingId: m.id } })
  }

  async function detail(ctx: RequestContext, id: string, ex: Executor = db): Promise<Meeting> {
    const { subject, meeting: m } = await load(ctx, ex, id, 'meeting.read')
    const sees = seesPeople(ctx.actor, subject)
    const [agenda, parties, invitees, minutes, decisions] = await allOn(ex, [
      () => repo.agendaOf(ex, id), () => repo.partiesOf(ex, id), () => (sees ? repo.inviteesOf(ex, id) : Promise.resolve([])), () => repo.minutesOf(ex, id), () => repo.decisionsOf(ex, id),
    ])
    const me = ctx.actor.personId
    const mine = sees ? invitees.find((i) => i.personId === me) : undefined
    const needed = quorumNeeded(m)
    return {
      ...summaryOf(m),
      description: m.description,
      booking: m.bookingId ? { id: m.bookingId, state: m.bookingState ?? '' } : null,
      quorum: { count: m.quorumCount, share: m.quorumShare, needed, present: m.present, reached: m.present >= needed && m.present > 0 },
      agenda,
      parties: parties.map((p) => ({ id: p.id, kind: p.kind, name: p.name, unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '' } : null, representatives: p.representatives })),
      invitees: invitees.map((i) => ({
        person: { id: i.personId, name: i.name }, role: i.role, partyId: i.partyId, invitedAt: i.invitedAt, selfRegistered: i.invitedBy === null,
        registeredAt: i.registeredAt, declinedAt: i.declinedAt,
        attendance: i.present === null ? null : { present: i.present, how: i.how, checkedInAt: i.checkedInAt, absenceReason: i.absenceReason },
      })),
      absent: m.absent,
      minutes: minutes.map((n) => {
        const approvals = sees ? n.approvals : []
        return {
          version: n.version, body: n.body, state: n.state, draftedBy: { id: n.draftedBy, name: n.draftedByName }, draftedAt: n.draftedAt, approvedAt: n.approvedAt,
          approvals: approvals.map((a) => ({ person: { id: a.personId, name: a.name }, verdict: a.verdict, note: a.note, at: a.at })),
          approveCount: n.approvals.filter((a) => a.verdict === 'approve').length,
          objectCount: n.approvals.filter((a) => a.verdict === 'object').length,
          needed: approvalsNeeded(m.present),
        }
      }),
      decisions,
      createdBy: { id: m.createdBy, name: m.createdByName },
      openedAt: m.openedAt, heldAt: m.heldAt, minutesApprovedAt: m.minutesApprovedAt, cancelledAt: m.cancelledAt, cancelReason: m.cancelReason,
      activityId: m.activityId, wishId: m.wishId, photoIds: m.photoIds ?? [], photos: m.photos ?? [],
      me: { invited: Boolean(mine), registered: Boolean(mine?.registeredAt), declined: Boolean(mine?.declinedAt), present: Boolean(mine?.present) },
      can: {
        manage: can(ctx.actor, 'meeting.manage', subject),
        draftMinutes: can(ctx.actor, 'meeting.draftMinutes', subject),
        attend: can(ctx.actor, 'meeting.attend', subject),
        approveMinutes: Boolean(mine?.present) && mine?.role !== 'observer' && m.state === 'held',
      },
    }
  }

  return { db, deps, now, load, stateError, requireTopics, tell, detail }
}

export type MeetingLookups = ReturnType<typeof createLookups>
