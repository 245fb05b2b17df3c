// The read router's parts that need no replica: WAL positions, which errors send a read back to the
// primary, the settings, and that without replicas every read runs on the primary.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig } from '../config.ts'
import type { Executor } from './client.ts'
import { isReplicaTrouble, parseLsn, primaryReads, replicaName } from './replicas.ts'
import { isDatabaseUnavailable } from './unavailable.ts'

test('a database or Citus worker that cannot be reached is told apart from a failing statement (503, not 500)', () => {
  // The texts and codes bench/crash.ts saw when it killed a Citus worker under writes.
  const drizzle = (cause: object) => Object.assign(new Error('Failed query: SELECT day::text FROM calendar_days WHERE day = $1::date FOR UPDATE'), { cause })
  for (const cause of [
    { code: '08006', message: 'connection to the remote node linli@127.0.0.1:57011 failed with the following error: Connection refused' },
    { code: 'XX000', message: 'failure on connection marked as essential: 127.0.0.1:57011' },
    { code: 'XX000', message: 'SSL connection has been closed unexpectedly' },
    { code: '57P02', message: 'terminating connection because of crash of another server process' },
    { code: '57P03', message: 'the database system is in recovery mode' },
  ]) assert.equal(isDatabaseUnavailable(drizzle(cause)), true, cause.message)
  assert.equal(isDatabaseUnavailable(drizzle({ code: 'XX000', message: 'could not find array type' })), false)
  assert.equal(isDatabaseUnavailable(drizzle({ code: '23505', message: 'duplicate key value violates unique constraint' })), false)
  // A replica's own trouble that is not the primary's: the primary answers instead, no 503.
  assert.equal(isDatabaseUnavailable({ code: '40001', message: 'canceling statement due to conflict with recovery' }), false)
})

test('WAL positions compare as numbers across the slash', () => {
  assert.ok(parseLsn('0/FFFFFFFF') < parseLsn('1/0'))
  assert.ok(parseLsn('16/B374D848') > parseLsn('16/B374D847'))
  assert.equal(parseLsn('0/3000000'), 0x3000000n)
})

test('connection trouble and recovery conflicts are the replica\'s; a bad query or a refusal is the read\'s', () => {
  assert.equal(isReplicaTrouble(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55450'), { code: 'ECONNREFUSED' })), true)
  assert.equal(isReplicaTrouble(new Error('Connection terminated unexpectedly')), true)
  assert.equal(isReplicaTrouble({ code: '57P01', message: 'terminating connection due to administrator command' }), true)
  assert.equal(isReplicaTrouble({ code: '40001', message: 'canceling statement due to conflict with recovery' }), true)
  assert.equal(isReplicaTrouble({ code: '3D000', message: 'database "linli" does not exist' }), true)
  // Drizzle wraps the driver's error in its own.
  assert.equal(isReplicaTrouble(Object.assign(new Error('Failed query: SELECT 1'), { cause: { code: '08006', message: 'connection failure' } })), true)
  assert.equal(isReplicaTrouble({ code: '42P01', message: 'relation "x" does not exist' }), false)
  assert.equal(isReplicaTrouble(Object.assign(new Error('场所不存在'), { code: 'VENUE_NOT_FOUND' })), false)
})

test('a replica is named without its credentials', () => {
  assert.equal(replicaName('postgres://linli:secret@db-r1.example:5433/linli'), 'db-r1.example:5433/linli')
  assert.equal(replicaName('postgresql://u@10.0.0.2/linli'), '10.0.0.2:5432/linli')
})

test('the settings: a list of URLs, a lag limit and a check below it', () => {
  const c = loadConfig({ DATABASE_REPLICA_URLS: 'postgres://a@r1:5432/linli, postgresql://a@r2/linli' })
  assert.deepEqual(c.DATABASE_REPLICA_URLS, ['postgres://a@r1:5432/linli', 'postgresql://a@r2/linli'])
  assert.equal(c.DATABASE_REPLICA_MAX_LAG_MS, 5000)
  assert.equal(c.DATABASE_REPLICA_CHECK_MS, 1000)
  assert.deepEqual(loadConfig({}).DATABASE_REPLICA_URLS, [])
  assert.throws(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://r1/linli' }), ConfigError)
  assert.throws(() => loadConfig({ DATABASE_REPLICA_MAX_LAG_MS: '1000', DATABASE_REPLICA_CHECK_MS: '1000' }), /DATABASE_REPLICA_CHECK_MS/)
})

test('without replicas every read runs on the primary', async () => {
  const primary = {} as Executor
  const reads = primaryReads(primary)
  assert.equal(reads.replicated, false)
  assert.equal(await reads.run(null, async (ex) => ex), primary)
  assert.deepEqual(reads.status(), [])
})
