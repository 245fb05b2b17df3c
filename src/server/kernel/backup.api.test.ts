// `npm run backup` / `npm run restore` on both modes: a backup taken, the data changed, the
// backup restored, the change undone. PGlite: a dump of the stopped data dir; PostgreSQL: pg_dump.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { loadConfig, type Config } from './config.ts'
import { backupToFile, restoreFromFile } from './backup.ts'
import { firstRow, openPglite } from './db/client.ts'
import { DataDirLockedError, pgliteDir } from './db/open.ts'
import { databaseUrl, TEMPLATE_DB } from '../../../test/support/template.ts'

const dbKind = process.env.LINLI_TEST_DB === 'postgres' ? 'postgres' : 'pglite'
const root = path.resolve(import.meta.dirname, '../../..')

let work: string
before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'linli-backup-'))
})
after(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('backup and restore on PGlite (the embedded data dir)', { skip: dbKind !== 'pglite' }, () => {
  let config: Config
  let holder: ChildProcess | undefined
  const gridId = '11'

  async function gridName(): Promise<string> {
    const database = await openPglite({ dataDir: pgliteDir(config) })
    try {
      return (await firstRow<{ name: string }>(database.db, sql`SELECT name FROM orgs WHERE id = ${gridId}`))!.name
    } finally {
      await database.close()
    }
  }

  before(async () => {
    config = loadConfig({ DATA_DIR: path.join(work, 'data') })
    const template = process.env.LINLI_TEST_TEMPLATE
    if (!template) throw new Error('LINLI_TEST_TEMPLATE is not set: run the tests with `npm test`')
    await restoreFromFile(config, template)
  })
  after(() => {
    holder?.kill('SIGKILL')
  })

  test('a backup restored undoes the changes made after it, and the replaced data dir is kept aside', async () => {
    const file = path.join(work, 'backups', 'linli.tar.gz')
    await backupToFile(config, file)
    assert.ok(statSync(file).size > 100_000, 'the backup holds the database')
    assert.equal(existsSync(file + '.part'), false, 'no temporary file is left')
    assert.equal(existsSync(path.join(config.DATA_DIR, 'linli.lock')), false, 'the lock is released afterwards')

    const database = await openPglite({ dataDir: pgliteDir(config) })
    const original = (await firstRow<{ name: string }>(database.db, sql`SELECT name FROM orgs WHERE id = ${gridId}`))!.name
    const changed = await firstRow<{ name: string }>(database.db, sql`UPDATE orgs SET name = '备份之后改的名字' WHERE id = ${gridId} RETURNING name`)
    assert.equal(changed?.name, '备份之后改的名字')
    await database.close()

    const { keptAside } = await restoreFromFile(config, file)
    assert.equal(await gridName(), original)
    assert.ok(keptAside, 'the replaced data dir is kept')
    assert.ok(existsSync(keptAside) && keptAside !== pgliteDir(config))
    assert.equal(path.dirname(keptAside), config.DATA_DIR)
    assert.equal(existsSync(path.join(config.DATA_DIR, 'linli.lock')), false)
  })

  test('a file that is not a backup is refused and the data dir is left as it was', async () => {
    const bogus = path.join(work, 'not-a-backup.tar.gz')
    await writeFile(bogus, 'this is not a tarball')
    await assert.rejects(restoreFromFile(config, bogus))
    assert.equal(readdirSync(config.DATA_DIR).filter((f) => f.startsWith('pg.before-restore-')).length, 1, 'no second copy kept aside')
    assert.notEqual(await gridName(), '备份之后改的名字', 'the restored data is still there')
  })

  test('backup and restore refuse while the data dir is locked by a running process', async () => {
    // Another process (standing for a running server) takes the lock the way `npm start` does.
    holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import { lockDataDir } from './src/server/kernel/db/open.ts'; lockDataDir(${JSON.stringify(config.DATA_DIR)}); console.log('locked'); setInterval(() => {}, 1000)`],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve, reject) => {
      holder!.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve())
      holder!.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)))
    })
    const file = path.join(work, 'while-locked.tar.gz')
    await assert.rejects(backupToFile(config, file), (err: Error) => {
      assert.ok(err instanceof DataDirLockedError, String(err))
      assert.ok(err.message.includes(config.DATA_DIR), err.message)
      assert.ok(err.message.includes(String(holder!.pid)), err.message)
      return true
    })
    assert.equal(existsSync(file), false, 'no backup file is written')
    await assert.rejects(restoreFromFile(config, path.join(work, 'backups', 'linli.tar.gz')), DataDirLockedError)
    assert.ok(existsSync(pgliteDir(config)), 'the data dir is untouched')
    holder.kill('SIGKILL')
  })
})

describe('backup and restore on a PostgreSQL server (pg_dump / pg_restore)', { skip: dbKind !== 'postgres' ? true : process.env.LINLI_TEST_CITUS === '1' ? 'a Citus cluster is backed up node by node: pg_dump of the coordinator alone holds none of the workers\' shards' : false }, () => {
  const base = process.env.LINLI_TEST_DATABASE_URL!
  const name = `linli_b_${process.pid}_${randomBytes(4).toString('hex')}`
  let config: Config
  let client: pg.Client | undefined

  async function adminQuery(text: string): Promise<void> {
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    try {
      await admin.query(text)
    } finally {
      await admin.end()
    }
  }

  before(async () => {
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
    config = loadConfig({ DATABASE_URL: databaseUrl(base, name), DATA_DIR: path.join(work, 'unused') })
  })
  after(async () => {
    await client?.end().catch(() => undefined)
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  })

  test('pg_dump on PATH is of the same or a newer major version than the server', async () => {
    const out = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' })
    assert.equal(out.status, 0, out.stderr)
    const clientMajor = Number(/(\d+)(\.\d+)?/.exec(out.stdout)![1])
    client = new pg.Client({ connectionString: config.DATABASE_URL })
    await client.connect()
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num')
    const serverMajor = Math.floor(Number(rows[0]!.server_version_num) / 10000)
    assert.ok(clientMajor >= serverMajor, `pg_dump ${clientMajor} cannot dump a PostgreSQL ${serverMajor} server`)
  })

  test('a failed pg_dump leaves no file behind and says which command failed', async () => {
    const file = path.join(work, 'failed.dump')
    const bad = { ...config, DATABASE_URL: databaseUrl(base, `${name}_missing`) }
    await assert.rejects(backupToFile(bad, file), /pg_dump/)
    assert.equal(existsSync(file), false)
    assert.equal(existsSync(file + '.part'), false)
  })

  test('a pg_dump backup restored with pg_restore undoes the changes made after it', async () => {
    const q = async (text: string, params: unknown[] = []) => (await client!.query(text, params)).rows
    const count = async () => Number((await q('SELECT count(*) AS n FROM orgs'))[0].n)
    const original = (await q('SELECT name FROM orgs WHERE id = 11'))[0].name as string
    const orgsBefore = await count()

    const file = path.join(work, 'linli.dump')
    await backupToFile(config, file)
    assert.ok(statSync(file).size > 10_000, 'the dump holds the database')

    await q(`UPDATE orgs SET name = '备份之后改的名字' WHERE id = 11`)
    await q(`INSERT INTO orgs (parent_id, kind, name) VALUES (11, 'building', '备份之后新建的楼栋')`)
    assert.equal(await count(), orgsBefore + 1)
    await client!.end()
    client = undefined

    const { keptAside } = await restoreFromFile(config, file)
    assert.equal(keptAside, null)

    client = new pg.Client({ connectionString: config.DATABASE_URL })
    await client.connect()
    assert.equal((await q('SELECT name FROM orgs WHERE id = 11'))[0].name, original)
    assert.equal(await count(), orgsBefore)
    // PostGIS and ltree work after the restore, and the migrations are recorded.
    const [check] = await q(`SELECT ST_IsValid(geometry) AS valid, nlevel(path) AS depth FROM orgs WHERE id = 11`)
    assert.equal(check.valid, true)
    assert.ok(check.depth > 1)
    assert.ok((await q('SELECT count(*) AS n FROM schema_migrations'))[0].n > 0)
    // The monthly-partitioned tables come back partitioned, with their rows.
    const parts = await q(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'p' AND relname IN ('audit_log', 'notifications', 'case_events')`)
    assert.equal(parts[0].n, 3)
    assert.ok(Number((await q('SELECT count(*) AS n FROM case_events'))[0].n) > 0, 'the case timelines came back')
  })

  test('a broken archive is refused and the database is left as it was', async () => {
    const q = async (text: string) => (await client!.query(text)).rows
    const before = Number((await q('SELECT count(*) AS n FROM notifications'))[0].n)
    const good = readFileSync(path.join(work, 'linli.dump'))
    const broken = path.join(work, 'broken.dump')
    writeFileSync(broken, good.subarray(0, Math.floor(good.length * 0.6)))
    await assert.rejects(restoreFromFile(config, broken))
    assert.equal(Number((await q('SELECT count(*) AS n FROM notifications'))[0].n), before, 'nothing dropped')
    assert.equal((await q(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'p' AND relname = 'notifications'`))[0].n, 1)
  })
})
