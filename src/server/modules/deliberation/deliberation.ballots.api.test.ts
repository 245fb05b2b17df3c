// Secret ballots: proved from the tables, as a superuser reading them with raw SQL, that nothing
// links a person to a choice, and that nobody votes twice (also when two requests race, on
// PostgreSQL). Paper tallies need two tellers; the sweep closes a vote at its deadline.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { deliberationWorld, topicBody } from '../../../../test/support/deliberation.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

/** A topic at the voting stage of its community, with a secret vote open. */
async function secretVote(residents: number) {
  const w = await deliberationWorld(t, f, residents)
  const id = (await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { title: '香梅苑屋顶排险' }))).json().id
  await w.residents[0]!.client.post(`/api/v1/topics/${id}/support`)
  await w.residents[1]!.client.post(`/api/v1/topics/${id}/support`)
  for (const body of [{ output: '纪要' }, { output: '复议', attendees: 5 }, { output: '共议' }]) assert.equal((await w.cadre.client.post(`/api/v1/topics/${id}/advance`, body)).statusCode, 200)
  const v = await w.cadre.client.post(`/api/v1/topics/${id}/votes`, { mode: 'secret', quorumPercent: 50, thresholdPercent: 50, closesAt: inDays(2) })
  assert.equal(v.statusCode, 201, v.body)
  return { ...w, topicId: id as string, voteId: v.json().id as string }
}

