// The errand's state machine, pure: which action may run from which state, who may run it (the
// desk or the requester's side) and the state it leads to. Steps and the checklist change only
// while the errand is open. Services ask `refusalOf` before they touch anything.
import type { ErrandAction, ErrandLevel, ErrandState } from './errands.schemas.ts'

export const OPEN_STATES: readonly ErrandState[] = ['submitted', 'accepted', 'in_progress']

interface Rule { from: readonly ErrandState[]; by: 'desk' | 'requester'; to: ErrandState | 'same' }

export const RULES: Record<ErrandAction, Rule> = {
  accept: { from: ['submitted'], by: 'desk', to: 'accepted' },
  reject: { from: ['submitted', 'accepted'], by: 'desk', to: 'rejected' },
  start: { from: ['accepted'], by: 'desk', to: 'in_progress' },
  handoff: { from: OPEN_STATES, by: 'desk', to: 'same' },
  done: { from: ['accepted', 'in_progress'], by: 'desk', to: 'done' },
  cancel: { from: OPEN_STATES, by: 'requester', to: 'cancelled' },
  rate: { from: ['done'], by: 'requester', to: 'same' },
}

/** Steps are planned and completed once the desk has accepted the errand, until it ends. */
export const STEP_STATES: readonly ErrandState[] = ['accepted', 'in_progress']
/** The checklist of documents is kept while the errand is open. */
export const CHECKLIST_STATES: readonly ErrandState[] = OPEN_STATES

export interface Viewer {
  desk: boolean
  requester: boolean
}

export interface ErrandFacts {
  state: ErrandState
  rated: boolean
}

export type Refusal = { status: 403 | 409; code: 'FORBIDDEN' | 'ERRAND_STATE_CONFLICT' | 'ERRAND_ALREADY_RATED' }

export function stateAfter(action: ErrandAction, state: ErrandState): ErrandState {
  const to = RULES[action].to
  return to === 'same' ? state : to
}

/** Why the viewer may not run the action now (403 not theirs to run, 409 not from this state), or null. */
export function refusalOf(action: ErrandAction, e: ErrandFacts, viewer: Viewer): Refusal | null {
  const rule = RULES[action]
  if (rule.by === 'desk' ? !viewer.desk : !viewer.requester) return { status: 403, code: 'FORBIDDEN' }
  if (!rule.from.includes(e.state)) return { status: 409, code: 'ERRAND_STATE_CONFLICT' }
  if (action === 'rate' && e.rated) return { status: 409, code: 'ERRAND_ALREADY_RATED' }
  return null
}

/** The actions the viewer may run now, in the order the pages show them. */
export function actionsFor(e: ErrandFacts, viewer: Viewer): ErrandAction[] {
  return (Object.keys(RULES) as ErrandAction[]).filter((a) => refusalOf(a, e, viewer) === null)
}

/** A step or checklist change from this state: null when allowed. */
export function workRefusal(kind: 'steps' | 'checklist', state: ErrandState, viewer: Viewer): Refusal | null {
  if (!viewer.desk) return { status: 403, code: 'FORBIDDEN' }
  const states = kind === 'steps' ? STEP_STATES : CHECKLIST_STATES
  return states.includes(state) ? null : { status: 409, code: 'ERRAND_STATE_CONFLICT' }
}

/** The desks: a district's centre, a street's station, a community's or village's point. */
export const DESK_KINDS = ['district', 'street', 'community', 'village'] as const
export function levelOf(kind: string): ErrandLevel {
  if (kind === 'district') return 'centre'
  if (kind === 'street') return 'station'
  return 'point'
}
export const KINDS_OF_LEVEL: Record<ErrandLevel, string[]> = { centre: ['district'], station: ['street'], point: ['community', 'village'] }
export const LEVEL_ORDER: readonly ErrandLevel[] = ['point', 'station', 'centre']

/** A hand-off goes one level up or one level down, never sideways or two levels at once. */
export function handoffAllowed(from: ErrandLevel, to: ErrandLevel): 'up' | 'down' | null {
  const d = LEVEL_ORDER.indexOf(to) - LEVEL_ORDER.indexOf(from)
  return d === 1 ? 'up' : d === -1 ? 'down' : null
}
