// The migrated, seeded database every test file starts from: built once per run (and cached
// by content hash for PGlite), then copied per file, since opening PGlite+PostGIS costs seconds.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { openPglite, openPostgres, type Database, type Executor } from '../../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../../src/server/kernel/start.ts'
import { modules } from '../../src/server/app.ts'
import { createIndicatorRegistry } from '../../src/server/kernel/indicators.ts'
import { createStatisticsService } from '../../src/server/modules/statistics/statistics.service.ts'
import { citusLayout, citusTests, createCitusDatabase, dropCitusDatabase } from './citus.ts'

const root = path.resolve(import.meta.dirname, '../..')
/** The fixed personal-information keys of every test database (the template is sealed with them). */
export const TEST_PII_KEYS = JSON.stringify({
  encryption: { current: 't1', keys: { t1: Buffer.alloc(32, 7).toString('base64') } },
  hmac: { id: 'th1', key: Buffer.alloc(32, 9).toString('base64') },
})

/** LINLI_TEST_TEMPLATE_DB lets several checkouts share one PostgreSQL server without racing. */
export const TEMPLATE_DB = process.env.LINLI_TEST_TEMPLATE_DB ?? 'linli_test_template'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/**
 * The demo's statistics facts computed once, here: otherwise every test file's first sweep would
 * recompute the demo's whole history (minutes on PGlite) before reaching its own changes.
 */
async function computeStatistics(database: Database): Promise<void> {
  const indicators = createIndicatorRegistry()
  for (const m of modules) if ('indicators' in m && m.indicators) indicators.register(m.indicators)
  const statistics = createStatisticsService({ db: database.db, indicators })
  for (;;) {
    const { recomputed } = await database.db.transaction((tx) => statistics.refresh(tx as unknown as Executor, new Date(), 500, 0))
    if (recomputed === 0) return
  }
}

/** A hash of everything that shapes the template: migrations, demo data, seeding code, the indicators' SQL. */
function templateHash(): string {
  const inputs = [
    ...filesUnder(path.join(root, 'migrations')),
    ...filesUnder(path.join(root, 'src/server/demo')).filter((f) => !f.endsWith('.test.ts')),
    ...filesUnder(path.join(root, 'src/server/modules')).filter((f) => f.endsWith('.indicators.ts') || f.endsWith('statistics.service.ts') || f.endsWith('statistics.repository.ts')),
    path.join(root, 'src/server/kernel/indicators.ts'),
    path.join(root, 'src/server/kernel/start.ts'),
    path.join(root, 'src/server/kernel/pii.ts'),
    path.join(root, 'src/server/modules/residents/residents.idnumber.ts'),
    path.join(root, 'package-lock.json'),
  ].sort()
  const h = createHash('sha256')
  for (const f of inputs) h.update(f.slice(root.length)).update(readFileSync(f))
  return h.digest('hex').slice(0, 16)
}

export async function buildPgliteTemplate(): Promise<string> {
  const dir = path.join(root, '.cache')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `template-${templateHash()}.tar.gz`)
  if (existsSync(file)) return file
  const database = await openPglite({})
  await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
  await computeStatistics(database)
  const blob = await database.dumpDataDir!()
  const part = `${file}.${process.pid}.part`
  writeFileSync(part, Buffer.from(await blob.arrayBuffer()))
  renameSync(part, file)
  await database.close()
  return file
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = '/' + name
  return url.toString()
}

export async function buildPostgresTemplate(baseUrl: string): Promise<void> {
  const started = Date.now()
  if (citusTests) {
    await dropCitusDatabase(baseUrl, TEMPLATE_DB)
    await createCitusDatabase(baseUrl, TEMPLATE_DB, null)
  } else {
    const admin = new pg.Client({ connectionString: baseUrl })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
    } finally {
      await admin.end()
    }
  }
  const database = await openPostgres(databaseUrl(baseUrl, TEMPLATE_DB), 2)
  // On Citus the cases family is distributed by district (kernel/db/citus.ts);
  // LINLI_TEST_CITUS_DISTRIBUTE=none keeps it on the coordinator (the reference layout).
  const distribute = citusLayout()
  await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS, DATABASE_CITUS_DISTRIBUTE: distribute })
  await computeStatistics(database)
  await database.close()
  console.error(`template: ${TEMPLATE_DB} built in ${Date.now() - started} ms`)
}

if (process.argv[1]?.endsWith('template.ts')) {
  const mode = process.argv[2]
  if (mode === 'pglite') console.log(await buildPgliteTemplate())
  else if (mode === 'postgres') {
    await buildPostgresTemplate(process.env.LINLI_TEST_DATABASE_URL!)
    console.log(TEMPLATE_DB) // test/run.mjs reads the last line: the template every PostgreSQL test file copies
  }
  else throw new Error('usage: template.ts pglite|postgres')
}
