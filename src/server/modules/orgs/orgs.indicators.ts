// The org tree's figures for the statistics table (kernel/indicators.ts): grids, grid Party groups
// and buildings of each community at the end of a month (stocks: a quarter or year shows its last
// month). The tree keeps no founding date (created_at is when a node was entered, often all at
// once when a city starts on Linli), so a node counts in every month until the one it was removed in.
import { sql } from 'drizzle-orm'
import { MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'

/** Nodes under each community standing at the month's end that `where` picks. */
const standing = (where: string) => (m: Month, communities: string | null) => sql`
  SELECT c.id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
  FROM orgs c JOIN orgs x ON x.path <@ c.path AND x.id <> c.id
  WHERE c.kind IN ('community', 'village') AND ${sql.raw(where)}
    AND (x.deleted_at IS NULL OR x.deleted_at >= ${m.to}::timestamptz)
    ${onlyCommunities('c.id', communities)} GROUP BY 1`

export const orgIndicators: IndicatorDef[] = [
  { code: 'orgs.grids', name: { zh: '网格数', en: 'Grids' }, ledger: 'party', unit: { zh: '个', en: 'grids' }, kind: 'count', time: 'last',
    definition: { zh: '月末社区内划定的网格数（当月以前撤销的不计）', en: 'Grids in the community at the end of the month (removed ones excluded)' }, compute: standing(`x.kind = 'grid'`) },
  { code: 'orgs.grid_party_groups', name: { zh: '网格党小组', en: 'Grid Party groups' }, ledger: 'party', unit: { zh: '个', en: 'groups' }, kind: 'count', time: 'last',
    definition: { zh: '月末建有党小组（党组织类型为党小组）的网格数', en: 'Grids with a Party group at the end of the month' }, compute: standing(`x.kind = 'grid' AND x.party_org_kind = 'group'`) },
  { code: 'orgs.buildings', name: { zh: '楼栋数', en: 'Buildings' }, ledger: 'party', unit: { zh: '栋', en: 'buildings' }, kind: 'count', time: 'last',
    definition: { zh: '月末社区内登记的楼栋数', en: 'Buildings registered in the community at the end of the month' }, compute: standing(`x.kind = 'building'`) },
]

export const orgIndicatorSource: IndicatorSource = {
  source: 'orgs',
  indicators: orgIndicators,
  // A node added, moved or removed changes its community's stocks from that month on; the months
  // after it are recomputed when they open (statistics marks every community's new month).
  changes: (from, to) => sql`SELECT DISTINCT c.id::text AS community_id, ${sql.raw(MONTH_OF_SQL('x.updated_at'))} AS period
    FROM orgs x JOIN orgs c ON c.kind IN ('community', 'village') AND c.path @> x.path
    WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz`,
}
