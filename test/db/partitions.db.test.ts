// Issue 19: the grow-only tables are partitioned by month on a PostgreSQL server
// (kernel/db/partitions.ts). Embedded mode keeps plain tables, so every test but the first is
// PostgreSQL only; the test database is a copy of the template, which start-up partitioned.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { dbKind, startTestApp, type TestApp } from '../support/app.ts'
import { databaseUrl, TEST_PII_KEYS } from '../support/template.ts'
import { openPostgres, rows } from '../../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../../src/server/kernel/start.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { dropExpired, parseRetention, partitionsJob, partitionsOf, partitionTables, PARTITIONED_TABLES, runOn } from '../../src/server/kernel/db/partitions.ts'
import { monthLabel, monthOf, monthStartLiteral, monthStartMs } from '../../src/server/kernel/db/partitions.months.ts'

const onServer = dbKind === 'postgres' ? false : 'PostgreSQL only: embedded mode (PGlite) keeps plain tables'
const TABLES = PARTITIONED_TABLES.map((t) => t.table)

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const now = new Date()
const thisMonth = monthOf(now)
const dayIn = (month: number) => new Date(monthStartMs(month) + 10 * 86_400_000)

/** Rejects with a PostgreSQL error whose message matches (Drizzle wraps it as the cause). */
async function refused(p: Promise<unknown>, re: RegExp): Promise<void> {
  await assert.rejects(p, (err: Error & { cause?: Error }) => re.test(`${err.message} ${err.cause?.message ?? ''}`))
}

async function relkinds(): Promise<Record<string, string>> {
  const r = await t.query<{ name: string; kind: string }>(sql`SELECT relname::text AS name, relkind::text AS kind FROM pg_class
    WHERE relname IN (${sql.join(TABLES.map((n) => sql`${n}`), sql`, `)}) AND relnamespace = 'public'::regnamespace`)
  return Object.fromEntries(r.map((x) => [x.name, x.kind]))
}

async function partitionNames(table: string): Promise<string[]> {
  return (await partitionsOf(runOn(t.database.db), table)).map((p) => p.name)
}

test('embedded mode keeps plain tables; a server partitions every grow-only table at start', async () => {
  const kinds = await relkinds()
  for (const table of TABLES) assert.equal(kinds[table], dbKind === 'postgres' ? 'p' : 'r', table)
})

test('the retention setting names known tables and keeps the audit log at least six months', () => {
  assert.deepEqual(parseRetention('notifications=24, audit_log=72'), { notifications: 24, audit_log: 72 })
  assert.deepEqual(parseRetention(''), {})
  assert.throws(() => parseRetention('audit_log=3'), /六个月|6 个月|at least 6 months/)
  assert.throws(() => parseRetention('cases=12'), /无法识别/)
})

test('the months ahead exist after start, and a row lands in its month\'s partition', { skip: onServer }, async () => {
  for (const table of ['audit_log', 'notifications', 'case_events', 'points_postings', 'device_presses']) {
    const names = await partitionNames(table)
    for (let m = thisMonth; m <= thisMonth + 3; m++) assert.ok(names.includes(`${table}_p${monthLabel(m)}`), `${table} ${monthLabel(m)}: ${names.join(' ')}`)
  }
  assert.ok((await partitionNames('broadcast_receipts')).includes(`broadcast_receipts_p${monthLabel(thisMonth)}`))

  const person = t.fixtures.personIds.admin ?? Object.values(t.fixtures.personIds)[0]
  const next = dayIn(thisMonth + 1).toISOString()
  const landed = await t.query<{ part: string }>(sql`INSERT INTO notifications (person_id, kind, title, created_at)
    VALUES (${person}, 'test', '分区测试', ${next}::timestamptz) RETURNING tableoid::regclass::text AS part`)
  assert.equal(landed[0]!.part, `notifications_p${monthLabel(thisMonth + 1)}`)
  const audit = await t.query<{ part: string }>(sql`INSERT INTO audit_log (action, entity) VALUES ('test', 'test') RETURNING tableoid::regclass::text AS part`)
  assert.equal(audit[0]!.part, `audit_log_p${monthLabel(thisMonth)}`)
  // The audit log stays append-only, on the parent and on a partition named directly.
  await refused(t.query(sql`UPDATE audit_log SET action = 'x' WHERE action = 'test'`), /append-only/)
  await refused(t.query(sql.raw(`DELETE FROM audit_log_p${monthLabel(thisMonth)}`)), /append-only/)
  await refused(t.query(sql.raw(`TRUNCATE audit_log_p${monthLabel(thisMonth)}`)), /append-only/)
})

