// Figure 6: the points ledger on PostgreSQL. (a) 100 concurrent clients posting to ONE person
// account through the service's award() (and deductions that the database refuses when the
// balance is short), against plain single-row INSERTs into a bare table by the same 100 clients:
// no lost update, no negative balance. (b) A ledger of 10 million postings, generated with
// generate_series, then the balance of one account read through the repository the API uses.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { createPointsService } from '../src/server/modules/points/points.service.ts'
import { accountPostings, findAccount, reconcile } from '../src/server/modules/points/points.repository.ts'
import { ms, ratio, seededRandom, summarize, verdict, type SectionResult } from './stats.ts'

// Awards never ask which units a person acts for: the bench needs no units service.
const noUnits = { idsOf: async () => [] as string[] }

export const POINTS_CLIENTS = 100
export const LEDGER_POSTINGS = 10_000_000
export const BALANCE_P99_TARGET_MS = 5
/** Of the 100 clients on the hot account, these award; the others deduct more than is paid in. */
const AWARDING = 60
const LEDGER_ACCOUNTS = 100_000
/** Postings per generated transaction: nine people paid for one activity, and the issuer. */
const POSTINGS_PER_TX = 10

export interface PointsOptions {
  durationSec: number
  warmupSec: number
  reads: number
  warmup: number
  seed: number
}

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!

/** Runs `work` on `clients` concurrent loops until `ms` have passed; counts what each call returned. */
async function runClients(clients: number, durationMs: number, work: (client: number, i: number) => Promise<'ok' | 'refused'>) {
  const until = performance.now() + durationMs
  let ok = 0
  let refused = 0
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; performance.now() < until; i++) {
      if ((await work(c, i)) === 'ok') ok++
      else refused++
    }
  }))
  return { ok, refused, perSec: ok / (durationMs / 1000) }
}

