// How an errand is answered: a list row, and the detail with its checklist (photos by address),
// steps and timeline, the caller's view (desk or requester) and the actions open to them.
import { isoTime } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import type { Errand, ErrandDetail } from './errands.schemas.ts'
import { isDeskStaff, isRequesterSide, type ErrandSubject } from './errands.policy.ts'
import { actionsFor, levelOf, type Viewer } from './errands.workflow.ts'
import type { ErrandRow, EventRow, StepRow } from './errands.repository.ts'

const ref = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' })
const time = (t: string | null) => isoTime(t)

export const subjectOf = (e: Pick<ErrandRow, 'orgPath' | 'requesterId' | 'unitPersonIds'>): ErrandSubject => ({ orgPath: e.orgPath, requesterId: e.requesterId, unitPersonIds: e.unitPersonIds })
export const viewerOf = (actor: Actor, e: ErrandRow): Viewer => ({ desk: isDeskStaff(actor, subjectOf(e)), requester: actor.kind === 'person' && isRequesterSide(actor, subjectOf(e)) })

const missingOf = (e: ErrandRow) => e.checklist.filter((i) => i.required && !i.received).length

export function presentErrand(e: ErrandRow): Errand {
  return {
    id: e.id,
    state: e.state,
    level: levelOf(e.orgKind),
    org: { id: e.orgId, name: e.orgName },
    matter: e.matter as Errand['matter'],
    title: e.title,
    requester: { id: e.requesterId, name: e.requesterName },
    unit: ref(e.unitId, e.unitName),
    owner: ref(e.ownerId, e.ownerName),
    dueOn: e.dueOn,
    steps: { total: e.stepsTotal, done: e.stepsDone, overdue: e.stepsOverdue },
    missingDocuments: missingOf(e),
    rating: e.rating,
    createdAt: time(e.createdAt)!,
    updatedAt: time(e.updatedAt)!,
  }
}

export function presentDetail(actor: Actor, e: ErrandRow, steps: StepRow[], events: EventRow[], files: Map<string, string>): ErrandDetail {
  const { steps: _counts, ...row } = presentErrand(e)
  const viewer = viewerOf(actor, e)
  const open = e.state === 'accepted' || e.state === 'in_progress'
  return {
    ...row,
    description: e.description,
    checklist: e.checklist.map((i) => ({
      ...i,
      files: i.fileIds.flatMap((id) => {
        const sha = files.get(id)
        return sha ? [{ id, url: `/api/v1/files/${sha}`, thumbUrl: `/api/v1/files/${sha}?size=thumb` }] : []
      }),
    })),
    steps: steps.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      owner: ref(s.ownerId, s.ownerName),
      dueAt: time(s.dueAt),
      doneAt: time(s.doneAt),
      doneBy: ref(s.doneById, s.doneByName),
      note: s.note,
      overdue: open && s.overdue,
    })),
    // Internal rows (the sweep's overdue marks) are the desk's, not the requester's.
    timeline: events.filter((ev) => viewer.desk || ev.data.internal !== true).map((ev) => ({ id: ev.id, action: ev.action, fromState: ev.fromState, toState: ev.toState, actor: ref(ev.actorId, ev.actorName), note: ev.note, data: ev.data, at: time(ev.at)! })),
    createdBy: ref(e.createdById, e.createdByName),
    acceptedAt: time(e.acceptedAt),
    doneAt: time(e.doneAt),
    result: e.result,
    reason: e.reason,
    feedback: e.feedback,
    ratedAt: time(e.ratedAt),
    deskView: viewer.desk,
    actions: actionsFor({ state: e.state, rated: e.rating !== null }, viewer),
  }
}