test('the sweep makes the next month\'s partition once (idempotent)', { skip: onServer }, async () => {
  const later = dayIn(thisMonth + 4)
  const job = partitionsJob({})
  const first = (await sweepOnce(t.database, [job], later))!.partitions as { created: string[] }
  for (const table of ['audit_log', 'notifications', 'case_events', 'points_postings', 'device_presses']) {
    assert.ok(first.created.includes(`${table}_p${monthLabel(thisMonth + 7)}`), `${table}: ${first.created.join(' ')}`)
  }
  // A new month cuts the receipts' open partition at the next broadcast id.
  assert.ok(first.created.includes(`broadcast_receipts_p${monthLabel(thisMonth + 4)}`))
  const receipts = await partitionsOf(runOn(t.database.db), 'broadcast_receipts')
  assert.match(receipts.find((p) => p.name === `broadcast_receipts_p${monthLabel(thisMonth)}`)!.bound, /TO \('?\d+'?\)/)
  assert.match(receipts.find((p) => p.name === `broadcast_receipts_p${monthLabel(thisMonth + 4)}`)!.bound, /TO \(MAXVALUE\)/)
  assert.deepEqual(await sweepOnce(t.database, [job], later), { partitions: {} })
  // A row dated two years ahead is kept in the default partition; that month is then not made for its table.
  const far = await t.query<{ part: string }>(sql`INSERT INTO audit_log (action, entity, at) VALUES ('test', 'test', ${dayIn(thisMonth + 24).toISOString()}::timestamptz) RETURNING tableoid::regclass::text AS part`)
  assert.equal(far[0]!.part, 'audit_log_default')
  const farOn = (await sweepOnce(t.database, [job], dayIn(thisMonth + 22)))!.partitions as { created: string[] }
  assert.ok(farOn.created.includes(`notifications_p${monthLabel(thisMonth + 24)}`))
  assert.ok(!farOn.created.includes(`audit_log_p${monthLabel(thisMonth + 24)}`))
  assert.ok(farOn.created.includes(`audit_log_p${monthLabel(thisMonth + 23)}`))
})

test('retention drops the old partitions of the table named and nothing else, and says so in the audit', { skip: onServer }, async () => {
  const before = Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await partitionNames(n)] as const)))
  const kept = await t.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM notifications WHERE created_at >= ${monthStartLiteral(thisMonth + 1)}::timestamptz`)
  // Four months on, keeping two: this month's partition and everything before it go.
  const dropped = await t.database.db.transaction((tx) => dropExpired(tx as never, dayIn(thisMonth + 3), { retention: { notifications: 2 } }))
  assert.deepEqual(dropped.map((d) => d.partition).sort(), [`notifications_before_${monthLabel(thisMonth)}`, `notifications_p${monthLabel(thisMonth)}`].sort())
  const after = await partitionNames('notifications')
  assert.deepEqual(after, before.notifications!.filter((n) => !dropped.some((d) => d.partition === n)))
  for (const table of TABLES.filter((n) => n !== 'notifications')) assert.deepEqual(await partitionNames(table), before[table], table)
  const still = await t.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM notifications`)
  assert.equal(still[0]!.n, kept[0]!.n)
  const audited = await t.query<{ entityId: string }>(sql`SELECT entity_id AS "entityId" FROM audit_log WHERE action = 'partition.drop' ORDER BY id`)
  assert.deepEqual(audited.map((a) => a.entityId).sort(), dropped.map((d) => d.partition).sort())
})

