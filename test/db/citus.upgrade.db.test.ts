// Upgrading a Citus database from the earlier layout (issue 19 §3): a database that ran with only
// settings, the calendar and the rating criteria as reference tables (kernel/db/citus.ts
// EARLIER_REFERENCE_TABLES) and holds the whole demo gets the org tree, categories, the service
// catalogue and the points rules as reference tables at its next start (prepareDatabase), keeps
// every row, and every identity goes on after its rows (Citus remakes the identities of the tables
// it converts); then a write to a reference table through the app's repository leaves the same
// row, updated_at included, on every node. Runs only on a cluster (LINLI_TEST_CITUS=1,
// LINLI_TEST_DATABASE_URL at the coordinator; scripts/citus-cluster.sh).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { citusTests, hotspotPoints, rollupDrift, useOwnCitusDatabase } from '../support/citus.ts'
import { databaseUrl, TEST_PII_KEYS } from '../support/template.ts'
import { migrate } from '../../src/server/kernel/db/migrate.ts'
import { partitionTables } from '../../src/server/kernel/db/partitions.ts'
import { DISTRIBUTED_TABLES, distributeOnCitus, EARLIER_REFERENCE_TABLES, REFERENCE_TABLES } from '../../src/server/kernel/db/citus.ts'
import { loadPiiKeyring, preparePii } from '../../src/server/kernel/pii.ts'
import { prepareDatabase } from '../../src/server/kernel/start.ts'
import { seedDemo } from '../../src/server/demo/seed.ts'
import { updateOrg } from '../../src/server/modules/orgs/orgs.repository.ts'

const skip = citusTests ? false : 'needs a Citus cluster: set LINLI_TEST_CITUS=1 and LINLI_TEST_DATABASE_URL at its coordinator (scripts/citus-cluster.sh start)'

