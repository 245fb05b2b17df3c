// Per-person assessment (人员考核, issue 18): the scorecard of a grid worker (cases handled on time,
// problems found and reported, visits made) and of an in-service member (service hours, projects
// held, points earned), applied to every such person under a node for a period: each person's
// score, rank and trend against the period before, every cell carrying the figure it was scored
// on. The figures come from the modules that own the records, through their `*.read.ts`
// relations (statistics.people.repository.ts); the scoring is the org assessment's (green earns
// the weight, yellow half, red nothing; a ratio without a denominator is left out).
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden, unprocessable } from '../../kernel/errors.ts'
import { monthOf, monthsOf } from '../../kernel/indicators.ts'
import { decodeCursor, encodeCursor } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { previousPeriod, scoreOf, type ScoreLine } from './statistics.assessments.ts'
import * as repo from './statistics.people.repository.ts'
import { cardInForce } from './statistics.people.targets.ts'
import type { PersonRole, Window } from './statistics.people.repository.ts'
import { peopleCursor, type PeopleQuery, type PersonCard, type ScorecardLine } from './statistics.people.schemas.ts'

type W = { zh: string; en: string }
export interface PersonLine extends ScoreLine {
  name: W
  unit: W
  definition: W
  /** Counts: the cut-offs are per month, multiplied by the months of a quarter or year. */
  perMonth?: boolean
}

const pct = { zh: '%', en: '%' }

/** The scorecards (weights add up to 100). */
export const PERSON_SCORECARDS: Record<PersonRole, PersonLine[]> = {
  grid_worker: [
    { code: 'cases.on_time_rate', weight: 40, green: 95, yellow: 85, better: 'higher', name: { zh: '按期办理率', en: 'Handled on time' }, unit: pct,
      definition: { zh: '本人办理完毕（最后办理人为本人）的事件中，在办理时限内办完的比例；当期未办理事件则不计分', en: 'Of the cases the person handled (as last handler) in the period, the share handled within the time limit; left out when none' } },
    { code: 'visits.done', weight: 40, green: 8, yellow: 4, better: 'higher', perMonth: true, name: { zh: '走访次数', en: 'Visits made' }, unit: { zh: '次', en: 'visits' },
      definition: { zh: '本人登记的民情走访次数；每月 8 次为绿、4 次为黄（季度、年度按月数累计）', en: 'Visits the person logged; 8 a month green, 4 yellow (times the months of a quarter or year)' } },
    { code: 'cases.reported', weight: 20, green: 4, yellow: 2, better: 'higher', perMonth: true, name: { zh: '发现上报问题', en: 'Problems reported' }, unit: { zh: '件', en: 'cases' },
      definition: { zh: '本人发现并上报的事件数（合并到其他事件的不计）；每月 4 件为绿、2 件为黄', en: 'Cases the person reported (merged ones excluded); 4 a month green, 2 yellow' } },
  ],
  member: [
    { code: 'volunteers.hours', weight: 40, green: 2, yellow: 1, better: 'higher', perMonth: true, name: { zh: '服务时长', en: 'Service hours' }, unit: { zh: '小时', en: 'hours' },
      definition: { zh: '本人签退的志愿活动时长与时间银行服务时长之和；每月 2 小时为绿（全年 24 小时）、1 小时为黄', en: 'Hours of activities checked out and time-bank services given; 2 a month green (24 a year), 1 yellow' } },
    { code: 'members.projects', weight: 30, green: 1, yellow: 1, better: 'higher', name: { zh: '认领项目', en: 'Projects held' }, unit: { zh: '个', en: 'projects' },
      definition: { zh: '统计期末本人持有的本年度认领项目数；至少 1 个为绿', en: 'Projects claimed this year and held at the period’s end; at least 1 green' } },
    { code: 'points.earned', weight: 30, green: 20, yellow: 10, better: 'higher', perMonth: true, name: { zh: '获得积分', en: 'Points earned' }, unit: { zh: '分', en: 'points' },
      definition: { zh: '统计期内发放给本人的积分（扣除冲正）；每月 20 分为绿、10 分为黄', en: 'Points awarded to the person in the period, net of reversals; 20 a month green, 10 yellow' } },
  ],
}

const NODE_KINDS = new Set(['city', 'district', 'street', 'community', 'village'])
/** Export and in-memory ranking stop here: more people than this under one node is a district's or city's list. */
export const PEOPLE_CAP = 20_000

function windowOf(period: string): { months: string[]; window: Window } {
  const months = monthsOf(period)
  if (!months) throw unprocessable('STATISTICS_INVALID', {}, [{ path: 'period', message: 'statistics.period' }])
  return { months, window: { from: monthOf(months[0]!).from, to: monthOf(months.at(-1)!).to } }
}

/** The card's lines for a period of `months` months: counts' cut-offs scaled (`base`: the per-month card in force). */
export function cardFor(role: PersonRole, months: number, base: PersonLine[] = PERSON_SCORECARDS[role]): PersonLine[] {
  return base.map((l) => (l.perMonth ? { ...l, green: l.green * months, yellow: l.yellow * months } : l))
}

type Values = Parameters<typeof scoreOf>[1]
const count = (value: number) => ({ value, source: 'computed' as const })
const ratio = (numerator: number, denominator: number) =>
  ({ value: denominator > 0 ? Math.round((numerator / denominator) * 10000) / 100 : null, numerator, denominator, source: 'computed' as const })