export async function measurePoints(databaseUrl: string, opts: PointsOptions): Promise<SectionResult> {
  const section = '6 points · PostgreSQL'
  // One connection per client for (a): all the stock cluster's 100; (b) reopens with two.
  let database: Database = await openPostgres(databaseUrl, POINTS_CLIENTS)
  try {
    await migrate(database)
    let db = database.db
    let points = createPointsService({ db, units: noUnits })
    const { id: cityId } = await one<{ id: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text`)
    const { id: streetId, path: streetPath } = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('street', '基准街道', ${cityId}) RETURNING id::text, path::text`)
    const { id: personId } = await one<{ id: string }>(db, sql`INSERT INTO people (name) VALUES ('热点账户') RETURNING id::text`)
    await db.execute(sql`CREATE TABLE bench_plain (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`)

    // (a) One hot account. 60 clients award 10 points each call (the full award() path: rule,
    // idempotency key, issuer, account, transaction, postings, trigger); 40 clients take 25
    // points back in a deduction that the balance CHECK refuses when the account is short.
    let keyNo = 0
    const awardOnce = async () => {
      const key = `bench:hot:${keyNo++}`
      await db.transaction((tx) => points.award(tx, { ruleCode: 'volunteer_hour', personId, quantity: 1, orgId: streetId, memo: '基准', idempotencyKey: key }))
      return 'ok' as const
    }
    const accountIds = async () => {
      const acc = await one<{ person: string; issuer: string }>(db, sql`SELECT (SELECT id::text FROM points_accounts WHERE person_id = ${personId}) AS person,
        (SELECT id::text FROM points_accounts WHERE owner_kind = 'org' AND org_id = ${streetId}) AS issuer`)
      return acc
    }
    await awardOnce()
    const acc = await accountIds()
    const deductOnce = async () => {
      try {
        await db.transaction(async (tx) => {
          const { id } = await one<{ id: string }>(tx, sql`INSERT INTO points_transactions (kind, rule_code, quantity, idempotency_key, memo, org_id, org_path)
            VALUES ('deduction', 'civic_violation', 1, ${`bench:deduct:${keyNo++}`}, '基准扣减', ${streetId}, ${streetPath}::ltree) RETURNING id::text`)
          await tx.execute(sql`INSERT INTO points_postings (transaction_id, account_id, amount) VALUES (${id}, ${acc.person}, -25), (${id}, ${acc.issuer}, 25)`)
        })
        return 'ok' as const
      } catch (err) {
        if (/points_accounts_balance_check/.test(`${(err as Error).message} ${((err as Error).cause as Error | undefined)?.message ?? ''}`)) return 'refused' as const
        throw err
      }
    }
    const mixed = (c: number) => (c < AWARDING ? awardOnce() : deductOnce())
    await runClients(POINTS_CLIENTS, opts.warmupSec * 1000, mixed)
    const before = await one<{ awards: number; deductions: number }>(db, sql`SELECT count(*) FILTER (WHERE kind = 'award')::int AS awards, count(*) FILTER (WHERE kind = 'deduction')::int AS deductions FROM points_transactions`)
    const ledger = await runClients(POINTS_CLIENTS, opts.durationSec * 1000, mixed)
    const after = await one<{ awards: number; deductions: number; balance: string; sum: string; min: string }>(db, sql`SELECT
      count(*) FILTER (WHERE kind = 'award')::int AS awards, count(*) FILTER (WHERE kind = 'deduction')::int AS deductions,
      (SELECT balance::text FROM points_accounts WHERE id = ${acc.person}) AS balance,
      (SELECT sum(amount)::text FROM points_postings WHERE account_id = ${acc.person}) AS sum,
      (SELECT min(balance)::text FROM points_accounts WHERE owner_kind <> 'org') AS min
      FROM points_transactions`)
    const allAwards = after.awards
    const expected = allAwards * 10 - after.deductions * 25
    const noLostUpdate = Number(after.balance) === expected && after.sum === after.balance
    const neverNegative = Number(after.min) >= 0
    if (!noLostUpdate) throw new Error(`lost update: balance ${after.balance}, postings ${after.sum}, expected ${expected}`)
    const plain = async (c: number) => {
      await db.execute(sql`INSERT INTO bench_plain (account_id, amount) VALUES (${acc.person}, ${c < AWARDING ? 10 : -25})`)
      return 'ok' as const
    }
    await runClients(POINTS_CLIENTS, opts.warmupSec * 1000, plain)
    const bare = await runClients(POINTS_CLIENTS, opts.durationSec * 1000, plain)

    // Context: the same award() path with each client on its own account (no hot row; the street's
    // issuer row is not locked, its balance is derived), and the hot account again with
    // synchronous_commit off: the row lock is held until the commit's WAL flush.
    const spreadPeople = (await rows<{ id: string }>(db, sql`INSERT INTO people (name) SELECT '分散账户' || i FROM generate_series(1, ${POINTS_CLIENTS}) i RETURNING id::text`)).map((r) => r.id)
    const awardSpread = async (c: number) => {
      await db.transaction((tx) => points.award(tx, { ruleCode: 'volunteer_hour', personId: spreadPeople[c]!, quantity: 1, orgId: streetId, memo: '基准', idempotencyKey: `bench:spread:${keyNo++}` }))
      return 'ok' as const
    }
    await runClients(POINTS_CLIENTS, opts.warmupSec * 1000, awardSpread)
    const spread = await runClients(POINTS_CLIENTS, opts.durationSec * 1000, awardSpread)
    await database.close()
    const asyncUrl = new URL(databaseUrl)
    asyncUrl.searchParams.set('options', '-c synchronous_commit=off')
    database = await openPostgres(asyncUrl.toString(), POINTS_CLIENTS)
    db = database.db
    points = createPointsService({ db, units: noUnits })
    const hotAsync = async () => {
      await db.transaction((tx) => points.award(tx, { ruleCode: 'volunteer_hour', personId, quantity: 1, orgId: streetId, memo: '基准', idempotencyKey: `bench:async:${keyNo++}` }))
      return 'ok' as const
    }
    await runClients(POINTS_CLIENTS, opts.warmupSec * 1000, hotAsync)
    const asyncHot = await runClients(POINTS_CLIENTS, opts.durationSec * 1000, hotAsync)

    // (b) Ten million postings: 100,000 people, one street issuer, one million transactions of
    // ten postings each. Bulk-loaded like a restore (triggers off for the load), then the
    // balances are set from the postings in one statement and checked by the reconciliation.
    await database.close()
    database = await openPostgres(databaseUrl, 2)
    db = database.db
    const t0 = performance.now()
    let firstAccount = 0
    const loader = new pg.Client({ connectionString: databaseUrl })
    await loader.connect()
    try {
      await loader.query(`INSERT INTO people (name) SELECT '压测居民' || i FROM generate_series(1, ${LEDGER_ACCOUNTS}) i`)
      await loader.query(`INSERT INTO points_accounts (owner_kind, person_id, org_id) SELECT 'person', id, $1 FROM people WHERE name LIKE '压测居民%' ORDER BY id`, [streetId])
      const { rows: [range] } = await loader.query<{ first: string; txBase: string }>(`SELECT min(id)::text AS first, (SELECT coalesce(max(id), 0)::text FROM points_transactions) AS "txBase"
        FROM points_accounts WHERE person_id IN (SELECT id FROM people WHERE name LIKE '压测居民%')`)
      firstAccount = Number(range!.first)
      const txBase = Number(range!.txBase)
      const txCount = LEDGER_POSTINGS / POSTINGS_PER_TX
      // As a restore does: secondary indexes built after the data, triggers off during the load.
      const secondary = (await loader.query<{ def: string; name: string }>(`SELECT indexdef AS def, indexname AS name FROM pg_indexes
        WHERE tablename IN ('points_postings', 'points_transactions') AND indexname NOT LIKE '%_pkey' ORDER BY indexname`)).rows
      for (const ix of secondary) await loader.query(`DROP INDEX ${ix.name}`)
      await loader.query('SET session_replication_role = replica')
      const batch = 250_000
      for (let from = 1; from <= txCount; from += batch) {
        const to = Math.min(txCount, from + batch - 1)
        await loader.query('BEGIN')
        await loader.query(`INSERT INTO points_transactions (id, kind, rule_code, quantity, idempotency_key, memo, org_id, org_path, created_at)
          OVERRIDING SYSTEM VALUE
          SELECT $1::bigint + i, 'award', 'activity_completed', 1, 'bulk:' || i, '批量生成的活动积分', $2::bigint, $3::ltree, now() - make_interval(mins => ${txCount} - i)
          FROM generate_series(${from}, ${to}) i`, [txBase, streetId, streetPath])
        await loader.query(`INSERT INTO points_postings (transaction_id, account_id, amount, created_at)
          SELECT $1::bigint + i,
                 CASE WHEN k = 0 THEN $2::bigint ELSE $3::bigint + ((i * ${POSTINGS_PER_TX - 1} + k) % ${LEDGER_ACCOUNTS}) END,
                 CASE WHEN k = 0 THEN -${(POSTINGS_PER_TX - 1) * 20} ELSE 20 END,
                 now() - make_interval(mins => ${txCount} - i)
          FROM generate_series(${from}, ${to}) i CROSS JOIN generate_series(0, ${POSTINGS_PER_TX - 1}) k`, [txBase, acc.issuer, firstAccount])
        await loader.query('COMMIT')
      }
      await loader.query('SET session_replication_role = origin')
      await loader.query('SET maintenance_work_mem = \'256MB\'')
      for (const ix of secondary) await loader.query(ix.def)
      await loader.query(`SELECT setval('points_transactions_id_seq', (SELECT max(id) FROM points_transactions))`)
      await loader.query(`SELECT set_config('linli.points_posting', 'on', false)`)
      await loader.query(`UPDATE points_accounts a SET balance = s.total FROM (SELECT account_id, sum(amount) AS total FROM points_postings GROUP BY account_id) s
        WHERE a.id = s.account_id AND a.owner_kind <> 'org' AND a.balance <> s.total`)
      await loader.query(`SELECT set_config('linli.points_posting', 'off', false)`)
      await loader.query('ANALYZE points_accounts, points_transactions, points_postings')
    } finally {
      await loader.end()
    }
    const loadMs = performance.now() - t0
    const r0 = performance.now()
    const check = await reconcile(db)
    const reconcileMs = performance.now() - r0
    if (check.mismatches.length || check.unbalanced.length || Number(check.total) !== 0) throw new Error(`reconciliation failed: ${JSON.stringify(check).slice(0, 300)}`)

    const random = seededRandom(opts.seed)
    const pickAccount = () => String(firstAccount + Math.floor(random() * LEDGER_ACCOUNTS))
    const balanceSamples: number[] = []
    const pageSamples: number[] = []
    for (let i = 0; i < opts.warmup + opts.reads; i++) {
      // One read in ten is the hot account of (a), the rest spread over the 100,000.
      const id = i % 10 === 0 ? acc.person : pickAccount()
      const a = performance.now()
      const found = await findAccount(db, id)
      const b = performance.now()
      await accountPostings(db, id, { limit: 20 })
      const c = performance.now()
      if (!found) throw new Error(`account ${id} not found`)
      if (i >= opts.warmup) {
        balanceSamples.push(b - a)
        pageSamples.push(c - b)
      }
    }
    const bal = summarize(balanceSamples)
    const page = summarize(pageSamples)
    const ledgerCalls = ledger.ok
    return {
      rows: [
        {
          section,
          figure: `${POINTS_CLIENTS} clients posting to ONE account (award() + deductions), no lost update, never negative`,
          measured: `${Math.round(ledger.perSec).toLocaleString('en-US')} tx/s`,
          baseline: `plain INSERT: ${Math.round(bare.perSec).toLocaleString('en-US')} rows/s`,
          ratio: ratio(ledger.perSec, bare.perSec),
          target: 'exact balance, min ≥ 0',
          verdict: verdict(noLostUpdate && neverNegative),
        },
        {
          section,
          figure: `context: award() with each of ${POINTS_CLIENTS} clients on its own account`,
          measured: `${Math.round(spread.perSec).toLocaleString('en-US')} tx/s`,
          baseline: `plain INSERT: ${Math.round(bare.perSec).toLocaleString('en-US')} rows/s`,
          ratio: ratio(spread.perSec, bare.perSec),
          target: '— (context)',
          verdict: 'info',
        },
        {
          section,
          figure: 'context: the ONE hot account again, synchronous_commit off',
          measured: `${Math.round(asyncHot.perSec).toLocaleString('en-US')} tx/s`,
          baseline: `synchronous: ${Math.round(ledger.perSec).toLocaleString('en-US')} tx/s`,
          ratio: ratio(asyncHot.perSec, ledger.perSec),
          target: '— (context)',
          verdict: 'info',
        },
        {
          section,
          figure: `balance of one account (GET /points/accounts/:id query), ${(LEDGER_POSTINGS / 1e6).toFixed(0)}M postings`,
          measured: `p50 ${ms(bal.p50)}, p99 ${ms(bal.p99)}`,
          baseline: '—',
          ratio: '',
          target: `p99 ≤ ${BALANCE_P99_TARGET_MS} ms`,
          verdict: verdict(bal.p99 <= BALANCE_P99_TARGET_MS),
        },
        {
          section,
          figure: `first page of an account's postings (20, newest first), ${(LEDGER_POSTINGS / 1e6).toFixed(0)}M postings`,
          measured: `p50 ${ms(page.p50)}, p99 ${ms(page.p99)}`,
          baseline: '—',
          ratio: '',
          target: '— (context)',
          verdict: 'info',
        },
      ],
      notes: [
        `Points (a): ${opts.durationSec} s after ${opts.warmupSec} s warm-up, ${POINTS_CLIENTS} concurrent clients on a pool of ${POINTS_CLIENTS} connections, all on one person account and its street issuer: ` +
          `${AWARDING} call award() (10 points, own idempotency key, one transaction each), ${POINTS_CLIENTS - AWARDING} post 25-point deductions, so the balance hovers near zero; ${ledgerCalls.toLocaleString('en-US')} committed, ${ledger.refused.toLocaleString('en-US')} deductions refused by the balance CHECK. ` +
          `Awards ${allAwards - before.awards} and deductions ${after.deductions - before.deductions} in the window; final balance ${after.balance} = 10 × ${allAwards} − 25 × ${after.deductions} = sum of its postings; lowest non-issuer balance ${after.min}. ` +
          `Baseline: the same 100 clients doing one autocommit INSERT into a bare table (no indexes beyond the key, no trigger).`,
        `Points (b): ${LEDGER_POSTINGS.toLocaleString('en-US')} postings (${(LEDGER_POSTINGS / POSTINGS_PER_TX).toLocaleString('en-US')} transactions of ${POSTINGS_PER_TX}) over ${LEDGER_ACCOUNTS.toLocaleString('en-US')} person accounts, ` +
          `bulk-loaded as a restore would (secondary indexes dropped and rebuilt after, triggers off: session_replication_role = replica) and balances set from the postings in one UPDATE, in ${(loadMs / 1000).toFixed(1)} s; ` +
          `the full reconciliation (every balance against the sum of its postings, every transaction summing to zero) then took ${(reconcileMs / 1000).toFixed(1)} s and found nothing. ` +
          `${opts.reads} reads after ${opts.warmup} warm-up, one in ten of the hot account of (a), through findAccount() — the balance column, a primary-key lookup — and accountPostings() (index on account_id, id).`,
      ],
    }
  } finally {
    await database.close()
  }
}
