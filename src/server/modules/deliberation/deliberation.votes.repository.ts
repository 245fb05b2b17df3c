// SQL of votes: the vote row, the electorate (registered residents under the vote's node), the
// participation rows and the two kinds of ballot, and paper tallies.
//
// A secret ballot is two statements in one transaction: the participation row (the primary key
// refuses a second ballot), and ONE update of every choice row of the vote's ballot box that adds
// 1 to the chosen one and 0 to the others. All choice rows get a new row version in the same
// transaction, so neither their transaction ids (xmin), their physical places (ctid) nor any
// column tells which one the ballot raised; the box has no person, time or sequence column.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { residentHomes } from '../residents/residents.read.ts'
import type { Choice } from './deliberation.schemas.ts'
import { zeroTotals, type Totals } from './deliberation.workflow.ts'

export interface VoteRow {
  id: string; topicId: string; topicTitle: string; topicOrgPath: string; orgId: string; orgName: string; orgPath: string; stageKey: string; title: string; mode: 'open' | 'secret'
  state: 'scheduled' | 'open' | 'closed' | 'cancelled'; quorumPercent: number; thresholdPercent: number; electorate: number | null; opensAt: string; closesAt: string
  result: { online: Totals; paper: Totals; totals: Totals; turnout: number; quorumMet: boolean; passed: boolean } | null; passed: boolean | null
}
const voteColumns = sql`v.id::text, v.topic_id::text AS "topicId", t.title AS "topicTitle", tor.path::text AS "topicOrgPath", v.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  v.stage_key AS "stageKey", v.title, v.mode, v.state, v.quorum_percent::float8 AS "quorumPercent", v.threshold_percent::float8 AS "thresholdPercent", v.electorate,
  v.opens_at::text AS "opensAt", v.closes_at::text AS "closesAt", v.result, v.passed`
const voteFrom = sql`FROM votes v JOIN topics t ON t.id = v.topic_id JOIN ${orgTree} o ON o.id = v.org_id JOIN ${orgTree} tor ON tor.id = t.org_id`

export const findVote = (ex: Executor, id: string, lock = false) => firstRow<VoteRow>(ex, sql`SELECT ${voteColumns} ${voteFrom} WHERE v.id = ${id} ${lock ? sql`FOR UPDATE OF v` : sql``}`)

export const votesOfTopic = (ex: Executor, topicId: string) => rows<{ id: string; title: string; mode: 'open' | 'secret'; state: 'open'; opensAt: string; closesAt: string; passed: boolean | null }>(ex, sql`
  SELECT id::text, title, mode, state, opens_at::text AS "opensAt", closes_at::text AS "closesAt", passed FROM votes WHERE topic_id = ${topicId} ORDER BY id`)

/** The newest vote of the topic at that stage that passed, or null. */
export const passedVoteAt = async (ex: Executor, topicId: string, stageKey: string) =>
  (await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM votes WHERE topic_id = ${topicId} AND stage_key = ${stageKey} AND state = 'closed' AND passed ORDER BY id DESC LIMIT 1`))?.id ?? null

/** The electorate: registered residents living at or under the node. */
export const electorate = (path: string) => sql`SELECT DISTINCT r.person_id FROM ${residentHomes} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.deleted_at IS NULL AND o.path <@ ${path}::ltree`
export const electorateSize = async (ex: Executor, path: string) => (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM (${electorate(path)}) e`))!.n
export const isElector = async (ex: Executor, path: string, personId: string) =>
  (await rows(ex, sql`SELECT 1 FROM ${residentHomes} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.person_id = ${personId} AND r.deleted_at IS NULL AND o.path <@ ${path}::ltree LIMIT 1`)).length > 0

export async function insertVote(ex: Executor, v: { topicId: string; orgId: string; stageKey: string; title: string; mode: string; state: string; quorum: number; threshold: number; electorate: number | null; opensAt: string; closesAt: string; by: string | null }) {
  const id = (await firstRow<{ id: string }>(ex, sql`INSERT INTO votes (topic_id, org_id, stage_key, title, mode, state, quorum_percent, threshold_percent, electorate, opens_at, closes_at, created_by)
    VALUES (${v.topicId}, ${v.orgId}, ${v.stageKey}, ${v.title}, ${v.mode}, ${v.state}, ${v.quorum}, ${v.threshold}, ${v.electorate}, ${v.opensAt}, ${v.closesAt}, ${v.by}) RETURNING id::text`))!.id
  if (v.mode === 'secret') await ex.execute(sql`INSERT INTO secret_ballot_box (vote_id, choice) VALUES (${id}, 'for'), (${id}, 'against'), (${id}, 'abstain')`)
  return id
}

