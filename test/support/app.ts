// One Linli app per test file, on its own copy of the template database (PGlite in memory,
// or a new database on the PostgreSQL server), with helpers to act as the demo accounts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { buildApp, type AppDeps } from '../../src/server/app.ts'
import { loadConfig, type Config } from '../../src/server/kernel/config.ts'
import { openPglite, openPostgres, rows, type Database } from '../../src/server/kernel/db/client.ts'
import { listMigrations } from '../../src/server/kernel/db/migrate.ts'
import { attachReplicas } from '../../src/server/kernel/db/open.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/seed.ts'
import { ConsoleSmsProvider } from '../../src/server/kernel/sms.ts'
import { loadPiiKeyring, type PiiKeyring } from '../../src/server/kernel/pii.ts'
import { databaseUrl, TEMPLATE_DB, TEST_PII_KEYS } from './template.ts'
import { citusTests, createCitusDatabase, dropCitusDatabase } from './citus.ts'

export const dbKind: 'pglite' | 'postgres' = process.env.LINLI_TEST_DB === 'postgres' ? 'postgres' : 'pglite'

export interface Client {
  cookie: string | null
  token: string | null
  request(opts: InjectOptions): Promise<LightMyRequestResponse>
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>
  delete(url: string): Promise<LightMyRequestResponse>
}

export interface Fixtures {
  cityId: string
  districtId: string
  streetId: string
  otherStreetId: string
  communityId: string
  otherCommunityId: string
  gridId: string
  siblingGridId: string
  otherGridId: string
  buildingId: string
  personIds: Record<string, string>
}

export interface TestApp {
  app: FastifyInstance
  database: Database
  config: Config
  fixtures: Fixtures
  /** The SMS the app sent (console provider), e.g. verification codes. */
  sms: ConsoleSmsProvider
  /** The test keys' keyring, to check what is stored sealed (kernel/pii.ts). */
  pii: PiiKeyring
  anonymous: Client
  /** Logs in (POST /auth/login); `from` is the client's address, so logins from factories do not spend the file's per-address login limit. */
  as(username: string, password?: string, from?: string): Promise<Client>
  /** Logs in as each demo account, in order. */
  asEach<const N extends readonly string[]>(...usernames: N): Promise<{ [K in keyof N]: Client }>
  withToken(token: string): Client
  query<T>(text: ReturnType<typeof sql>): Promise<T[]>
  close(): Promise<void>
}

