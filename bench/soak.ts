// Figure 14 (issue 19 §4): a soak. The demo city on a throwaway PostgreSQL, two Linli instances
// behind one port (bench/soak.cluster.ts: node:cluster workers, each the real server with its own
// pool, scheduler and live hub), a realistic mix of reads and writes. First the ceiling (closed
// loop, SOAK_CONNECTIONS connections, SOAK_CEILING_SEC seconds after a warm-up); then 70 % of it
// as a fixed rate (autocannon's overallRate, latencies corrected for coordinated omission) for
// SOAK_MINUTES minutes, one autocannon run per minute, so each minute has its own p99.
//
// Sampled every 10 s: each instance's RSS (/proc/<pid>/status), the load average, and which
// instance leads the minute sweep (the session-level advisory lock of kernel/scheduler.ts, seen in
// pg_locks by its connection's application_name). Live stream: SOAK_STREAMS clients signed in as
// the grid worker stay connected throughout (the cluster spreads them over the instances); at the
// end each must have received every notification written for that worker during the soak exactly
// once (the notifications table is the truth). Runs only when named: `npm run bench -- soak`.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import autocannon, { type Request } from 'autocannon'
import { sql } from 'drizzle-orm'
import { openPostgres, rows } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { SCHEDULER_LEADER_LOCK } from '../src/server/kernel/scheduler.ts'
import { DEMO_PASSWORD } from '../src/server/demo/seed.ts'
import { TEST_PII_KEYS } from '../test/support/template.ts'
import { mib, ms, perSec, ratio, verdict, type Row, type SectionResult } from './stats.ts'

export interface SoakOptions {
  minutes: number
  ceilingSec: number
  warmupSec: number
  connections: number
  share: number
  instances: number
  streams: number
}

export function soakOptionsFromEnv(): SoakOptions {
  const n = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
  return { minutes: n('SOAK_MINUTES', 30), ceilingSec: n('SOAK_CEILING_SEC', 30), warmupSec: n('SOAK_WARMUP_SEC', 10), connections: n('SOAK_CONNECTIONS', 32), share: n('SOAK_SHARE', 0.7), instances: n('SOAK_INSTANCES', 2), streams: n('SOAK_STREAMS', 4) }
}

const root = path.resolve(import.meta.dirname, '..')
const section = '14 soak · PostgreSQL'
const log = (m: string) => console.log(`  [soak ${new Date().toISOString().slice(11, 19)}] ${m}`)
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec))

/** SOAK_PORT when given (a shared machine gives each user a range), else one the OS picks. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(Number(process.env.SOAK_PORT ?? 0), '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

function rssKib(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)
  } catch {
    return NaN
  }
}

interface Cluster {
  child: ChildProcess
  pids: number[]
  port: number
  output(): string
  stop(): Promise<void>
}

async function startCluster(env: Record<string, string>, instances: number): Promise<Cluster> {
  const port = await freePort()
  const child = spawn('nice', ['-n', '5', process.execPath, '--import', 'tsx', path.join(root, 'bench/soak.cluster.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', SOAK_INSTANCES: String(instances), LINLI_WEB_BUILD: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const pids: number[] = []
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d
    for (const m of d.matchAll(/soak-worker (\d+) listening/g)) pids.push(Number(m[1]))
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d))
  const until = Date.now() + 180_000
  while (pids.length < instances) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the instances did not start:\n${out.slice(-2000)}`)
    await sleep(200)
  }
  return {
    child, pids, port,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await Promise.race([exited, sleep(20_000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('linli_session='))
  if (!cookie) throw new Error(`login as ${username} set no session cookie`)
  return cookie
}

/** An SSE client that counts notifications by id (null ids: set-based broadcasts, counted apart). */
function openStream(base: string, cookie: string) {
  const controller = new AbortController()
  const seen = new Map<string, number>()
  let broadcasts = 0
  let endedAt: number | null = null
  let endReason = ''
  const done = (async () => {
    try {
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie }, signal: controller.signal })
      if (res.status !== 200) throw new Error(`events answered ${res.status}`)
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { value, done: finished } = await reader.read()
        if (finished) throw new Error('the server ended the stream')
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (!/^event: notification$/m.test(block)) continue
          const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? '{}') as { id: string | null }
          if (data.id === null) broadcasts++
          else seen.set(String(data.id), (seen.get(String(data.id)) ?? 0) + 1)
        }
      }
    } catch (err) {
      if (!controller.signal.aborted) {
        endedAt = Date.now()
        endReason = (err as Error).message
      }
    }
  })()
  return {
    seen,
    broadcasts: () => broadcasts,
    ended: () => (endedAt === null ? null : `${new Date(endedAt).toISOString()}: ${endReason}`),
    async close() {
      controller.abort()
      await done
    },
  }
}

