// Backups: rolling automatic ones of the embedded data directory (PGlite has no crash
// recovery), and the `npm run backup` / `npm run restore` commands for both modes.
import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { openPglite } from './db/client.ts'
import { lockDataDir, pgliteDir } from './db/open.ts'

const ROLLING_PREFIX = 'linli-auto-'

export function backupDir(config: Pick<Config, 'BACKUP_DIR' | 'DATA_DIR'>): string {
  return path.resolve(config.BACKUP_DIR ?? path.join(config.DATA_DIR, 'backups'))
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-')
}

/** Writes a dump of the open embedded database and keeps only the newest `keep` rolling backups. */
export async function rollingBackup(database: Database, dir: string, keep: number): Promise<string> {
  if (!database.dumpDataDir) throw new Error('rolling backups are for the embedded database')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `${ROLLING_PREFIX}${stamp()}-${process.hrtime.bigint() % 1000n}.tar.gz`)
  const blob = await database.dumpDataDir()
  await writeFile(file + '.part', Buffer.from(await blob.arrayBuffer()))
  await rename(file + '.part', file)
  const old = (await readdir(dir)).filter((f) => f.startsWith(ROLLING_PREFIX) && f.endsWith('.tar.gz')).sort()
  for (const f of old.slice(0, Math.max(0, old.length - keep))) await rm(path.join(dir, f), { force: true })
  return file
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', (err) => reject(new Error(`${command} 无法运行：${err.message}`)))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} 退出码 ${code}`))))
  })
}

/** `npm run backup -- FILE`: pg_dump on a server; on PGlite, a dump of the (stopped) data dir. */
export async function backupToFile(config: Config, file: string): Promise<void> {
  const target = path.resolve(file)
  await mkdir(path.dirname(target), { recursive: true })
  if (config.DATABASE_URL) {
    try {
      await run('pg_dump', ['--format=custom', '--no-owner', '--file', target + '.part', config.DATABASE_URL])
    } catch (err) {
      await rm(target + '.part', { force: true })
      throw err
    }
    await rename(target + '.part', target)
    return
  }
  const release = lockDataDir(config.DATA_DIR)
  try {
    if (!existsSync(pgliteDir(config))) throw new Error(`数据目录 ${pgliteDir(config)} 不存在`)
    const database = await openPglite({ dataDir: pgliteDir(config) })
    try {
      const blob = await database.dumpDataDir!()
      // Written aside and renamed, so an interrupted backup never leaves a truncated file under the real name.
      await writeFile(target + '.part', Buffer.from(await blob.arrayBuffer()))
      await rename(target + '.part', target)
    } finally {
      await database.close()
    }
  } finally {
    release()
  }
}

/** `npm run restore -- FILE`: replaces the database with the backup. The old data dir is kept aside. */
export async function restoreFromFile(config: Config, file: string): Promise<{ keptAside: string | null }> {
  const source = path.resolve(file)
  await stat(source)
  if (config.DATABASE_URL) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', config.DATABASE_URL, source])
    return { keptAside: null }
  }
  const release = lockDataDir(config.DATA_DIR)
  const dir = pgliteDir(config)
  const aside = existsSync(dir) ? `${dir}.before-restore-${stamp()}` : null
  try {
    if (aside) await rename(dir, aside)
    try {
      const blob = new Blob([await readFile(source)])
      const database = await openPglite({ dataDir: dir, loadDataDir: blob })
      await database.db.execute(sql`SELECT 1 FROM schema_migrations LIMIT 1`)
      await database.close()
    } catch (err) {
      await rm(dir, { recursive: true, force: true })
      if (aside) await rename(aside, dir)
      throw err
    }
    return { keptAside: aside }
  } finally {
    release()
  }
}
