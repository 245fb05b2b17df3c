// The planned Citus layout from the start (issue 19 §3): a migrated, empty database on a cluster
// gets the planned reference tables (kernel/db/citus.ts PLANNED_REFERENCE_TABLES) before anything
// is in it, so every table the demo seed writes is already a Citus local or reference table; the
// demo seed then runs whole, and a write to a reference table through the app's repository leaves
// the same row, updated_at included, on every node. Runs only on a cluster (LINLI_TEST_CITUS=1,
// LINLI_TEST_DATABASE_URL at the coordinator; scripts/citus-cluster.sh).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { citusTests, createCitusDatabase, dropCitusDatabase } from '../support/citus.ts'
import { databaseUrl, TEST_PII_KEYS } from '../support/template.ts'
import { openPostgres, type Database } from '../../src/server/kernel/db/client.ts'
import { migrate } from '../../src/server/kernel/db/migrate.ts'
import { partitionTables } from '../../src/server/kernel/db/partitions.ts'
import { distributeOnCitus, PLANNED_REFERENCE_TABLES, REFERENCE_TABLES } from '../../src/server/kernel/db/citus.ts'
import { prepareDatabase } from '../../src/server/kernel/start.ts'
import { updateOrg } from '../../src/server/modules/orgs/orgs.repository.ts'

const skip = citusTests ? false : 'needs a Citus cluster: set LINLI_TEST_CITUS=1 and LINLI_TEST_DATABASE_URL at its coordinator (scripts/citus-cluster.sh start)'

describe('the demo seeded on the planned Citus layout', { skip }, () => {
  const base = process.env.LINLI_TEST_DATABASE_URL!
  const name = `linli_planned_${process.pid}`
  let database: Database
  before(async () => {
    await createCitusDatabase(base, name, null)
    database = await openPostgres(databaseUrl(base, name), 4)
  })
  after(async () => {
    await database?.close()
    await dropCitusDatabase(base, name)
  })

  const count = async (table: string) => (await database.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)).rows[0]!.n as number

  test('an empty migrated database converted to the planned layout takes the whole demo seed', async () => {
    await migrate(database)
    await partitionTables(database, {})
    // As a database that ran on today's layout first: its conversion set every identity back with
    // setval(…, false), and those not used since must go on after their rows (the migrations'
    // deliberation templates) when the planned layout converts them again.
    const today = await distributeOnCitus(database)
    assert.deepEqual(today?.reference, [...REFERENCE_TABLES])
    const made = await distributeOnCitus(database, PLANNED_REFERENCE_TABLES)
    assert.deepEqual(made?.reference, PLANNED_REFERENCE_TABLES.filter((t) => !REFERENCE_TABLES.includes(t)))
    const template = (await database.db.execute(sql`INSERT INTO deliberation_templates (code, name, name_en, description) VALUES ('planned_check', '检查', 'Check', '转换后新增') RETURNING id::int AS id`)).rows[0]!.id as number
    assert.ok(template > 3, `a new template's id (${template}) goes on after the migrations' three`)
    await database.db.execute(sql`DELETE FROM deliberation_templates WHERE code = 'planned_check'`)
    assert.equal(await count('orgs'), 0, 'converted while empty')
    const { seed } = await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
    assert.equal(seed.seeded, true)
    assert.ok(seed.demoAccounts.length > 0, 'the demo accounts are listed')
    for (const table of ['orgs', 'people', 'accounts', 'cases', 'orders', 'broadcasts', 'broadcast_receipts', 'points_transactions', 'topics', 'errand_steps', 'library_practices']) {
      assert.ok((await count(table)) > 0, `the demo wrote ${table}`)
    }
    // Still the planned layout: people and cases are Citus local tables beside the reference tables.
    const kinds = new Map((await database.db.execute(sql`SELECT logicalrelid::regclass::text AS name, repmodel FROM pg_dist_partition WHERE partmethod = 'n'`)).rows.map((r: Record<string, unknown>) => [r.name as string, r.repmodel as string] as const))
    for (const table of PLANNED_REFERENCE_TABLES) assert.equal(kinds.get(table), 't', `${table} is a reference table`)
    for (const table of ['people', 'cases', 'broadcast_receipts']) assert.equal(kinds.get(table), 's', `${table} is a Citus local table`)
  })

  test('an org renamed by the repository has the same updated_at on every node', async () => {
    const org = (await database.db.execute(sql`SELECT id::text, updated_at::text FROM orgs WHERE kind = 'community' ORDER BY id LIMIT 1`)).rows[0] as { id: string; updated_at: string }
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_sleep(0.01)`)
      await updateOrg(tx as never, org.id, { name: '改名社区' })
    })
    const rows = `SELECT id::text, name, updated_at::text FROM orgs WHERE id = ${org.id}`
    const here = (await database.db.execute(sql.raw(rows))).rows as Record<string, string>[]
    assert.equal(here[0]!.name, '改名社区')
    assert.notEqual(here[0]!.updated_at, org.updated_at, 'the rename moved updated_at')
    const shard = (await database.db.execute(sql`SELECT shard_name('orgs'::regclass, shardid) AS shard FROM pg_dist_shard WHERE logicalrelid = 'orgs'::regclass`)).rows[0]!.shard as string
    const workers = (await database.db.execute(sql`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`)).rows as { host: string; port: number }[]
    assert.ok(workers.length >= 2)
    for (const w of workers) {
      const url = new URL(databaseUrl(base, name))
      const c = new pg.Client({ user: url.username, password: url.password || undefined, host: w.host, port: w.port, database: name })
      await c.connect()
      try {
        assert.deepEqual((await c.query(rows.replace('FROM orgs', `FROM ${shard}`))).rows, here, `worker ${w.port}'s copy of orgs`)
      } finally {
        await c.end()
      }
    }
  })
})