interface Minute {
  minute: number
  requests: number
  rate: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  rssMib: number[]
  load: number
}

export async function measureSoak(databaseUrl: string, opts: SoakOptions): Promise<SectionResult> {
  const notes: string[] = []
  log('demo city: migrating and seeding')
  const database = await openPostgres(databaseUrl, 2)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-soak-'))
  let cluster: Cluster | undefined
  const streams: ReturnType<typeof openStream>[] = []
  try {
    await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined, LINLI_PII_KEYS: TEST_PII_KEYS })
    cluster = await startCluster({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DATA_DIR: dataDir, LINLI_PII_KEYS: TEST_PII_KEYS }, opts.instances)
    const base = `http://127.0.0.1:${cluster.port}`
    log(`${opts.instances} instances (pids ${cluster.pids.join(', ')}) on ${base}`)

    const [cadre, grid, resident] = [await login(base, 'cadre'), await login(base, 'grid'), await login(base, 'resident')]
    const me = async (cookie: string) => (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as { personId?: string; id?: string; roles: { orgId: string; role: string }[] }
    const [cadreMe, gridMe] = [await me(cadre), await me(grid)]
    const cadreOrg = cadreMe.roles[0]!.orgId
    const gridOrg = gridMe.roles.find((r) => r.role === 'grid_worker')?.orgId ?? gridMe.roles[0]!.orgId
    const [point] = await rows<{ lng: number; lat: number }>(database.db, sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${gridOrg}`)
    const [gridPerson] = await rows<{ id: string }>(database.db, sql`SELECT person_id::text AS id FROM role_assignments WHERE org_id = ${gridOrg} AND role = 'grid_worker' ORDER BY id LIMIT 1`)
    const items = ((await (await fetch(`${base}/api/v1/service-items?limit=50`, { headers: { cookie: resident } })).json()) as { items: { id: string; name: string }[] }).items
    const period = new Date().toISOString().slice(0, 7)
    const bbox = `${point!.lng - 0.05},${point!.lat - 0.05},${point!.lng + 0.05},${point!.lat + 0.05}`

    let seq = 0
    const report = () => JSON.stringify({ categoryCode: 'order.noise', description: `压测上报 #${++seq} ${process.pid}`, location: point })
    let itemId: string | null = null
    for (const item of items) {
      const res = await fetch(`${base}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1', cookie: resident }, body: JSON.stringify({ itemId: item.id, note: '压测下单' }) })
      if (res.status === 201) {
        itemId = item.id
        notes.push(`Orders are placed for 「${item.name}」 by the demo resident at home.`)
        break
      }
    }
    if (!itemId) throw new Error(`the demo resident can order none of ${items.length} service items`)
    const order = JSON.stringify({ itemId, note: '压测下单' })
    const get = (p: string, cookie: string): Request => ({ method: 'GET', path: p, headers: { cookie } })
    const post = (p: string, cookie: string, body: () => string): Request => ({
      method: 'POST', path: p, headers: { cookie, 'content-type': 'application/json', 'x-linli-csrf': '1' },
      setupRequest: (req) => ({ ...req, body: body() }),
    })
    // Eight reads to two writes, as the console and the phone pages call them.
    const mix: Request[] = [
      get('/api/v1/cases?limit=20', grid),
      get(`/api/v1/cases/map?bbox=${bbox}`, grid),
      post('/api/v1/cases', resident, report),
      get(`/api/v1/orgs/${cadreOrg}/children`, cadre),
      get(`/api/v1/cases/stats?orgId=${cadreOrg}`, cadre),
      get(`/api/v1/statistics?period=${period}`, cadre),
      get('/api/v1/notifications?limit=20', grid),
      post('/api/v1/orders', resident, () => order),
      get('/api/v1/cases/todo-counts', grid),
      get('/api/v1/orders?limit=20', resident),
    ]
    const names = ['inbox', 'case map', 'report a case', 'org children', 'case figures', 'statistics table', 'notifications', 'place an order', 'to-do counts', 'my orders']
    for (const [i, r] of mix.entries()) {
      const req = r.setupRequest ? r.setupRequest({ ...r }, {}) : r
      const res = await fetch(`${base}${req.path}`, { method: req.method, headers: req.headers, body: req.body })
      if (res.status >= 300) throw new Error(`preflight ${names[i]} ${req.method} ${req.path}: ${res.status} ${(await res.text()).slice(0, 300)}`)
    }
    notes.push(`Soak mix per round (${mix.length} requests): ${names.join(', ')}; cases reported by the demo resident in the demo grid worker's grid (each notifies that worker), reads as the grid worker, the community cadre and the resident.`)

    const run = async (o: { duration: number; rate?: number }) => {
      const r = await autocannon({ url: base, connections: opts.connections, duration: o.duration, timeout: 10, requests: mix, ...(o.rate ? { overallRate: o.rate } : {}) })
      return { requests: r.requests.total, rate: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts }
    }

    log(`ceiling: ${opts.warmupSec} s warm-up, then ${opts.ceilingSec} s closed loop with ${opts.connections} connections`)
    await run({ duration: opts.warmupSec })
    const ceiling = await run({ duration: opts.ceilingSec })
    if (ceiling.non2xx + ceiling.errors > 0) notes.push(`The ceiling run had ${ceiling.non2xx} non-2xx answers and ${ceiling.errors} errors out of ${ceiling.requests}.`)
    const rate = Math.max(1, Math.round(ceiling.rate * opts.share))
    log(`ceiling ${ceiling.rate.toFixed(1)} req/s (p99 ${ms(ceiling.p99)}); soaking at ${rate} req/s for ${opts.minutes} min`)

    const streamsOpenedAt = new Date()
    for (let i = 0; i < opts.streams; i++) streams.push(openStream(base, grid))
    await sleep(2_000)

    const rss = new Map<number, number[]>(cluster.pids.map((p) => [p, []]))
    const leaders: string[] = []
    const loads: number[] = []
    const sample = async () => {
      for (const pid of cluster!.pids) rss.get(pid)!.push(rssKib(pid))
      loads.push(os.loadavg()[0]!)
      const lead = await rows<{ app: string }>(database.db, sql`SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objid = ${SCHEDULER_LEADER_LOCK} AND l.classid = 0`).catch(() => [])
      leaders.push(lead.map((r) => r.app).join('+') || '(none)')
    }
    await sample()
    const sampler = setInterval(() => void sample(), 10_000)
    const minutes: Minute[] = []
    try {
      for (let m = 1; m <= opts.minutes; m++) {
        const r = await run({ duration: 60, rate })
        minutes.push({ minute: m, ...r, rssMib: cluster.pids.map((p) => rssKib(p) / 1024), load: os.loadavg()[0]! })
        log(`minute ${m}: ${r.requests} requests, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${r.non2xx} non-2xx, ${r.errors} errors; RSS ${minutes.at(-1)!.rssMib.map((x) => x.toFixed(0)).join(' / ')} MiB; load ${os.loadavg()[0]!.toFixed(2)}`)
        if (cluster.child.exitCode !== null) throw new Error(`an instance exited:\n${cluster.output().slice(-2000)}`)
      }
    } finally {
      clearInterval(sampler)
    }
    const loadEndedAt = new Date()
    await sleep(5_000)

    // Live stream: every notification written for the grid worker while the streams were open, once on each.
    const expected = await rows<{ id: string }>(database.db, sql`SELECT id::text FROM notifications WHERE person_id = ${gridPerson!.id} AND pending_digest IS NULL
      AND created_at >= ${streamsOpenedAt.toISOString()}::timestamptz AND created_at <= ${loadEndedAt.toISOString()}::timestamptz`)
    const streamRows = streams.map((s, i) => {
      const missing = expected.filter((e) => !s.seen.has(e.id)).length
      const twice = [...s.seen.values()].filter((n) => n > 1).length
      return { i, missing, twice, got: s.seen.size, broadcasts: s.broadcasts(), ended: s.ended() }
    })
    const streamsOk = expected.length > 0 && streamRows.every((s) => s.missing === 0 && s.twice === 0 && s.ended === null)
    const distinctLeaders = [...new Set(leaders)]

    const first = minutes[0]!
    const last = minutes.at(-1)!
    const worstP99 = Math.max(...minutes.map((x) => x.p99))
    const totalErrors = minutes.reduce((a, x) => a + x.non2xx + x.errors, 0)
    const totalRequests = minutes.reduce((a, x) => a + x.requests, 0)
    const rssFirst = first.rssMib
    const rssLast = last.rssMib
    const rssGrowth = Math.max(...rssLast.map((x, i) => x / rssFirst[i]!))
    const rowsOut: Row[] = [
      { section, figure: `ceiling of the mix, ${opts.instances} instances behind one port, ${opts.connections} connections`, measured: perSec(ceiling.rate), baseline: '—', ratio: '—', target: '— (context)', verdict: 'info' },
      { section, figure: `soak at ${Math.round(opts.share * 100)} % (${rate} req/s) for ${opts.minutes} min: errors`, measured: `${totalErrors} of ${totalRequests.toLocaleString('en-US')}`, baseline: '—', ratio: '—', target: '0', verdict: verdict(totalErrors === 0) },
      { section, figure: 'p99, worst minute against minute 1', measured: ms(worstP99), baseline: `minute 1: ${ms(first.p99)}`, ratio: ratio(worstP99, first.p99), target: '— (stable: see the table)', verdict: 'info' },
      { section, figure: 'p99, last minute against minute 1', measured: ms(last.p99), baseline: `minute 1: ${ms(first.p99)}`, ratio: ratio(last.p99, first.p99), target: '≤ 2×', verdict: verdict(last.p99 <= 2 * first.p99) },
      ...cluster.pids.map((pid, i): Row => ({ section, figure: `RSS of instance ${i + 1}, end against minute 1`, measured: mib(rssLast[i]! * 1024), baseline: `minute 1: ${mib(rssFirst[i]! * 1024)}`, ratio: ratio(rssLast[i]!, rssFirst[i]!), target: '≤ 1.5×', verdict: verdict(rssLast[i]! <= 1.5 * rssFirst[i]!) })),
      { section, figure: `live stream: ${opts.streams} clients connected throughout, each notification once`, measured: `${expected.length} notifications; missing ${streamRows.map((s) => s.missing).join('/')}, twice ${streamRows.map((s) => s.twice).join('/')}`, baseline: '—', ratio: '—', target: 'each once on every client', verdict: verdict(streamsOk) },
      { section, figure: 'minute sweep leader (sampled every 10 s)', measured: distinctLeaders.join(', '), baseline: '—', ratio: '—', target: 'one instance', verdict: verdict(distinctLeaders.length === 1 && !distinctLeaders[0]!.includes('+') && distinctLeaders[0] !== '(none)') },
    ]
    const table = ['| minute | requests | p50 | p99 | p99 / minute 1 | non-2xx + errors | RSS per instance (MiB) | load (1 min) |', '|---|---|---|---|---|---|---|---|']
    for (const x of minutes) table.push(`| ${x.minute} | ${x.requests} | ${ms(x.p50)} | ${ms(x.p99)} | ${ratio(x.p99, first.p99)} | ${x.non2xx + x.errors} | ${x.rssMib.map((v) => v.toFixed(0)).join(' / ')} | ${x.load.toFixed(2)} |`)
    console.log(table.join('\n'))
    notes.push(`Soak per minute:\n\n${table.join('\n')}`)
    notes.push(`Soak: ceiling ${perSec(ceiling.rate)} (p50 ${ms(ceiling.p50)}, p99 ${ms(ceiling.p99)}); held ${rate} req/s = ${Math.round(opts.share * 100)} %; RSS growth worst instance ${rssGrowth.toFixed(2)}×; load average (1 min) ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${os.cpus().length} cores shared with other work; streams ${streamRows.map((s) => `#${s.i + 1} got ${s.got}${s.broadcasts ? ` (+${s.broadcasts} broadcasts)` : ''}${s.ended ? `, ended ${s.ended}` : ''}`).join('; ')}.`)
    return { rows: rowsOut, notes }
  } finally {
    for (const s of streams) await s.close()
    await cluster?.stop()
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
