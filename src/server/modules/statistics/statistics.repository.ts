// The statistics module's SQL: its own tables (facts, dirty community-months, watermarks, manual
// values, reports) and the org tree through orgs.read.ts. Figures come from the indicators'
// own SQL (kernel/indicators.ts), run here but written by their owners.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { IndicatorDef, IndicatorSource, Month } from '../../kernel/indicators.ts'
import { orgTree } from '../orgs/orgs.read.ts'

const COMMUNITY_KINDS = sql`('community', 'village')`

/**
 * How far changes can be read safely: now, or the start of the oldest other transaction still
 * running (its rows are stamped with its start and may commit later; they are read next time).
 */
export async function readableTo(ex: Executor): Promise<string> {
  const r = await firstRow<{ to: string }>(ex, sql`SELECT least(now(), (SELECT min(a.xact_start) FROM pg_stat_activity a
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL))::text AS to`)
  return r!.to
}

/** Marks the community-months a source's records changed in since its watermark, up to `to`; moves the watermark. */
export async function readChanges(ex: Executor, source: IndicatorSource, to: string): Promise<number> {
  if (!source.changes) return 0
  const mark = await firstRow<{ read_to: string }>(ex, sql`SELECT read_to::text FROM statistic_watermarks WHERE source = ${source.source} FOR UPDATE`)
  const from = mark ? mark.read_to : '-infinity'
  const marked = await rows<{ n: number }>(ex, sql`WITH m AS (
      INSERT INTO statistic_dirty (community_id, period)
      SELECT DISTINCT ch.community_id::bigint, ch.period FROM (${source.changes(from, to)}) ch WHERE ch.community_id IS NOT NULL
      ON CONFLICT (community_id, period) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM m`)
  await ex.execute(sql`INSERT INTO statistic_watermarks (source, read_to) VALUES (${source.source}, greatest(${from}::timestamptz, ${to}::timestamptz))
    ON CONFLICT (source) DO UPDATE SET read_to = excluded.read_to`)
  return marked[0]?.n ?? 0
}

/** Once a month: every community's new month is marked, so stocks (grids, members) have a figure. */
export async function openMonth(ex: Executor, period: string): Promise<void> {
  const key = `month:${period}`
  const opened = await rows(ex, sql`INSERT INTO statistic_watermarks (source, read_to) VALUES (${key}, now()) ON CONFLICT (source) DO NOTHING RETURNING 1`)
  if (opened.length === 0) return
  await ex.execute(sql`INSERT INTO statistic_dirty (community_id, period)
    SELECT o.id, ${period} FROM ${orgTree} o WHERE o.kind IN ${COMMUNITY_KINDS} AND o.deleted_at IS NULL
    ON CONFLICT (community_id, period) DO NOTHING`)
}

/** Up to `limit` dirty communities of the newest month that has any, taken off the list. */
export async function takeDirty(ex: Executor, limit: number): Promise<{ communityId: string; period: string }[]> {
  return rows(ex, sql`DELETE FROM statistic_dirty WHERE (community_id, period) IN (
      SELECT community_id, period FROM statistic_dirty WHERE period = (SELECT max(period) FROM statistic_dirty)
      ORDER BY marked_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING community_id::text AS "communityId", period`)
}

/** Recomputes one indicator for one month at the given communities: their rows replaced, missing ones removed. */
export async function recompute(ex: Executor, def: IndicatorDef, month: Month, communities: string[]): Promise<void> {
  if (!def.compute) return
  const list = communities.join(',')
  await ex.execute(sql`WITH fresh AS (SELECT f.community_id::bigint AS community_id, sum(f.numerator)::numeric AS numerator, sum(f.denominator)::numeric AS denominator
        FROM (${def.compute(month, list)}) f WHERE f.community_id::bigint = ANY(string_to_array(${list}, ',')::bigint[]) GROUP BY 1),
      gone AS (DELETE FROM statistic_facts s WHERE s.period = ${month.period} AND s.code = ${def.code} AND s.breakdown = ''
        AND s.community_id = ANY(string_to_array(${list}, ',')::bigint[]) AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.community_id = s.community_id))
    INSERT INTO statistic_facts (community_id, period, code, numerator, denominator, computed_at)
    SELECT community_id, ${month.period}, ${def.code}, numerator, denominator, now() FROM fresh
    ON CONFLICT (community_id, period, code, breakdown) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator, computed_at = excluded.computed_at`)
}

