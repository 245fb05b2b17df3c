// What a `kill -9` during writes loses, on each mode. A measurement, not a test:
//
//   npx tsx bench/crash.ts              # both modes
//   npx tsx bench/crash.ts pglite       # embedded only
//   npx tsx bench/crash.ts postgres     # PostgreSQL only (needs PostgreSQL 15 + PostGIS binaries)
//   CRASH_RUNS=3 CRASH_LATE_S=10 npx tsx bench/crash.ts
//
// Each run starts the real server process (`node --import tsx src/server/main.ts`), signs in
// as admin, and keeps WRITERS requests in flight, each creating a building under one grid
// (POST /api/v1/orgs) with a unique name. Every 2xx answer is recorded as an acknowledged
// write. At the chosen moment the process is killed with SIGKILL while writes are in flight;
// the server is then started again on the same data (an embedded data dir that no longer opens
// counts as corrupt) and the acknowledged names are looked up through the API.
//
// PostgreSQL: a throwaway cluster (initdb -U linli --auth=trust, fsync on, as the `postgres`
// OS user when run as root) on 127.0.0.1 and a free port. Besides killing the Linli process, one
// run kills the postmaster with SIGKILL (its backends die on their own), restarts the cluster
// with pg_ctl (crash recovery from the WAL), and counts again.
//
// Caveat: SIGKILL ends a process, not the machine. Data written with write() but not fsync()ed
// is still in the OS page cache and reaches the disk later, so these figures are the best case;
// a power cut or kernel crash can lose more, and PGlite, which never fsyncs, can lose much more.
import { spawn, spawnSync } from 'node:child_process'
import { chownSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '../src/server/kernel/config.ts'
import { restoreFromFile } from '../src/server/kernel/backup.ts'
import { openPostgres } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { buildPgliteTemplate, TEST_PII_KEYS } from '../test/support/template.ts'
import { login, startServer, type Api, type RunningServer } from '../test/process/server.ts'

const RUNS = Number(process.env.CRASH_RUNS ?? 3)
const WRITERS = Number(process.env.CRASH_WRITERS ?? 4)
const EARLY_ACKS = Number(process.env.CRASH_EARLY_ACKS ?? 10)
const LATE_S = Number(process.env.CRASH_LATE_S ?? 10)
const modes = process.argv.slice(2).filter((a) => a === 'pglite' || a === 'postgres')
const runPglite = modes.length === 0 || modes.includes('pglite')
const runPostgres = modes.length === 0 || modes.includes('postgres')

interface Moment {
  name: string
  /** Should the process be killed now? */
  due(acked: number, msSinceFirstWrite: number): boolean
}
const moments: Moment[] = [
  { name: `right after start (${EARLY_ACKS} acks)`, due: (acked) => acked >= EARLY_ACKS },
  { name: `after ${LATE_S} s of writes`, due: (_acked, ms) => ms >= LATE_S * 1000 },
]

interface Result {
  mode: string
  killed: string
  moment: string
  run: number
  acked: number
  inFlight: number
  reopened: string
  present: number | null
  lost: number | null
  unackedPresent: number | null
  writableAfter: string
  restartS: string
}
const results: Result[] = []
const cleanups: (() => Promise<void> | void)[] = []

function log(msg: string) {
  console.error(`[crash] ${msg}`)
}

// ---------------------------------------------------------------------------------------------
// Writing and counting through the API

interface WriteLoad {
  acked: Set<string>
  inFlight(): number
  /** Stops the writers and waits for them (pending requests fail once the server is killed). */
  stop(): Promise<void>
  firstAckAt(): number | null
}

function startWrites(api: Api, gridId: string, prefix: string): WriteLoad {
  const acked = new Set<string>()
  let next = 0
  let inFlight = 0
  let stopped = false
  let firstAck: number | null = null
  const writer = async () => {
    while (!stopped) {
      const name = `${prefix}-${String(next++).padStart(5, '0')}`
      inFlight++
      try {
        const res = await api.request('POST', '/api/v1/orgs', { parentId: gridId, kind: 'building', name })
        if (res.status >= 200 && res.status < 300) {
          acked.add(name)
          firstAck ??= Date.now()
        } else if (!stopped) {
          log(`write ${name} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`)
          await new Promise((r) => setTimeout(r, 200))
        }
      } catch {
        // connection refused or reset: the server is gone
        await new Promise((r) => setTimeout(r, 100))
      } finally {
        inFlight--
      }
    }
  }
  const writers = Array.from({ length: WRITERS }, writer)
  return {
    acked,
    inFlight: () => inFlight,
    firstAckAt: () => firstAck,
    async stop() {
      stopped = true
      await Promise.all(writers)
    },
  }
}

async function waitFor(load: WriteLoad, moment: Moment, limitMs = 120_000): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < limitMs) {
    const first = load.firstAckAt()
    if (first !== null && moment.due(load.acked.size, Date.now() - first)) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`no kill moment within ${limitMs} ms (acked ${load.acked.size})`)
}

