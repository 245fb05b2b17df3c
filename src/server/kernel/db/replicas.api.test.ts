// Read replicas on a real PostgreSQL streaming replica (issue 19): lag-tolerant reads are served by
// the replica, the writer reads its own write at once, a paused (lagging) replica is skipped, and a
// stopped one makes reads fall back to the primary without an error. Needs LINLI_TEST_REPLICA_URL
// (a streaming replica of LINLI_TEST_DATABASE_URL's server; `.ci/run` starts one) and, for the stop,
// LINLI_TEST_REPLICA_PGDATA (its data directory, started by a plain `pg_ctl start`).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { venueBody } from '../../../../test/support/venues.ts'
import { databaseUrl } from '../../../../test/support/template.ts'
import { rows, type Executor } from './client.ts'
import { openReplicas, WROTE_COOKIE, type ReadRouter } from './replicas.ts'

const replicaBase = process.env.LINLI_TEST_REPLICA_URL
const replicaData = process.env.LINLI_TEST_REPLICA_PGDATA
const ci = process.env.CI === 'true' || process.env.CI === '1'
const MAX_LAG_MS = 8_000
const onCitus = process.env.LINLI_TEST_CITUS === '1'
const skip = dbKind !== 'postgres'
  ? 'read replicas need PostgreSQL: run with LINLI_TEST_DATABASE_URL and LINLI_TEST_REPLICA_URL'
  : onCitus ? 'on the Citus cluster: read replicas are tested in the plain PostgreSQL stage'
  : !replicaBase ? 'set LINLI_TEST_REPLICA_URL=postgres://…, a streaming replica of the LINLI_TEST_DATABASE_URL server (.ci/run starts one)' : false

