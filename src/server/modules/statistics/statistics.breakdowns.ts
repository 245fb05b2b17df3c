// Breakdowns of the statistics table (issue 18): an indicator's figure split by gender, age band,
// member kind or category. The owner of the indicator writes the SQL of its parts beside the
// total's (kernel/indicators.ts `breakdowns`); the sweep keeps the parts as facts beside the total
// (`breakdown` = '<key>:<part>', the total's is ''), and a node's table sums them up the tree as it
// sums the totals: a sum indicator's parts add up to its total, a ratio's part keeps its own
// numerator and denominator and is divided last (never an average of ratios).
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { BREAKDOWNS, breakdownKeys, type BreakdownKey, type IndicatorDef, type Month } from '../../kernel/indicators.ts'
import { orgTree } from '../orgs/orgs.read.ts'

type W = { zh: string; en: string }
const COMMUNITY_KINDS = sql`('community', 'village')`

export const isBreakdownKey = (key: string): key is BreakdownKey => (breakdownKeys as readonly string[]).includes(key)

/** The dictionary's list of an indicator's breakdowns: key, name, and what the parts are. */
export function presentBreakdowns(def: IndicatorDef) {
  return breakdownKeys.filter((k) => def.breakdowns?.[k]).map((key) => ({
    key, name: BREAKDOWNS[key].name, definition: def.breakdowns![key]!.definition ?? BREAKDOWNS[key].definition,
  }))
}

/** Recomputes the parts of one indicator for one month at the given communities, key by key: rows replaced, missing parts removed. */
export async function recomputeParts(ex: Executor, def: IndicatorDef, month: Month, communities: string[]): Promise<void> {
  if (!def.breakdowns) return
  const list = communities.join(',')
  for (const key of breakdownKeys) {
    const b = def.breakdowns[key]
    if (!b) continue
    await ex.execute(sql`WITH fresh AS (SELECT f.community_id::bigint AS community_id, ${`${key}:`} || f.part::text AS breakdown,
          sum(f.numerator)::numeric AS numerator, sum(f.denominator)::numeric AS denominator
        FROM (${b.compute(month, list)}) f WHERE f.community_id::bigint = ANY(string_to_array(${list}, ',')::bigint[]) GROUP BY 1, 2),
      gone AS (DELETE FROM statistic_facts s WHERE s.period = ${month.period} AND s.code = ${def.code} AND starts_with(s.breakdown, ${`${key}:`})
        AND s.community_id = ANY(string_to_array(${list}, ',')::bigint[])
        AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.community_id = s.community_id AND fresh.breakdown = s.breakdown))
    INSERT INTO statistic_facts (community_id, period, code, breakdown, numerator, denominator, computed_at)
    SELECT community_id, ${month.period}, ${def.code}, breakdown, numerator, denominator, now() FROM fresh
    ON CONFLICT (community_id, period, code, breakdown) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator, computed_at = excluded.computed_at`)
  }
}

export interface SummedPart {
  nodeId: string
  code: string
  breakdown: string
  numerator: string
  denominator: string | null
}

/** The parts (of one key) of the communities under each node, summed like the totals (`summed`). */
export async function summedParts(ex: Executor, nodes: { id: string; path: string }[], months: string[], lastCodes: string[], codes: string[], key: BreakdownKey): Promise<SummedPart[]> {
  if (nodes.length === 0 || codes.length === 0) return []
  const last = months[months.length - 1]!
  const nodeList: SQL = sql`(SELECT unnest(string_to_array(${nodes.map((n) => n.id).join(',')}, ',')) AS id, unnest(string_to_array(${nodes.map((n) => n.path).join(',')}, ',')::ltree[]) AS path)`
  return rows(ex, sql`SELECT n.id AS "nodeId", f.code, f.breakdown, sum(f.numerator)::text AS numerator, sum(f.denominator)::text AS denominator
    FROM ${nodeList} n JOIN ${orgTree} c ON c.path <@ n.path AND c.kind IN ${COMMUNITY_KINDS}
    JOIN statistic_facts f ON f.community_id = c.id AND starts_with(f.breakdown, ${`${key}:`})
      AND f.code = ANY(string_to_array(${codes.join(',')}, ','))
      AND f.period = ANY(string_to_array(${months.join(',')}, ','))
      AND (f.period = ${last} OR NOT (f.code = ANY(string_to_array(${lastCodes.join(',')}, ','))))
    GROUP BY n.id, f.code, f.breakdown`)
}

/** The labels of a key's parts: the shared ones, each indicator's own, and those its owner's records name. */
export async function partLabels(ex: Executor, defs: IndicatorDef[], key: BreakdownKey): Promise<Record<string, W>> {
  const labels: Record<string, W> = {}
  const put = (part: string, w: W) => { labels[`${key}:${part}`] = w }
  for (const [part, w] of Object.entries(BREAKDOWNS[key].labels)) put(part, w)
  for (const d of defs) {
    const b = d.breakdowns?.[key]
    if (!b) continue
    for (const [part, w] of Object.entries(b.labels ?? {})) put(part, w)
    if (b.labelsSql) for (const r of await rows<{ part: string; zh: string; en: string }>(ex, b.labelsSql)) put(r.part, { zh: r.zh, en: r.en })
  }
  return labels
}
