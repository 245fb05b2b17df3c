// The estates module's figures for the statistics table (kernel/indicators.ts): how many of a
// community's housing estates stand at each colour of the five-colour rating (五色管理) at the
// month's end, by each estate's latest rating written before then (a stock: a quarter or year
// shows its last month). Ratings are written once and never edited.
import { sql } from 'drizzle-orm'
import { MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode, orgTree } from '../orgs/orgs.read.ts'
import { colorThresholds, estateColors, type EstateColor } from './estates.rating.ts'

const colourWords: Record<EstateColor, { zh: string; en: string }> = {
  green: { zh: '绿色', en: 'green' }, blue: { zh: '蓝色', en: 'blue' }, yellow: { zh: '黄色', en: 'yellow' }, orange: { zh: '橙色', en: 'orange' }, red: { zh: '红色', en: 'red' },
}

const standingAt = (colour: EstateColor) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
  FROM (SELECT DISTINCT ON (x.estate_id) x.estate_id, x.color FROM estate_ratings x WHERE x.created_at < ${m.to}::timestamptz ORDER BY x.estate_id, x.created_at DESC, x.id DESC) last
  JOIN ${orgTree} e ON e.id = last.estate_id JOIN ${communityOfNode} cn ON cn.org_id = e.id
  WHERE last.color = ${colour} AND (e.deleted_at IS NULL OR e.deleted_at >= ${m.to}::timestamptz) ${onlyCommunities('cn.community_id', communities)} GROUP BY 1`

const range = (colour: EstateColor) => {
  const i = colorThresholds.findIndex((t) => t.color === colour)
  const min = colorThresholds[i]!.min
  const above = colorThresholds[i - 1]?.min
  return above === undefined ? { zh: `${min} 分及以上`, en: `${min} points or more` } : { zh: `${min}–${above} 分（不含 ${above}）`, en: `${min} to under ${above} points` }
}

export const estateIndicators: IndicatorDef[] = estateColors.map((colour) => ({
  code: `estates.${colour}`,
  name: { zh: `${colourWords[colour].zh}小区`, en: `Estates rated ${colourWords[colour].en}` },
  ledger: 'livelihood',
  unit: { zh: '个', en: 'estates' },
  kind: 'count',
  time: 'last',
  definition: {
    zh: `月末最近一次五色评定为${colourWords[colour].zh}（总分 ${range(colour).zh}）的本社区小区数`,
    en: `Estates of the community whose latest five-colour rating at the month’s end is ${colourWords[colour].en} (a total of ${range(colour).en})`,
  },
  compute: standingAt(colour),
}))

export const estateIndicatorSource: IndicatorSource = {
  source: 'estates',
  indicators: estateIndicators,
  // A rating changes its estate's colour from the month it was written on; later months are
  // recomputed when they open.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, ${sql.raw(MONTH_OF_SQL('x.created_at'))} AS period
    FROM estate_ratings x JOIN ${communityOfNode} cn ON cn.org_id = x.estate_id
    WHERE x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz`,
}