test('a secret ballot: no column, row version, position or time in any table links a voter to a choice; nobody votes twice', async () => {
  const w = await secretVote(5)
  const choices = ['for', 'against', 'for', 'abstain'] as const
  for (const [i, choice] of choices.entries()) {
    const res = await w.residents[i]!.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice })
    assert.equal(res.statusCode, 201, res.body)
  }
  const again = await w.residents[0]!.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice: 'against' })
  assert.equal(again.statusCode, 409)
  assert.equal(again.json().error.code, 'VOTE_ALREADY_CAST')
  assert.equal((await w.cadre.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice: 'for' })).statusCode, 403, 'not a registered resident here')

  // The tables, read as the database superuser.
  const columns = await t.query<{ table_name: string; column_name: string }>(sql`SELECT table_name, column_name FROM information_schema.columns
    WHERE table_name IN ('vote_participations', 'secret_ballot_box') ORDER BY table_name, ordinal_position`)
  assert.deepEqual(columns.map((c) => `${c.table_name}.${c.column_name}`), ['secret_ballot_box.vote_id', 'secret_ballot_box.choice', 'secret_ballot_box.ballots', 'vote_participations.vote_id', 'vote_participations.person_id'],
    'participation has no choice and no time; the box has no person, no time, no sequence')
  const box = await t.query<{ choice: string; ballots: number; xmin: string; ctid: string }>(sql`SELECT choice, ballots, xmin::text, ctid::text FROM secret_ballot_box WHERE vote_id = ${w.voteId} ORDER BY choice`)
  assert.deepEqual(box.map((b) => [b.choice, b.ballots]), [['abstain', 1], ['against', 1], ['for', 2]])
  // Every ballot rewrote all three rows, so they share the last ballot's transaction id: the row
  // versions tell nothing about which counter any ballot raised.
  assert.equal(new Set(box.map((b) => b.xmin)).size, 1, 'one transaction id on every choice row')
  const part = await t.query<{ person_id: string; xmin: string }>(sql`SELECT person_id::text, xmin::text FROM vote_participations WHERE vote_id = ${w.voteId}`)
  assert.equal(part.length, 4)
  // Joining on the transaction id finds only the last voter, against all three choices at once.
  const joined = await t.query<{ person_id: string; choice: string }>(sql`SELECT p.person_id::text, b.choice FROM vote_participations p JOIN secret_ballot_box b ON b.xmin = p.xmin AND b.vote_id = p.vote_id WHERE p.vote_id = ${w.voteId}`)
  assert.equal(new Set(joined.map((j) => j.choice)).size === 3 || joined.length === 0, true, 'a transaction-id join yields all choices or none, never one')
  // No open ballots, no events or audit rows written for a ballot.
  assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM open_ballots WHERE vote_id = ${w.voteId}`))[0]!.n, 0)
  const ballotTraces = await t.query<{ n: number }>(sql`SELECT (SELECT count(*) FROM topic_events WHERE topic_id = ${w.topicId} AND action ILIKE '%ballot%')::int
    + (SELECT count(*) FROM audit_log WHERE entity = 'vote' AND entity_id = ${w.voteId} AND action NOT IN ('vote.create', 'vote.close'))::int AS n`)
  assert.equal(ballotTraces[0]!.n, 0)

  // Before closing, nobody (managers included) sees the totals; after, the totals and never a person's choice.
  const running = (await w.cadre.client.get(`/api/v1/votes/${w.voteId}`)).json()
  assert.equal(running.result, null)
  assert.equal(running.participants, 4)
  assert.equal(running.myChoice, null)
  const closed = await w.cadre.client.post(`/api/v1/votes/${w.voteId}/close`)
  assert.equal(closed.json().result.passed, false, '2 of 4 is not more than half')
  assert.equal(closed.json().ballots, undefined)
  const mine = (await w.residents[0]!.client.get(`/api/v1/votes/${w.voteId}`)).json()
  assert.equal(mine.voted, true)
  assert.equal(mine.myChoice, null)
})

test('paper ballots: entered by one teller, confirmed by a second with the same counts; the sweep closes the vote at its deadline', async () => {
  const w = await secretVote(4)
  const second = await f.newPerson({ role: 'community_cadre', orgId: w.community.id })
  await w.residents[0]!.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice: 'for' })
  const entered = await w.cadre.client.post(`/api/v1/votes/${w.voteId}/tallies`, { label: '3号楼老年人纸质票', for: 2, against: 0, abstain: 1 })
  assert.equal(entered.statusCode, 201, entered.body)
  const tallyId = entered.json().tallies[0].id
  assert.equal((await w.cadre.client.post(`/api/v1/paper-tallies/${tallyId}/confirm`, { for: 2, against: 0, abstain: 1 })).json().error.code, 'TALLY_SAME_TELLER')
  assert.equal((await second.client.post(`/api/v1/paper-tallies/${tallyId}/confirm`, { for: 3, against: 0, abstain: 0 })).json().error.code, 'TALLY_MISMATCH')
  assert.equal((await second.client.post(`/api/v1/paper-tallies/${tallyId}/confirm`, { for: 2, against: 0, abstain: 1 })).statusCode, 200)
  const report = await t.app.services.deliberation.votes.sweep(t.database.db, new Date(Date.now() + 3 * 86_400_000))
  assert.ok(report.closed >= 1)
  const v = (await w.cadre.client.get(`/api/v1/votes/${w.voteId}`)).json()
  assert.equal(v.state, 'closed')
  assert.deepEqual(v.result.totals, { for: 3, against: 0, abstain: 1 })
  assert.equal(v.result.quorumMet, true)
  assert.equal(v.result.passed, true)
  assert.equal((await w.residents[1]!.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice: 'for' })).json().error.code, 'VOTE_NOT_OPEN')
})

test('the same resident votes twice at the same moment: one ballot counts, the other gets 409', {
  skip: dbKind === 'pglite' ? 'PGlite runs one query at a time, so two ballots cannot race there; run with LINLI_TEST_DATABASE_URL' : false,
}, async () => {
  const w = await secretVote(3)
  const voter = w.residents[2]!
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => voter.client.post(`/api/v1/votes/${w.voteId}/ballots`, { choice: i % 2 ? 'for' : 'against' })))
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, ...Array(7).fill(409)], answers.map((r) => r.body.slice(0, 100)).join('\n'))
  const [row] = await t.query<{ n: number; ballots: number }>(sql`SELECT (SELECT count(*)::int FROM vote_participations WHERE vote_id = ${w.voteId}) AS n,
    (SELECT sum(ballots)::int FROM secret_ballot_box WHERE vote_id = ${w.voteId}) AS ballots`)
  assert.deepEqual(row, { n: 1, ballots: 1 })
})
