// The guard of the kernel access rule (HOUSE-STYLE: "Every id is checked, wherever it arrives"):
// every request field of the OpenAPI document whose name ends in Id or Ids (query parameters and
// JSON body properties, nested ones included) must be listed in test/api/id-fields.ts, either
// against a row of the permission matrix (test/api/permissions*.api.test.ts) that sends an id
// outside the caller's scope in that field, or as an exemption with its reason. So a module that
// adds a `fooId` cannot land without a matrix row for it.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startTestApp, type TestApp } from '../support/app.ts'
import { ID_FIELDS } from './id-fields.ts'

const ID = /(Id|Ids)$/
type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] }
type Operation = { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }

/** Every id field of a JSON body, with its path: `role.orgId`, `targets.[].visitorOrgId`. */
function bodyFields(s: Schema | undefined, prefix: string, out: string[]): void {
  if (!s || typeof s !== 'object') return
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    if (ID.test(k)) out.push(prefix + k)
    bodyFields(v, `${prefix}${k}.`, out)
  }
  if (s.items) bodyFields(s.items, `${prefix}[].`, out)
  for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) bodyFields(x, prefix, out)
}

/** `METHOD /path field` for every id field of every route; query parameters start with `?`. */
function idFields(doc: { paths: Record<string, Record<string, Operation>> }): string[] {
  const out: string[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const fields: string[] = []
      for (const p of op.parameters ?? []) if (p.in === 'query' && ID.test(p.name)) fields.push(`?${p.name}`)
      bodyFields(op.requestBody?.content?.['application/json']?.schema, '', fields)
      for (const field of new Set(fields)) out.push(`${method.toUpperCase()} ${path} ${field}`)
    }
  }
  return out
}

let t: TestApp
let fields: string[]
before(async () => {
  t = await startTestApp()
  fields = idFields(t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> })
})
after(() => t.close())

test('the OpenAPI document still names ids in requests (the guard reads something)', () => {
  assert.ok(fields.length > 100, `${fields.length} id fields`)
})

test('every id in a body or a query string has a permission-matrix row or a stated exemption', () => {
  const missing = fields.filter((f) => !(f in ID_FIELDS))
  assert.deepEqual(missing, [], `These request fields name ids that no permission-matrix row covers:\n  ${missing.join('\n  ')}\n` +
    'Check the id with requireAccess (src/server/kernel/access.ts) in the service, add a row to a test/api/permissions*.api.test.ts file ' +
    'that sends an id outside the caller\'s scope in that field (refused, nothing written; plus an in-scope row that succeeds), ' +
    'and add the field to test/api/id-fields.ts with that row\'s family.')
})

test('every registry entry names a family of the matrix, or gives a reason for its exemption', () => {
  const dir = new URL('.', import.meta.url).pathname
  const matrix = readdirSync(dir).filter((n) => /^permissions.*\.api\.test\.ts$/.test(n)).map((n) => readFileSync(join(dir, n), 'utf8')).join('\n')
  const wrong: string[] = []
  for (const [field, entry] of Object.entries(ID_FIELDS)) {
    if (typeof entry === 'string') {
      if (!matrix.includes(`family: '${entry}'`) && !matrix.includes(`refused('${entry}'`)) wrong.push(`${field}: no matrix row has the family '${entry}'`)
    } else if (entry.exempt.trim().length < 20) wrong.push(`${field}: an exemption needs a real reason`)
  }
  assert.deepEqual(wrong, [])
})

test('every registry entry names a field that still exists', () => {
  const known = new Set(fields)
  const stale = Object.keys(ID_FIELDS).filter((f) => !known.has(f))
  assert.deepEqual(stale, [], `These registry entries name fields the API no longer has; remove them from test/api/id-fields.ts:\n  ${stale.join('\n  ')}`)
})