/** Names of the buildings under the grid that start with the prefix. */
async function namesUnder(api: Api, gridId: string, prefix: string): Promise<Set<string>> {
  const names = new Set<string>()
  let cursor: string | null = null
  do {
    const res = await api.request('GET', `/api/v1/orgs/${gridId}/children?kind=building&limit=500${cursor ? `&cursor=${cursor}` : ''}`)
    if (res.status !== 200) throw new Error(`listing answered ${res.status}: ${JSON.stringify(res.body)}`)
    for (const item of res.body.items as { name: string }[]) if (item.name.startsWith(prefix + '-')) names.add(item.name)
    cursor = res.body.nextCursor
  } while (cursor)
  return names
}

async function firstGrid(api: Api): Promise<string> {
  const res = await api.request('GET', '/api/v1/orgs?kind=grid&limit=1')
  if (res.status !== 200) throw new Error(`grid lookup answered ${res.status}`)
  return res.body.items[0].id
}

async function killHard(server: RunningServer): Promise<void> {
  await server.stop('SIGKILL')
}

/** After the crash: start again, count what survived, check one more write goes through. */
async function verify(env: Record<string, string>, load: WriteLoad, prefix: string, base: Omit<Result, 'reopened' | 'present' | 'lost' | 'unackedPresent' | 'writableAfter' | 'restartS'>, reuse?: { server: RunningServer | null; api: Api | null }) {
  let server: RunningServer | null = reuse?.server ?? null
  let ownServer = false
  let restartS = '-'
  try {
    if (!server) {
      try {
        const t0 = Date.now()
        server = await startServer(env, 120_000)
        restartS = ((Date.now() - t0) / 1000).toFixed(1)
        ownServer = true
      } catch (err) {
        const why = (err as Error).message.split('\n').filter((l) => l.trim()).slice(1).find((l) => /error|错误|无法|abort|fail/i.test(l)) ?? (err as Error).message.split('\n')[0]!
        results.push({ ...base, reopened: `NO: ${why.trim().slice(0, 80)}`, present: null, lost: null, unackedPresent: null, writableAfter: '-', restartS })
        return
      }
    }
    const api = reuse?.api && !ownServer ? reuse.api : await login(server.url)
    const grid = await firstGrid(api)
    const present = await namesUnder(api, grid, prefix)
    const lost = [...load.acked].filter((n) => !present.has(n)).length
    const unackedPresent = [...present].filter((n) => !load.acked.has(n)).length
    const probe = await api.request('POST', '/api/v1/orgs', { parentId: grid, kind: 'building', name: `${prefix}-after-restart` })
    results.push({ ...base, reopened: 'yes', present: present.size - unackedPresent, lost, unackedPresent, writableAfter: probe.status === 201 ? 'yes' : `NO (${probe.status})`, restartS })
  } catch (err) {
    results.push({ ...base, reopened: `yes, but: ${(err as Error).message.slice(0, 80)}`, present: null, lost: null, unackedPresent: null, writableAfter: '?', restartS })
  } finally {
    if (server && ownServer) await server.stop('SIGTERM')
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite

async function benchPglite() {
  log('PGlite: preparing the template data dir')
  const template = process.env.LINLI_TEST_TEMPLATE ?? (await buildPgliteTemplate())
  const work = mkdtempSync(path.join(os.tmpdir(), 'linli-crash-pglite-'))
  cleanups.push(() => rmSync(work, { recursive: true, force: true }))
  const pristine = path.join(work, 'pristine')
  await restoreFromFile(loadConfig({ DATA_DIR: pristine }), template)

  for (const [m, moment] of moments.entries()) {
    for (let run = 1; run <= RUNS; run++) {
      const dir = path.join(work, `run-${m}-${run}`)
      cpSync(pristine, dir, { recursive: true })
      const env = { DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', BACKUP_INTERVAL_MIN: '60', LINLI_PII_KEYS: TEST_PII_KEYS }
      const server = await startServer(env, 120_000)
      const api = await login(server.url)
      const grid = await firstGrid(api)
      const prefix = `crash-l${m}-${run}`
      const load = startWrites(api, grid, prefix)
      await waitFor(load, moment)
      const inFlight = load.inFlight()
      await killHard(server)
      await load.stop()
      log(`PGlite ${moment.name} run ${run}: killed with ${load.acked.size} acked, ${inFlight} in flight`)
      await verify({ ...env, BACKUP_INTERVAL_MIN: '0' }, load, prefix, { mode: 'PGlite', killed: 'linli', moment: moment.name, run, acked: load.acked.size, inFlight })
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  if (existsSync('/usr/lib/postgresql/15/bin/initdb')) return '/usr/lib/postgresql/15/bin'
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  if (r.status === 0) return r.stdout.trim()
  throw new Error('PostgreSQL binaries not found: set PG_BIN')
}

const asRoot = process.getuid?.() === 0
/** Runs a PostgreSQL binary as the `postgres` OS user when we are root (initdb refuses root). */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
}

function runPg(bin: string, args: string[]): void {
  const [cmd, argv] = pgCommand(bin, args)
  const r = spawnSync(cmd, argv, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function benchPostgres() {
  const bin = pgBin()
  const work = mkdtempSync(path.join(os.tmpdir(), 'linli-crash-pg-'))
  if (asRoot) chownSync(work, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()))
  const pgdata = path.join(work, 'data')
  const port = await freePort()
  const pgCtl = path.join(bin, 'pg_ctl')
  const startCluster = () => runPg(pgCtl, ['-D', pgdata, '-l', path.join(work, 'log'), '-w', '-t', '120', '-o', `-h 127.0.0.1 -p ${port} -k ${work} -c fsync=on -c synchronous_commit=on -c full_page_writes=on`, 'start'])
  log(`PostgreSQL: initdb into ${pgdata}, port ${port}`)
  runPg(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'linli', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  startCluster()
  cleanups.push(() => {
    try {
      runPg(pgCtl, ['-D', pgdata, '-m', 'immediate', 'stop'])
    } catch {
      // already stopped
    }
    rmSync(work, { recursive: true, force: true })
  })
  const base = `postgres://linli@127.0.0.1:${port}`
  const admin = new pg.Client({ connectionString: `${base}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE linli_crash')
  const settings = await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version')`)
  log(`PostgreSQL settings: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`)
  await admin.end()
  const url = `${base}/linli_crash`
  log('PostgreSQL: migrating and seeding the demo city')
  const database = await openPostgres(url, 2)
  await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
  await database.close()
  const env = { DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'linli-unused'), LINLI_PII_KEYS: TEST_PII_KEYS }

  // 1. kill -9 of the Linli process.
  for (const [m, moment] of moments.entries()) {
    for (let run = 1; run <= RUNS; run++) {
      const server = await startServer(env, 120_000)
      const api = await login(server.url)
      const grid = await firstGrid(api)
      const prefix = `crash-p${m}-${run}`
      const load = startWrites(api, grid, prefix)
      await waitFor(load, moment)
      const inFlight = load.inFlight()
      await killHard(server)
      await load.stop()
      log(`PostgreSQL/linli ${moment.name} run ${run}: killed with ${load.acked.size} acked, ${inFlight} in flight`)
      await verify(env, load, prefix, { mode: 'PostgreSQL', killed: 'linli', moment: moment.name, run, acked: load.acked.size, inFlight })
    }
  }

  // 2. kill -9 of the postmaster while Linli keeps writing, then pg_ctl start (crash recovery).
  const moment = moments[1]!
  const server = await startServer(env, 120_000)
  const api = await login(server.url)
  const grid = await firstGrid(api)
  const prefix = 'crash-pm'
  const load = startWrites(api, grid, prefix)
  await waitFor(load, moment)
  const postmaster = Number(readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0])
  const inFlight = load.inFlight()
  process.kill(postmaster, 'SIGKILL')
  await new Promise((r) => setTimeout(r, 1000))
  await load.stop()
  const ackedAtKill = load.acked.size
  log(`PostgreSQL/postmaster: killed ${postmaster} with ${ackedAtKill} acked, ${inFlight} in flight; Linli ${alive(server.pid) ? 'still running' : `exited:\n${server.output().split('\n').filter((l) => /error|Error|throw/.test(l)).slice(0, 4).join('\n')}`}`)
  // Backends notice the postmaster is gone and exit; wait for them before starting again.
  for (let i = 0; i < 100 && spawnSync('pgrep', ['-f', `-D ${pgdata}`]).status === 0; i++) await new Promise((r) => setTimeout(r, 100))
  for (let i = 0; i < 50; i++) {
    try {
      startCluster()
      break
    } catch (err) {
      if (i === 49) throw err
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  const linliSurvived = alive(server.pid)
  const recoveryLog = readFileSync(path.join(work, 'log'), 'utf8').split('\n').filter((l) => /recovery|redo/i.test(l)).slice(-2).join(' | ')
  log(`PostgreSQL restarted: ${recoveryLog}`)
  let reuse: { server: RunningServer | null; api: Api | null } | undefined
  if (linliSurvived) {
    // Give the pool a moment; the first request may meet a dead connection.
    let ok = false
    for (let i = 0; i < 20 && !ok; i++) {
      ok = (await fetch(`${server.url}/api/v1/health`).catch(() => null))?.status === 200
      if (!ok) await new Promise((r) => setTimeout(r, 250))
    }
    log(`Linli after the PostgreSQL restart: health ${ok ? '200' : 'failing'}`)
    reuse = { server: ok ? server : null, api: null }
    if (!ok) await server.stop('SIGTERM')
  }
  await verify(env, load, prefix, { mode: 'PostgreSQL', killed: `postmaster (Linli ${linliSurvived ? 'kept running' : 'exited'})`, moment: moment.name, run: 1, acked: ackedAtKill, inFlight }, reuse)
  if (linliSurvived) await server.stop('SIGTERM')
}

// ---------------------------------------------------------------------------------------------

function printTable() {
  const header = ['mode', 'killed', 'moment', 'run', 'acked', 'in flight', 'reopened', 'acked present', 'acked lost', 'unacked present', 'writable after', 'restart s']
  const rowsOut = results.map((r) => [r.mode, r.killed, r.moment, r.run, r.acked, r.inFlight, r.reopened, r.present ?? '-', r.lost ?? '-', r.unackedPresent ?? '-', r.writableAfter, r.restartS].map(String))
  const widths = header.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\nkill -9 during writes, ${new Date().toISOString()}, ${WRITERS} concurrent writers, ${os.cpus().length} CPUs, Node ${process.version}`)
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rowsOut) console.log(line(r))
}

let failed = false
try {
  if (runPglite) await benchPglite()
  if (runPostgres) await benchPostgres()
} catch (err) {
  failed = true
  console.error(err)
} finally {
  printTable()
  for (const c of cleanups.reverse()) await c()
  writeFileSync(path.join(os.tmpdir(), 'linli-crash-last.json'), JSON.stringify(results, null, 2))
}
process.exit(failed ? 1 : 0)
