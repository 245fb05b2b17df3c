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

/**
 * Drops the partitioned tables (kernel/db/partitions.ts) with their partitions first: `pg_restore
 * --clean` would otherwise drop a partition's inherited key or attached index before its parent's,
 * which PostgreSQL refuses. The restore then recreates them as dumped. Same transaction as the restore.
 */
const DROP_PARTITIONED = `DO $linli$ DECLARE r record; BEGIN
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'p' AND n.nspname = 'public' AND NOT c.relispartition LOOP
    EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', r.t);
  END LOOP;
END $linli$;
`

/**
 * pg_restore's script piped into psql in one transaction, after DROP_PARTITIONED: every statement
 * or none (ON_ERROR_STOP), so a failed restore leaves the database as it was.
 */
function restoreServer(url: string, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', ['--single-transaction', '--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '--dbname', url], { stdio: ['pipe', 'ignore', 'inherit'] })
    const dump = spawn('pg_restore', ['--clean', '--if-exists', '--no-owner', '--file', '-', source], { stdio: ['ignore', 'pipe', 'inherit'] })
    let failed: Error | null = null
    let dumpDone = false
    psql.on('error', (err) => { failed ??= new Error(`psql 无法运行：${err.message}`); dump.kill() })
    dump.on('error', (err) => { failed ??= new Error(`pg_restore 无法运行：${err.message}`); psql.stdin.destroy() })
    dump.on('close', (code) => {
      dumpDone = true
      if (code === 0) return psql.stdin.end()
      // A broken or unreadable archive: psql would commit whatever it got when its input ends, so the
      // input ends in an error instead, and ON_ERROR_STOP rolls the whole transaction back.
      failed ??= new Error(`pg_restore 退出码 ${code}`)
      psql.stdin.end(`;\nDO $linli$ BEGIN RAISE EXCEPTION 'pg_restore failed'; END $linli$;\n`)
    })
    psql.stdin.on('error', () => undefined)
    psql.stdin.write(DROP_PARTITIONED)
    dump.stdout.pipe(psql.stdin, { end: false })
    psql.on('exit', (code) => {
      if (failed) return reject(failed)
      if (code !== 0) return reject(new Error(`psql 退出码 ${code}（恢复已整体撤销 / the restore was rolled back）`))
      if (!dumpDone) return reject(new Error('pg_restore 未完成'))
      resolve()
    })
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
    await restoreServer(config.DATABASE_URL, source)
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
