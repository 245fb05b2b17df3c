// What a case looks like to one reader: staff over the case see the staff view; everyone else
// allowed to read it (its reporter, its assignee, a follower) sees the public view: no reporter
// name but their own, no rating comment, public timeline rows without actor names but their own,
// no meetings. An anonymous reporter is named to nobody but themselves, on any row.
import { isoTime } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { fileUrl } from '../files/files.service.ts'
import type * as repo from './cases.repository.ts'
import { isStaffOn } from './cases.policy.ts'
import { actionsFor, subjectOf } from './cases.workflow.ts'
import type { Case, CaseChannel, CaseDetail } from './cases.schemas.ts'

const photoList = (photos: { id: string; sha256: string }[]) => photos.map((p) => ({ id: p.id, url: fileUrl(p.sha256) }))

/** Whether the actor sees the staff view of a case (read with the actor as viewer). */
export const staffViewOf = (actor: Actor, c: repo.CaseRow) => isStaffOn(actor, subjectOf(c, actor.personId))

export function presentFor(actor: Actor, c: repo.CaseRow): Case {
  const staff = staffViewOf(actor, c)
  const self = actor.personId !== null && actor.personId === c.reporterId
  const showReporter = c.reporterId !== null && (self || (staff && !c.anonymous))
  const overdue = c.overdueAt !== null && c.state !== 'rejected' && c.state !== 'closed'
  return {
    id: c.id,
    state: c.state,
    level: c.level,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    description: c.description,
    address: c.address,
    location: { lng: c.lng, lat: c.lat },
    gridId: c.orgId,
    gridName: c.gridName,
    communityId: c.communityId,
    communityName: c.communityName,
    handlingOrgId: c.handlingOrgId,
    handlingOrgName: c.handlingOrgName,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName ?? '' } : null,
    reporter: showReporter ? { id: c.reporterId!, name: c.reporterName ?? '' } : null,
    // Staff may call a named reporter: the masked number here, the full one through POST /cases/:id/reporter-phone (audited).
    reporterPhone: showReporter && staff && !self ? c.reporterPhoneMask : null,
    anonymous: c.anonymous,
    channel: c.channel as CaseChannel,
    photos: photoList(c.photos),
    acceptDueAt: isoTime(c.acceptDueAt),
    handleDueAt: isoTime(c.handleDueAt),
    overdue,
    overdueAt: isoTime(c.overdueAt),
    acceptedAt: isoTime(c.acceptedAt),
    handledAt: isoTime(c.handledAt),
    closedAt: isoTime(c.closedAt),
    result: c.result,
    rejectReason: c.rejectReason,
    rating: c.rating,
    ratingComment: staff || self ? c.ratingComment : null,
    reopens: c.reopens,
    escalations: c.escalations,
    revisitDueAt: isoTime(c.revisitDueAt),
    revisitedAt: isoTime(c.revisitedAt),
    revisitFixed: c.revisitFixed,
    revisitSatisfaction: c.revisitSatisfaction,
    mergedIntoId: c.mergedIntoId,
    visitId: c.visitId,
    followers: c.followers,
    following: c.following,
    createdAt: isoTime(c.createdAt)!,
    updatedAt: isoTime(c.updatedAt)!,
    actions: actionsFor(actor, c),
  }
}

/** The case with its timeline (public rows only outside the staff view) and, for staff, its meetings. */
export function presentDetail(actor: Actor, c: repo.CaseRow, events: repo.EventRow[], meetings: repo.MeetingRow[]): CaseDetail {
  const staff = staffViewOf(actor, c)
  const me = actor.personId
  // The reporter's own rows (the report, a rating, a revisit) would name an anonymous reporter.
  const named = (actorId: string) => actorId === me || (staff && !(c.anonymous && actorId === c.reporterId))
  return {
    ...presentFor(actor, c),
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      from: e.fromState,
      to: e.toState,
      actor: e.actorId && named(e.actorId) ? { id: e.actorId, name: e.actorName ?? '' } : null,
      at: isoTime(e.at)!,
      note: e.note,
      public: e.public,
      photos: photoList(e.photos),
      data: staff ? e.data : {},
    })),
    meetings: staff
      ? meetings.map((m) => ({ id: m.id, heldAt: isoTime(m.heldAt)!, participants: m.participants, conclusion: m.conclusion, recordedBy: { id: m.recordedBy, name: m.recorderName } }))
      : [],
  }
}
