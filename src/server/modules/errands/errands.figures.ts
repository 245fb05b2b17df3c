// The errands' figures for a node and its subtree: how many, done, open, average days from
// submission to done, steps past their deadline now and the requesters' ratings, in all, by level
// and by desk. Counted only over the errands the reader may read (the same rule as the list).
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { ErrandFigures, ErrandLevel } from './errands.schemas.ts'
import { levelOf, LEVEL_ORDER, OPEN_STATES } from './errands.workflow.ts'

interface Group { orgId: string; orgName: string; kind: string; state: string; rating: number | null; n: number; days: number; overdue: number }
interface Sum { total: number; done: number; open: number; days: number; overdueSteps: number; ratingSum: number; rated: number }

const empty = (): Sum => ({ total: 0, done: 0, open: 0, days: 0, overdueSteps: 0, ratingSum: 0, rated: 0 })
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places

function add(s: Sum, g: Group) {
  s.total += g.n
  if (g.state === 'done') s.done += g.n
  if ((OPEN_STATES as readonly string[]).includes(g.state)) s.open += g.n
  s.days += g.days
  s.overdueSteps += g.overdue
  if (g.rating !== null) {
    s.ratingSum += g.rating * g.n
    s.rated += g.n
  }
}

const tallyOf = (s: Sum) => ({
  total: s.total, done: s.done, open: s.open, overdueSteps: s.overdueSteps, rated: s.rated,
  avgDays: s.done ? round(s.days / s.done, 1) : null,
  avgRating: s.rated ? round(s.ratingSum / s.rated, 2) : null,
})

export async function errandFigures(ex: Executor, org: { id: string; name: string; path: string }, readable: SQL): Promise<ErrandFigures> {
  const groups = await rows<Group>(ex, sql`SELECT o.id::text AS "orgId", o.name AS "orgName", o.kind, e.state, e.rating, count(*)::int AS n,
      coalesce(sum(extract(epoch FROM e.done_at - e.created_at) / 86400) FILTER (WHERE e.state = 'done'), 0)::float8 AS days,
      coalesce(sum((SELECT count(*) FROM errand_steps st WHERE st.errand_id = e.id AND st.done_at IS NULL AND st.due_at < now()))
        FILTER (WHERE e.state IN ('accepted','in_progress')), 0)::int AS overdue
    FROM errands e JOIN ${orgTree} o ON o.id = e.org_id
    WHERE o.path <@ ${org.path}::ltree AND ${readable}
    GROUP BY o.id, o.name, o.kind, e.state, e.rating`)
  const all = empty()
  const byLevel = new Map<ErrandLevel, Sum>()
  const byDesk = new Map<string, Sum & { name: string; level: ErrandLevel }>()
  const byState: Record<string, number> = {}
  const ratings = new Map<number, number>()
  for (const g of groups) {
    const level = levelOf(g.kind)
    add(all, g)
    if (!byLevel.has(level)) byLevel.set(level, empty())
    add(byLevel.get(level)!, g)
    if (!byDesk.has(g.orgId)) byDesk.set(g.orgId, { ...empty(), name: g.orgName, level })
    add(byDesk.get(g.orgId)!, g)
    byState[g.state] = (byState[g.state] ?? 0) + g.n
    if (g.rating !== null) ratings.set(g.rating, (ratings.get(g.rating) ?? 0) + g.n)
  }
  return {
    org: { id: org.id, name: org.name },
    ...tallyOf(all),
    byState,
    byLevel: [...LEVEL_ORDER].reverse().filter((l) => byLevel.has(l)).map((level) => ({ level, ...tallyOf(byLevel.get(level)!) })),
    byDesk: [...byDesk.entries()]
      .sort(([, a], [, b]) => LEVEL_ORDER.indexOf(b.level) - LEVEL_ORDER.indexOf(a.level) || b.total - a.total || a.name.localeCompare(b.name, 'zh'))
      .map(([id, s]) => ({ org: { id, name: s.name }, level: s.level, ...tallyOf(s) })),
    ratings: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: ratings.get(rating) ?? 0 })),
  }
}
