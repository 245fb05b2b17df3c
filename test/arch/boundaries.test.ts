// Tables have one owner: a module's SQL names only the tables its own `*.table.ts` files define.
// What another module needs, the owner exports as a function. Migrations, the demo seed, tests
// and benches are exempt (they build whole worlds on purpose).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const modulesDir = path.join(root, 'src/server/modules')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/** table name → owning module, from every `pgTable('name', …)` in `src/server/**\/*.table.ts`. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>()
  for (const file of filesUnder(path.join(root, 'src/server')).filter((f) => f.endsWith('.table.ts'))) {
    const rel = path.relative(modulesDir, file)
    const owner = rel.startsWith('..') ? 'kernel' : rel.split(path.sep)[0]!
    for (const m of readFileSync(file, 'utf8').matchAll(/pgTable\(\s*'([a-z0-9_]+)'/g)) owners.set(m[1]!, owner)
  }
  return owners
}

/**
 * The SQL of a source file: template literals tagged `sql` (nested ones inside `${…}` included,
 * each read as its own text) and strings passed to sql.raw. Interpolations are blanked out of the
 * text around them, so a table named after a nested template is still found.
 */
function sqlTexts(source: string): string[] {
  const texts: string[] = []
  let covered = 0
  // Reads the template whose opening backtick is at `start`; answers the index after its closing one.
  function template(start: number, tagged: boolean): number {
    let text = ''
    let i = start + 1
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2)
        i += 2
      } else if (source[i] === '$' && source[i + 1] === '{') {
        text += ' '
        i = expression(i + 2)
      } else {
        text += source[i]
        i++
      }
    }
    if (tagged) texts.push(text)
    return i + 1
  }
  // Reads an interpolation's code up to its closing brace, descending into nested templates.
  function expression(start: number): number {
    let depth = 0
    let i = start
    while (i < source.length) {
      const ch = source[i]!
      if (ch === '`') i = template(i, /sql(\.raw\()?$/.test(source.slice(Math.max(0, i - 8), i)))
      else if (ch === "'" || ch === '"') i = source.indexOf(ch, i + 1) + 1 || source.length
      else if (ch === '{') (depth++, i++)
      else if (ch === '}') {
        if (depth === 0) return i + 1
        depth--
        i++
      } else i++
    }
    return i
  }
  for (const m of source.matchAll(/sql(?:\.raw\()?`/g)) {
    // Nested templates are read by their enclosing one; skip starts inside an earlier template.
    if (m.index! < covered) continue
    covered = template(m.index! + m[0].length - 1, true)
  }
  return texts
}

/** Tables a file's SQL names after FROM, JOIN, INTO, UPDATE, DELETE FROM, REFERENCES or TABLE. */
export function tablesNamed(source: string, known: Set<string>): Set<string> {
  const named = new Set<string>()
  for (const text of sqlTexts(source)) {
    const bare = text.replace(/\$\{[^}]*\}/g, ' ')
    for (const m of bare.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS\s*\(\s*SELECT\s+1\s+FROM)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)/gi)) {
      const name = m[1]!.toLowerCase()
      if (known.has(name)) named.add(name)
    }
  }
  return named
}

test('no module names another module\'s table in its SQL', () => {
  const owners = tableOwners()
  assert.ok(owners.size > 40, `found only ${owners.size} tables in *.table.ts`)
  const known = new Set(owners.keys())
  const offences: string[] = []
  for (const file of filesUnder(modulesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.table.ts'))) {
    const module = path.relative(modulesDir, file).split(path.sep)[0]!
    for (const table of tablesNamed(readFileSync(file, 'utf8'), known)) {
      const owner = owners.get(table)!
      if (owner !== module && owner !== 'kernel') offences.push(`${path.relative(root, file)}: ${table} (owned by ${owner})`)
    }
  }
  assert.deepEqual(offences.sort(), [], `modules name tables they do not own (read through the owner's *.read.ts or service):\n${offences.join('\n')}`)
})

test('the boundary reader finds a foreign table in a join and ignores interpolations', () => {
  const known = new Set(['cases', 'orgs'])
  assert.deepEqual([...tablesNamed('sql`SELECT 1 FROM cases c JOIN orgs o ON o.id = c.org_id`', known)].sort(), ['cases', 'orgs'])
  assert.deepEqual([...tablesNamed('sql`SELECT ${x} FROM cases`', known)], ['cases'])
  assert.deepEqual([...tablesNamed('const s = "FROM orgs"', known)], [])
  // A nested template does not end the outer one: what follows it is still SQL, and its own text is read too.
  assert.deepEqual([...tablesNamed('sql`SELECT ${a ? sql`1` : sql`(SELECT 1 FROM orgs)`} FROM cases c`', known)].sort(), ['cases', 'orgs'])
})
