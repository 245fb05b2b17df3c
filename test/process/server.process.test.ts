// The real `npm start` process on an embedded data directory: start-up, the data-dir lock,
// a clean shutdown with its final backup, bad configurations and a lock left by a crash.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { killAll, login, removeDir, spawnServer, startServer, templateDataDir, type RunningServer } from './server.ts'

const CHINESE = /[\u4e00-\u9fff]/

let dataDir: string
let emptyDir: string
let first: RunningServer
const env = () => ({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', BACKUP_INTERVAL_MIN: '60' })
const lockFile = () => path.join(dataDir, 'linli.lock')

before(async () => {
  dataDir = await templateDataDir()
  emptyDir = await mkdtemp(path.join(os.tmpdir(), 'linli-proc-empty-'))
})

after(async () => {
  await killAll()
  await removeDir(dataDir)
  await removeDir(emptyDir)
})

describe('the server process (npm start) on an embedded data directory', () => {
  test('the server starts on an existing data dir without reseeding, prints its URL and API docs URL, and reports db pglite', async () => {
    first = await startServer(env())
    const out = first.stdout()
    assert.match(out, /邻里 Linli 已启动/)
    assert.ok(out.includes(dataDir), `the banner names the data dir:\n${out}`)
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.equal(first.docsUrl, `${first.url}/api/docs`)
    // A freshly seeded database prints each demo account with its story; an existing one does not.
    assert.doesNotMatch(out, /演示账号 Demo accounts \(密码 password:/)
    assert.ok(existsSync(lockFile()), 'the data dir is locked while the server runs')
    assert.equal(readFileSync(lockFile(), 'utf8').trim(), String(first.pid))

    const health = await fetch(`${first.url}/api/v1/health`)
    assert.equal(health.status, 200)
    const body = await health.json()
    assert.equal(body.status, 'ok')
    assert.equal(body.db, 'pglite')
    const docs = await fetch(first.docsUrl + '/')
    assert.equal(docs.status, 200)
    // The template's demo data is there: the demo admin can sign in.
    await login(first.url)
  })

  test('a second process on the same data dir exits with code 1 and a Chinese message naming the data dir, and the first keeps serving', async () => {
    const second = spawnServer(env())
    const exit = await second.exited
    assert.equal(exit.code, 1, second.output())
    const message = second.stderr()
    assert.ok(message.includes(dataDir), `the message names the data dir:\n${message}`)
    assert.match(message, CHINESE)
    assert.match(message, /正被进程 \d+ 使用/)
    assert.ok(message.includes(String(first.pid)), 'the message names the process holding it')
    assert.doesNotMatch(message, /\n\s+at /, 'no stack trace')

    assert.equal(readFileSync(lockFile(), 'utf8').trim(), String(first.pid), 'the lock still belongs to the first')
    const health = await fetch(`${first.url}/api/v1/health`)
    assert.equal(health.status, 200)
  })

  test('SIGTERM closes cleanly: exit 0, lock released, a rolling backup written, and a restart serves the data changed before', async () => {
    const admin = await login(first.url)
    const grids = await admin.request('GET', '/api/v1/orgs?kind=grid&limit=1')
    assert.equal(grids.status, 200)
    const grid = grids.body.items[0]
    const renamed = `${grid.name}（关停前改名）`
    const patched = await admin.request('PATCH', `/api/v1/orgs/${grid.id}`, { name: renamed })
    assert.equal(patched.status, 200, JSON.stringify(patched.body))
    const created = await admin.request('POST', '/api/v1/orgs', { parentId: grid.id, kind: 'building', name: '关停前新建的楼栋' })
    assert.equal(created.status, 201, JSON.stringify(created.body))

    const exit = await first.stop('SIGTERM')
    assert.deepEqual(exit, { code: 0, signal: null }, first.output())
    assert.equal(existsSync(lockFile()), false, 'the lock file is removed')
    const backups = readdirSync(path.join(dataDir, 'backups'))
    assert.ok(backups.some((f) => /^linli-auto-.+\.tar\.gz$/.test(f)), `a rolling backup exists: ${backups.join(', ')}`)
    assert.ok(!backups.some((f) => f.endsWith('.part')), 'no half-written backup is left')

    const again = await startServer(env())
    try {
      const admin2 = await login(again.url)
      const org = await admin2.request('GET', `/api/v1/orgs/${grid.id}`)
      assert.equal(org.status, 200)
      assert.equal(org.body.name, renamed)
      const building = await admin2.request('GET', `/api/v1/orgs/${created.body.id}`)
      assert.equal(building.status, 200)
      assert.equal(building.body.name, '关停前新建的楼栋')
    } finally {
      const exit2 = await again.stop('SIGTERM')
      assert.equal(exit2.code, 0, again.output())
    }
  })

  test('a bad configuration value (PORT=abc) makes start-up exit 1 with a message naming PORT', async () => {
    const s = spawnServer({ DATA_DIR: emptyDir, PORT: 'abc', LOG_LEVEL: 'warn' })
    const exit = await s.exited
    assert.equal(exit.code, 1, s.output())
    assert.match(s.stderr(), /配置错误/)
    assert.match(s.stderr(), /^\s*PORT: /m)
    assert.doesNotMatch(s.stderr(), /\n\s+at /, 'no stack trace')
    assert.equal(existsSync(path.join(emptyDir, 'pg')), false, 'nothing was created in the data dir')
  })

  test('TRUST_PROXY=true, which would trust any client\'s X-Forwarded-For, stops start-up with a message saying what to write instead', async () => {
    const s = spawnServer({ DATA_DIR: emptyDir, PORT: '0', LOG_LEVEL: 'warn', TRUST_PROXY: 'true' })
    // A server that accepted the value would run on: give it a while, then stop it and fail.
    const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))])
    if (exit === null) await s.stop()
    assert.equal(exit?.code, 1, s.output())
    assert.match(s.stderr(), /^\s*TRUST_PROXY: .*X-Forwarded-For/m)
    assert.match(s.stderr(), /127\.0\.0\.1/, 'an example of a proxy address')
    assert.equal(existsSync(path.join(emptyDir, 'pg')), false, 'nothing was created in the data dir')
  })

  test('a lock file left by a dead process does not block start-up', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    assert.ok(dead > 0)
    assert.throws(() => process.kill(dead, 0), 'that process is gone')
    writeFileSync(lockFile(), String(dead))

    const s = await startServer(env())
    try {
      assert.equal(readFileSync(lockFile(), 'utf8').trim(), String(s.pid), 'the new process took the lock over')
      const health = await fetch(`${s.url}/api/v1/health`)
      assert.equal(health.status, 200)
    } finally {
      assert.equal((await s.stop('SIGTERM')).code, 0, s.output())
    }
  })
})
