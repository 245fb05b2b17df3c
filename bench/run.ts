// `npm run bench`: runs the measurements one after the other (never in parallel: the machine
// has 2 cores), prints a table and rewrites docs/performance.md. A missed target is reported,
// not fatal; the exit code is non-zero only when a section crashed. `npm run bench -- cases`
// runs only the sections whose name contains one of the words, and leaves the doc alone;
// `npm run bench -- city` (section 13) runs only when named.
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { startPostgres, type PostgresServer } from './postgres-cluster.ts'
import { BudgetExceeded, locateRows, measureLocate, pgliteTarget, postgresTarget, type LocateTarget } from './locate.ts'
import { measureListThroughput } from './list-throughput.ts'
import { measureStartup } from './startup.ts'
import { measureBundle } from './bundle.ts'
import { measureCases } from './cases.ts'
import { measurePoints } from './points.ts'
import { measureVenues } from './venues.ts'
import { measureOrders } from './orders.ts'
import { measureBroadcasts } from './broadcasts.ts'
import { measurePartyLife } from './party-life.ts'
import { measureStatistics } from './statistics.ts'
import { measureMobilisation } from './mobilisation.ts'
import { cityOptionsFromEnv, measureCity } from './city.ts'
import { cityCitusOptionsFromEnv, measureCityOnCitus } from './city.citus.ts'
import { measureSoak, soakOptionsFromEnv } from './soak.ts'
import { renderText, tally, writePerformanceDoc } from './report.ts'
import { skippedRow, textTable, type Row, type SectionResult } from './stats.ts'

const root = path.resolve(import.meta.dirname, '..')
const LOCATE = { requests: 2000, warmup: 200, seed: 20260101 }
const PGLITE_LOCATE_BUDGET_MS = 120_000
const LIST = { durationSec: 10, warmupSec: 2 }
const STARTUP = { warmRuns: 3, baselineRuns: 3 }
const CASES = { inboxRuns: 500, warmup: 50, durationSec: 10, warmupSec: 2, seed: 20261125 }
const POINTS = { durationSec: 10, warmupSec: 2, reads: 2000, warmup: 200, seed: 20261201 }
const VENUES = { nearest: 2000, warmup: 200, durationSec: 10, seed: 20261205 }
const ORDERS = { near: 2000, warmup: 200, durationSec: 10, pressRounds: 10, seed: 20261206 }
const BROADCASTS = { pages: 500, warmup: 50 }
const only = process.argv.slice(2)
// The city (section 13) loads millions of rows for an hour or more, the soak (14) holds a load for
// SOAK_MINUTES (30): they run only when asked for by name.
const ON_REQUEST = ['13 city · PostgreSQL', '14 soak · PostgreSQL', '15 city · Citus']
const wanted = (name: string) => (only.length === 0 && !ON_REQUEST.includes(name)) || only.some((word) => name.includes(word))

const rows: Row[] = []
const notes: string[] = []
const appendix: string[] = []
let crashed = 0
let postgres: PostgresServer | undefined

const loadAvg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ')

async function section(name: string, run: () => Promise<SectionResult>): Promise<void> {
  if (!wanted(name)) return
  console.log(`\n▶ ${name}`)
  const t0 = performance.now()
  try {
    const result = await run()
    rows.push(...result.rows)
    notes.push(...result.notes)
    console.log(textTable(['Figure', 'Measured', 'Baseline', 'Ratio', 'Target', 'Result'], result.rows.map((r) => [r.figure, r.measured, r.baseline, r.ratio, r.target, r.verdict])))
    for (const n of result.notes) console.log(`  · ${n}`)
  } catch (err) {
    crashed++
    const message = (err as Error).message.split('\n')[0]!
    rows.push({ section: name, figure: '(whole section)', measured: `crashed: ${message}`, baseline: '', ratio: '', target: '', verdict: 'FAIL' })
    console.error(`  ✗ ${name} crashed:`, err)
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
}

async function locateOn(open: () => Promise<LocateTarget>, budgetMs?: number): Promise<SectionResult> {
  const target = await open()
  try {
    return locateRows(await measureLocate(target, { ...LOCATE, budgetMs }))
  } finally {
    await target.close()
  }
}

async function stopPostgres(): Promise<void> {
  const server = postgres
  postgres = undefined
  await server?.close()
}

// Ctrl-C must not leave a throwaway cluster running in /tmp.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`)
    void stopPostgres().finally(() => process.exit(130))
  })
}

