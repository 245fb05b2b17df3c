// Exactly `needed` hold a shift: fifty members sign up for a shift needing five at the same moment
// on PostgreSQL (where requests run on separate connections and really race); the shift's row lock
// lets five in and answers the rest SHIFT_FULL.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { mobilisationWorld, postWith } from '../../../../test/support/mobilisation.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

test('fifty members sign up for a shift needing five at once: exactly five hold it, the others get 409 SHIFT_FULL', {
  skip: dbKind === 'pglite' ? 'PGlite runs one query at a time, so sign-ups cannot race there; run with LINLI_TEST_DATABASE_URL' : false,
}, async () => {
  const w = await mobilisationWorld(t, f, { members: 0 })
  const grid2 = await f.newGrid(w.community)
  const buildings = [w.building, ...(await Promise.all(Array.from({ length: 5 }, () => f.newBuilding(grid2))))]
  const members = []
  for (let i = 0; i < 50; i++) members.push(await f.newPerson({ role: 'member', orgId: buildings[i % buildings.length]!.id }))
  const post = await postWith(w, [[1, 9, 5]])
  const shiftId = post.shifts[0]!.id
  const answers = await Promise.all(members.map((m) => m.client.post(`/api/v1/shifts/${shiftId}/signups`, {})))
  const codes = answers.map((r) => r.statusCode).sort()
  assert.deepEqual(codes, [...Array(5).fill(201), ...Array(45).fill(409)], answers.map((r) => r.body.slice(0, 120)).join('\n'))
  for (const lost of answers.filter((r) => r.statusCode === 409)) assert.equal(lost.json().error.code, 'SHIFT_FULL')
  const [row] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM shift_signups WHERE shift_id = ${shiftId} AND cancelled_at IS NULL`)
  assert.equal(row!.n, 5)
})