if (skip && dbKind === 'postgres' && !onCitus) {
  console.log(`skipped: ${skip}`)
  test('CI runs the replica tests', { skip: ci ? false : skip }, () => assert.fail(`CI=true: ${skip}`))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const inRecovery = async (ex: Executor) => (await rows<{ r: boolean }>(ex, sql`SELECT pg_is_in_recovery() AS r`))[0]!.r

describe('read replicas on a streaming replica', { skip }, () => {
  let t: TestApp
  let f: Factories
  let reads: ReadRouter
  let replicaUrl: string
  const logged: string[] = []

  /** A SQL statement on the replica, on this file's database (the replica's own functions). */
  async function onReplica(text: string): Promise<void> {
    const c = new pg.Client({ connectionString: replicaUrl })
    await c.connect()
    try {
      await c.query(text)
    } finally {
      await c.end()
    }
  }

  /** Checks until the replica is usable and holds everything committed before this call. */
  async function caughtUp(router = reads, timeoutMs = 60_000): Promise<void> {
    const since = Date.now()
    for (const end = since + timeoutMs; Date.now() < end; await sleep(100)) {
      await router.check()
      const [s] = router.status()
      if (s?.state === 'ok' && s.freshAsOf && Date.parse(s.freshAsOf) > since) return
    }
    assert.fail(`the replica did not catch up: ${JSON.stringify(router.status())}`)
  }

  const replicaReads = () => reads.status()[0]!.reads

  before(async () => {
    t = await startTestApp({ DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), DATABASE_REPLICA_CHECK_MS: '250' }, { replicaUrls: [replicaBase!], replicaLog: (m) => logged.push(m) })
    f = factories(t)
    reads = t.database.reads!
    const [db] = await t.query<{ name: string }>(sql`SELECT current_database() AS name`)
    replicaUrl = databaseUrl(replicaBase!, db!.name)
    await caughtUp()
  })
  after(async () => {
    await onReplica('SELECT pg_wal_replay_resume()').catch(() => undefined)
    await t?.close()
  })

  test('a lag-tolerant read runs on the replica; reads outside the router and transactions stay on the primary', async () => {
    assert.equal(reads.replicated, true)
    assert.equal(await reads.run(null, inRecovery), true, 'the replica executor is in recovery')
    assert.equal(await inRecovery(t.database.db), false, 'the primary is not')
    await t.database.db.transaction(async (tx) => assert.equal(await inRecovery(tx as unknown as Executor), false))
    const before = replicaReads()
    const res = await t.anonymous.get('/api/v1/public/venues.geojson')
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(replicaReads(), before + 1, 'the red map was read on the replica')
  })

  test('the writer reads its write at once while the replica is behind; others read the replica until it lags too far, then the primary', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    await caughtUp()
    await onReplica('SELECT pg_wal_replay_pause()')
    const paused = Date.now()
    const created = await cadre.client.post('/api/v1/venues', venueBody(community, { name: '副本测试党群服务中心' }))
    assert.equal(created.statusCode, 201, created.body)
    const venueId = created.json().id as string
    const cookie = created.cookies.find((c) => c.name === WROTE_COOKIE)
    assert.ok(cookie, 'a write sets the read-your-writes cookie')
    assert.equal(cookie.maxAge, Math.ceil((MAX_LAG_MS + 250) / 1000))

    // The writer, right after its write: the primary answers (the paused replica lacks the venue).
    const own = await cadre.client.get(`/api/v1/venues?orgId=${community.id}`)
    assert.equal(own.statusCode, 200, own.body)
    assert.deepEqual(own.json().items.map((v: { id: string }) => v.id), [venueId])
    // Someone else, within the lag limit: the replica answers, as it stood before the write.
    const mapIds = async (headers?: Record<string, string>) => {
      const res = await t.anonymous.get('/api/v1/public/venues.geojson', headers)
      assert.equal(res.statusCode, 200, res.body)
      return (res.json().features as { id: string }[]).map((x) => x.id)
    }
    const before = replicaReads()
    assert.equal((await mapIds()).includes(venueId), false, 'a visitor reads the replica')
    assert.equal(replicaReads(), before + 1)
    assert.ok(Date.now() - paused < MAX_LAG_MS, 'still within the lag limit (the machine was too slow for this check)')
    // A browser carrying the cookie (another app instance saw its write) reads the primary.
    assert.equal((await mapIds({ cookie: `${WROTE_COOKIE}=1` })).includes(venueId), true)

    // Once the replica is further behind than the limit it is skipped: everyone reads the primary.
    for (const end = Date.now() + MAX_LAG_MS + 20_000; reads.status()[0]!.state !== 'lagging' && Date.now() < end; await sleep(200)) await reads.check()
    assert.equal(reads.status()[0]!.state, 'lagging', JSON.stringify(reads.status()))
    assert.ok(reads.status()[0]!.lagMs! > MAX_LAG_MS)
    const skipped = replicaReads()
    assert.equal((await mapIds()).includes(venueId), true, 'a lagging replica is skipped')
    assert.equal(await reads.run(null, inRecovery), false)
    assert.equal(replicaReads(), skipped)
    assert.ok(logged.some((m) => m.includes('lagging')), logged.join('\n'))

    // Resumed and caught up: the replica serves everyone again, the writer too once it holds the write.
    await onReplica('SELECT pg_wal_replay_resume()')
    await caughtUp()
    assert.equal((await mapIds()).includes(venueId), true)
    const again = await cadre.client.get(`/api/v1/venues?orgId=${community.id}`)
    assert.deepEqual(again.json().items.map((v: { id: string }) => v.id), [venueId])
    assert.equal(replicaReads(), skipped + 2, 'both reads ran on the replica')
    assert.ok(logged.some((m) => m.includes('replica back')), logged.join('\n'))
  })

  test('the statistics table, its export and hotspots are read on the replica', async () => {
    const street = await t.as('street')
    await caughtUp()
    const before = replicaReads()
    const q = `orgId=${t.fixtures.streetId}&period=${new Date().toISOString().slice(0, 7)}`
    const table = await street.get(`/api/v1/statistics?${q}&ledger=party`)
    assert.equal(table.statusCode, 200, table.body)
    const xlsx = await street.get(`/api/v1/statistics/export.xlsx?${q}`)
    assert.equal(xlsx.statusCode, 200, xlsx.body)
    const hot = await street.get(`/api/v1/hotspots?orgId=${t.fixtures.streetId}`)
    assert.equal(hot.statusCode, 200, hot.body)
    assert.equal(replicaReads(), before + 4, 'the table, the export\'s two ledgers and hotspots')
  })

  test('the case inbox, its map and figures, the units list and Open311 searches are read on the replica; health counts it', async () => {
    const street = await t.as('street')
    await caughtUp()
    const before = replicaReads()
    for (const url of [
      '/api/v1/cases?limit=5',
      `/api/v1/cases/map?orgId=${t.fixtures.streetId}`,
      `/api/v1/cases/stats?orgId=${t.fixtures.streetId}`,
      '/api/v1/units?limit=5',
    ]) {
      const res = await street.get(url)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
    }
    const open311 = await t.anonymous.get('/open311/v2/requests.json')
    assert.equal(open311.statusCode, 200, open311.body)
    assert.equal(replicaReads(), before + 5, 'the list, the map, the figures, the units and the Open311 search')
    const health = (await t.anonymous.get('/api/v1/health')).json()
    assert.deepEqual(health.replicas, { configured: 1, serving: 1 })
    const admin = await t.as('admin')
    const status = (await admin.get('/api/v1/health/replicas')).json()
    assert.equal(status.maxLagMs, MAX_LAG_MS)
    assert.equal(status.items.length, 1)
    assert.equal(status.items[0].state, 'ok')
    assert.doesNotMatch(status.items[0].name, /linli@/, 'no user name in the replica\'s name')
  })

  describe('a stopped replica', { skip: replicaData ? false : ci ? false : 'set LINLI_TEST_REPLICA_PGDATA to the replica\'s data directory to stop and start it' }, () => {
    const bin = (() => {
      const debian = ['18', '17', '16', '15'].map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(`${d}/pg_ctl`))
      return debian ? `${debian}/pg_ctl` : 'pg_ctl'
    })()
    function pgCtl(args: string): void {
      assert.ok(replicaData, 'CI=true: LINLI_TEST_REPLICA_PGDATA is not set')
      const cmd = `${bin} -D '${replicaData}' ${args}`
      // PostgreSQL refuses to run as root; the cluster belongs to its owner (postgres in CI).
      const r = process.getuid?.() === 0 ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8' }) : spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' })
      assert.equal(r.status, 0, `${cmd}: ${r.stdout}${r.stderr}`)
    }
    let stopped = false
    after(() => {
      if (stopped) pgCtl(`-l '${replicaData}/server.log' -w -t 120 start`)
    })

    test('reads fall back to the primary with no error, and return to the replica when it is back', async () => {
      // A second router that checks rarely, so the read itself meets the stopped replica.
      const slow = await openReplicas(t.database.db, [replicaUrl], { maxLagMs: 120_000, checkMs: 60_000, poolMax: 2, log: (m) => logged.push(m) })
      try {
        await caughtUp(slow)
        assert.equal(await slow.run(null, inRecovery), true)
        pgCtl('-m fast -w stop')
        stopped = true
        assert.equal(await slow.run(null, inRecovery), false, 'the read ran again on the primary')
        assert.equal(slow.status()[0]!.state, 'down')
        const map = await t.anonymous.get('/api/v1/public/venues.geojson')
        assert.equal(map.statusCode, 200, map.body)
        await reads.check()
        assert.equal(reads.status()[0]!.state, 'down')
        assert.equal(await reads.run(null, inRecovery), false)
        assert.equal((await t.anonymous.get('/api/v1/public/venues.geojson')).statusCode, 200)

        pgCtl(`-l '${replicaData}/server.log' -w -t 120 start`)
        stopped = false
        await caughtUp()
        assert.equal(await reads.run(null, inRecovery), true)
      } finally {
        await slow.close()
      }
    })
  })
})
