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
  const self = actor.personId !== null && actor.personId === c.reporter_id
  const showReporter = c.reporter_id !== null && (self || (staff && !c.anonymous))
  const overdue = c.overdue_at !== null && c.state !== 'rejected' && c.state !== 'closed'
  return {
    id: c.id,
    state: c.state,
    level: c.level,
    categoryCode: c.category_code,
    categoryName: c.category_name,
    description: c.description,
    address: c.address,
    location: { lng: c.lng, lat: c.lat },
    gridId: c.org_id,
    gridName: c.grid_name,
    communityId: c.community_id,
    communityName: c.community_name,
    handlingOrgId: c.handling_org_id,
    handlingOrgName: c.handling_org_name,
    assignee: c.assignee_id ? { id: c.assignee_id, name: c.assignee_name ?? '' } : null,
    reporter: showReporter ? { id: c.reporter_id!, name: c.reporter_name ?? '' } : null,
    anonymous: c.anonymous,
    channel: c.channel as CaseChannel,
    photos: photoList(c.photos),
    acceptDueAt: isoTime(c.accept_due_at),
    handleDueAt: isoTime(c.handle_due_at),
    overdue,
    overdueAt: isoTime(c.overdue_at),
    acceptedAt: isoTime(c.accepted_at),
    handledAt: isoTime(c.handled_at),
    closedAt: isoTime(c.closed_at),
    result: c.result,
    rejectReason: c.reject_reason,
    rating: c.rating,
    ratingComment: staff || self ? c.rating_comment : null,
    reopens: c.reopens,
    escalations: c.escalations,
    revisitDueAt: isoTime(c.revisit_due_at),
    revisitedAt: isoTime(c.revisited_at),
    revisitFixed: c.revisit_fixed,
    mergedIntoId: c.merged_into_id,
    visitId: c.visit_id,
    followers: c.followers,
    following: c.following,
    createdAt: isoTime(c.created_at)!,
    updatedAt: isoTime(c.updated_at)!,
    actions: actionsFor(actor, c),
  }
}

/** The case with its timeline (public rows only outside the staff view) and, for staff, its meetings. */
export function presentDetail(actor: Actor, c: repo.CaseRow, events: repo.EventRow[], meetings: repo.MeetingRow[]): CaseDetail {
  const staff = staffViewOf(actor, c)
  const me = actor.personId
  // The reporter's own rows (the report, a rating, a revisit) would name an anonymous reporter.
  const named = (actorId: string) => actorId === me || (staff && !(c.anonymous && actorId === c.reporter_id))
  return {
    ...presentFor(actor, c),
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      from: e.from_state,
      to: e.to_state,
      actor: e.actor_id && named(e.actor_id) ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      at: isoTime(e.at)!,
      note: e.note,
      public: e.public,
      photos: photoList(e.photos),
      data: staff ? e.data : {},
    })),
    meetings: staff
      ? meetings.map((m) => ({ id: m.id, heldAt: isoTime(m.held_at)!, participants: m.participants, conclusion: m.conclusion, recordedBy: { id: m.recorded_by, name: m.recorder_name } }))
      : [],
  }
}
