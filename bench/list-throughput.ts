// Figure 2: an authenticated, scoped org list under 50 concurrent connections, against a bare
// Fastify route running the same repository query through the same pool.
import Fastify, { type FastifyInstance } from 'fastify'
import autocannon, { type Result } from 'autocannon'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { openPostgres, type Database } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { listChildrenWithParent } from '../src/server/modules/orgs/orgs.repository.ts'
import { DEMO_PASSWORD } from '../src/server/demo/seed.ts'
import { ms, perSec, ratio, verdict, type Row, type SectionResult } from './stats.ts'

export const CONNECTIONS = 50
export const THROUGHPUT_TARGET = 0.6

export interface ListOptions {
  durationSec: number
  warmupSec: number
}

export interface Load {
  reqPerSec: number
  p50: number
  p99: number
  total: number
  non2xx: number
  errors: number
}

export async function hammer(url: string, headers: Record<string, string>, durationSec: number, post?: { body: string }): Promise<Load> {
  // One worker thread: the load generator gets its own event loop instead of competing with
  // the server it measures for the main thread.
  const r: Result = await autocannon({
    url, connections: CONNECTIONS, duration: durationSec, workers: 1, timeout: 10,
    ...(post ? { method: 'POST', body: post.body, headers: { 'content-type': 'application/json', ...headers } } : { headers }),
  })
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors }
}

export function checkClean(label: string, load: Load): void {
  // A run full of 401s or 429s would measure the error path, not the list.
  if (load.non2xx + load.errors > load.total * 0.001) {
    throw new Error(`${label}: ${load.non2xx} non-2xx responses and ${load.errors} errors out of ${load.total}`)
  }
}

export const baseOf = (app: FastifyInstance) => {
  const a = app.server.address()
  if (!a || typeof a === 'string') throw new Error('server is not listening on TCP')
  return `http://127.0.0.1:${a.port}`
}

export function latencyRow(section: string, viaApp: Load, viaBare: Load): Row {
  return {
    section,
    figure: 'same, latency under load',
    measured: `p50 ${ms(viaApp.p50)}, p99 ${ms(viaApp.p99)}`,
    baseline: `bare: p50 ${ms(viaBare.p50)}, p99 ${ms(viaBare.p99)}`,
    ratio: `${ratio(viaApp.p99, viaBare.p99)} (p99)`,
    target: '— (context)',
    verdict: 'info',
  }
}

export async function measureListThroughput(databaseUrl: string, opts: ListOptions): Promise<SectionResult> {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const database: Database = await openPostgres(databaseUrl, config.DATABASE_POOL_MAX)
  let app: FastifyInstance | undefined
  let bare: FastifyInstance | undefined
  try {
    const { migration } = await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined })
    app = await buildApp({ config, database, migration, logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const appBase = baseOf(app)

    const login = await fetch(`${appBase}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' },
      body: JSON.stringify({ username: 'cadre', password: DEMO_PASSWORD }),
    })
    if (login.status !== 200) throw new Error(`login as cadre failed: ${login.status} ${await login.text()}`)
    const session = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('linli_session='))
    if (!session) throw new Error('login set no linli_session cookie')
    const headers = { cookie: session }
    const me = (await (await fetch(`${appBase}/api/v1/me`, { headers })).json()) as { roles: { orgId: string; orgPath: string }[] }
    const role = me.roles[0]
    if (!role) throw new Error('cadre has no role')
    const appUrl = `${appBase}/api/v1/orgs/${role.orgId}/children`
    const page = await fetch(appUrl, { headers })
    if (page.status !== 200) throw new Error(`GET children answered ${page.status}: ${await page.text()}`)
    const appItems = ((await page.json()) as { items: unknown[] }).items.length

    bare = Fastify({ logger: false })
    const db = database.db
    bare.get('/api/v1/orgs/:id/children', async (_req, reply) => {
      const found = await listChildrenWithParent(db, role.orgId, { scopes: role.orgPath, limit: 100 })
      return reply.send(found.filter((r) => r.id !== null))
    })
    await bare.listen({ port: 0, host: '127.0.0.1' })
    const bareUrl = `${baseOf(bare)}/api/v1/orgs/${role.orgId}/children`
    const bareItems = ((await (await fetch(bareUrl)).json()) as unknown[]).length
    if (bareItems !== appItems) throw new Error(`bare route returned ${bareItems} rows, the app ${appItems} items`)

    await hammer(appUrl, headers, opts.warmupSec)
    const viaApp = await hammer(appUrl, headers, opts.durationSec)
    checkClean('app', viaApp)
    await hammer(bareUrl, {}, opts.warmupSec)
    const viaBare = await hammer(bareUrl, {}, opts.durationSec)
    checkClean('bare', viaBare)

    const section = '2 list · PostgreSQL'
    const share = viaApp.reqPerSec / viaBare.reqPerSec
    return {
      rows: [
        {
          section,
          figure: `GET /orgs/:id/children as cadre, ${CONNECTIONS} connections`,
          measured: perSec(viaApp.reqPerSec),
          baseline: `bare Fastify: ${perSec(viaBare.reqPerSec)}`,
          ratio: ratio(viaApp.reqPerSec, viaBare.reqPerSec),
          target: `≥ ${THROUGHPUT_TARGET}× of bare`,
          verdict: verdict(share >= THROUGHPUT_TARGET),
        },
        latencyRow(section, viaApp, viaBare),
      ],
      notes: [
        `Scoped list: demo city seeded into a fresh database; cadre's community has ${appItems} children. ` +
          `${opts.durationSec} s per run after ${opts.warmupSec} s warm-up, app first then bare, autocannon in a worker thread ` +
          `(${viaApp.total.toLocaleString('en-US')} and ${viaBare.total.toLocaleString('en-US')} requests, all 2xx). ` +
          `The app also resolves the session (one query, then reused for SESSION_CACHE_SEC), checks the scope against the parent returned by the same query, validates and serialises with zod; ` +
          `the bare route runs only the same listChildrenWithParent() query on the same pool of ${config.DATABASE_POOL_MAX}.`,
      ],
    }
  } finally {
    await Promise.allSettled([app?.close(), bare?.close()])
    await database.close()
  }
}
