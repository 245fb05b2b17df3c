// What a `kill -9` during writes loses, on each mode. A measurement, not a test:
//
//   npx tsx bench/crash.ts              # both modes
//   npx tsx bench/crash.ts pglite       # embedded only
//   npx tsx bench/crash.ts postgres     # PostgreSQL only (needs PostgreSQL 15 + PostGIS binaries)
//   CRASH_RUNS=3 CRASH_LATE_S=10 npx tsx bench/crash.ts
//   npx tsx bench/crash.ts replica      # primary + streaming replica (issue 19 §4), only when named
//   npx tsx bench/crash.ts citus        # a Citus worker killed (issue 19 §4), only when named
//   CRASH_PORT=57030 …                  # first port of the throwaway clusters (else the OS picks)
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
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/server/kernel/config.ts'
import { restoreFromFile } from '../src/server/kernel/backup.ts'
import { openPostgres } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { buildPgliteTemplate, TEST_PII_KEYS } from '../test/support/template.ts'
import { createCitusDatabase } from '../test/support/citus.ts'
import { login, startServer, type Api, type RunningServer } from '../test/process/server.ts'

const RUNS = Number(process.env.CRASH_RUNS ?? 3)
const WRITERS = Number(process.env.CRASH_WRITERS ?? 4)
const EARLY_ACKS = Number(process.env.CRASH_EARLY_ACKS ?? 10)
const LATE_S = Number(process.env.CRASH_LATE_S ?? 10)
const modes = process.argv.slice(2).filter((a) => ['pglite', 'postgres', 'replica', 'citus'].includes(a))
const runPglite = modes.length === 0 || modes.includes('pglite')
const runPostgres = modes.length === 0 || modes.includes('postgres')
const runReplica = modes.includes('replica')
const runCitus = modes.includes('citus')
const OUTAGE_S = Number(process.env.CRASH_OUTAGE_S ?? 5)

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

let nextPort = Number(process.env.CRASH_PORT ?? 0)
/** The next port from CRASH_PORT (a shared machine gives each user a range), else one the OS picks. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(nextPort ? nextPort++ : 0, '127.0.0.1', () => {
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

interface Cluster {
  work: string
  pgdata: string
  port: number
  log: string
  start(): void
  /** SIGKILL to the postmaster; waits for its backends to go. Returns its pid. */
  kill(): Promise<number>
  /** pg_ctl start after a kill (crash recovery from the WAL), again while old backends linger. */
  restart(): Promise<void>
}

function chownToPostgres(dir: string) {
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()))
}

