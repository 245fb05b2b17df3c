// Walks every route of the OpenAPI document with bad input (malformed JSON, wrong types,
// missing fields, oversized strings, unknown and malformed ids) and asserts that nothing
// answers 500, every refusal is in the one error shape, and nothing is written.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}
interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

let t: TestApp
let admin: Client
before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  admin = await t.as('admin')
})
after(() => t.close())

const TABLES = ['orgs', 'people', 'role_assignments', 'accounts', 'api_tokens', 'settings', 'audit_log', 'cases', 'case_categories', 'case_meetings', 'notifications', 'attachments',
  'follows', 'calendar_days', 'visits', 'visit_schedules', 'visit_tasks', 'estate_ratings',
  'residents',
  'points_rules', 'points_accounts', 'points_rewards', 'points_redemptions', 'points_transactions', 'points_postings',
  'units', 'unit_people', 'pairing_limits', 'pairing_agreements', 'list_items', 'list_item_events', 'alliances', 'alliance_units', 'alliance_activities',
  'party_members', 'introduction_letters', 'registrations', 'community_posts', 'post_claims', 'member_targets', 'member_reminders', 'feedback_cards',
  'volunteer_teams', 'volunteers', 'volunteer_team_members', 'activities', 'activity_signups', 'activity_attendances', 'time_bank_entries',
]
const COUNT_ONLY = new Set(['case_meetings', 'notifications', 'attachments', 'follows', 'calendar_days', 'visit_tasks',
  'points_transactions', 'points_postings', 'member_reminders', 'list_item_events', 'alliance_units', 'alliance_activities'])

async function snapshot(): Promise<string> {
  const parts: string[] = []
  for (const table of TABLES) {
    const [row] = await t.query<{ n: number; at: string | null }>(
      COUNT_ONLY.has(table)
        ? sql`SELECT count(*)::int AS n, NULL AS at FROM ${sql.identifier(table)}`
        : sql`SELECT count(*)::int AS n, max(${sql.identifier(table === 'audit_log' ? 'at' : 'updated_at')})::text AS at FROM ${sql.identifier(table)}`,
    )
    parts.push(`${table}:${row!.n}:${row!.at}`)
  }
  return parts.join(' ')
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
  const valid: Record<string, unknown> = {}
  for (const [name, prop] of Object.entries(schema.properties)) {
    for (const value of wrongValues(prop)) bodies.push({ ...valid, [name]: value })
  }
  return bodies
}

test('no route answers 500 or writes anything on bad input', { timeout: 600_000 }, async () => {
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> }
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
  assert.ok(routes.length >= 30, `walked ${routes.length} routes`)
  const before = await snapshot()
  const failures: string[] = []
  let requests = 0

  for (const { path, method, op } of routes) {
    if (path === '/api/v1/auth/logout') continue // ending the walker's own session is not bad input
    if (path === '/api/v1/events') continue // a stream that stays open (tested in notifications.api.test.ts)
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
    const idVariants = pathParams.length ? ['999999999', 'abc', '0', '-1', LONG.slice(0, 300), '1%27%20OR%201=1'] : ['']
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query')
    const bodySchema = op.requestBody?.content['application/json']?.schema

    for (const id of idVariants) {
      const url = pathParams.reduce((u, name) => u.replace(`{${name}}`, id), path)
      const attempts: { url: string; payload?: unknown; raw?: string }[] = []
      if (method === 'GET' || method === 'DELETE') {
        attempts.push({ url })
        for (const q of queryParams) for (const v of wrongValues(q.schema)) attempts.push({ url: `${url}?${q.name}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}` })
      } else {
        attempts.push({ url, raw: '{"broken":' })
        // Bodies that are wrong in shape; with an unknown id even a valid body must not write.
        // (A route that takes no body and no id has nothing to get wrong beyond broken JSON.)
        if (bodySchema || pathParams.length) for (const body of badBodies(bodySchema)) attempts.push({ url, payload: body })
      }
      for (const a of attempts) {
        requests++
        const res = await admin.request({
          method: method as 'GET',
          url: a.url,
          ...(a.raw !== undefined ? { payload: a.raw, headers: { 'content-type': 'application/json' } } : a.payload !== undefined ? { payload: JSON.stringify(a.payload), headers: { 'content-type': 'application/json' } } : {}),
        })
        const where = `${method} ${a.url.slice(0, 120)} ${a.raw ?? JSON.stringify(a.payload ?? '').slice(0, 120)}`
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${where}: ${res.body.slice(0, 200)}`)
        else if (res.statusCode >= 400) {
          const body = res.json() as { error?: { code?: string; message?: string } }
          if (!body.error?.code || !body.error.message) failures.push(`not the error shape: ${where}: ${res.body.slice(0, 200)}`)
        } else if (method !== 'GET' && id !== '') {
          failures.push(`a bad request succeeded: ${res.statusCode} ${where}`)
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${requests} requests misbehaved`)
  assert.equal(await snapshot(), before, 'nothing was written')
  assert.ok(requests > 500, `${requests} requests`)
})
