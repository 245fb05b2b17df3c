// allOn: independent reads side by side on the pool, one after the other inside a transaction (one
// connection: node-postgres would queue a second query and warn that pg 9 refuses it).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { rows } from './client.ts'
import { allOn, inTransaction } from './transaction.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t?.close()
})

function traced(log: string[]) {
  const read = (name: string, seconds: number) => async () => {
    log.push(`start ${name}`)
    const [row] = await rows<{ v: string }>(currentEx!, sql`SELECT ${name}::text AS v FROM pg_sleep(${seconds})`)
    log.push(`end ${name}`)
    return row!.v
  }
  let currentEx: Parameters<typeof allOn>[0] | null = null
  return { use: (ex: Parameters<typeof allOn>[0]) => (currentEx = ex), read }
}

test('inside a transaction each read starts after the one before it ended, and the answers keep their order', async () => {
  const log: string[] = []
  const r = traced(log)
  const answers = await inTransaction(t.database.db, async (tx) => {
    r.use(tx)
    return allOn(tx, [r.read('a', 0.05), r.read('b', 0), r.read('c', 0)])
  })
  assert.deepEqual(answers, ['a', 'b', 'c'])
  assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
})

test('outside a transaction the reads are sent at once', async () => {
  const log: string[] = []
  const r = traced(log)
  r.use(t.database.db)
  const answers = await allOn(t.database.db, [r.read('a', 0.05), r.read('b', 0)])
  assert.deepEqual(answers, ['a', 'b'])
  assert.deepEqual(log.slice(0, 2), ['start a', 'start b'])
})
