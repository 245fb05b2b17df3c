// The wishes module's figures for the statistics table (kernel/indicators.ts): wishes posted on a
// community's wall and wishes fulfilled, per month.
import { sql } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'

const countOf = (column: string) => (m: Month, communities: string | null) => sql`
  SELECT x.org_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator FROM wishes x
  WHERE ${inMonth(column, m)} AND x.state NOT IN ('pending', 'rejected') ${onlyCommunities('x.org_id', communities)} GROUP BY 1`

const n = { zh: '个', en: 'wishes' }

export const wishIndicators: IndicatorDef[] = [
  { code: 'wishes.posted', name: { zh: '发布微心愿', en: 'Wishes posted' }, ledger: 'livelihood', unit: n, kind: 'count', time: 'sum',
    definition: { zh: '当月发布并审核通过上墙的微心愿数', en: 'Wishes posted and approved for the wall in the month' }, compute: countOf('created_at') },
  { code: 'wishes.fulfilled', name: { zh: '实现微心愿', en: 'Wishes fulfilled' }, ledger: 'livelihood', unit: n, kind: 'count', time: 'sum',
    definition: { zh: '当月认领人完成的微心愿数', en: 'Wishes fulfilled by their claimants in the month' }, compute: countOf('fulfilled_at') },
]

export const wishIndicatorSource: IndicatorSource = {
  source: 'wishes',
  indicators: wishIndicators,
  changes: (from, to) => sql`SELECT DISTINCT x.org_id::text AS community_id, m.period FROM wishes x
    ${touchedMonths('x.created_at', 'x.fulfilled_at')}
    WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL`,
}
