// One case lived forward from its report, taking the steps the cases service takes (the minute
// sweep's reminders, overdue marks and automatic escalation included); what happens after
// DEMO_NOW is cut off and the row is derived from the events that remain.
import {
  type CaseEvent, type CaseRow, DAY, DEMO_NOW, HOUR, type Level, type Person, type Random, type Spec, type State, addDays,
  between, chance, iso, jitter, onDuty, pick, weighted,
} from './cases.model.ts'
import { RATING_COMMENTS, REJECT_REASONS, RESULTS } from './cases.words.ts'

/** What a lifecycle reads of the demo street and where it puts the cases and events it makes. */
export interface LifeWorld {
  random: Random
  gridTeam: Map<string, { leader: Person; workers: Person[] }>
  cadres: Map<string, Person[]>
  communityName: Map<string, string>
  streetId: string
  street: { name: string }
  departmentFor: (code: string) => Person
  streetAdmin: Person
  cases: CaseRow[]
  events: CaseEvent[]
}

export type LifeOptions = { rejected: boolean; stuckAt: 'reported' | 'assigned' | 'in_progress' | null; escalations: number; lateAccept: boolean; lateHandle: boolean }

export function createLifecycle(world: LifeWorld) {
  const { random, gridTeam, cadres, communityName, streetId, street, departmentFor, streetAdmin, cases, events } = world

  /**
   * Lives one case forward from its report, taking the same steps the cases service takes
   * (including the minute sweep's reminders, overdue marks and automatic escalation after 24
   * hours overdue), then keeps what happened before DEMO_NOW and derives the row from it.
   */
  function lifecycle(spec: Spec, opts: { rejected: boolean; stuckAt: 'reported' | 'assigned' | 'in_progress' | null; escalations: number; lateAccept: boolean; lateHandle: boolean }): void {
    const { key, category, place } = spec
    const top = category.code.split('.')[0]!
    const team = gridTeam.get(place.gridId)!
    const communityCadres = cadres.get(place.communityId)!
    const log: CaseEvent[] = []
    let state: State = 'reported'
    let t = spec.created
    const add = (action: string, to: State | null, actor: Person | null, at: number, note: string | null = null, data: Record<string, unknown> = {}, extra: Partial<CaseEvent> = {}) => {
      log.push({
        caseKey: key, action, from: action === 'report' ? null : action === 'remind' ? null : state, to, actor: actor?.id ?? null, at, note, data,
        actorKind: actor ? 'person' : action === 'report' ? (spec.channel === 'api' ? 'token' : 'person') : 'system', ...extra,
      })
      if (to) state = to
      t = Math.max(t, at)
    }

    add('report', 'reported', spec.reporter, t, null, { channel: spec.channel })
    const acceptDue = t + category.accept_hours * HOUR
    const byStaff = spec.channel === 'console' || spec.channel === 'visit'
    const acceptor = spec.channel === 'console' && spec.reporter ? spec.reporter : pick(random, [team.leader, ...team.workers])

    // The clock of the current handling cycle, as the sweep sees it.
    let level: Level = spec.level ?? 'grid'
    let due = 0
    let reminded = false
    let marked = false
    const startCycle = (at: number, lvl: Level) => {
      due = addDays(at, category.handle_days, category.working_days)
      reminded = false
      marked = false
      level = lvl
      return due
    }
    /** The sweep's reminder (a day before the limit) and overdue mark, if they come before `next`. */
    const sweepBefore = (next: number) => {
      if (!['accepted', 'assigned', 'in_progress'].includes(state)) return
      if (!reminded && due - DAY < next) {
        add('remind', null, null, Math.max(t, due - DAY) + 60_000)
        reminded = true
      }
      if (!marked && due + 60_000 < next) {
        add('overdue', state, null, due + 60_000)
        marked = true
      }
    }
    const escalateTo = (next: Level, by: Person | null, at: number, note: string) => {
      const unit = next === 'community' ? { id: place.communityId, name: communityName.get(place.communityId)! } : { id: streetId, name: street.name }
      add('escalate', 'accepted', by, at, note, { level: next, handlingOrgId: unit.id, handlingOrgName: unit.name }, { due: startCycle(at, next) })
    }
    /** Nobody acts any more: the sweep marks it overdue and escalates it a day later, up to the street. */
    const abandon = () => {
      for (;;) {
        sweepBefore(Number.POSITIVE_INFINITY)
        if (level === 'street' || t > DEMO_NOW) return
        escalateTo(level === 'grid' ? 'community' : 'street', null, t + 24 * HOUR + 60_000, `超期 24 小时未办结，系统自动上报`)
      }
    }

    if (opts.rejected) {
      add('reject', 'rejected', acceptor, onDuty(random, t + between(random, 0.1, 0.8) * category.accept_hours * HOUR), pick(random, REJECT_REASONS))
      return finish(spec, log, acceptDue)
    }
    if (opts.stuckAt === 'reported') {
      add('overdue', 'reported', null, acceptDue + 60_000)
      escalateTo(level === 'grid' ? 'community' : 'street', null, acceptDue + 24 * HOUR + 2 * 60_000, '超期 24 小时未办结，系统自动上报')
      abandon()
      return finish(spec, log, acceptDue)
    }

    // Acceptance: minutes when staff report it themselves; urgent categories are watched round the clock.
    let acceptAt: number
    if (opts.lateAccept && !byStaff) {
      add('overdue', 'reported', null, acceptDue + 60_000)
      acceptAt = acceptDue + between(random, 1, 20) * HOUR
    } else {
      const delay = byStaff ? between(random, 2, 20) * 60_000 : category.accept_hours * HOUR * between(random, 0.03, 0.7)
      acceptAt = category.accept_hours <= 4 || byStaff ? t + delay : Math.min(acceptDue - 60_000, Math.max(onDuty(random, t + delay), t + 60_000))
    }
    const accepter = spec.channel === 'estate_rating' ? pick(random, communityCadres) : acceptor
    add('accept', 'accepted', accepter, acceptAt, spec.channel === 'estate_rating' ? '已受理，由社区督促物业整改。' : pick(random, ['已受理，马上安排人员处理。', '收到，已受理。', '已受理。']),
      {}, { due: startCycle(acceptAt, level) })

    for (let e = 0; e < opts.escalations; e++) {
      const at = onDuty(random, t + between(random, 2, 30) * HOUR)
      sweepBefore(at)
      escalateTo(level === 'grid' ? 'community' : 'street', level === 'grid' ? team.leader : pick(random, communityCadres), at, level === 'grid'
        ? '涉及物业和多户居民，网格内协调不了，提请社区处理。'
        : '需要多个部门联合处置，提请街道协调。')
    }

    // Dispatch: a grid worker often takes it; the community and the street assign.
    let assignee: Person
    let dispatcher: Person
    if (level === 'grid') {
      assignee = chance(random, 0.75) ? pick(random, team.workers) : team.leader
      dispatcher = team.leader
    } else if (level === 'community') {
      assignee = pick(random, communityCadres)
      dispatcher = pick(random, communityCadres)
    } else {
      assignee = departmentFor(category.code)
      dispatcher = streetAdmin
    }
    const assignAt = onDuty(random, t + between(random, 0.1, 5) * HOUR)
    sweepBefore(assignAt)
    if (level === 'grid' && assignee.id !== dispatcher.id && chance(random, 0.45)) add('take', 'assigned', assignee, assignAt, null, { assigneeId: assignee.id })
    else add('assign', 'assigned', dispatcher, assignAt, `指派给${assignee.name}处理。`, { assigneeId: assignee.id })
    if (opts.stuckAt === 'assigned') {
      abandon()
      return finish(spec, log, acceptDue)
    }

    const work = (late: boolean, result: string): boolean => {
      const startAt = onDuty(random, t + between(random, 0.3, 18) * HOUR)
      sweepBefore(startAt)
      const [lng, lat] = jitter(random, place, 40)
      const distanceM = Math.round(Math.hypot((lng - spec.location[0]) * 97_700, (lat - spec.location[1]) * 111_000))
      add('start', 'in_progress', assignee, startAt, '已到现场查看。', { checkIn: { lng, lat, distanceM } })
      if (opts.stuckAt === 'in_progress') {
        abandon()
        return false
      }
      if (due - t > 2 * DAY && chance(random, 0.4)) {
        const at = onDuty(random, t + (due - t) * between(random, 0.1, 0.4))
        sweepBefore(at)
        add('update', 'in_progress', assignee, at, pick(random, ['已联系维修单位，等待上门。', '已约双方当事人面谈。', '已上报物业，正在协调。']))
      }
      // Late ones are handled within the day after the limit, before the sweep would escalate them.
      const handleAt = late ? due + between(random, 2, 20) * HOUR : Math.max(t + 30 * 60_000, onDuty(random, t + Math.max(due - t, HOUR) * between(random, 0.1, 0.85)))
      sweepBefore(handleAt)
      add('handle', 'handled', assignee, handleAt, result)
      return true
    }
    const resultText = spec.channel === 'estate_rating' ? '物业公司已按整改清单完成楼道清理、消防设施更换和门禁维修，提交整改报告。' : pick(random, RESULTS[top] ?? RESULTS.other!)
    if (!work(opts.lateHandle, resultText) || spec.channel === 'estate_rating') return finish(spec, log, acceptDue)

    const verifier = level === 'grid' ? (assignee.id === team.leader.id ? pick(random, communityCadres) : team.leader) : level === 'community' ? pick(random, communityCadres) : streetAdmin
    const closer = level === 'street' ? streetAdmin : pick(random, communityCadres)
    const verifyAndClose = () => {
      add('verify', 'verified', verifier, onDuty(random, t + between(random, 1, 30) * HOUR), pick(random, ['现场核实，问题已解决。', '已核实，处理到位。']))
      add('close', 'closed', closer, onDuty(random, t + between(random, 0.5, 20) * HOUR), '办结。')
    }
    const reopen = (by: Person, note: string, countsAgainstLimit: boolean) => {
      const at = t + between(random, 1, 30) * 1000
      add('reopen', 'assigned', by, at, note, { assigneeId: assignee.id }, { due: startCycle(at, level), counts: countsAgainstLimit })
      if (work(false, pick(random, ['已返工处理，再次核实问题已解决。', '重新处理完毕，已与居民当面确认。']))) verifyAndClose()
    }
    verifyAndClose()

    // Afterwards: the reporter rates (2 stars or less reopens it), staff revisit before the due date.
    const closedAt = t
    const revisitDue = closedAt + category.revisit_days * DAY
    if (spec.reporter && !byStaff && chance(random, 0.7)) {
      const rating = weighted(random, [[5, 60], [4, 24], [3, 9], [2, 4.5], [1, 2.5]] as const)
      const comment = pick(random, RATING_COMMENTS[rating]!)
      add('rate', 'closed', spec.reporter, t + between(random, 2, 72) * HOUR, comment, { rating })
      if (rating <= 2 && t < revisitDue) {
        reopen(spec.reporter, `反映人不满意（${rating} 星）：${comment}`, true)
        return finish(spec, log, acceptDue)
      }
    }
    // 回访 is offered right after 销号: staff mostly call within a day or two, a few only near the deadline.
    if (chance(random, 0.97)) {
      const soon = chance(random, 0.8) ? between(random, 0.5, 30) * HOUR : between(random, 0.3, 0.95) * category.revisit_days * DAY
      const at = onDuty(random, Math.max(t + HOUR, closedAt + soon))
      const fixed = !chance(random, 0.02)
      const satisfaction = !fixed ? 'dissatisfied' : weighted(random, [['satisfied', 86], ['basic', 12], ['dissatisfied', 2]] as const)
      const method = chance(random, 0.8) ? 'phone' : 'visit'
      const revisitor = level === 'street' ? streetAdmin : pick(random, communityCadres)
      const said = [method === 'phone' ? '电话回访' : '上门回访', fixed ? '问题已解决' : '问题未解决', { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' }[satisfaction]].join('，')
      const detail = !fixed ? '问题反复，又出现了。' : satisfaction === 'dissatisfied' ? '居民认为处理太慢。' : pick(random, ['居民表示感谢。', '现场已无问题。', ''])
      add('revisit', 'closed', revisitor, at, detail ? `${said}。${detail}` : said, { fixed, satisfaction, method })
      if (!fixed) reopen(revisitor, `回访发现问题未解决：${detail}`, false)
      else if (satisfaction === 'dissatisfied') reopen(revisitor, `回访时反映人不满意：${detail}`, false)
    } else {
      add('revisit_due', 'closed', null, revisitDue + 60_000)
    }
    finish(spec, log, acceptDue)
  }

  /** The row as the service would have left it after the events that happened before DEMO_NOW. */
  function finish(spec: Spec, log: CaseEvent[], acceptDue: number): void {
    const kept = log.filter((e) => e.at <= DEMO_NOW)
    const category = spec.category
    const r = {
      state: 'reported' as State, level: (spec.level ?? 'grid') as Level, handlingOrgId: spec.handlingOrgId ?? spec.place.gridId,
      assignee: null as string | null, lastHandler: null as string | null, acceptedAt: null as number | null, due: null as number | null,
      overdue: null as number | null, reminded: null as number | null, handledAt: null as number | null, onTime: null as boolean | null,
      closedAt: null as number | null, closedLevel: null as Level | null, revisitDue: null as number | null, revisitedAt: null as number | null,
      revisitFixed: null as boolean | null, revisitSatisfaction: null as string | null, rating: null as number | null, ratingComment: null as string | null, reopens: 0, escalations: 0,
      result: null as string | null, rejectReason: null as string | null,
    }
    for (const e of kept) {
      if (e.to) r.state = e.to
      switch (e.action) {
        case 'accept': r.acceptedAt = e.at; r.overdue = null; r.due = e.due!; break
        case 'reject': r.rejectReason = e.note; r.assignee = null; break
        case 'escalate':
          r.level = e.data.level as Level; r.handlingOrgId = e.data.handlingOrgId as string; r.assignee = null; r.escalations++
          r.acceptedAt ??= e.at; r.overdue = null; r.reminded = null; r.due = e.due!; break
        case 'assign': case 'take': r.assignee = e.data.assigneeId as string; break
        case 'handle': r.handledAt = e.at; r.result = e.note; r.lastHandler = e.actor; r.onTime = r.due === null || r.due >= e.at; break
        case 'close': r.closedAt = e.at; r.closedLevel = r.level; r.overdue = null; r.reminded = null; r.revisitDue = e.at + category.revisit_days * DAY; break
        case 'rate': r.rating = e.data.rating as number; r.ratingComment = e.note; break
        case 'revisit': r.revisitedAt = e.at; r.revisitFixed = e.data.fixed as boolean; r.revisitSatisfaction = (e.data.satisfaction as string | null) ?? null; break
        case 'reopen':
          r.assignee = r.lastHandler; r.reopens += e.counts ? 1 : 0; r.closedAt = null; r.closedLevel = null; r.handledAt = null; r.onTime = null
          r.overdue = null; r.reminded = null; r.revisitDue = null; r.revisitedAt = null; r.revisitFixed = null; r.revisitSatisfaction = null; r.due = e.due!; break
        case 'remind': case 'revisit_due': r.reminded = e.at; break
        case 'overdue': r.overdue = e.at; break
      }
    }
    const t = (x: number | null) => (x === null ? null : iso(x))
    cases.push({
      key: spec.key, org_id: spec.place.gridId, category_code: category.code, description: spec.description,
      lng: spec.location[0], lat: spec.location[1], address: spec.address, state: r.state, level: r.level, handling_org_id: r.handlingOrgId,
      assignee_id: r.assignee, last_handler_id: r.lastHandler, reporter_id: spec.reporter?.id ?? null, anonymous: spec.anonymous,
      channel: spec.channel, contact: spec.contact, visit_id: null, estate_rating_id: null,
      accept_due_at: iso(acceptDue), handle_due_at: t(r.due), overdue_at: t(r.overdue), reminded_at: t(r.reminded), accepted_at: t(r.acceptedAt),
      handled_at: t(r.handledAt), closed_at: t(r.closedAt), closed_level: r.closedLevel, handled_on_time: r.onTime, result: r.result,
      reject_reason: r.rejectReason, escalations: r.escalations, reopens: r.reopens, rating: r.rating, rating_comment: r.ratingComment,
      revisit_due_at: t(r.revisitDue), revisited_at: t(r.revisitedAt), revisit_fixed: r.revisitFixed, revisit_satisfaction: r.revisitSatisfaction,
      created_at: iso(spec.created), updated_at: iso(kept[kept.length - 1]!.at),
    })
    events.push(...kept)
  }

  return lifecycle
}
