// Walks every registered route (hidden ones included: Open311, the web app, the API docs) with
// bad input (malformed JSON, wrong types, missing fields, oversized strings, unknown and
// malformed ids) and asserts that nothing answers 500, every refusal is in its error shape, and
// nothing is written to any table the database has. The routes come from Fastify as they are
// registered and the tables from the catalogue, so a new module is walked without editing this.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { FastifyRequest, RouteOptions } from 'fastify'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { factories } from '../support/factories.ts'

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}
interface Route {
  key: string
  method: string
  url: string
  params: string[]
  query: Record<string, JsonSchema>
  body: JsonSchema | undefined
}

const WALKED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
/** Routes sent no bad input, each with why; every other registered route must be reached. */
const NOT_WALKED: Record<string, string> = {
  'GET /api/v1/events': 'a stream that stays open (tested in notifications.api.test.ts)',
}

let t: TestApp
let admin: Client
const registered: Route[] = []
const reached = new Set<string>()

/** A zod schema (what the routes declare) or a JSON schema (plugins' own routes) as JSON schema. */
function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object') return undefined
  if ('_zod' in schema) return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  return schema as JsonSchema
}

function onRoute(route: RouteOptions) {
  const methods = [route.method].flat().map((m) => m.toUpperCase()).filter((m) => WALKED_METHODS.includes(m))
  const schema = (route.schema ?? {}) as { querystring?: unknown; body?: unknown }
  for (const method of methods) {
    const key = `${method} ${route.url}`
    registered.push({
      key,
      method,
      url: route.url,
      params: [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*'),
      query: jsonSchemaOf(schema.querystring)?.properties ?? {},
      body: jsonSchemaOf(schema.body),
    })
  }
  // Marks the route as reached by a request (rather than by the router's not-found answer).
  const mark = (request: FastifyRequest, _reply: unknown, done: () => void) => {
    reached.add(`${request.method === 'HEAD' ? 'GET' : request.method} ${request.routeOptions.url}`)
    done()
  }
  route.onRequest = [mark, ...[route.onRequest ?? []].flat()] as RouteOptions['onRequest']
}

before(async () => {
  t = await startTestApp({}, { onRoute })
  // The walker is an admin of the city, made for this file (test/support/factories.ts).
  admin = (await factories(t).newPerson({ role: 'admin', orgId: t.fixtures.cityId })).client
})
after(() => t.close())

/** Every table of the database except those PostGIS brings, read from the catalogue. */
async function tables(): Promise<string[]> {
  const found = await t.query<{ name: string }>(sql`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1`)
  return found.map((r) => r.name)
}

/** A fingerprint of every row of every table: a write anywhere changes it. */
/**
 * Each table's row count and content hash. A session's `last_seen_at` (and the `updated_at` its
 * trigger sets) is left out: being signed in touches it once a minute (kernel/auth/actor.ts), and
 * a slow walk outlasts that minute.
 */
async function snapshot(names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const table of names) {
    const [row] = await t.query<{ n: number; h: string }>(sql`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(r), '' ORDER BY md5(r)), '')) AS h
      FROM (SELECT (to_jsonb(x) - string_to_array(${table === 'sessions' ? 'last_seen_at,updated_at' : ''}, ','))::text AS r FROM ${sql.identifier(table)} x) y`)
    out.set(table, `${row!.n}:${row!.h}`)
  }
  return out
}

const LONG = 'x'.repeat(20_000)

/** Values of the wrong type for a property of the given schema. */
function wrongValues(schema: JsonSchema): unknown[] {
  const types = new Set([schema.type ?? [], ...(schema.anyOf ?? []).map((s) => s.type ?? []), ...(schema.oneOf ?? []).map((s) => s.type ?? [])].flat())
  const values: unknown[] = [{ nested: { deep: [1, 2, 3] } }, [LONG], -1e308]
  if (types.has('string')) values.push(12345, true, LONG, '', '\u0000', "'; DROP TABLE orgs; --")
  if (types.has('number') || types.has('integer')) values.push('abc', 1.5e300, -1, '1; select 1')
  if (types.has('boolean')) values.push('yes', 2)
  if (types.has('object') || types.has('array')) values.push('string', 42, null)
  return values
}

