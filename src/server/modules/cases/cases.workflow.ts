// The case state machine: which states each action starts from and who may take it, and the
// policy subject of a case row as one viewer sees it.
import { isoTime } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { can, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { CaseRow } from './cases.repository.ts'
import type { CaseSubject } from './cases.policy.ts'
import type { CaseAction, CaseLevel, CaseState } from './cases.schemas.ts'

export const levelLabels: Record<CaseLevel, string> = { grid: '网格', community: '社区', street: '街道', department: '职能部门' }
export const NEXT_LEVEL: Record<CaseLevel, CaseLevel | null> = { grid: 'community', community: 'street', street: 'department', department: null }
const OPEN_ACTIVE: CaseState[] = ['reported', 'accepted', 'assigned', 'in_progress']

export interface Viewer {
  actor: Actor
  me: string | null
  staff: boolean
  dispatcher: boolean
  assignee: boolean
  reporter: boolean
  now: number
}

/** Which states an action starts from, and who may take it (besides the state). */
export const RULES: Record<CaseAction, { from: CaseState[]; who: (v: Viewer, c: CaseRow) => boolean }> = {
  accept: { from: ['reported'], who: (v) => v.staff },
  reject: { from: ['reported'], who: (v) => v.staff },
  assign: { from: OPEN_ACTIVE, who: (v) => v.dispatcher },
  // Taking means "assign to me": a person, not a machine token.
  take: { from: ['reported', 'accepted', 'assigned'], who: (v) => v.staff && v.me !== null },
  start: { from: ['assigned'], who: (v) => v.assignee || v.dispatcher },
  handle: { from: ['assigned', 'in_progress'], who: (v) => v.assignee || v.dispatcher },
  verify: { from: ['handled'], who: (v, c) => v.dispatcher && c.lastHandlerId !== v.me },
  return: { from: ['handled', 'verified'], who: (v) => v.dispatcher },
  close: { from: ['verified'], who: (v) => v.dispatcher },
  escalate: { from: OPEN_ACTIVE, who: (v, c) => v.staff && c.level !== 'department' },
  reopen: { from: ['closed'], who: (v, c) => v.dispatcher && c.mergedIntoId === null },
  rate: { from: ['closed'], who: (v, c) => v.reporter && c.rating === null && c.mergedIntoId === null },
  // 回访: staff call the reporter right after 销号 (the due date is their deadline); the reporter
  // is asked in the app when it falls due, unless staff already called.
  revisit: {
    from: ['closed'],
    who: (v, c) => c.revisitedAt === null && c.revisitDueAt !== null && (v.staff || (v.reporter && Date.parse(isoTime(c.revisitDueAt)!) <= v.now)),
  },
  update: { from: [...OPEN_ACTIVE, 'handled', 'verified'], who: (v) => v.staff || v.assignee },
  merge: { from: ['reported', 'accepted'], who: (v) => v.staff },
  meetings: { from: [...OPEN_ACTIVE, 'handled', 'verified', 'closed'], who: (v) => v.staff },
}

/**
 * The policy subject of a row read for `viewer` (the person id the row was loaded with): its
 * `watched` column says whether that viewer follows the case or a node above it.
 */
export const subjectOf = (c: CaseRow, viewer: string | null): CaseSubject => ({
  orgPath: c.orgPath,
  handlingOrgPath: c.handlingOrgPath,
  reporterId: c.reporterId,
  assigneeId: c.assigneeId,
  publicCategory: c.publicCategory,
  followerIds: viewer !== null && c.watched ? [viewer] : [],
  state: c.state,
  mergedIntoId: c.mergedIntoId,
})

export function viewerOf(actor: Actor, c: CaseRow): Viewer {
  const me = actor.personId
  return {
    actor,
    me,
    staff: levelAt(actor, c.handlingOrgPath) >= LEVEL.gridStaff,
    dispatcher: can(actor, 'case.dispatch', subjectOf(c, me)),
    assignee: me !== null && me === c.assigneeId,
    reporter: me !== null && me === c.reporterId,
    now: Date.now(),
  }
}

export function actionsFor(actor: Actor, c: CaseRow): CaseAction[] {
  if (actor.kind === 'anonymous') return []
  const v = viewerOf(actor, c)
  return (Object.keys(RULES) as CaseAction[]).filter((a) => {
    const rule = RULES[a]
    if (!rule.from.includes(c.state) || !rule.who(v, c)) return false
    return a !== 'take' || c.assigneeId === null
  })
}

/**
 * The state each action leaves a case in. `same`: a note on the timeline that moves nothing;
 * `reopened`: back to the last handler (assigned), or to the handling unit when there is none
 * (accepted). `rate` and `revisit` stay closed unless their answer reopens the case.
 */
export const TARGET: Record<CaseAction, CaseState | 'same' | 'reopened'> = {
  accept: 'accepted',
  reject: 'rejected',
  assign: 'assigned',
  take: 'assigned',
  start: 'in_progress',
  handle: 'handled',
  verify: 'verified',
  return: 'in_progress',
  close: 'closed',
  escalate: 'accepted',
  reopen: 'reopened',
  rate: 'same',
  revisit: 'same',
  update: 'same',
  merge: 'rejected',
  meetings: 'same',
}

/** Where a reopened case goes: its last handler when it had one, else back to its unit's queue. */
export const reopenedState = (c: Pick<CaseRow, 'lastHandlerId'>): CaseState => (c.lastHandlerId ? 'assigned' : 'accepted')

/** The state after `action` on `c`, before any reopening its answer causes. */
export function stateAfter(action: CaseAction, c: Pick<CaseRow, 'state' | 'lastHandlerId'>): CaseState {
  const to = TARGET[action]
  return to === 'same' ? c.state : to === 'reopened' ? reopenedState(c) : to
}

/** Whether a dissatisfied answer may still reopen the case automatically (CASE_MAX_REOPENS). */
export const mayReopenAgain = (c: Pick<CaseRow, 'reopens'>, max: number) => c.reopens < max

/** Why an action is refused, as the API answers it: status, error code and message parameters. */
export interface Refusal {
  status: 403 | 409 | 422
  code: 'CASE_ALREADY_TAKEN' | 'CASE_STATE_CONFLICT' | 'CASE_ALREADY_RATED' | 'CASE_NOT_REPORTER' | 'CASE_REVISIT_NOT_DUE' | 'CASE_TOP_LEVEL' | 'CASE_NOT_ASSIGNEE' | 'FORBIDDEN'
  params?: Record<string, string>
}

/**
 * The guard of every transition (the viewer already passed `case.read`): null when `v` may take
 * `action` on `c` now, else the refusal that names the reason most useful to the one refused.
 */
export function refusalOf(action: CaseAction, c: CaseRow, v: Viewer, labels: { state: string; action: string }): Refusal | null {
  const rule = RULES[action]
  if (action === 'take' && c.assigneeId !== null && v.staff) return { status: 409, code: 'CASE_ALREADY_TAKEN', params: { name: c.assigneeName ?? '' } }
  if (!rule.from.includes(c.state)) return { status: 409, code: 'CASE_STATE_CONFLICT', params: labels }
  if (rule.who(v, c)) return null
  if (action === 'rate') return c.rating !== null ? { status: 409, code: 'CASE_ALREADY_RATED' } : { status: 403, code: 'CASE_NOT_REPORTER' }
  if (action === 'revisit' && (v.staff || v.reporter)) return { status: 422, code: 'CASE_REVISIT_NOT_DUE' }
  if (action === 'escalate' && v.staff) return { status: 422, code: 'CASE_TOP_LEVEL' }
  if ((action === 'start' || action === 'handle') && v.staff) return { status: 403, code: 'CASE_NOT_ASSIGNEE' }
  return { status: 403, code: 'FORBIDDEN' }
}