describe('a Citus database on the earlier layout upgraded at its next start', { skip }, () => {
  const own = useOwnCitusDatabase('linli_upgrade')
  const { base, name } = own

  const rows = async <T>(text: ReturnType<typeof sql>) => (await own.database.db.execute(text)).rows as T[]
  const count = async (table: string) => (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
  const kinds = async () => new Map((await rows<{ name: string; repmodel: string }>(sql`SELECT logicalrelid::regclass::text AS name, repmodel FROM pg_dist_partition WHERE partmethod = 'n'`)).map((r) => [r.name, r.repmodel] as const))
  const config = { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS }
  const seeded = ['orgs', 'people', 'accounts', 'case_categories', 'service_items', 'points_rules', 'cases', 'case_events', 'orders', 'broadcasts', 'broadcast_receipts', 'points_transactions', 'topics', 'deliberation_templates', 'errand_steps', 'library_practices']

  test('a database seeded on the earlier layout converts at its next start, keeps its rows, and every identity goes on after them', async () => {
    // What a start did before this layout: migrations, partitions, the three reference tables, then the demo.
    await migrate(own.database)
    await partitionTables(own.database, {})
    const earlier = await distributeOnCitus(own.database, EARLIER_REFERENCE_TABLES)
    assert.deepEqual(earlier?.reference, [...EARLIER_REFERENCE_TABLES])
    const pii = loadPiiKeyring(config)
    await preparePii(own.database.db, pii)
    assert.equal((await seedDemo(own.database.db, pii)).seeded, true)
    assert.equal((await kinds()).get('orgs'), undefined, 'orgs is a plain coordinator table on the earlier layout')
    const before = new Map<string, number>()
    for (const table of seeded) {
      before.set(table, await count(table))
      assert.ok(before.get(table)! > 0, `the demo wrote ${table}`)
    }

    // The next start.
    const { seed } = await prepareDatabase(own.database, config)
    assert.equal(seed.seeded, false, 'not seeded again')
    const after = await kinds()
    for (const table of REFERENCE_TABLES) assert.equal(after.get(table), 't', `${table} is a reference table`)
    for (const table of ['people', 'broadcast_receipts', 'topics']) assert.equal(after.get(table), 's', `${table} is a Citus local table`)
    const hashed = await rows<{ name: string }>(sql`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition d JOIN pg_class c ON c.oid = d.logicalrelid
      WHERE d.partmethod = 'h' AND NOT c.relispartition ORDER BY 1`)
    assert.deepEqual(hashed.map((r) => r.name), DISTRIBUTED_TABLES.map((d) => d.table).sort(), 'the cases family is distributed by district, with its rows')
    for (const table of seeded) assert.equal(await count(table), before.get(table), `${table} kept its rows`)
    assert.deepEqual(await rollupDrift(own.database), [], 'the rollup was copied, not counted again')
    const points = await hotspotPoints(own.database)
    assert.equal(points.points, points.cases, 'each hotspot point once')

    // Every identity's next value is past its table's rows.
    const identities = await rows<{ table: string; column: string; seq: string }>(sql`SELECT c.relname::text AS table, a.attname::text AS column,
        pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attidentity <> '' AND NOT a.attisdropped`)
    assert.ok(identities.length > 50, `the app's identities (${identities.length})`)
    const behind: string[] = []
    for (const id of identities) {
      const [state] = await rows<{ next: string; max: string }>(sql`SELECT (SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text FROM ${sql.raw(id.seq)}) AS next,
        (SELECT coalesce(max(${sql.identifier(id.column)}), 0)::text FROM ${sql.identifier(id.table)}) AS max`)
      if (BigInt(state!.next) <= BigInt(state!.max)) behind.push(`${id.table}.${id.column}: next ${state!.next}, rows up to ${state!.max}`)
    }
    assert.deepEqual(behind, [], 'no identity hands out a taken id')
    // And the app's writes take them: a template (the migrations' rows) and an org (the demo's).
    const [template] = await rows<{ id: number }>(sql`INSERT INTO deliberation_templates (code, name, name_en, description) VALUES ('upgrade_check', '检查', 'Check', '升级后新增') RETURNING id::int AS id`)
    assert.ok(template!.id > 3, `a new template's id (${template!.id}) goes on after the migrations' three`)
    const city = (await rows<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`))[0]!
    const [org] = await rows<{ id: string }>(sql`INSERT INTO orgs (parent_id, kind, name) VALUES (${city.id}, 'district', '升级后的区') RETURNING id::text`)
    assert.ok(org, 'a new org')
  })

  test('an org renamed by the repository has the same updated_at on every node', async () => {
    const org = (await own.database.db.execute(sql`SELECT id::text, updated_at::text FROM orgs WHERE kind = 'community' ORDER BY id LIMIT 1`)).rows[0] as { id: string; updated_at: string }
    await own.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_sleep(0.01)`)
      await updateOrg(tx as never, org.id, { name: '改名社区' })
    })
    const rows = `SELECT id::text, name, updated_at::text FROM orgs WHERE id = ${org.id}`
    const here = (await own.database.db.execute(sql.raw(rows))).rows as Record<string, string>[]
    assert.equal(here[0]!.name, '改名社区')
    assert.notEqual(here[0]!.updated_at, org.updated_at, 'the rename moved updated_at')
    const shard = (await own.database.db.execute(sql`SELECT shard_name('orgs'::regclass, shardid) AS shard FROM pg_dist_shard WHERE logicalrelid = 'orgs'::regclass`)).rows[0]!.shard as string
    const workers = (await own.database.db.execute(sql`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`)).rows as { host: string; port: number }[]
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

describe('a Citus database on the reference layout gets its cases family distributed at its next start', { skip }, () => {
  const own = useOwnCitusDatabase('linli_upgrade_ref')
  const rows = async <T>(text: ReturnType<typeof sql>) => (await own.database.db.execute(text)).rows as T[]
  const config = { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS }
  const family = DISTRIBUTED_TABLES.map((d) => d.table)
  const layout = async () => new Map((await rows<{ name: string; method: string; repmodel: string }>(sql`
    SELECT logicalrelid::regclass::text AS name, partmethod::text AS method, repmodel::text FROM pg_dist_partition`)).map((r) => [r.name, r.method === 'h' ? 'distributed' : r.repmodel === 't' ? 'reference' : 'local'] as const))

  test('the family\u2019s rows, timelines\u2019 ids, rollup and hotspot points are the same after, and the shards\u2019 triggers count what comes next', async () => {
    assert.equal((await prepareDatabase(own.database, { ...config, DATABASE_CITUS_DISTRIBUTE: 'none' })).seed.seeded, true)
    const earlier = await layout()
    // On the coordinator: Citus local where a key reaches a reference table, plain otherwise (the rollup).
    for (const table of family) assert.ok([undefined, 'local'].includes(earlier.get(table)), `${table} is on the coordinator on the reference layout`)
    assert.equal(earlier.get('cases'), 'local')
    const snapshot = async () => rows<{ cases: string; events: string; meetings: string }>(sql`SELECT
      (SELECT string_agg(id || ':' || district_id || ':' || state, ',' ORDER BY id) FROM cases) AS cases,
      (SELECT string_agg(id || ':' || case_id || ':' || action, ',' ORDER BY id) FROM case_events) AS events,
      (SELECT string_agg(id || ':' || case_id, ',' ORDER BY id) FROM case_meetings) AS meetings`)
    const before = await snapshot()

    const { seed } = await prepareDatabase(own.database, config)
    assert.equal(seed.seeded, false, 'not seeded again')
    const after = await layout()
    for (const table of family) assert.equal(after.get(table), 'distributed', `${table} is distributed by district`)
    for (const table of ['people', 'follows', 'orders']) assert.equal(after.get(table), 'local', `${table} stays on the coordinator`)
    assert.deepEqual(await snapshot(), before, 'every case, timeline row and meeting kept, ids and all')
    assert.deepEqual(await rollupDrift(own.database), [])
    const points = await hotspotPoints(own.database)
    assert.equal(points.points, points.cases)
    const keys = await rows<{ definition: string }>(sql`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'case_events_case_id_cases_id_fk'`)
    assert.match(keys[0]?.definition ?? '', /FOREIGN KEY \(case_id, district_id\) REFERENCES cases\(id, district_id\)$/)

    // What comes next: a new case takes the next id, is counted by the shard's triggers, and the
    // timeline is append-only there too.
    const [c] = await rows<{ id: string; districtId: string }>(sql`
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, level, handling_org_id, handling_org_path, channel)
      SELECT linli_district_of(g.id), g.id, g.path, 'order.noise', '布局升级后上报', ST_SetSRID(ST_MakePoint(115.9, 28.68), 4326), 'grid', g.id, g.path, 'console'
      FROM orgs g WHERE g.kind = 'grid' ORDER BY g.id LIMIT 1
      RETURNING id::text, district_id::text AS "districtId"`)
    const maxBefore = before[0]!.cases.split(',').map((r) => BigInt(r.split(':')[0]!)).reduce((a, b) => (a > b ? a : b))
    assert.ok(BigInt(c!.id) > maxBefore, `the new case's id ${c!.id} follows the ${maxBefore} there were`)
    assert.deepEqual(await rollupDrift(own.database), [])
    assert.equal((await hotspotPoints(own.database)).points, points.points + 1)
    await own.database.db.execute(sql`INSERT INTO case_events (case_id, district_id, action, to_state) VALUES (${c!.id}, ${c!.districtId}, 'report', 'reported')`)
    await assert.rejects(own.database.db.execute(sql`DELETE FROM case_events WHERE case_id = ${c!.id} AND district_id = ${c!.districtId}`),
      (err: Error) => /append-only/.test(String(err.cause ?? err)))
    assert.deepEqual(await distributeOnCitus(own.database, REFERENCE_TABLES, DISTRIBUTED_TABLES), { reference: [], distributed: [] }, 'a third start converts nothing')
  })
})