test('converting a server database that already has rows keeps every row, the ids and the guarantees', { skip: onServer, timeout: 600_000 }, async () => {
  const base = process.env.LINLI_TEST_DATABASE_URL!
  const name = `linli_part_${process.pid}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const database = await openPostgres(databaseUrl(base, name), 2)
  try {
    // The demo city on plain tables, as a server upgraded from before issue 19 has it.
    await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS, DATABASE_PARTITIONS: false })
    // Audit rows of earlier months and one dated next month (a skewed clock): the old table's range reaches past it.
    await rows(database.db, sql`INSERT INTO audit_log (action, entity, at) SELECT 'test', 'test', now() - make_interval(months => g) FROM generate_series(0, 14) g`)
    await rows(database.db, sql`INSERT INTO audit_log (action, entity, at) VALUES ('test', 'test', ${dayIn(thisMonth + 1).toISOString()}::timestamptz)`)
    await rows(database.db, sql`INSERT INTO notifications (person_id, kind, title, created_at) SELECT id, 'test', '转换前的通知', now() - interval '40 days' FROM people ORDER BY id LIMIT 3`)
    const census = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => {
      const r = await rows<{ n: string; ids: string }>(database.db, sql.raw(`SELECT count(*)::text AS n, coalesce(sum(id), 0)::text AS ids FROM ${table}`))
      return [table, `${r[0]!.n}/${r[0]!.ids}`] as const
    })))
    const beforeRows = await census()
    for (const table of ['audit_log', 'notifications', 'case_events', 'points_postings', 'broadcast_receipts']) assert.notEqual(beforeRows[table], '0/0', `${table} has demo rows`)
    const balances = await rows<{ s: string }>(database.db, sql`SELECT sum(balance)::text AS s FROM points_accounts`)

    const { converted } = await partitionTables(database, {}, now)
    assert.deepEqual(converted.sort(), [...TABLES].sort())
    assert.deepEqual(await census(), beforeRows)
    assert.deepEqual((await partitionTables(database, {}, now)).converted, [])

    // The identity goes on after the old rows; the ledger's triggers still apply and balance postings.
    const maxId = await rows<{ id: string }>(database.db, sql`SELECT max(id)::text AS id FROM audit_log`)
    const added = await rows<{ id: string }>(database.db, sql`INSERT INTO audit_log (action, entity) VALUES ('test', 'test') RETURNING id::text`)
    assert.ok(BigInt(added[0]!.id) > BigInt(maxId[0]!.id))
    await refused(rows(database.db, sql`DELETE FROM points_postings`), /append-only/)
    await assert.rejects(rows(database.db, sql.raw(`INSERT INTO points_postings (transaction_id, account_id, amount) SELECT transaction_id, account_id, 1 FROM points_postings LIMIT 1`)))
    assert.deepEqual(await rows<{ s: string }>(database.db, sql`SELECT sum(balance)::text AS s FROM points_accounts`), balances)
    const audit = await partitionsOf(runOn(database.db), 'audit_log')
    assert.ok(audit.some((p) => p.name === `audit_log_before_${monthLabel(thisMonth + 2)}`), audit.map((p) => p.name).join(' '))
    assert.ok(audit.some((p) => p.name === `audit_log_p${monthLabel(thisMonth + 3)}`))
    const kinds = await rows<{ kind: string }>(database.db, sql.raw(`SELECT relkind::text AS kind FROM pg_class WHERE relname IN (${TABLES.map((n) => `'${n}'`).join(', ')})`))
    assert.deepEqual(kinds.map((k) => k.kind), TABLES.map(() => 'p'))
  } finally {
    await database.close()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
})
