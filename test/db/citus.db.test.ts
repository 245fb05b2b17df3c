// Linli on a Citus cluster (issue 19 §3): the tables kernel/db/citus.ts names are what Citus says
// they are (reference tables with a placement on every node; the distributed cases family is
// checked in citus.distributed.db.test.ts), and a read of a reference table, or a query naming one district of a
// distributed table, is routed to a single task (EXPLAIN's "Task Count: 1"). The partitioned tables
// carry their CHECK constraints on their partitions, so Citus can take them as Citus local tables.
// The org tree, categories, the service catalogue and the points rules are reference tables, every
// table their keys reach is a Citus local table (a month made later too), a start converts nothing
// more, ids go on after the seeded rows, and org writes (the path trigger) are the same on every
// node. Runs only on a cluster (LINLI_TEST_CITUS=1, LINLI_TEST_DATABASE_URL at the coordinator;
// scripts/citus-cluster.sh).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { startTestApp, type TestApp } from '../support/app.ts'
import { citusLayout, citusTests } from '../support/citus.ts'
import { DISTRIBUTED_TABLES, REFERENCE_TABLES, distributeOnCitus } from '../../src/server/kernel/db/citus.ts'
import { ensurePartitions, PARTITIONED_TABLES, partitionsOf, runOn } from '../../src/server/kernel/db/partitions.ts'

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

  async function assertReference(tables: readonly string[]): Promise<void> {
    const nodes = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_dist_node WHERE noderole = 'primary' AND isactive`))[0]!.n
    assert.ok(nodes >= 3, `a coordinator and two workers, got ${nodes} nodes`)
    const found = await t.query<{ name: string; placements: number }>(sql`
      SELECT p.logicalrelid::regclass::text AS name, count(pl.placementid)::int AS placements
      FROM pg_dist_partition p JOIN pg_dist_shard s USING (logicalrelid) JOIN pg_dist_placement pl USING (shardid)
      WHERE p.partmethod = 'n' AND p.repmodel = 't' GROUP BY 1`)
    for (const table of tables) {
      const row = found.find((r) => r.name === table)
      assert.ok(row, `${table} is a reference table`)
      assert.equal(row.placements, nodes, `${table} has a copy on each of the ${nodes} nodes`)
    }
  }

  async function assertOneTask(text: ReturnType<typeof sql>): Promise<void> {
    const plan = await explain(text)
    assert.match(plan, /Custom Scan \(Citus Adaptive\)/)
    assert.match(plan, /Task Count: 1\b/)
  }

  /** The database's error (the cause of Drizzle's) names the constraint. */
  const refusedBy = (constraint: string) => (err: unknown) => {
    assert.match(String((err as Error).cause ?? err), new RegExp(`violates check constraint "${constraint}`))
    return true
  }

  /** Rows of a query on each worker's copy of this file's database. */
  async function onWorkers<T>(text: string): Promise<T[][]> {
    const db = (await t.query<{ db: string }>(sql`SELECT current_database() AS db`))[0]!.db
    const workers = await t.query<{ host: string; port: number }>(sql`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`)
    const url = new URL(process.env.LINLI_TEST_DATABASE_URL!)
    return Promise.all(workers.map(async (w) => {
      const c = new pg.Client({ user: url.username, password: url.password || undefined, host: w.host, port: w.port, database: db })
      await c.connect()
      try {
        return (await c.query(text)).rows as T[]
      } finally {
        await c.end()
      }
    }))
  }

  test('the reference tables are reference tables with a placement on every node, and a start converts nothing more', async () => {
    await assertReference(REFERENCE_TABLES)
    assert.ok(REFERENCE_TABLES.includes('orgs') && REFERENCE_TABLES.includes('case_categories'))
    assert.deepEqual(await distributeOnCitus(t.database, REFERENCE_TABLES, citusLayout() === 'cases' ? DISTRIBUTED_TABLES : []), { reference: [], distributed: [] })
  })

  test('a read of a reference table is one task', async () => {
    await assertOneTask(sql`SELECT count(*) FROM settings`)
    await assertOneTask(sql`SELECT count(*) FROM orgs WHERE kind = 'community'`)
  })

  test('the partitions carry their CHECK constraints, months made later too, and a bad row is still refused', async () => {
    const onParent = await t.query<{ name: string }>(sql`SELECT conname::text AS name FROM pg_constraint
      WHERE contype = 'c' AND conrelid IN (${sql.raw(PARTITIONED_TABLES.map((p) => `'${p.table}'::regclass`).join(', '))})`)
    assert.deepEqual(onParent, [], 'no CHECK on a partitioned parent (Citus could not make its partitions)')
    // Far enough ahead that the months are new ones.
    const openBefore = (await partitionsOf(runOn(t.database.db), 'broadcast_receipts')).filter((p) => p.part === 'p').map((p) => `${p.name} ${p.bound}`)
    const made = await t.database.db.transaction((tx) => ensurePartitions(runOn(tx), new Date(Date.now() + 400 * 86_400_000), { monthsAhead: 1 }))
    const month = made.find((n) => n.startsWith('device_presses_p'))
    assert.ok(month, `a device_presses month was made (${made.join(', ')})`)
    // Broadcast receipts' open partition is not cut on a Citus table (Citus refuses to attach it
    // again once detached): it stays open and takes the new month's receipts.
    assert.ok(!made.some((n) => n.startsWith('broadcast_receipts_')), `no receipts partition made (${made.join(', ')})`)
    assert.deepEqual((await partitionsOf(runOn(t.database.db), 'broadcast_receipts')).filter((p) => p.part === 'p').map((p) => `${p.name} ${p.bound}`), openBefore)
    assert.match(openBefore.at(-1) ?? '', /TO \(MAXVALUE\)$/)
    const checks = await t.query<{ name: string }>(sql`SELECT conname::text AS name FROM pg_constraint WHERE contype = 'c' AND conrelid = ${month}::regclass ORDER BY 1`)
    assert.deepEqual(checks.map((c) => c.name), ['device_presses_state_check'])
    const device = (await t.query<{ id: string }>(sql`SELECT id::text FROM devices ORDER BY id LIMIT 1`))[0]
    assert.ok(device, 'the demo has a device')
    const signedAt = Date.now() + 400 * 86_400_000
    await assert.rejects(
      t.query(sql`INSERT INTO device_presses (device_id, state, signed_at, order_at) VALUES (${device.id}, 'lost', ${signedAt}, now())`),
      refusedBy('device_presses_state_check'),
    )
  })

  // Last: it changes this file's database for good.
  test('the tables whose keys reach the reference tables are Citus local, and org writes are the same on every node', async () => {
    const before = (await t.query<{ max: string }>(sql`SELECT max(id)::text AS max FROM orgs`))[0]!.max
    // Every table their foreign keys reach is a Citus local table (on the coordinator, in Citus's metadata).
    const local = new Set((await t.query<{ name: string }>(sql`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'n' AND repmodel = 's'`)).map((r) => r.name))
    for (const table of ['people', 'orders', 'device_presses', 'points_postings', 'notifications', 'broadcast_receipts']) {
      assert.ok(local.has(table), `${table} is a Citus local table`)
    }
    // The cases family: distributed by district (citus.distributed.db.test.ts), or on the reference
    // layout (LINLI_TEST_CITUS_DISTRIBUTE=none) Citus local like the rest.
    const hashed = new Set((await t.query<{ name: string }>(sql`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'h'`)).map((r) => r.name))
    for (const table of DISTRIBUTED_TABLES.map((d) => d.table)) {
      if (citusLayout() === 'cases') assert.ok(hashed.has(table) && !local.has(table), `${table} is distributed`)
      else assert.ok(local.has(table) && !hashed.has(table), `${table} is a Citus local table`)
    }
    // A month made on a Citus local table (what failed while the parent carried the CHECKs).
    const later = await t.database.db.transaction((tx) => ensurePartitions(runOn(tx), new Date(Date.now() + 500 * 86_400_000), { monthsAhead: 1 }))
    const month = later.find((n) => n.startsWith('device_presses_p'))
    assert.ok(month && local.size > 0, `a device_presses month was made on the Citus local table (${later.join(', ')})`)
    const device = (await t.query<{ id: string }>(sql`SELECT id::text FROM devices ORDER BY id LIMIT 1`))[0]!
    await assert.rejects(
      t.query(sql`INSERT INTO device_presses (device_id, state, signed_at, order_at) VALUES (${device.id}, 'lost', ${Date.now() + 500 * 86_400_000}, now())`),
      refusedBy('device_presses_state_check'),
    )

    // Ids go on after the seeded rows; the path trigger runs on every placement.
    const city = (await t.query<{ id: string; path: string }>(sql`SELECT id::text, path::text FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`))[0]!
    const [a] = await t.query<{ id: string; path: string }>(sql`INSERT INTO orgs (parent_id, kind, name) VALUES (${city.id}, 'district', '新区甲') RETURNING id::text, path::text`)
    assert.ok(BigInt(a!.id) > BigInt(before), `a new org's id ${a!.id} follows the ${before} there were`)
    assert.equal(a!.path, `${city.path}.${a!.id}`)
    const [b] = await t.query<{ id: string }>(sql`INSERT INTO orgs (parent_id, kind, name) VALUES (${city.id}, 'district', '新区乙') RETURNING id::text`)
    const [street] = await t.query<{ id: string; path: string }>(sql`INSERT INTO orgs (parent_id, kind, name) VALUES (${a!.id}, 'street', '新街道') RETURNING id::text, path::text`)
    assert.equal(street!.path, `${a!.path}.${street!.id}`)
    // Moved under the other district and renamed, as the orgs service does it.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE orgs SET parent_id = ${b!.id} WHERE id = ${street!.id}`)
      await tx.execute(sql`UPDATE orgs SET path = ${`${city.path}.${b!.id}`}::ltree || subpath(path, nlevel(${street!.path}::ltree) - 1) WHERE path <@ ${street!.path}::ltree`)
      await tx.execute(sql`UPDATE orgs SET name = '改名街道' WHERE id = ${street!.id}`)
    })
    const ids = [a!.id, b!.id, street!.id].join(',')
    const rows = `SELECT id::text, parent_id::text, path::text, name FROM orgs WHERE id IN (${ids}) ORDER BY id`
    const here = await t.query<Record<string, string>>(sql.raw(rows))
    assert.deepEqual(here.map((r) => r.path), [`${city.path}.${a!.id}`, `${city.path}.${b!.id}`, `${city.path}.${b!.id}.${street!.id}`])
    assert.equal(here[2]!.name, '改名街道')
    // Each worker's own placement (a shard of orgs), read there.
    const shard = (await t.query<{ shard: string }>(sql`SELECT shard_name('orgs'::regclass, shardid) AS shard FROM pg_dist_shard WHERE logicalrelid = 'orgs'::regclass`))[0]!.shard
    for (const copy of await onWorkers<Record<string, string>>(rows.replace('FROM orgs', `FROM ${shard}`))) assert.deepEqual(copy, here)
  })
})