async function main(): Promise<void> {
  const date = new Date()
  const t0 = performance.now()
  const loadBefore = loadAvg()
  const cpus = os.cpus()
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`
  console.log(`Linli bench — ${date.toISOString()}\n${machine}; Node ${process.version}; load average ${loadBefore}`)

  let postgresInfo = 'PostgreSQL: not run'
  try {
    const outcome = ['1 locate · PostgreSQL', '2 list · PostgreSQL', '5 cases · PostgreSQL', '6 points · PostgreSQL', '7 venues · PostgreSQL', '8 orders · PostgreSQL', '9 broadcasts · PostgreSQL', '10 party life · PostgreSQL', '11 mobilisation · PostgreSQL', '12 statistics · PostgreSQL', '13 city · PostgreSQL', '14 soak · PostgreSQL', '15 city · Citus'].some(wanted) ? await startPostgres() : { skipped: 'no PostgreSQL section asked for' }
    if ('skipped' in outcome) {
      postgresInfo = `PostgreSQL skipped: ${outcome.skipped}`
      console.log(`skipped: PostgreSQL figures: ${outcome.skipped}`)
      rows.push(skippedRow('1 locate · PostgreSQL', 'locate latency', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('2 list · PostgreSQL', 'scoped list throughput', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('5 cases · PostgreSQL', 'inbox and reporting at 1M cases', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('6 points · PostgreSQL', 'ledger concurrency and 10M-posting balance reads', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('7 venues · PostgreSQL', 'nearest, life circle, siting, booking race', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('8 orders · PostgreSQL', 'claim race, placing, grab hall, one-button press', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('9 broadcasts · PostgreSQL', 'notice to 100,000 and its receipt table', 'no PostgreSQL (see notes)'))
      rows.push(skippedRow('12 statistics · PostgreSQL', 'a city\'s table, a street\'s, the incremental refresh', 'no PostgreSQL (see notes)'))
      notes.push(`PostgreSQL figures skipped: ${outcome.skipped}.`)
    } else {
      postgres = outcome.server
      postgresInfo = postgres.description
      console.log(postgresInfo)
    }
  } catch (err) {
    crashed++
    postgresInfo = `PostgreSQL crashed: ${(err as Error).message.split('\n')[0]}`
    console.error('could not start PostgreSQL:', err)
    rows.push({ section: 'PostgreSQL', figure: '(start)', measured: postgresInfo, baseline: '', ratio: '', target: '', verdict: 'FAIL' })
  }

  try {
    if (postgres) {
      const server = postgres
      await section('1 locate · PostgreSQL', async () => locateOn(async () => postgresTarget(await server.createDatabase('locate'))))
      await section('2 list · PostgreSQL', async () => measureListThroughput(await server.createDatabase('list'), LIST))
      await section('5 cases · PostgreSQL', async () => {
        const result = await measureCases(await server.createDatabase('cases'), CASES)
        console.log(`\n  plan of ${result.planQuery}:\n${result.plan.replace(/^/gm, '    ')}`)
        appendix.push(`### Plan of one inbox page (section 5)\n\n\`${result.planQuery}\` on ${'1,000,000'} cases, \`EXPLAIN (ANALYZE, BUFFERS)\`:\n\n\`\`\`\n${result.plan}\n\`\`\``)
        return result
      })
      await section('6 points · PostgreSQL', async () => measurePoints(await server.createDatabase('points'), POINTS))
      await section('7 venues · PostgreSQL', async () => measureVenues(await server.createDatabase('venues'), VENUES))
      await section('8 orders · PostgreSQL', async () => measureOrders(await server.createDatabase('orders'), ORDERS))
      await section('9 broadcasts · PostgreSQL', async () => measureBroadcasts(await server.createDatabase('broadcasts'), BROADCASTS))
      await section('10 party life · PostgreSQL', async () => measurePartyLife(await server.createDatabase('party_life'), { reads: 200, warmup: 20 }))
      await section('11 mobilisation · PostgreSQL', async () => measureMobilisation(await server.createDatabase('mobilisation')))
      await section('12 statistics · PostgreSQL', async () => measureStatistics(await server.createDatabase('statistics'), { reads: 100, warmup: 10 }))
      // LINLI_BENCH_CITY_FROM: a copy of a city loaded (and kept) by an earlier run, so the load is skipped.
      await section('13 city · PostgreSQL', async () => measureCity(await server.createDatabase('city', process.env.LINLI_BENCH_CITY_FROM || undefined), cityOptionsFromEnv()))
      await section('14 soak · PostgreSQL', async () => measureSoak(await server.createDatabase('soak'), soakOptionsFromEnv()))
      await section('15 city · Citus', async () => measureCityOnCitus(await server.createDatabase('city_single'), cityCitusOptionsFromEnv()))
    }
  } finally {
    // Stopped before the PGlite figures so an idle server does not share the 2 cores with them.
    await stopPostgres()
  }

  await section('1 locate · PGlite', async () => {
    try {
      return await locateOn(pgliteTarget, PGLITE_LOCATE_BUDGET_MS)
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err
      console.log(`skipped: PGlite locate: ${err.message}`)
      return {
        rows: [skippedRow('1 locate · PGlite', 'locate latency', 'over the 2 min budget (see notes)')],
        notes: [`PGlite locate skipped: the run went ${err.message}; PGlite is the embedded mode for small installations.`],
      }
    }
  })
  await section('3 start-up · PGlite', () => measureStartup(STARTUP))
  await section('4 web bundle', measureBundle)

  const loadAfter = loadAvg()
  const durationSec = (performance.now() - t0) / 1000
  console.log(`\n=== Linli bench results (${date.toISOString()}, ${cpus.length} cores, ${durationSec.toFixed(0)} s, load ${loadBefore} → ${loadAfter}) ===\n`)
  // Sections ran PostgreSQL-first to share one cluster; the table reads in figure order.
  const figureNo = (r: Row) => Number.parseInt(r.section) || 0
  const ordered = [...rows].sort((a, b) => figureNo(a) - figureNo(b))
  console.log(renderText(ordered))
  console.log(`\n${tally(ordered)}.`)
  console.log('\nNotes:')
  for (const n of notes) console.log(`  · ${n}`)

  if (crashed > 0) {
    console.error(`\n${crashed} part(s) crashed; docs/performance.md left as it was.`)
    process.exitCode = 1
    return
  }
  if (only.length > 0) {
    console.log(`\nOnly ${only.join(', ')} run; docs/performance.md is rewritten by a full run.`)
    return
  }
  const doc = path.join(root, 'docs/performance.md')
  writePerformanceDoc(doc, { date, machine, node: process.version, postgres: postgresInfo, loadBefore, loadAfter, durationSec }, ordered, notes, appendix)
  console.log(`\nWrote ${path.relative(root, doc)}.`)
}

try {
  await main()
} catch (err) {
  console.error('bench crashed:', err)
  process.exitCode = 1
} finally {
  await stopPostgres()
  // Everything opened above is closed, so the process should exit by itself; if a handle
  // leaks anyway, say so and exit rather than hang the caller (unref: it never keeps us alive).
  setTimeout(() => {
    console.error('warning: a handle kept the bench alive 15 s after it finished; exiting')
    process.exit(process.exitCode ?? 0)
  }, 15_000).unref()
}