function badBodies(schema: JsonSchema | undefined): unknown[] {
  const bodies: unknown[] = [[], 'text', 42, null, {}, { unexpected: LONG }]
  if (!schema?.properties) return bodies
  for (const [name, prop] of Object.entries(schema.properties)) {
    for (const value of wrongValues(prop)) bodies.push({ [name]: value })
  }
  return bodies
}

/** Whether a refusal is in the shape its part of the app answers in ('' when it is). */
function shapeProblem(url: string, res: { body: string; headers: Record<string, unknown> }): string {
  if (url.startsWith('/open311/')) {
    const xml = !url.split('?')[0]!.endsWith('.json')
    if (xml) return res.body.includes('<errors>') ? '' : 'not an Open311 XML error'
    const body = JSON.parse(res.body) as { code?: number; description?: string }[]
    return Array.isArray(body) && body.every((e) => typeof e.code === 'number' && e.description) ? '' : 'not an Open311 JSON error'
  }
  if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return ''
  const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } }
  return body.error?.code && body.error.message ? '' : 'not the error shape'
}

test('every registered route is walked with bad input: no 500, one error shape, nothing written', { timeout: 600_000 }, async (ctx) => {
  const names = await tables()
  assert.ok(names.length >= 50, `${names.length} tables`)
  // Logging out ends a session: the walker uses one of its own for that route.
  const logoutClient = (await factories(t).newPerson({ role: 'admin', orgId: t.fixtures.cityId })).client
  const before = await snapshot(names)
  const failures: string[] = []
  let requests = 0

  const routes = registered.filter((r) => !(r.key in NOT_WALKED))
  for (const { key, method, url: pattern, params, query, body: bodySchema } of routes) {
    const client = key === 'POST /api/v1/auth/logout' ? logoutClient : admin
    const idVariants = params.length ? ['999999999', 'abc', '0', '-1', LONG.slice(0, 300), '1%27%20OR%201=1'] : ['']
    for (const id of idVariants) {
      const url = pattern.replace(/:(\w+)|\*/g, id)
      const attempts: { url: string; payload?: unknown; raw?: string }[] = []
      if (method === 'GET' || method === 'DELETE') {
        attempts.push({ url })
        for (const [name, schema] of Object.entries(query)) for (const v of wrongValues(schema)) attempts.push({ url: `${url}?${name}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}` })
      } else {
        attempts.push({ url, raw: '{"broken":' })
        // Bodies that are wrong in shape; with an unknown id even a valid body must not write.
        // (A route that takes no body and no id has nothing to get wrong beyond broken JSON.)
        if (bodySchema || params.length) for (const body of badBodies(bodySchema)) attempts.push({ url, payload: body })
      }
      for (const a of attempts) {
        requests++
        const res = await client.request({
          method: method as 'GET',
          url: a.url,
          ...(a.raw !== undefined ? { payload: a.raw, headers: { 'content-type': 'application/json' } } : a.payload !== undefined ? { payload: JSON.stringify(a.payload), headers: { 'content-type': 'application/json' } } : {}),
        })
        const where = `${method} ${a.url.slice(0, 120)} ${a.raw ?? JSON.stringify(a.payload ?? '').slice(0, 120)}`
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${where}: ${res.body.slice(0, 200)}`)
        else if (res.statusCode >= 400) {
          const problem = shapeProblem(a.url, res)
          if (problem) failures.push(`${problem}: ${where}: ${res.body.slice(0, 200)}`)
        } else if (method !== 'GET' && id !== '') {
          failures.push(`a bad request succeeded: ${res.statusCode} ${where}`)
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${requests} requests misbehaved`)
  const after = await snapshot(names)
  assert.deepEqual(names.filter((n) => after.get(n) !== before.get(n)), [], 'nothing was written')
  const unreached = routes.filter((r) => !reached.has(r.key)).map((r) => r.key)
  assert.deepEqual(unreached, [], 'every registered route was reached by the walk')
  ctx.diagnostic(`${routes.length} of ${registered.length} routes walked (${Object.keys(NOT_WALKED).length} excused), ${requests} requests, ${names.length} tables`)
  assert.ok(routes.length >= 200, `walked ${routes.length} routes`)
  assert.ok(requests > 500, `${requests} requests`)
})
