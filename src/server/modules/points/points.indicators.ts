// The points module's figures for the statistics table (kernel/indicators.ts): points issued to
// people and units and points redeemed for rewards, per community (the node a transaction was
// booked at) and month, read from the ledger's postings to holders' accounts. A reversal counts
// in the month it was booked, against the kind of transaction it reverses, so a month's figure is
// net. The ledger is append-only: `created_at` is every row's only time.
import { sql, type SQL } from 'drizzle-orm'
import { inMonth, MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

/** Net points posted to holders (people, units) by transactions of `kind` and reversals of them, booked in the month; `sign` −1 for points leaving holders. */
const posted = (kind: 'award' | 'redemption', sign: 1 | -1) => (m: Month, communities: string | null): SQL => sql`
  SELECT cn.community_id::text AS community_id, (${sign} * sum(p.amount))::numeric AS numerator, NULL::numeric AS denominator
  FROM points_transactions x LEFT JOIN points_transactions rev ON rev.id = x.reverses_id
  JOIN points_postings p ON p.transaction_id = x.id JOIN points_accounts a ON a.id = p.account_id AND a.owner_kind <> 'org'
  JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
  WHERE ${inMonth('created_at', m)} AND (x.kind = ${kind} OR (x.kind = 'reversal' AND rev.kind = ${kind}))
    ${onlyCommunities('cn.community_id', communities)} GROUP BY 1`

const pts = { zh: '分', en: 'points' }

export const pointsIndicators: IndicatorDef[] = [
  { code: 'points.issued', name: { zh: '发放积分', en: 'Points issued' }, ledger: 'livelihood', unit: pts, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区记账、发放给个人和单位的积分（扣除当月冲正的发放）', en: 'Points awarded to people and units, booked at the community in the month (net of awards reversed in the month)' },
    compute: posted('award', 1) },
  { code: 'points.redeemed', name: { zh: '兑换积分', en: 'Points redeemed' }, ledger: 'livelihood', unit: pts, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区兑换礼品所使用的积分（扣除当月取消兑换退回的积分）', en: 'Points spent on rewards at the community in the month (net of redemptions cancelled in the month)' },
    compute: posted('redemption', -1) },
]

export const pointsIndicatorSource: IndicatorSource = {
  source: 'points',
  indicators: pointsIndicators,
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, ${sql.raw(MONTH_OF_SQL('x.created_at'))} AS period
    FROM points_transactions x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
    WHERE x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz`,
}
