// Opens the database the configuration names, holding a lock file on an embedded data
// directory so a second process gets a clear error instead of corrupting it.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.ts'
import { openPglite, openPostgres, type Database } from './client.ts'
import { openReplicas, type ReplicaOptions } from './replicas.ts'

export class DataDirLockedError extends Error {}

export function pgliteDir(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'pg')
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes `${DATA_DIR}/linli.lock`; returns its release. A lock left by a dead process is taken over. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(path.resolve(dataDir), 'linli.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lockPath, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number(readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被进程 ${holder} 使用（Linli 是否已在运行？）。The data directory is in use by process ${holder}.`,
        )
      }
      rmSync(lockPath, { force: true })
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dataDir}`)
}

export async function openConfiguredDatabase(config: Config): Promise<{ database: Database; release: () => void }> {
  if (config.DATABASE_URL) {
    const database = await openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, config.DATABASE_CONNECT_TIMEOUT_MS)
    if (config.DATABASE_REPLICA_URLS.length > 0) await attachReplicas(database, config.DATABASE_REPLICA_URLS, config)
    return { database, release: () => undefined }
  }
  if (config.DATABASE_REPLICA_URLS.length > 0) console.warn('嵌入式模式忽略 DATABASE_REPLICA_URLS (embedded mode ignores DATABASE_REPLICA_URLS)')
  const release = lockDataDir(config.DATA_DIR)
  try {
    return { database: await openPglite({ dataDir: pgliteDir(config) }), release }
  } catch (err) {
    release()
    throw err
  }
}

/** Opens pools on the replicas and routes `database.reads` through them; closing the database closes them. */
export async function attachReplicas(database: Database, urls: string[], config: Pick<Config, 'DATABASE_REPLICA_MAX_LAG_MS' | 'DATABASE_REPLICA_CHECK_MS' | 'DATABASE_POOL_MAX'>, log?: ReplicaOptions['log']): Promise<void> {
  const reads = await openReplicas(database.db, urls, { maxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS, checkMs: config.DATABASE_REPLICA_CHECK_MS, poolMax: config.DATABASE_POOL_MAX, log })
  const closePrimary = database.close
  database.reads = reads
  database.close = async () => {
    await reads.close()
    await closePrimary()
  }
}
