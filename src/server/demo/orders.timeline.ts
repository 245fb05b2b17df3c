// One demo order's life as the orders module would have written it: the order row's columns and
// its timeline, one event per transition (plus reminders, escalations and ratings), with
// realistic gaps: a review within minutes to hours, a grab within minutes, service inside the
// order's window, confirmation within days. Built forward from the moment it was placed, then
// shifted in time by the caller so that an order still open ends just before the seeding moment.
import type { DemoItem } from './orders.catalogue.ts'

export type Random = () => number
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

export interface Ev { actor: string | null; kind: 'person' | 'system' | 'device'; action: string; from: string | null; to: string; at: number; note?: string | null; data?: Record<string, unknown> }
export interface Assignee { kind: 'person' | 'team' | 'unit'; id: string; name: string; provider: string }

const REFUSALS = ['不属于本社区服务范围，已告知到街道便民服务中心办理', '申请材料不全，已电话告知需补充的材料', '该事项需本人到场办理，已预约窗口时间', '所需服务暂无人员提供，已推荐附近商户', '信息不实，电话核实后居民表示无需服务']
const CANCELS = ['家里人已经帮忙处理了', '时间有变，改天再约', '问题已经自己解决了', '下错单了，重新下一单', '已经找了楼下的师傅']
const COMMENTS: Record<number, string[]> = {
  5: ['服务很周到，非常感谢！', '来得很及时，态度特别好', '师傅手艺好，还帮忙检查了其他地方', '小伙子很耐心，给党员点赞', '比预想的快多了，谢谢社区'],
  4: ['整体满意，就是稍微晚到了一会儿', '服务不错，希望下次提前打个电话', '挺好的，价格也公道'],
  3: ['问题解决了，但等的时间有点长', '一般，沟通不太顺畅'],
  2: ['没有彻底解决，还得再来一趟'],
  1: ['约好的时间没来，打电话才来'],
}
const RESULTS: Record<string, string[]> = {
  public: ['已上门核实情况并协助填写申请表，材料已提交', '已电话详细解答相关政策，并送达办事指南', '已代为办理并送达证件', '已入户完成检查，发现隐患当场整改'],
  social: ['已上门完成服务，居民现场验收', '已按约定时间送达，居民签收', '故障已排除，讲解了日常使用注意事项', '已完成服务，收取费用与清单价格一致'],
  volunteer: ['已上门服务，老人精神很好，约好下次再来', '已完成服务并陪老人聊了一会儿', '已送达并帮忙整理好物品', '已完成，教会了老人基本操作'],
  sos: ['已到老人家中，老人不慎滑倒，无明显外伤，已联系家属', '老人血压偏高，已陪同到社区卫生服务站测量，现已平稳', '老人误按呼叫，已上门确认安全', '老人身体不适，已协助拨打 120 并通知家属到场'],
}

export const pick = <T,>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
/** A skewed duration between lo and hi (most near lo). */
export const span = (random: Random, lo: number, hi: number) => lo + (hi - lo) * random() ** 2.2

export interface Plan {
  state: string
  terms: DemoItem
  requester: string
  placedBy: string | null
  channel: string
  reviewer: string
  /** Who takes it when it is open (a claim) or dispatched. */
  assignee: (claimed: boolean) => Assignee
  /** For merged orders: an earlier order to merge into. */
  mergeInto?: string
  urgent: boolean
  home: { lng: number; lat: number }
}

export interface Life {
  events: Ev[]
  cols: Record<string, unknown>
  assignee: Assignee | null
  placedAt: number
}

/**
 * Runs an order from placing to `plan.state`; times start at 0, placed at `origin` (ms), and
 * people act in the daytime (China time) unless the call is urgent.
 */