export interface NodeRow {
  id: string
  name: string
  kind: string
  path: string
}

/** The child nodes a node's table has a row for (districts, streets, communities). */
export async function childrenOf(ex: Executor, orgId: string): Promise<NodeRow[]> {
  return rows(ex, sql`SELECT o.id::text, o.name, o.kind, o.path::text FROM ${orgTree} o
    WHERE o.parent_id = ${orgId} AND o.deleted_at IS NULL AND o.kind IN ('district', 'street', 'community', 'village') ORDER BY o.path`)
}

export interface SummedFact {
  nodeId: string
  code: string
  numerator: string
  denominator: string | null
  manual: boolean
}

/**
 * The facts of the communities under each node, summed: over the months for `sum` indicators, the
 * last month only for `last` ones; manual figures beside the computed ones.
 */
export async function summed(ex: Executor, nodes: { id: string; path: string }[], months: string[], lastCodes: string[]): Promise<SummedFact[]> {
  if (nodes.length === 0) return []
  const last = months[months.length - 1]!
  const monthList = months.join(',')
  const nodeList: SQL = sql`(SELECT unnest(string_to_array(${nodes.map((n) => n.id).join(',')}, ',')) AS id, unnest(string_to_array(${nodes.map((n) => n.path).join(',')}, ',')::ltree[]) AS path)`
  const inPeriod = (t: SQL) => sql`${t}.period = ANY(string_to_array(${monthList}, ',')) AND (${t}.period = ${last} OR NOT (${t}.code = ANY(string_to_array(${lastCodes.join(',')}, ','))))`
  return rows(ex, sql`SELECT n.id AS "nodeId", f.code, sum(f.numerator)::text AS numerator, sum(f.denominator)::text AS denominator, false AS manual
      FROM ${nodeList} n JOIN ${orgTree} c ON c.path <@ n.path AND c.kind IN ${COMMUNITY_KINDS}
      JOIN statistic_facts f ON f.community_id = c.id AND f.breakdown = '' AND ${inPeriod(sql`f`)}
      GROUP BY n.id, f.code
    UNION ALL
    SELECT n.id, m.code, sum(m.value)::text, NULL, true
      FROM ${nodeList} n JOIN ${orgTree} c ON c.path <@ n.path AND c.kind IN ${COMMUNITY_KINDS}
      JOIN statistic_manual_values m ON m.community_id = c.id AND ${inPeriod(sql`m`)}
      GROUP BY n.id, m.code`)
}

/** When each community-month's facts were last computed, and how many still wait for the sweep. */
export async function freshness(ex: Executor, path: string, months: string[]): Promise<{ computedAt: string | null; waiting: number }> {
  const r = await firstRow<{ computed_at: string | null; waiting: number }>(ex, sql`SELECT
      (SELECT max(f.computed_at)::text FROM statistic_facts f JOIN ${orgTree} c ON c.id = f.community_id WHERE f.breakdown = '' AND c.path <@ ${path}::ltree AND f.period = ANY(string_to_array(${months.join(',')}, ','))) AS computed_at,
      (SELECT count(*)::int FROM statistic_dirty d JOIN ${orgTree} c ON c.id = d.community_id WHERE c.path <@ ${path}::ltree AND d.period = ANY(string_to_array(${months.join(',')}, ','))) AS waiting`)
  return { computedAt: r?.computed_at ?? null, waiting: r?.waiting ?? 0 }
}