/** Records that the person voted; false when they already had. */
export const participate = async (ex: Executor, voteId: string, personId: string) =>
  (await rows(ex, sql`INSERT INTO vote_participations (vote_id, person_id) VALUES (${voteId}, ${personId}) ON CONFLICT DO NOTHING RETURNING 1`)).length === 1

/** Drops one secret ballot into the box: every choice row of the vote is rewritten, the chosen one + 1. */
export async function dropSecretBallot(ex: Executor, voteId: string, choice: Choice) {
  await ex.execute(sql`UPDATE secret_ballot_box SET ballots = ballots + CASE WHEN choice = ${choice} THEN 1 ELSE 0 END WHERE vote_id = ${voteId}`)
}
export async function castOpenBallot(ex: Executor, voteId: string, personId: string, choice: Choice) {
  await ex.execute(sql`INSERT INTO open_ballots (vote_id, person_id, choice) VALUES (${voteId}, ${personId}, ${choice})`)
}

export const voted = async (ex: Executor, voteId: string, personId: string) =>
  (await rows(ex, sql`SELECT 1 FROM vote_participations WHERE vote_id = ${voteId} AND person_id = ${personId}`)).length > 0
export const myOpenChoice = async (ex: Executor, voteId: string, personId: string) =>
  (await firstRow<{ choice: Choice }>(ex, sql`SELECT choice FROM open_ballots WHERE vote_id = ${voteId} AND person_id = ${personId}`))?.choice ?? null
export const participants = async (ex: Executor, voteId: string) => (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vote_participations WHERE vote_id = ${voteId}`))!.n

/** Online totals: the secret box, or the open ballots counted. */
export async function onlineTotals(ex: Executor, voteId: string, mode: string): Promise<Totals> {
  const found = await rows<{ choice: Choice; n: number }>(ex, mode === 'secret'
    ? sql`SELECT choice, ballots AS n FROM secret_ballot_box WHERE vote_id = ${voteId}`
    : sql`SELECT choice, count(*)::int AS n FROM open_ballots WHERE vote_id = ${voteId} GROUP BY choice`)
  const t = zeroTotals()
  for (const r of found) t[r.choice] = r.n
  return t
}
export async function paperTotals(ex: Executor, voteId: string): Promise<Totals> {
  const r = await firstRow<Totals>(ex, sql`SELECT coalesce(sum(for_count), 0)::int AS "for", coalesce(sum(against_count), 0)::int AS against, coalesce(sum(abstain_count), 0)::int AS abstain
    FROM paper_tallies WHERE vote_id = ${voteId} AND confirmed_at IS NOT NULL`)
  return r ?? zeroTotals()
}

export const openBallotsOf = (ex: Executor, voteId: string) => rows<{ voterId: string; voterName: string; choice: Choice }>(ex, sql`
  SELECT b.person_id::text AS "voterId", p.name AS "voterName", b.choice FROM open_ballots b JOIN ${personNames} p ON p.id = b.person_id WHERE b.vote_id = ${voteId} ORDER BY p.name, b.person_id`)

export const talliesOf = (ex: Executor, voteId: string) => rows<{ id: string; label: string; for: number; against: number; abstain: number; enteredBy: string; enteredByName: string; confirmedBy: string | null; confirmedByName: string | null; confirmedAt: string | null }>(ex, sql`
  SELECT p.id::text, p.label, p.for_count AS "for", p.against_count AS against, p.abstain_count AS abstain, p.entered_by::text AS "enteredBy", e.name AS "enteredByName",
    p.confirmed_by::text AS "confirmedBy", c.name AS "confirmedByName", p.confirmed_at::text AS "confirmedAt"
  FROM paper_tallies p JOIN ${personNames} e ON e.id = p.entered_by LEFT JOIN ${personNames} c ON c.id = p.confirmed_by WHERE p.vote_id = ${voteId} ORDER BY p.id`)

/** Eligible people of an open vote who have not voted (for reminders). */
export const notVoted = (voteId: string, path: string) => sql`SELECT e.person_id FROM (${electorate(path)}) e
  WHERE NOT EXISTS (SELECT 1 FROM vote_participations x WHERE x.vote_id = ${voteId} AND x.person_id = e.person_id)`