export function live(random: Random, p: Plan, autoConfirmDays: number, origin: number): Life {
  const [reviewH, claimH, finishH] = p.terms.hours!
  const ev: Ev[] = []
  const cols: Record<string, unknown> = { reworks: 0 }
  let t = 0
  let state = 'placed'
  let a: Assignee | null = null
  const push = (e: Omit<Ev, 'at' | 'from'> & { from?: string | null }, at = t) => { ev.push({ from: state, ...e, at }); state = e.to }
  const stage = (hours: number, fast: [number, number]) => {
    // Now and then the stage overruns its deadline: reminded once (and escalated after a second period).
    const late = random() < 0.08
    const d = late ? hours * HOUR * (1.05 + random() * 1.6) : span(random, fast[0], Math.min(fast[1], hours * HOUR * 0.9))
    if (late) {
      push({ actor: null, kind: 'system', action: 'remind', to: state, note: state === 'assigned' || state === 'in_progress' ? '服务超时提醒' : '审核或派单超时提醒' }, t + hours * HOUR)
      if (d > 2 * hours * HOUR) push({ actor: null, kind: 'system', action: 'escalate', to: state, note: '严重超时，上报街道' }, t + 2 * hours * HOUR)
    }
    t += d
  }
  const is = (s: string) => p.state === s
  const wake = () => {
    if (p.urgent) return
    const h = ((((origin + t + 8 * HOUR) % DAY) + DAY) % DAY) / HOUR
    if (h < 7.5) t += (7.5 - h) * HOUR + random() * 1.5 * HOUR
    else if (h >= 21) t += (31.5 - h) * HOUR + random() * 1.5 * HOUR
  }
  const stop = () => is(state)

  push({ actor: p.channel === 'device' || p.channel === 'elder_button' ? null : p.placedBy ?? p.requester, kind: p.channel === 'device' || p.channel === 'elder_button' ? 'device' : 'person', action: 'place', from: null, to: 'placed', data: { channel: p.channel } })
  const done = () => ({ events: ev, cols: { ...cols, dueHours: dueHours(state, p.terms, autoConfirmDays) }, assignee: a, placedAt: 0 })
  if (stop()) return done()
  // Review: automatic for auto-accepting items and urgent calls, else by the grid or the community.
  const grab = p.terms.grab ?? true
  if (p.terms.autoAccept || p.urgent) {
    push({ actor: null, kind: 'system', action: 'review', to: grab ? 'open' : 'accepted', data: { decision: 'accept', grab } })
  } else {
    stage(reviewH, [8 * MIN, 5 * HOUR])
    wake()
    if (is('refused')) {
      const reason = pick(random, REFUSALS)
      cols.reason = reason
      push({ actor: p.reviewer, kind: 'person', action: 'review', to: 'refused', note: reason, data: { decision: 'refuse' } })
    } else if (is('merged')) {
      cols.reason = '同一楼栋同类诉求，合并办理'
      push({ actor: p.reviewer, kind: 'person', action: 'review', to: 'merged', note: cols.reason as string, data: { decision: 'merge', mergedIntoId: p.mergeInto } })
    } else {
      push({ actor: p.reviewer, kind: 'person', action: 'review', to: grab ? 'open' : 'accepted', data: { decision: 'accept', grab } })
    }
  }
  cols.reviewedAt = t
  if (stop() || is('refused') || is('merged')) return done()
  const cancelNow = () => {
    t += span(random, 10 * MIN, 20 * HOUR)
    wake()
    const reason = pick(random, CANCELS)
    cols.reason = reason
    push({ actor: p.requester, kind: 'person', action: 'cancel', to: 'cancelled', note: reason })
    return done()
  }
  if (is('cancelled') && random() < 0.5) return cancelNow()
  // Taken: grabbed within minutes, or dispatched by a cadre.
  const claimed = state === 'open'
  stage(claimH, claimed ? [3 * MIN, (p.urgent ? 0.4 : 3) * HOUR] : [20 * MIN, 8 * HOUR])
  wake()
  a = p.assignee(claimed)
  cols.assignedAt = t
  push({ actor: claimed ? a.provider : p.reviewer, kind: 'person', action: claimed ? 'claim' : 'dispatch', to: 'assigned', data: { assignee: { kind: a.kind, id: a.id, name: a.name } } })
  if (stop()) return done()
  if (is('cancelled')) return cancelNow()
  const serve = () => {
    stage(finishH, p.urgent ? [5 * MIN, 40 * MIN] : [1 * HOUR, Math.max(2 * HOUR, finishH * HOUR * 0.5)])
    wake()
    if (random() < 0.5) {
      push({ actor: a!.provider, kind: 'person', action: 'start', to: 'in_progress' })
      t += span(random, 5 * MIN, 40 * MIN)
    }
    cols.startedAt ??= t
    const far = random() < 0.04
    const d = far ? 300 + Math.floor(random() * 600) : 2 + Math.floor(random() ** 2 * 120)
    const ang = random() * Math.PI * 2
    const at = { lng: round7(p.home.lng + (d * Math.cos(ang)) / 97_000), lat: round7(p.home.lat + (d * Math.sin(ang)) / 111_000), distanceM: d }
    cols.checkedInAt = t
    cols.checkinDistanceM = d
    push({ actor: a!.provider, kind: 'person', action: 'checkin', to: 'in_progress', data: { checkIn: at } })
    if (stop()) return false
    t += Math.max(15 * MIN, (p.terms.serviceHours ?? 1) * HOUR * (0.7 + random() * 0.6))
    const hours = Math.max(0.5, Math.round(((p.terms.serviceHours ?? 1) + (random() < 0.2 ? 0.5 : 0)) * 2) / 2)
    const result = pick(random, RESULTS[p.terms.icon === 'sos' ? 'sos' : p.terms.list]!)
    Object.assign(cols, { completedAt: t, result, hours })
    push({ actor: a!.provider, kind: 'person', action: 'complete', to: 'completed', note: result, data: { hours } })
    return !stop()
  }
  if (!serve()) return done()
  // Confirmation by the resident, a cadre after a call, or automatically; then a rating.
  const confirm = (allowRework: boolean): Life | null => {
    const how = random() < 0.62 ? 'resident' : random() < 0.55 ? 'cadre' : 'auto'
    t += how === 'auto' ? autoConfirmDays * DAY : span(random, 20 * MIN, 2 * DAY)
    if (how !== 'auto') wake()
    Object.assign(cols, { confirmedAt: t, confirmedHow: how })
    push({ actor: how === 'auto' ? null : how === 'resident' ? p.requester : p.reviewer, kind: how === 'auto' ? 'system' : 'person', action: 'confirm', to: 'confirmed',
      note: how === 'auto' ? `${autoConfirmDays} 天内未确认，系统自动确认` : null, data: { how } })
    if (how === 'auto') return null
    const r = random()
    const rating = allowRework && r < 0.03 ? 1 + Math.floor(random() * 2) : r < 0.68 ? 5 : r < 0.9 ? 4 : 3
    const comment = random() < 0.7 ? pick(random, COMMENTS[rating]!) : null
    t += 2 * MIN + random() * 30 * MIN
    const byCall = how === 'cadre'
    if (rating <= 2 && allowRework) {
      cols.reworks = 1
      push({ actor: byCall ? p.reviewer : p.requester, kind: 'person', action: 'rate', to: 'assigned', note: comment, data: { rating, byCall, rework: true } })
      return serve() ? confirm(false) : done()
    }
    Object.assign(cols, { rating, ratingComment: comment })
    push({ actor: byCall ? p.reviewer : p.requester, kind: 'person', action: 'rate', to: 'confirmed', note: comment, data: { rating, byCall } })
    return null
  }
  return confirm(true) ?? done()
}

/** The deadline of the stage an order is in, in hours after it entered it (null: none). */
function dueHours(state: string, terms: DemoItem, autoConfirmDays: number): number | null {
  const [r, c, f] = terms.hours!
  return state === 'placed' ? r : state === 'accepted' || state === 'open' ? c : state === 'assigned' || state === 'in_progress' ? f : state === 'completed' ? autoConfirmDays * 24 : null
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7
