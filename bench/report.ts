// Renders the figures twice from the same rows: a plain-text table for the terminal and
// docs/performance.md, so the file always says exactly what the last run printed.
import { writeFileSync } from 'node:fs'
import { markdownTable, textTable, type Row } from './stats.ts'
import { GRID_COUNT, OVERHEAD_TARGET, P99_TARGET_MS } from './locate.ts'
import { CONNECTIONS, THROUGHPUT_TARGET } from './list-throughput.ts'
import { WARM_TARGET_MS } from './startup.ts'
import { CASE_COUNT, INBOX_P99_TARGET_MS } from './cases.ts'

export interface RunInfo {
  date: Date
  machine: string
  node: string
  postgres: string
  loadBefore: string
  loadAfter: string
  durationSec: number
}

const HEADER = ['Section', 'Figure', 'Measured', 'Baseline (same run)', 'Ratio', 'Target', 'Result'] as const
const cells = (r: Row) => [r.section, r.figure, r.measured, r.baseline, r.ratio, r.target, r.verdict]

export function renderText(rows: readonly Row[]): string {
  return textTable(HEADER, rows.map(cells))
}

export function tally(rows: readonly Row[]): string {
  const count = (v: Row['verdict']) => rows.filter((r) => r.verdict === v).length
  return `${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('skipped')} skipped, ${count('info')} for context`
}

export function writePerformanceDoc(file: string, info: RunInfo, rows: readonly Row[], notes: readonly string[], appendix: readonly string[] = []): void {
  const doc = `# Performance

\`npm run bench\` (bench/run.ts) measures five things and prints each next to a baseline
measured in the same run, because the figures swing with whatever else the machine is doing;
the ratio is the number to compare between runs, the absolute figures only within one.
A missed target is reported as FAIL but does not fail the command; only a crash does.

1. **Locate over a generated city.** A fresh database gets one city → district → street →
   community chain and ${GRID_COUNT.toLocaleString('en-US')} non-overlapping grid polygons (a 150 × 100 lattice of
   0.001° tiles). \`GET /api/v1/geo/locate\` is called through \`app.inject\` at 2,000 seeded
   random points (after 200 warm-up), interleaved with the bare containment query through the
   same driver at the same points. Targets: on PostgreSQL p99 ≤ ${P99_TARGET_MS} ms, and the app at most
   ${OVERHEAD_TARGET}× the raw query at p50. The app's locate runs two queries (the grid, then its
   ancestors) where the baseline runs one, so a third series times those same two queries raw
   to show how much of the gap is the extra round trip. Runs on PostgreSQL and, if it fits in
   2 minutes, on PGlite.
2. **An authenticated, scoped list under load.** The demo city on PostgreSQL; the real app
   listening on loopback, logged in as \`cadre\`, serving \`GET /api/v1/orgs/<community>/children\`
   to autocannon at ${CONNECTIONS} connections for 10 s, then a bare Fastify route (no auth, no zod)
   running the same \`listChildrenWithParent()\` query (the parent and a page of its children, one round trip) on the same pool. Target: the app keeps
   ≥ ${THROUGHPUT_TARGET}× of the bare route's requests per second.
3. **Start-up on PGlite.** \`node --import tsx src/server/main.ts\` on an empty data directory
   (cold: initdb, migrations, demo seed) and again on the same directory (warm), timed until it
   prints its banner, with its RSS at that moment. Baseline: \`node --import tsx -e "0"\`.
   Target, from the issue: a second start is ready in a few seconds (read as ≤ ${WARM_TARGET_MS / 1000} s).
4. **Web bundle.** The JS a phone must download before the first H5 page renders: every script
   and modulepreload named by \`dist/web/h5/index.html\`, gzipped (pages loaded on demand are not
   counted). Baseline: the console entry measured the same way. Target: ≤ 200 KB.
5. **Cases at district scale.** The demo city on PostgreSQL plus ${CASE_COUNT.toLocaleString('en-US')} generated cases over its
   grids (three years, older ones closed, recent ones in every state, some overdue, 10 % held by
   the community or street). (a) The first page (20) of the inbox through the repository's own
   \`listCases()\`, as the service calls it, with a street or community scope, open states and a
   top category or \`overdue=true\`, at seeded random scopes and filters; target p99 ≤ ${INBOX_P99_TARGET_MS} ms; the
   plan of one page is printed below. (b) \`POST /api/v1/cases\` as the grid worker (grid lookup,
   routing, the report event, notifications) at ${CONNECTIONS} connections for 10 s, against a bare Fastify
   route that only INSERTs the same row on the same pool. \`npm run bench -- cases\` runs it alone.
   A report costs about eight round trips where the baseline costs one (the session, since every
   write empties the caller cache; the grid; BEGIN; one statement writing the case and its report
   event and finding whom to tell; the notifications; COMMIT; the NOTIFY; reading the case back
   with its names; categories are cached for 30 s), which is most of the ratio. Two changes took it from 0.05× to
   0.10×: the NOTIFY moved after the commit (inside the transaction it holds PostgreSQL's global
   notify lock through the WAL flush and serialises every reporting transaction), and the case,
   its event and the recipients in one statement.

## Latest run

- Date: ${info.date.toISOString()}
- Machine: ${info.machine}
- Node ${info.node}; ${info.postgres}
- Load average (1/5/15 min) before: ${info.loadBefore}; after: ${info.loadAfter}
- Command: \`npm run bench\` (took ${info.durationSec.toFixed(0)} s)

${markdownTable(HEADER, rows.map(cells))}

${tally(rows)}.

### Notes

${notes.map((n) => `- ${n}`).join('\n')}
${appendix.map((a) => `\n${a}\n`).join('')}`
  writeFileSync(file, doc)
}