async function openTestDatabase(): Promise<{ database: Database; name: string | null; drop: () => Promise<void> }> {
  if (dbKind === 'pglite') {
    const file = process.env.LINLI_TEST_TEMPLATE
    if (!file) throw new Error('LINLI_TEST_TEMPLATE is not set: run the tests with `npm test`')
    const database = await openPglite({ loadDataDir: new Blob([readFileSync(file)]) })
    return { database, name: null, drop: async () => undefined }
  }
  const base = process.env.LINLI_TEST_DATABASE_URL!
  const name = `linli_t_${process.pid}_${randomBytes(4).toString('hex')}`
  if (citusTests) {
    await createCitusDatabase(base, name, TEMPLATE_DB)
    return { database: await openPostgres(databaseUrl(base, name), 5), name, drop: () => dropCitusDatabase(base, name) }
  }
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
  await admin.end()
  const database = await openPostgres(databaseUrl(base, name), 5)
  return {
    database,
    name,
    drop: async () => {
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

function makeClient(app: FastifyInstance, auth: { cookie: string | null; token: string | null }): Client {
  const client: Client = {
    ...auth,
    request(opts) {
      const headers: Record<string, string> = { 'x-linli-csrf': '1', ...(opts.headers as Record<string, string>) }
      if (client.cookie) headers.cookie = client.cookie
      if (client.token) headers.authorization = `Bearer ${client.token}`
      return app.inject({ ...opts, headers })
    },
    get: (url, headers) => client.request({ method: 'GET', url, headers }),
    post: (url, body, headers) => client.request({ method: 'POST', url, payload: body as never, headers }),
    patch: (url, body) => client.request({ method: 'PATCH', url, payload: body as never }),
    put: (url, body) => client.request({ method: 'PUT', url, payload: body as never }),
    delete: (url) => client.request({ method: 'DELETE', url }),
  }
  return client
}

export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name === 'linli_session')
  return c ? `linli_session=${c.value}` : null
}

export interface TestAppOptions {
  /** Sees every route as it is registered (see AppDeps.onRoute). */
  onRoute?: AppDeps['onRoute']
  /** PostgreSQL only: streaming replicas of the test server; this file's database is opened on each (kernel/db/replicas.ts). */
  replicaUrls?: string[]
  /** Where the replicas' state changes are logged. */
  replicaLog?: (message: string) => void
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const { database, name, drop } = await openTestDatabase()
  // Photos go to a directory of this test app's own; the minute sweep runs only when a test
  // calls it (with the time it wants), never on a timer.
  const filesDir = mkdtempSync(join(tmpdir(), 'linli-files-'))
  const config = loadConfig({ LOG_LEVEL: process.env.LINLI_TEST_LOG_LEVEL ?? 'silent', SCHEDULER: '0', FILES_DIR: filesDir, LINLI_PII_KEYS: TEST_PII_KEYS, ...env })
  const migration = (await listMigrations()).at(-1)!
  if (options.replicaUrls?.length && name) await attachReplicas(database, options.replicaUrls.map((u) => databaseUrl(u, name)), config, options.replicaLog)
  const sms = new ConsoleSmsProvider({ info: () => undefined })
  const app = await buildApp({ config, database, migration, logger: false, sms, onRoute: options.onRoute })
  await app.ready()
  const q = <T,>(text: ReturnType<typeof sql>) => rows<T>(database.db, text)

  const ids = await q<{ username: string; person_id: string; org_id: string; kind: string; parent_id: string | null }>(sql`
    SELECT a.username, a.person_id::text, r.org_id::text, o.kind, o.parent_id::text
    FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id ORDER BY r.id`)
  const at = (username: string) => ids.find((r) => r.username === username)!
  const first = async (text: ReturnType<typeof sql>) => (await q<{ id: string }>(text))[0]!.id
  const street = at('street').org_id
  const community = at('cadre').org_id
  const grid = at('grid').org_id
  const fixtures: Fixtures = {
    cityId: at('admin').org_id,
    districtId: at('district').org_id,
    streetId: street,
    otherStreetId: await first(sql`SELECT id::text FROM orgs WHERE kind = 'street' AND id <> ${street} ORDER BY id LIMIT 1`),
    communityId: community,
    otherCommunityId: await first(sql`SELECT o.id::text FROM orgs o JOIN orgs s ON s.id = o.parent_id WHERE o.kind = 'community' AND s.id <> ${street} ORDER BY o.id LIMIT 1`),
    gridId: grid,
    siblingGridId: await first(sql`SELECT id::text FROM orgs WHERE parent_id = ${community} AND kind = 'grid' AND id <> ${grid} ORDER BY id LIMIT 1`),
    otherGridId: await first(sql`SELECT g.id::text FROM orgs g WHERE g.kind = 'grid' AND g.parent_id <> ${community} ORDER BY g.id LIMIT 1`),
    buildingId: at('resident').org_id,
    personIds: Object.fromEntries(ids.map((r) => [r.username, r.person_id])),
  }

  const testApp: TestApp = {
    app,
    database,
    config,
    sms,
    pii: loadPiiKeyring(config),
    fixtures,
    anonymous: makeClient(app, { cookie: null, token: null }),
    async as(username, password = DEMO_PASSWORD, from) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1' }, payload: { username, password }, ...(from ? { remoteAddress: from } : {}) })
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`)
      return makeClient(app, { cookie: sessionCookieOf(res), token: null })
    },
    async asEach(...usernames) {
      const clients: Client[] = []
      for (const u of usernames) clients.push(await testApp.as(u))
      return clients as never
    },
    withToken: (token) => makeClient(app, { cookie: null, token }),
    query: q,
    async close() {
      await app.close()
      await database.close()
      await drop()
      rmSync(filesDir, { recursive: true, force: true })
    },
  }
  return testApp
}

export const demoPassword = DEMO_PASSWORD
