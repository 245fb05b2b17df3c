// Exactly one claimant: many members claim one wish at the same moment on PostgreSQL (where
// requests run on separate connections and really race); the conditional UPDATE lets one win.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { makeMember, openWish, wishWorld } from '../../../../test/support/wishes.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

test('twelve members claim one wish at once: exactly one wins, the others get 409, one claim event is written', {
  skip: dbKind === 'pglite' ? 'PGlite runs one query at a time, so claims cannot race there; run with LINLI_TEST_DATABASE_URL' : false,
}, async () => {
  const w = await wishWorld(t, f)
  const members = await Promise.all(Array.from({ length: 12 }, async () => {
    const m = await f.newPerson({ role: 'member', orgId: w.grid.id })
    await makeMember(t, m, w.community.id)
    return m
  }))
  for (let round = 0; round < 3; round++) {
    const id = await openWish(w)
    const answers = await Promise.all(members.map((m) => m.client.post(`/api/v1/wishes/${id}/claim`, {})))
    const codes = answers.map((r) => r.statusCode).sort()
    assert.deepEqual(codes, [200, ...Array(11).fill(409)], answers.map((r) => r.body.slice(0, 120)).join('\n'))
    for (const lost of answers.filter((r) => r.statusCode === 409)) assert.equal(lost.json().error.code, 'WISH_ALREADY_CLAIMED')
    const winner = members[answers.findIndex((r) => r.statusCode === 200)]!
    const [row] = await t.query<{ claimant: string; claims: number }>(sql`SELECT w.claimant_person_id::text AS claimant,
      (SELECT count(*)::int FROM wish_events e WHERE e.wish_id = w.id AND e.action = 'claim') AS claims FROM wishes w WHERE w.id = ${id}`)
    assert.deepEqual(row, { claimant: winner.id, claims: 1 })
  }
})
