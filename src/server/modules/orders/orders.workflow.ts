// The order state machine (三单制: 点单 → 审单 → 派单/抢单 → 服务 → 回访评单): which states each
// action starts from and who may take it. Pure: the transitions (orders.transitions.ts) lock the
// row, ask `refusalOf`, and write the change and one timeline event.
import type { Actor } from '../../kernel/context.ts'
import type { OrderRow } from './orders.repository.ts'
import { isProvider, isRequester, isStaffOver, mayServe, type OrderSubject } from './orders.policy.ts'
import type { OrderAction, OrderState } from './orders.schemas.ts'

/** States in which an order still waits for someone (its deadline counts). */
export const ACTIVE: OrderState[] = ['placed', 'accepted', 'open', 'assigned', 'in_progress']

export interface Viewer {
  staff: boolean
  requester: boolean
  provider: boolean
  mayServe: boolean
}

export const subjectOf = (o: OrderRow): OrderSubject => ({
  state: o.state,
  orgPath: o.orgPath,
  requesterId: o.requesterId,
  placedById: o.placedById,
  assigneePersonId: o.assigneePersonId,
  providerId: o.providerId,
  assigneePeople: o.assigneePeople,
})

export function viewerOf(actor: Actor, o: OrderRow): Viewer {
  const s = subjectOf(o)
  return { staff: actor.kind === 'person' && isStaffOver(actor, o.orgPath), requester: isRequester(actor, s), provider: isProvider(actor, s), mayServe: mayServe(actor) }
}

export const RULES: Record<OrderAction, { from: OrderState[]; who: (v: Viewer, o: OrderRow) => boolean }> = {
  review: { from: ['placed'], who: (v) => v.staff },
  dispatch: { from: ['accepted', 'open', 'assigned'], who: (v) => v.staff },
  // Grabbing: a member, volunteer or staff who is not the one served (eligibility is checked in the database).
  claim: { from: ['open'], who: (v) => v.mayServe && !v.requester },
  start: { from: ['assigned'], who: (v) => v.provider || v.staff },
  checkin: { from: ['assigned', 'in_progress'], who: (v) => v.provider },
  complete: { from: ['assigned', 'in_progress'], who: (v) => v.provider || v.staff },
  confirm: { from: ['completed'], who: (v) => v.requester || v.staff },
  rate: { from: ['completed', 'confirmed'], who: (v, o) => o.rating === null && (v.requester || v.staff) },
  cancel: { from: ['placed', 'accepted', 'open', 'assigned'], who: (v) => v.requester || v.staff },
}

export function actionsFor(actor: Actor, o: OrderRow): OrderAction[] {
  if (actor.kind !== 'person') return []
  const v = viewerOf(actor, o)
  return (Object.keys(RULES) as OrderAction[]).filter((a) => RULES[a].from.includes(o.state) && RULES[a].who(v, o))
}

export interface Refusal {
  status: 403 | 409
  code: 'ORDER_STATE_CONFLICT' | 'ORDER_ALREADY_CLAIMED' | 'ORDER_ALREADY_RATED' | 'ORDER_NOT_PROVIDER' | 'FORBIDDEN'
}

/** Null when `v` may take `action` on `o` now; else why not (the viewer already may read the order). */
export function refusalOf(action: OrderAction, o: OrderRow, v: Viewer): Refusal | null {
  const rule = RULES[action]
  if (action === 'claim' && o.state !== 'open' && ['assigned', 'in_progress', 'completed', 'confirmed'].includes(o.state)) return { status: 409, code: 'ORDER_ALREADY_CLAIMED' }
  if (action === 'rate' && o.rating !== null && (v.requester || v.staff)) return { status: 409, code: 'ORDER_ALREADY_RATED' }
  if (!rule.from.includes(o.state)) return { status: 409, code: 'ORDER_STATE_CONFLICT' }
  if (rule.who(v, o)) return null
  if ((action === 'checkin' || action === 'start' || action === 'complete') && v.staff) return { status: 403, code: 'ORDER_NOT_PROVIDER' }
  return { status: 403, code: 'FORBIDDEN' }
}

/** The deadline of the stage an order enters, in hours, from its item's terms (the sweep's escalation in orders.sweep.ts compares the same in SQL). */
export function stageHours(state: OrderState, terms: { reviewHours: number; claimHours: number; finishHours: number }, autoConfirmDays: number): number | null {
  if (state === 'placed') return terms.reviewHours
  if (state === 'accepted' || state === 'open') return terms.claimHours
  if (state === 'assigned' || state === 'in_progress') return terms.finishHours
  if (state === 'completed') return autoConfirmDays * 24
  return null
}

/** Whether an order's window (China time) falls inside one of a provider's 错时服务 windows. */
export function fitsWindows(windows: { day: number; from: string; to: string }[], from: string | null, to: string | null): boolean {
  if (windows.length === 0 || from === null) return true
  const china = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000)
  const start = china(from)
  const end = to ? china(to) : new Date(start.getTime() + 3_600_000)
  const day = start.getUTCDay() === 0 ? 7 : start.getUTCDay()
  const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  const sameDay = start.toISOString().slice(0, 10) === end.toISOString().slice(0, 10)
  const s = hhmm(start)
  const e = sameDay ? hhmm(end) : '24:00'
  // The order's window overlaps one of the provider's windows on that weekday.
  return windows.some((w) => w.day === day && w.from < e && s < w.to)
}
