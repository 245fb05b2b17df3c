#!/usr/bin/env node
// `npm test`: the whole suite. Unit and API tests on PGlite always; the same API tests on a
// PostgreSQL server when LINLI_TEST_DATABASE_URL is set; browser tests when CHROMIUM_PATH is
// set. A suite that cannot run says "skipped: why", and under CI=true that is a failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const ci = process.env.CI === 'true' || process.env.CI === '1'
const only = process.argv.slice(2) // optional file filters: npm test -- orgs
const cacheDir = path.join(root, '.cache')
mkdirSync(cacheDir, { recursive: true })

function filesUnder(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

const all = [...filesUnder(path.join(root, 'src')), ...filesUnder(path.join(root, 'test'))]
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.relative(root, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
const browserTests = all.filter((f) => f.includes('.browser.test.ts'))
const dbTests = all.filter((f) => f.includes('.api.test.ts') || f.includes('.db.test.ts'))
const nodeTests = all.filter((f) => !browserTests.includes(f))

const totals = { passed: 0, failed: 0, skipped: 0, failures: [] }
const skippedSuites = []

function runNodeTests(label, files, env, concurrency) {
  if (files.length === 0) return
  console.log(`\n=== ${label}: ${files.length} files ===`)
  const countsFile = path.join(cacheDir, `counts-${label.replace(/\W+/g, '-')}-${process.pid}.json`)
  rmSync(countsFile, { force: true })
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--import', path.join(root, 'test/support/watchdog.mjs'),
      '--test',
      `--test-concurrency=${concurrency}`,
      // A test or hook that never ends fails after 10 minutes (the slowest test takes 2.5 on CI); a
      // file still running after 20 is stopped by the watchdog. (--test-force-exit would end the
      // runner before the count reporter has written its file.)
      `--test-timeout=${process.env.LINLI_TEST_TIMEOUT_MS ?? 600_000}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(root, 'test/support/count-reporter.mjs')}`, `--test-reporter-destination=${countsFile}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  )
  // No count file, or an empty one (the runner was killed before its reporter wrote), is a crash.
  let counts
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8'))
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0, failures: [`${label}: runner crashed`] }
  }
  if (result.status !== 0 && counts.failed === 0) {
    counts.failed = 1
    counts.failures.push(`${label}: exited with ${result.status}`)
  }
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  totals.failures.push(...counts.failures.map((f) => `[${label}] ${f}`))
}

/**
 * Builds a template and returns what template.ts printed last: the PGlite archive's path, or
 * the PostgreSQL template database's name. Null (with the reason printed) when the build failed
 * or printed nothing usable, so a suite never runs against a missing or stale template.
 */
function buildTemplate(mode, check) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', mode], { cwd: root, env: process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const made = r.status === 0 ? (r.stdout ?? '').trim().split('\n').at(-1) ?? '' : ''
  if (made && check(made)) return made
  console.error(`building the ${mode} template failed: ${r.error?.message ?? (r.status !== 0 ? `exit ${r.status ?? r.signal}` : `it printed ${JSON.stringify(made)}`)}`)
  totals.failed++
  totals.failures.push(`${mode} template: the build failed`)
  return null
}

// LINLI_TEST_SUITES=postgres runs only the PostgreSQL suite (.ci/run's Citus stage runs it on a coordinator).
const suites = (process.env.LINLI_TEST_SUITES ?? 'pglite,postgres,browser').split(',')

// 1. Everything on PGlite (unit tests, API tests, process tests).
const template = suites.includes('pglite') || suites.includes('browser') ? buildTemplate('pglite', (file) => existsSync(file)) : null
if (template && suites.includes('pglite')) runNodeTests('PGlite', nodeTests, { LINLI_TEST_DB: 'pglite', LINLI_TEST_TEMPLATE: template }, 2)

// 2. The database-backed tests again on a PostgreSQL server, each file copying the template
// database the build just made (named by LINLI_TEST_TEMPLATE_DB, so checkouts sharing a server do not race).
if (!suites.includes('postgres')) {
  // not asked for
} else if (!process.env.LINLI_TEST_DATABASE_URL) {
  skippedSuites.push('PostgreSQL suite: set LINLI_TEST_DATABASE_URL=postgres://user@host:port/db (PostgreSQL ≥ 15 with PostGIS 3) to run it')
} else if (dbTests.length > 0) {
  if (!process.env.LINLI_TEST_REPLICA_URL && process.env.LINLI_TEST_CITUS !== '1' && dbTests.some((f) => f.includes('replicas'))) {
    skippedSuites.push('read-replica tests: set LINLI_TEST_REPLICA_URL (and LINLI_TEST_REPLICA_PGDATA) to a streaming replica of that server (.ci/run starts one)')
  }
  const database = buildTemplate('postgres', (name) => /^[a-z_][a-z0-9_]*$/.test(name))
  if (database) runNodeTests(process.env.LINLI_TEST_CITUS === '1' ? 'Citus' : 'PostgreSQL', dbTests, { LINLI_TEST_DB: 'postgres', LINLI_TEST_TEMPLATE_DB: database }, 2)
}

// 3. Browser tests in Debian's Chromium.
if (!suites.includes('browser')) {
  // not asked for
} else if (!process.env.CHROMIUM_PATH) {
  skippedSuites.push('browser suite: set CHROMIUM_PATH=/usr/bin/chromium (Debian package chromium) to run it')
} else if (!existsSync(process.env.CHROMIUM_PATH)) {
  skippedSuites.push(`browser suite: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`)
} else if (browserTests.length > 0) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/build-web.ts'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('building the web app failed')
  if (template) runNodeTests('Chromium', browserTests, { LINLI_TEST_DB: 'pglite', LINLI_TEST_TEMPLATE: template }, Number(process.env.LINLI_TEST_BROWSER_CONCURRENCY ?? 1))
}

console.log('')
for (const s of skippedSuites) console.log(`skipped: ${s}`)
for (const f of totals.failures) console.log(`failed: ${f}`)
if (ci && skippedSuites.length > 0) console.log('CI=true: a skipped suite counts as a failure')
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 || (ci && skippedSuites.length > 0) ? 1 : 0)
