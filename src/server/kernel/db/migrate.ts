// Applies the committed SQL migrations in `migrations/` in name order, all pending ones in
// one transaction under an advisory lock, so two instances starting at once do not race.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../paths.ts'
import type { Database } from './client.ts'

export const migrationsDir = path.join(projectRoot, 'migrations')
const MIGRATION_LOCK = 0x11e11 // any constant shared by every Linli instance

export async function listMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort()
}

/** Returns the name of the newest migration after running the pending ones. */
export async function migrate(database: Database): Promise<{ applied: string[]; current: string }> {
  const files = await listMigrations()
  const applied: string[] = []
  await database.runLockedScript(MIGRATION_LOCK, async (exec, query) => {
    await exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const done = new Set((await query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name))
    for (const file of files) {
      if (done.has(file)) continue
      await exec(await readFile(path.join(migrationsDir, file), 'utf8'))
      await query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
      applied.push(file)
    }
  })
  return { applied, current: files.at(-1) ?? '' }
}
