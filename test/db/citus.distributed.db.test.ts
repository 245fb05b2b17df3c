// The cases family distributed by district on Citus (issue 19 §3, DATABASE_CITUS_DISTRIBUTE=cases):
// a new database started with it has the cases, their timeline, meetings, hotspot points and
// figures' rollup hash-distributed by district_id in one co-location group, the reference tables
// beside them and the rest on the coordinator; its keys are what Citus can keep (to the reference
// tables, and among the family on (id, district) without a cascading update); the demo written
// through the shards' triggers leaves the rollup and the points exact; a read naming the district
// is one task; a change on a shard keeps the rollup exact; and a second start converts nothing.
// Runs only on a cluster (LINLI_TEST_CITUS=1, LINLI_TEST_DATABASE_URL at the coordinator;
// scripts/citus-cluster.sh).
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { citusTests, hotspotPoints, rollupDrift, useOwnCitusDatabase } from '../support/citus.ts'
import { TEST_PII_KEYS } from '../support/template.ts'
import { DISTRIBUTED_TABLES, REFERENCE_TABLES, distributeOnCitus } from '../../src/server/kernel/db/citus.ts'
import { prepareDatabase } from '../../src/server/kernel/start.ts'

const skip = citusTests ? false : 'needs a Citus cluster: set LINLI_TEST_CITUS=1 and LINLI_TEST_DATABASE_URL at its coordinator (scripts/citus-cluster.sh start)'

describe('the cases family distributed by district', { skip }, () => {
  const own = useOwnCitusDatabase('linli_distributed')
  before(async () => {
    const { seed } = await prepareDatabase(own.database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS, DATABASE_CITUS_DISTRIBUTE: 'cases' })
    assert.equal(seed.seeded, true, 'the demo was written on the distributed layout')
  })
  const rows = async <T>(text: ReturnType<typeof sql>) => (await own.database.db.execute(text)).rows as T[]

  test('the family is hash-distributed by district in one co-location group, beside the reference tables', async () => {
    const found = await rows<{ name: string; method: string; column: string | null; colocationid: number; repmodel: string }>(sql`
      SELECT logicalrelid::regclass::text AS name, partmethod::text AS method, column_to_column_name(logicalrelid, partkey) AS column, colocationid, repmodel::text
      FROM pg_dist_partition`)
    const groups = new Set<number>()
    for (const d of DISTRIBUTED_TABLES) {
      const row = found.find((r) => r.name === d.table)
      assert.ok(row, `${d.table} is a Citus table`)
      assert.equal(row.method, 'h', `${d.table} is hash-distributed`)
      assert.equal(row.column, 'district_id')
      groups.add(row.colocationid)
    }
    assert.equal(groups.size, 1, 'the family is co-located')
    for (const table of REFERENCE_TABLES) assert.equal(found.find((r) => r.name === table)?.repmodel, 't', `${table} is a reference table`)
    for (const table of ['people', 'follows', 'emergency_hazards', 'orders']) assert.equal(found.find((r) => r.name === table)?.method, 'n', `${table} stays on the coordinator`)
    const shards = await rows<{ nodes: number }>(sql`SELECT count(DISTINCT nodeport)::int AS nodes FROM pg_dist_shard s JOIN pg_dist_shard_placement p USING (shardid) WHERE s.logicalrelid = 'cases'::regclass`)
    assert.ok(shards[0]!.nodes >= 2, 'the cases have shards on both workers')
  })

  test('the keys are those Citus keeps: to the reference tables, and on (id, district) within the family without a cascade', async () => {
    const keys = new Map((await rows<{ name: string; definition: string }>(sql`SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE contype = 'f' AND conparentid = 0 AND connamespace = 'public'::regnamespace`)).map((k) => [k.name, k.definition] as const))
    for (const k of ['cases_org_id_orgs_id_fk', 'cases_district_id_orgs_id_fk', 'cases_category_code_case_categories_code_fk', 'case_points_org_id_orgs_id_fk']) assert.ok(keys.has(k), `${k} is back`)
    for (const k of ['case_events_case_id_cases_id_fk', 'case_meetings_case_id_cases_id_fk']) {
      assert.match(keys.get(k) ?? '', /FOREIGN KEY \(case_id, district_id\) REFERENCES cases\(id, district_id\)$/, `${k} holds the district, no cascade`)
    }
    for (const k of ['cases_reporter_id_people_id_fk', 'cases_merged_into_id_cases_id_fk', 'follows_case_id_cases_id_fk', 'emergency_hazards_case_id_cases_id_fk', 'estate_ratings_case_id_fk']) {
      assert.ok(!keys.has(k), `${k} is gone (it crosses the coordinator and the shards)`)
    }
    assert.deepEqual(await rows(sql`SELECT 1 FROM pg_class WHERE relname = 'cases_id_key'`), [], 'no unique key on the id alone')
    await assert.rejects(
      own.database.db.execute(sql`INSERT INTO case_events (case_id, district_id, action, at) SELECT id, district_id + 100000, 'note', now() FROM cases ORDER BY id LIMIT 1`),
      (err: Error) => /violates foreign key constraint|no such|partition/i.test(String(err.cause ?? err)),
    )
  })

  test('the demo, written through the shards\u2019 triggers, left the rollup and the hotspot points exact; ids go on after it', async () => {
    assert.ok((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n > 100, 'the demo has cases')
    assert.deepEqual(await rollupDrift(own.database), [])
    const points = await hotspotPoints(own.database)
    assert.equal(points.points, points.cases)
    const [{ seq }] = await rows<{ seq: string }>(sql`SELECT pg_get_serial_sequence('cases', 'id') AS seq`) as [{ seq: string }]
    const [ids] = await rows<{ next: string; max: string }>(sql`SELECT (SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text FROM ${sql.raw(seq)}) AS next,
      (SELECT max(id)::text FROM cases) AS max`)
    assert.ok(BigInt(ids!.next) > BigInt(ids!.max), `the cases' next id ${ids!.next} follows their ${ids!.max}`)
  })

  test('a read naming the district is one task; a change on a shard keeps the rollup exact; a second start converts nothing', async () => {
    const [c] = await rows<{ id: string; district: string }>(sql`SELECT id::text, district_id::text AS district FROM cases WHERE state = 'reported' ORDER BY id LIMIT 1`)
    assert.ok(c, 'a reported case')
    const plan = (await rows<{ 'QUERY PLAN': string }>(sql`EXPLAIN SELECT * FROM cases WHERE id = ${c.id} AND district_id = ${c.district}`)).map((r) => r['QUERY PLAN']).join('\n')
    assert.match(plan, /Task Count: 1\b/)
    await own.database.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE cases SET state = 'closed', closed_at = now(), closed_level = 'grid', rating = 4 WHERE id = ${c.id} AND district_id = ${c.district}`)
      await tx.execute(sql`UPDATE cases SET state = 'rejected' WHERE id = (SELECT id FROM cases WHERE state = 'reported' AND id <> ${c.id} ORDER BY id LIMIT 1)`)
    })
    assert.deepEqual(await rollupDrift(own.database), [])
    const points = await hotspotPoints(own.database)
    assert.equal(points.points, points.cases, 'the rejected case left the hotspot points')
    assert.deepEqual(await distributeOnCitus(own.database, REFERENCE_TABLES, DISTRIBUTED_TABLES), { reference: [], distributed: [] })
  })
})
