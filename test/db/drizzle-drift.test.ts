// The Drizzle tables (src/server/**/*.table.ts) and the committed SQL migrations describe one
// schema. The server runs the .sql files; drizzle-kit diffs the tables against the newest
// snapshot in migrations/meta to write the next one. So: every migration has a journal entry and
// a snapshot (chained by prevId), and `drizzle-kit generate` finds nothing to generate.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const migrations = path.join(root, 'migrations')
interface Journal { entries: { idx: number; tag: string }[] }
interface Snapshot { id: string; prevId: string }

test('the journal records every migration, in order, each with a snapshot chained to the one before', () => {
  const files = readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort().map((f) => f.slice(0, -4))
  const journal = JSON.parse(readFileSync(path.join(migrations, 'meta/_journal.json'), 'utf8')) as Journal
  assert.deepEqual(journal.entries.map((e) => e.tag), files)
  assert.deepEqual(journal.entries.map((e) => e.idx), files.map((_, i) => i))
  const snapshots = files.map((_, i) => JSON.parse(readFileSync(path.join(migrations, `meta/${String(i).padStart(4, '0')}_snapshot.json`), 'utf8')) as Snapshot)
  snapshots.forEach((s, i) => { if (i > 0) assert.equal(s.prevId, snapshots[i - 1]!.id, `snapshot ${i} follows snapshot ${i - 1}`) })
  assert.equal(readdirSync(path.join(migrations, 'meta')).filter((f) => f.endsWith('_snapshot.json')).length, files.length, 'no stray snapshot')
})

test('drizzle-kit generate finds no difference between the tables and the newest snapshot', { timeout: 120_000 }, () => {
  // In a copy: were there a difference, drizzle-kit would write a migration there, not here.
  const out = mkdtempSync(path.join(tmpdir(), 'linli-drift-'))
  try {
    cpSync(path.join(migrations, 'meta'), path.join(out, 'meta'), { recursive: true })
    const bin = path.join(root, 'node_modules/.bin/drizzle-kit')
    const r = spawnSync(bin, ['generate', '--dialect=postgresql', '--schema=./src/server/**/*.table.ts', `--out=${path.relative(root, out)}` /* drizzle-kit reads a relative path */, '--name=drift'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } })
    const said = `${r.stdout}\n${r.stderr}`
    const written = readdirSync(out).filter((f) => f.endsWith('.sql'))
    const sqlText = written.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n')
    assert.deepEqual(written, [], `the tables differ from migrations/meta; drizzle-kit would generate:\n${sqlText}`)
    assert.equal(r.status, 0, said)
    assert.match(said, /No schema changes/, said)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