/** Each person's values by the scorecard's codes. */
async function valuesOf(db: Executor, role: PersonRole, ids: string[], w: Window): Promise<Map<string, Values>> {
  if (role === 'grid_worker') {
    const figures = await repo.gridWorkerFigures(db, ids, w)
    return new Map([...figures].map(([id, f]) => [id, { 'cases.on_time_rate': ratio(f.onTime, f.handled), 'visits.done': count(f.visits), 'cases.reported': count(f.reported) }]))
  }
  const figures = await repo.memberFigures(db, ids, w)
  return new Map([...figures].map(([id, f]) => [id, { 'volunteers.hours': count(Math.round(f.hours * 10) / 10), 'members.projects': count(f.projects), 'points.earned': count(f.points) }]))
}

/** Scores, ranks and trends of everyone of `role` under `path` (or one person), best first. */
async function scoredUnder(db: Executor, role: PersonRole, path: string, period: string, personId?: string): Promise<{ previous: string; scorecard: ScorecardLine[]; cards: PersonCard[] }> {
  const { months, window } = windowOf(period)
  const previous = previousPeriod(period)
  const before = windowOf(previous)
  const people = (await repo.peopleUnder(db, role, path, window, personId)).slice(0, PEOPLE_CAP)
  const ids = people.map((p) => p.personId)
  const [now, then] = [await valuesOf(db, role, ids, window), await valuesOf(db, role, ids, before.window)]
  // The cut-offs in force at the ranked node (statistics.people.targets.ts): one card for everyone ranked together.
  const base = (await cardInForce(db, role, path)).map(({ setBy: _s, default: _d, ...line }) => line)
  const card = cardFor(role, months.length, base)
  const cardBefore = cardFor(role, before.months.length, base)
  const cards = people.map((p) => {
    const s = scoreOf(card, now.get(p.personId)!)
    const prior = scoreOf(cardBefore, then.get(p.personId)!).score
    return { ...p, ...s, previousScore: prior, trend: s.score !== null && prior !== null ? Math.round((s.score - prior) * 10) / 10 : null, rank: null as number | null }
  })
  cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN') || Number(a.personId) - Number(b.personId))
  // Competition ranking: equal scores share a rank, the next one skips.
  cards.forEach((c, i) => { if (c.score !== null) c.rank = i > 0 && cards[i - 1]!.score === c.score ? cards[i - 1]!.rank : i + 1 })
  const scorecard = card.map(({ perMonth: _, ...l }) => l)
  return { previous, scorecard, cards }
}

export function createPeopleScores(db: Executor) {
  /** The node asked for (by default the widest the caller is a cadre of), readable by the caller as its statistics. */
  async function nodeOf(ctx: RequestContext, orgId: string | undefined) {
    requireSignedIn(ctx.actor)
    const cadreScopes = scopesOf(ctx.actor, LEVEL.cadre)
    const id = orgId ?? ctx.actor.roles.find((r) => cadreScopes.includes(r.orgPath))?.orgId
    if (!id) throw forbidden()
    const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id })
    authorize(ctx.actor, 'statistics.read', { orgPath: org.path })
    if (!NODE_KINDS.has(org.kind)) throw unprocessable('STATISTICS_NODE_KIND')
    return org
  }

  return {
    /** Everyone's cards (the export), best first. */
    async all(ctx: RequestContext, q: Omit<PeopleQuery, 'cursor' | 'limit'>) {
      const org = await nodeOf(ctx, q.orgId)
      const scored = await scoredUnder(db, q.role, org.path, q.period)
      return { period: q.period, previous: scored.previous, role: q.role, org: { id: org.id, name: org.name, kind: org.kind }, scorecard: scored.scorecard, items: scored.cards }
    },

    /** A page of the ranked cards; the first page says how many people there are and how their colours fall. */
    async page(ctx: RequestContext, q: PeopleQuery) {
      const at = decodeCursor(q.cursor, peopleCursor)?.o ?? 0
      const { items, ...rest } = await this.all(ctx, q)
      const kept = items.slice(at, at + q.limit)
      const summary = at === 0 ? {
        total: items.length,
        scored: items.filter((i) => i.score !== null).length,
        average: items.some((i) => i.score !== null) ? Math.round(items.reduce((s, i) => s + (i.score ?? 0), 0) / items.filter((i) => i.score !== null).length * 10) / 10 : null,
      } : {}
      return { ...rest, items: kept, nextCursor: at + q.limit < items.length ? encodeCursor({ o: at + q.limit }) : null, ...summary }
    },

    /** The caller's own cards: one per role they hold (grid worker, registered member), ranked among their community's peers. */
    async mine(ctx: RequestContext, q: { period: string }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (ctx.actor.kind !== 'person' || !me) throw forbidden()
      const { window } = windowOf(q.period)
      const cards = []
      for (const role of ['grid_worker', 'member'] as const) {
        const [self] = await repo.peopleUnder(db, role, null, window, me)
        if (!self) continue
        const community = await repo.communityOf(db, self.orgId)
        if (!community) continue
        const scored = await scoredUnder(db, role, community.path, q.period)
        const card = scored.cards.find((c) => c.personId === me)
        if (!card) continue
        cards.push({ role, community: { id: community.id, name: community.name }, of: scored.cards.filter((c) => c.score !== null).length, previous: scored.previous, scorecard: scored.scorecard, card })
      }
      return { period: q.period, cards }
    },
  }
}

export type PeopleScores = ReturnType<typeof createPeopleScores>