/** A throwaway cluster, fsync on, on 127.0.0.1; `init` false when the data dir is made otherwise (pg_basebackup). */
async function makeCluster(label: string, opts: { init?: boolean; work?: string } = {}): Promise<Cluster> {
  const bin = pgBin()
  const work = opts.work ?? mkdtempSync(path.join(os.tmpdir(), `linli-crash-${label}-`))
  chownToPostgres(work)
  const pgdata = path.join(work, 'data')
  const port = await freePort()
  const pgCtl = path.join(bin, 'pg_ctl')
  const logFile = path.join(work, 'log')
  const start = () => runPg(pgCtl, ['-D', pgdata, '-l', logFile, '-w', '-t', '120', '-o', `-h 127.0.0.1 -p ${port} -k ${work} -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200`, 'start'])
  if (opts.init !== false) {
    log(`${label}: initdb into ${pgdata}, port ${port}`)
    runPg(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'linli', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
    start()
  }
  cleanups.push(() => {
    try {
      runPg(pgCtl, ['-D', pgdata, '-m', 'immediate', 'stop'])
    } catch {
      // already stopped
    }
    rmSync(work, { recursive: true, force: true })
  })
  return {
    work, pgdata, port, log: logFile, start,
    async kill() {
      const pid = Number(readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGKILL')
      // Backends notice the postmaster is gone and exit; wait for them before starting again.
      for (let i = 0; i < 100 && spawnSync('pgrep', ['-f', `-D ${pgdata}`]).status === 0; i++) await new Promise((r) => setTimeout(r, 100))
      return pid
    },
    async restart() {
      for (let i = 0; i < 50; i++) {
        try {
          start()
          return
        } catch (err) {
          if (i === 49) throw err
          await new Promise((r) => setTimeout(r, 200))
        }
      }
    },
  }
}

async function benchPostgres() {
  const cluster = await makeCluster('pg')
  const { work, port } = cluster
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
  const inFlight = load.inFlight()
  const postmaster = await cluster.kill()
  await new Promise((r) => setTimeout(r, 1000))
  await load.stop()
  const ackedAtKill = load.acked.size
  log(`PostgreSQL/postmaster: killed ${postmaster} with ${ackedAtKill} acked, ${inFlight} in flight; Linli ${alive(server.pid) ? 'still running' : `exited:\n${server.output().split('\n').filter((l) => /error|Error|throw/.test(l)).slice(0, 4).join('\n')}`}`)
  await cluster.restart()
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
// Faults with the app kept running (issue 19 §4): what users see during the outage, and whether
// the same process serves again afterwards.

interface Answer { at: number; op: string; status: number | 'net'; code: string; retryAfter: string | null }

interface Traffic {
  answers: Answer[]
  acked: Map<string, Set<string>>
  stop(): Promise<void>
}

interface Op {
  name: string
  workers: number
  /** The i-th request; a 2xx answer acknowledges `key` (a write) when one is given. */
  request(i: number): { method: string; url: string; body?: unknown; key?: string }
}

/** Keeps requests in flight, each answer recorded with its time (a pause after a failure). */
function startTraffic(baseUrl: string, cookies: Record<string, string>, ops: (Op & { as: string })[]): Traffic {
  const answers: Answer[] = []
  const acked = new Map<string, Set<string>>(ops.map((o) => [o.name, new Set<string>()]))
  let stopped = false
  const loops = ops.flatMap((op) => {
    let next = 0
    return Array.from({ length: op.workers }, async () => {
      while (!stopped) {
        const req = op.request(next++)
        let ok = false
        try {
          const r = await fetch(`${baseUrl}${req.url}`, {
            method: req.method,
            headers: { cookie: cookies[op.as]!, 'x-linli-csrf': '1', ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: req.body === undefined ? undefined : JSON.stringify(req.body),
            signal: AbortSignal.timeout(15_000),
          })
          const text = await r.text()
          let code = ''
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? ''
          } catch {
            // not JSON
          }
          ok = r.status >= 200 && r.status < 300
          answers.push({ at: Date.now(), op: op.name, status: r.status, code, retryAfter: r.headers.get('retry-after') })
          if (ok && req.key) acked.get(op.name)!.add(req.key)
        } catch (err) {
          answers.push({ at: Date.now(), op: op.name, status: 'net', code: (err as Error).name, retryAfter: null })
        }
        if (!ok) await new Promise((r) => setTimeout(r, 100))
      }
    })
  })
  return {
    answers,
    acked,
    async stop() {
      stopped = true
      await Promise.all(loops)
    },
  }
}

interface FaultRow {
  setup: string
  event: string
  window: string
  op: string
  ok: number
  failed: string
}
const faultRows: FaultRow[] = []
const faultNotes: string[] = []

/** Answers of each op between two moments: how many 2xx, and the others by status and code. */
function tally(setup: string, event: string, window: string, traffic: Traffic, from: number, to: number) {
  const ops = [...new Set(traffic.answers.map((a) => a.op))]
  for (const op of ops) {
    const mine = traffic.answers.filter((a) => a.op === op && a.at >= from && a.at < to)
    const failed = new Map<string, number>()
    for (const a of mine) {
      if (typeof a.status === 'number' && a.status < 300) continue
      const key = `${a.status}${a.code ? ` ${a.code}` : ''}${a.status === 503 ? (a.retryAfter ? ` (Retry-After ${a.retryAfter})` : ' (no Retry-After)') : ''}`
      failed.set(key, (failed.get(key) ?? 0) + 1)
    }
    const ok = mine.filter((a) => typeof a.status === 'number' && a.status < 300).length
    faultRows.push({ setup, event, window, op, ok, failed: [...failed].map(([k, n]) => `${n}× ${k}`).join(', ') || '0' })
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The errors the server logged as unhandled (its 500s), each kind once: SQLSTATE and message. */
function unhandledErrors(output: string): string[] {
  const found = new Map<string, number>()
  for (const line of output.split('\n')) {
    if (!line.includes('unhandled error')) continue
    try {
      const logged = JSON.parse(line) as { err?: { code?: string; message?: string; cause?: { code?: string; message?: string } }; database?: { code: string; message: string } }
      const e = logged.err
      const inner = logged.database ?? e?.cause ?? e
      // The head of the message and its end (where a wrapped error's cause is told).
      const message = String(inner?.message ?? e?.message ?? '').replace(/\s+/g, ' ')
      const key = `${inner?.code ?? '?'} ${message.length > 320 ? `${message.slice(0, 120)} … ${message.slice(-200)}` : message}`
      found.set(key, (found.get(key) ?? 0) + 1)
    } catch {
      found.set(line.slice(0, 200), (found.get(line.slice(0, 200)) ?? 0) + 1)
    }
  }
  return [...found].map(([k, n]) => `${n}× ${k}`)
}

/** How long until `probe` holds; NaN (and a note) when it does not within the limit. */
async function untilOk(what: string, probe: () => Promise<boolean>, limitMs = 60_000): Promise<number> {
  const t0 = Date.now()
  while (Date.now() - t0 < limitMs) {
    if (await probe().catch(() => false)) return Date.now() - t0
    await sleep(200)
  }
  faultNotes.push(`NOT MET: ${what} within ${limitMs / 1000} s.`)
  return NaN
}

async function cookieOf(baseUrl: string, username: string): Promise<string> {
  return (await login(baseUrl, username)).cookie
}

/** Building names under a grid (the write of the PostgreSQL runs), read through the API. */
async function buildingsPresent(baseUrl: string, cookie: string, gridId: string, prefix: string): Promise<Set<string>> {
  const api: Api = { cookie, request: async (method, url) => {
    const r = await fetch(`${baseUrl}${url}`, { method, headers: { cookie } })
    return { status: r.status, body: await r.json() }
  } }
  return namesUnder(api, gridId, prefix)
}

async function benchReplica() {
  const primary = await makeCluster('primary')
  const replicaWork = mkdtempSync(path.join(os.tmpdir(), 'linli-crash-replica-'))
  chownToPostgres(replicaWork)
  runPg(path.join(pgBin(), 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'linli', '-D', path.join(replicaWork, 'data'), '-R', '-X', 'stream', '-c', 'fast', '-C', '-S', 'linli_crash_replica'])
  const replica = await makeCluster('replica', { init: false, work: replicaWork })
  replica.start()
  log(`replica: pg_basebackup -R of 127.0.0.1:${primary.port}, streaming on port ${replica.port}`)
  const base = `postgres://linli@127.0.0.1:${primary.port}`
  const admin = new pg.Client({ connectionString: `${base}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE linli_crash')
  await admin.end()
  const url = `${base}/linli_crash`
  const database = await openPostgres(url, 2)
  await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
  await database.close()
  const replicaUrl = `postgres://linli@127.0.0.1:${replica.port}/linli_crash`
  const env = { DATABASE_URL: url, DATABASE_REPLICA_URLS: replicaUrl, DATABASE_REPLICA_CHECK_MS: '1000', DATABASE_REPLICA_MAX_LAG_MS: '5000', PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: path.join(primary.work, 'linli-unused'), LINLI_PII_KEYS: TEST_PII_KEYS }
  const server = await startServer(env, 120_000)
  const setup = 'primary + streaming replica'
  try {
    const admin = await login(server.url)
    const grid = await firstGrid(admin)
    const cookies = { admin: admin.cookie, cadre: await cookieOf(server.url, 'cadre') }
    const replicaReads = async () => ((await admin.request('GET', '/api/v1/health/replicas')).body as { items: { state: string; reads: number }[] }).items[0]!
    await untilOk('the replica serving', async () => (await replicaReads()).state === 'ok')
    // Writers as admin (buildings under a grid); readers as the community cadre, whose lag-tolerant
    // reads (the case inbox and the statistics table) go to the replica: the writer's own reads are
    // pinned to the primary for a while after each write (read-your-writes).
    const period = new Date().toISOString().slice(0, 7)
    const traffic = startTraffic(server.url, cookies, [
      { name: 'write (create a building)', as: 'admin', workers: 3, request: (i) => ({ method: 'POST', url: '/api/v1/orgs', body: { parentId: grid, kind: 'building', name: `crash-r-${i}` }, key: `crash-r-${i}` }) },
      { name: 'read (case inbox)', as: 'cadre', workers: 2, request: () => ({ method: 'GET', url: '/api/v1/cases?limit=20' }) },
      { name: 'read (statistics table)', as: 'cadre', workers: 1, request: () => ({ method: 'GET', url: `/api/v1/statistics?period=${period}` }) },
    ])
    const t0 = Date.now()
    await sleep(LATE_S * 1000)
    const readsBefore = (await replicaReads()).reads

    // 1. kill -9 of the replica.
    const tKillReplica = Date.now()
    await replica.kill()
    await sleep(OUTAGE_S * 1000)
    const stateDown = (await replicaReads()).state
    const tRestartReplica = Date.now()
    await replica.restart()
    const backMs = await untilOk('the replica back in service', async () => (await replicaReads()).state === 'ok')
    const readsAfterBack = (await replicaReads()).reads
    await sleep(3000)
    const readsLater = (await replicaReads()).reads
    faultNotes.push(`Replica: it had served ${readsBefore} reads before the kill; state ${stateDown} ${OUTAGE_S} s after it; after pg_ctl start it served again within ${(backMs / 1000).toFixed(1)} s (${readsLater - readsAfterBack} reads on it in the next 3 s).`)

    // 2. kill -9 of the primary; the app keeps running.
    await sleep(3000)
    const tKillPrimary = Date.now()
    const ackedAtKill = new Set(traffic.acked.get('write (create a building)'))
    await primary.kill()
    await sleep(OUTAGE_S * 1000)
    const tRestartPrimary = Date.now()
    await primary.restart()
    const recoveryLog = readFileSync(primary.log, 'utf8').split('\n').filter((l) => /redo done|database system is ready/i.test(l)).slice(-2).join(' | ')
    const writeBackMs = await untilOk('a write after the primary restart', async () => traffic.answers.some((a) => a.at > tRestartPrimary && a.op.startsWith('write') && a.status === 201))
    await sleep(5000)
    const tEnd = Date.now()
    await traffic.stop()
    tally(setup, 'before any fault', `${((tKillReplica - t0) / 1000).toFixed(0)} s`, traffic, t0, tKillReplica)
    tally(setup, 'replica killed (kill -9), until it is back in service', `${((tRestartReplica - tKillReplica + backMs) / 1000).toFixed(1)} s`, traffic, tKillReplica, tRestartReplica + backMs)
    tally(setup, 'primary killed (kill -9), until pg_ctl start returned', `${((tRestartPrimary - tKillPrimary) / 1000).toFixed(1)} s`, traffic, tKillPrimary, tRestartPrimary)
    tally(setup, 'after the primary restart (same app process)', `${((tEnd - tRestartPrimary) / 1000).toFixed(1)} s`, traffic, tRestartPrimary, tEnd)
    const acked = traffic.acked.get('write (create a building)')!
    const present = await buildingsPresent(server.url, admin.cookie, grid, 'crash-r')
    const lost = [...acked].filter((n) => !present.has(n)).length
    const lostAtKill = [...ackedAtKill].filter((n) => !present.has(n)).length
    faultNotes.push(`Replica setup, primary kill -9: ${acked.size} writes acknowledged in all (${ackedAtKill.size} before the primary's kill), ${lost} of them missing afterwards (${lostAtKill} of those before the kill); ${present.size - acked.size + lost} present without an acknowledgement (in flight at the kill). Same app process throughout (pid ${server.pid}); first acknowledged write ${(writeBackMs / 1000).toFixed(1)} s after pg_ctl start returned. Recovery: ${recoveryLog || '(no log line)'}.`)
  } finally {
    const diedEarly = !alive(server.pid)
    await server.stop('SIGTERM')
    faultNotes.push(`Replica setup: errors the server logged as unhandled (500s): ${unhandledErrors(server.output()).join('; ') || 'none'}.`)
    if (diedEarly) faultNotes.push(`Replica setup: THE APP EXITED during the run; its last words:\n${server.output().split('\n').filter((l) => !l.startsWith('{')).slice(-25).join('\n')}`)
  }
}

async function benchCitus() {
  const port = Number(process.env.LINLI_CITUS_PORT ?? (Number(process.env.CRASH_PORT ?? 0) || 56000) + 10)
  const script = path.join(import.meta.dirname, '../scripts/citus-cluster.sh')
  const cluster = (cmd: string) => {
    const r = spawnSync(script, [cmd], { env: { ...process.env, LINLI_CITUS_PORT: String(port) }, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`citus-cluster.sh ${cmd}: ${r.stdout}${r.stderr}`)
    return r.stdout.trim()
  }
  log(cluster('start'))
  cleanups.push(() => void cluster('stop'))
  const base = `postgres://linli@127.0.0.1:${port}/postgres`
  await createCitusDatabase(base, 'linli_crash', null)
  const url = `postgres://linli@127.0.0.1:${port}/linli_crash`
  const database = await openPostgres(url, 2)
  await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
  const placements = await database.db.execute(sql`SELECT logicalrelid::text AS t, count(DISTINCT nodeport) AS nodes FROM pg_dist_shard JOIN pg_dist_shard_placement USING (shardid) GROUP BY 1 ORDER BY 1`)
  faultNotes.push(`Citus: coordinator 127.0.0.1:${port}, workers ${port + 1} and ${port + 2}; tables with placements: ${(placements as unknown as { rows: { t: string; nodes: string }[] }).rows.map((r) => `${r.t} (${r.nodes} nodes)`).join(', ')}; every other table is local to the coordinator (docs/architecture.md, "Distribution on Citus").`)
  // The worker killed is the one holding the demo district's cases (the family is distributed by
  // district): its reports fail while it is down, as do the reference tables' writes.
  const home = (await database.db.execute(sql`SELECT c.district_id::text AS district, count(*)::int AS n, min(c.category_code) AS category,
      (array_agg(ST_X(c.location) ORDER BY c.id))[1] AS lng, (array_agg(ST_Y(c.location) ORDER BY c.id))[1] AS lat
    FROM cases c JOIN case_categories k ON k.code = c.category_code AND k.public GROUP BY c.district_id ORDER BY count(*) DESC LIMIT 1`)).rows[0] as { district: string; n: number; category: string; lng: number; lat: number; port: number }
  home.port = Number((await database.db.execute(sql`SELECT nodeport AS port FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('cases', ${home.district}::bigint)`)).rows[0]!.port)
  faultNotes.push(`Citus: the demo's ${home.n} public-category cases are in district ${home.district}, whose shard is on worker ${home.port}: that worker is the one killed.`)
  await database.close()
  const workerDir = `/tmp/linli-citus-${home.port}`
  const worker: Pick<Cluster, 'kill' | 'restart'> = {
    async kill() {
      const pid = Number(readFileSync(path.join(workerDir, 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGKILL')
      for (let i = 0; i < 100 && spawnSync('pgrep', ['-f', `-D ${workerDir}`]).status === 0; i++) await sleep(100)
      return pid
    },
    async restart() {
      const [cmd, argv] = pgCommand(path.join(pgBin(), 'pg_ctl'), ['-D', workerDir, '-l', path.join(workerDir, 'server.log'), '-w', 'start'])
      for (let i = 0; i < 50; i++) {
        if (spawnSync(cmd, argv).status === 0) return
        await sleep(200)
      }
      throw new Error('the worker did not start again')
    },
  }
  const env = { DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: path.join(os.tmpdir(), `linli-crash-citus-unused-${process.pid}`), LINLI_PII_KEYS: TEST_PII_KEYS }
  cleanups.push(() => rmSync(env.DATA_DIR, { recursive: true, force: true }))
  const server = await startServer(env, 180_000)
  const setup = `Citus (worker ${home.port} killed)`
  try {
    const admin = await login(server.url)
    const grid = await firstGrid(admin)
    const cookies = { admin: admin.cookie }
    // The working-day calendar (calendar_days) is a reference table: a copy on every node, so each
    // write goes to both workers, as does the org tree's. Cases go to their district's shard.
    const day = (i: number) => new Date(Date.UTC(2031, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
    const traffic = startTraffic(server.url, cookies, [
      { name: 'write (report a case, distributed)', as: 'admin', workers: 2, request: (i) => ({ method: 'POST', url: '/api/v1/cases', body: { categoryCode: home.category, description: `节点故障测试 crash-case-${i}`, location: { lng: home.lng, lat: home.lat } }, key: `crash-case-${i}` }) },
      { name: 'read (case inbox, distributed)', as: 'admin', workers: 1, request: () => ({ method: 'GET', url: '/api/v1/cases?limit=20' }) },
      { name: 'write (calendar day, reference table)', as: 'admin', workers: 3, request: (i) => ({ method: 'PUT', url: `/api/v1/calendar-days/${day(i)}`, body: { workday: false, note: `crash-${i}` }, key: day(i) }) },
      { name: 'read (calendar, reference table)', as: 'admin', workers: 1, request: () => ({ method: 'GET', url: '/api/v1/calendar-days?year=2031' }) },
      { name: 'write (create a building: orgs, reference table)', as: 'admin', workers: 1, request: (i) => ({ method: 'POST', url: '/api/v1/orgs', body: { parentId: grid, kind: 'building', name: `crash-c-${i}` }, key: `crash-c-${i}` }) },
    ])
    const t0 = Date.now()
    await sleep(LATE_S * 1000)
    const tKill = Date.now()
    await worker.kill()
    await sleep(OUTAGE_S * 1000)
    const tRestart = Date.now()
    await worker.restart()
    const backMs = await untilOk('a calendar write after the worker restart', async () => traffic.answers.some((a) => a.at > tRestart && a.op.startsWith('write (calendar') && a.status === 200))
    await sleep(5000)
    const tEnd = Date.now()
    await traffic.stop()
    tally(setup, 'before the fault', `${((tKill - t0) / 1000).toFixed(0)} s`, traffic, t0, tKill)
    tally(setup, 'worker killed (kill -9), until pg_ctl start returned', `${((tRestart - tKill) / 1000).toFixed(1)} s`, traffic, tKill, tRestart)
    tally(setup, 'after the worker restart (same app process)', `${((tEnd - tRestart) / 1000).toFixed(1)} s`, traffic, tRestart, tEnd)
    const samples = new Map<string, string>()
    for (const a of traffic.answers) if (a.at >= tKill && a.at < tRestart + backMs && a.status !== 200 && a.status !== 201 && !samples.has(`${a.status} ${a.code}`)) samples.set(`${a.status} ${a.code}`, a.op)
    // Acknowledged calendar days: each must be there with its note.
    const days = new Map<string, string | null>()
    for (let year = 2031; year <= 2031 + Math.ceil(traffic.acked.get('write (calendar day, reference table)')!.size / 365) + 1; year++) {
      const res = await admin.request('GET', `/api/v1/calendar-days?year=${year}`)
      for (const d of (res.body as { items: { day: string; note: string | null }[] }).items) days.set(d.day, d.note)
    }
    const ackedDays = traffic.acked.get('write (calendar day, reference table)')!
    const lostDays = [...ackedDays].filter((d) => !days.has(d)).length
    const ackedBuildings = traffic.acked.get('write (create a building: orgs, reference table)')!
    const presentBuildings = await buildingsPresent(server.url, admin.cookie, grid, 'crash-c')
    const lostBuildings = [...ackedBuildings].filter((n) => !presentBuildings.has(n)).length
    const ackedCases = traffic.acked.get('write (report a case, distributed)')!
    const reported = new Set<string>()
    {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        for (const r of (await c.query<{ key: string }>(`SELECT substring(description FROM 'crash-case-[0-9]+') AS key FROM cases WHERE description LIKE '%crash-case-%'`)).rows) reported.add(r.key)
      } finally {
        await c.end()
      }
    }
    const lostCases = [...ackedCases].filter((k) => !reported.has(k)).length
    // Each node's own copy of the reference table must hold the same rows (Citus's 2PC at the kill).
    const copies: string[] = []
    for (const p of [port, port + 1, port + 2]) {
      const c = new pg.Client({ connectionString: `postgres://linli@127.0.0.1:${p}/linli_crash` })
      await c.connect()
      try {
        const shard = await c.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c WHERE c.relname ~ '^calendar_days_[0-9]+$' LIMIT 1`)
        const table = shard.rows[0]?.name ?? 'calendar_days'
        copies.push(`${p}: ${(await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE note LIKE 'crash-%'`)).rows[0]!.n}`)
      } finally {
        await c.end()
      }
    }
    faultNotes.push(`Citus, worker kill -9: ${ackedCases.size} case reports acknowledged, ${lostCases} missing afterwards (${reported.size - [...reported].filter((k) => ackedCases.has(k)).length} present though unacknowledged); ${ackedDays.size} calendar writes acknowledged, ${lostDays} missing afterwards; ${ackedBuildings.size} building writes acknowledged, ${lostBuildings} missing. Rows of the test on each node's copy of calendar_days (coordinator first): ${copies.join(', ')}. Same app process throughout (pid ${server.pid}); first acknowledged calendar write ${(backMs / 1000).toFixed(1)} s after pg_ctl start returned. Answers seen while the worker was down: ${[...samples].map(([k, op]) => `${k} (${op})`).join('; ') || 'none but 2xx'}.`)
  } finally {
    await server.stop('SIGTERM')
    faultNotes.push(`Citus: errors the server logged as unhandled (500s): ${unhandledErrors(server.output()).join('; ') || 'none'}.`)
  }
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
  if (faultRows.length === 0) return
  const fh = ['setup', 'event', 'window', 'requests', 'answered 2xx', 'other answers']
  const fb = faultRows.map((r) => [r.setup, r.event, r.window, r.op, String(r.ok), r.failed])
  const fw = fh.map((h, i) => Math.max(h.length, ...fb.map((r) => r[i]!.length)))
  const fline = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(fw[i]!)).join(' | ')} |`
  console.log(`\nFaults with the app kept running (outage ${OUTAGE_S} s, after ${LATE_S} s of load)`)
  console.log(fline(fh))
  console.log(`|${fw.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of fb) console.log(fline(r))
  for (const n of faultNotes) console.log(`\n${n}`)
}

let failed = false
try {
  if (runPglite) await benchPglite()
  if (runPostgres) await benchPostgres()
  if (runReplica) await benchReplica()
  if (runCitus) await benchCitus()
} catch (err) {
  failed = true
  console.error(err)
} finally {
  printTable()
  for (const c of cleanups.reverse()) await c()
  writeFileSync(path.join(os.tmpdir(), 'linli-crash-last.json'), JSON.stringify({ results, faultRows, faultNotes }, null, 2))
}
process.exit(failed ? 1 : 0)
