// Linli on a Citus cluster (issue 19 §3): the tables kernel/db/citus.ts names are what Citus says
// they are (reference tables with a placement on every node; distributed tables hash-distributed by
// their column and co-located), and a read of a reference table, or a query naming one district of a
// distributed table, is routed to a single task (EXPLAIN's "Task Count: 1"). Runs only on a
// cluster (LINLI_TEST_CITUS=1, LINLI_TEST_DATABASE_URL at the coordinator; scripts/citus-cluster.sh).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../support/app.ts'
import { citusTests } from '../support/citus.ts'
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from '../../src/server/kernel/db/citus.ts'

const skip = citusTests ? false : 'needs a Citus cluster: set LINLI_TEST_CITUS=1 and LINLI_TEST_DATABASE_URL at its coordinator (scripts/citus-cluster.sh start)'

describe('distribution on Citus', { skip }, () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t?.close())

  async function explain(text: ReturnType<typeof sql>): Promise<string> {
    const plan = await t.query<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${text}`)
    return plan.map((r) => r['QUERY PLAN']).join('\n')
  }

  test('the reference tables are reference tables with a placement on every node', async () => {
    const nodes = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_dist_node WHERE noderole = 'primary' AND isactive`))[0]!.n
    assert.ok(nodes >= 3, `a coordinator and two workers, got ${nodes} nodes`)
    const found = await t.query<{ name: string; placements: number }>(sql`
      SELECT p.logicalrelid::regclass::text AS name, count(pl.placementid)::int AS placements
      FROM pg_dist_partition p JOIN pg_dist_shard s USING (logicalrelid) JOIN pg_dist_placement pl USING (shardid)
      WHERE p.partmethod = 'n' AND p.repmodel = 't' GROUP BY 1`)
    for (const table of REFERENCE_TABLES) {
      const row = found.find((r) => r.name === table)
      assert.ok(row, `${table} is a reference table`)
      assert.equal(row.placements, nodes, `${table} has a copy on each of the ${nodes} nodes`)
    }
  })

  test('a read of a reference table is one task', async () => {
    const plan = await explain(sql`SELECT count(*) FROM settings`)
    assert.match(plan, /Custom Scan \(Citus Adaptive\)/)
    assert.match(plan, /Task Count: 1\b/)
  })

  test('the distributed tables are hash-distributed by their column and co-located', { skip: DISTRIBUTED_TABLES.length === 0 ? 'no table is distributed yet: docs/architecture.md, "Distribution on Citus", says what blocks the first family' : false }, async () => {
    const found = await t.query<{ name: string; column: string; colocationid: number }>(sql`
      SELECT logicalrelid::regclass::text AS name, column_to_column_name(logicalrelid, partkey) AS column, colocationid
      FROM pg_dist_partition WHERE partmethod = 'h'`)
    const groups = new Set<number>()
    for (const d of DISTRIBUTED_TABLES) {
      const row = found.find((r) => r.name === d.table)
      assert.ok(row, `${d.table} is distributed`)
      assert.equal(row.column, d.column)
      groups.add(row.colocationid)
    }
    assert.equal(groups.size, 1, 'all in one co-location group')
  })
})
