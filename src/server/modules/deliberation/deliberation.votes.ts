// Votes (集体决议): set up by a cadre on a live topic (open or secret, quorum, threshold, window),
// cast once per registered resident of the vote's node, paper ballots of elderly residents
// entered as totals by one teller and confirmed by a second, reminders only to those who have not
// voted, closing by hand or by the sweep at the deadline with the outcome written once.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, unprocessable } from '../../kernel/errors.ts'
import * as repo from './deliberation.votes.repository.ts'
import { findTopic } from './deliberation.repository.ts'
import { addTotals, outcomeOf } from './deliberation.workflow.ts'
import type { DeliberationDeps } from './deliberation.topics.ts'
import type { Choice, VoteCreate } from './deliberation.schemas.ts'
import { topicStateWords } from './deliberation.messages.ts'

export function createVoteService(deps: DeliberationDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  async function present(ex: Executor, ctx: RequestContext, v: repo.VoteRow) {
    const me = ctx.actor.personId
    const manage = can(ctx.actor, 'vote.manage', { orgPath: v.orgPath, topicOrgPath: v.topicOrgPath, state: v.state, mode: v.mode })
    const [eligible, hasVoted, tallies] = await allOn(ex, [async () => (me ? repo.isElector(ex, v.orgPath, me) : false), async () => (me ? repo.voted(ex, v.id, me) : false), () => repo.talliesOf(ex, v.id)])
    return {
      id: v.id, title: v.title, mode: v.mode, state: v.state, opensAt: v.opensAt, closesAt: v.closesAt, passed: v.passed,
      topic: { id: v.topicId, title: v.topicTitle }, org: { id: v.orgId, name: v.orgName }, stageKey: v.stageKey,
      quorumPercent: v.quorumPercent, thresholdPercent: v.thresholdPercent, electorate: v.electorate,
      eligible, voted: hasVoted, myChoice: me && v.mode === 'open' ? await repo.myOpenChoice(ex, v.id, me) : null,
      // Turnout is shown to the managers while it runs; the totals only once it is closed.
      participants: manage || v.state === 'closed' ? await repo.participants(ex, v.id) : null,
      result: v.state === 'closed' ? v.result : null,
      tallies: tallies.map((t) => ({ id: t.id, label: t.label, for: t.for, against: t.against, abstain: t.abstain, enteredBy: { id: t.enteredBy, name: t.enteredByName }, confirmedBy: t.confirmedBy ? { id: t.confirmedBy, name: t.confirmedByName ?? '' } : null, confirmedAt: t.confirmedAt })),
      ...(v.mode === 'open' && v.state === 'closed' && manage ? { ballots: (await repo.openBallotsOf(ex, v.id)).map((b) => ({ voter: { id: b.voterId, name: b.voterName }, choice: b.choice })) } : {}),
      manage,
    }
  }

  /** Closes the vote: totals online and confirmed paper, the outcome against quorum and threshold. */
  async function close(tx: Executor, v: repo.VoteRow, by: string | null, at: Date) {
    const online = await repo.onlineTotals(tx, v.id, v.mode)
    const paper = await repo.paperTotals(tx, v.id)
    const totals = addTotals(online, paper)
    // Paper voters are residents too; the electorate is never smaller than the ballots cast.
    const electorate = Math.max(v.electorate ?? 0, totals.for + totals.against + totals.abstain)
    const o = outcomeOf(totals, electorate, v.quorumPercent, v.thresholdPercent)
    const result = { online, paper, totals, ...o }
    await tx.execute(sql`UPDATE votes SET state = 'closed', closed_at = ${at.toISOString()}::timestamptz, closed_by = ${by}, result = ${JSON.stringify(result)}::jsonb, passed = ${o.passed}, updated_at = now() WHERE id = ${v.id}`)
    await tx.execute(sql`INSERT INTO topic_events (topic_id, actor_id, action, from_state, to_state, stage_key, data)
      SELECT id, ${by}, 'vote_closed', state, state, ${v.stageKey}, ${JSON.stringify({ voteId: v.id, ...totals, passed: o.passed, quorumMet: o.quorumMet })}::jsonb FROM topics WHERE id = ${v.topicId}`)
    return result
  }

  return {
    async create(ctx: RequestContext, topicId: string, input: VoteCreate) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'topic.manage', entity: 'topic', id: topicId })
        const t = (await findTopic(tx, topicId, true))!
        if (t.state !== 'deliberating') throw conflict('TOPIC_STATE', { state: topicStateWords[t.state as 'proposed'].zh, action: '发起表决' })
        const open = await rows(tx, sql`SELECT 1 FROM votes WHERE topic_id = ${topicId} AND state IN ('scheduled','open')`)
        if (open.length) throw conflict('VOTE_OPEN_EXISTS')
        const at = now()
        const opensAt = input.opensAt ? new Date(input.opensAt) : at
        const closesAt = new Date(input.closesAt)
        if (closesAt <= opensAt || closesAt <= at) throw unprocessable('VOTE_INVALID', {}, [{ path: 'closesAt', message: 'deliberation.window' }])
        const size = await repo.electorateSize(tx, t.orgPath)
        const stage = t.stages[t.stageIndex]!
        const id = await repo.insertVote(tx, {
          topicId, orgId: t.orgId, stageKey: stage.key, title: input.title ?? `${stage.name}：${t.title}`, mode: input.mode, state: opensAt <= at ? 'open' : 'scheduled',
          quorum: input.quorumPercent, threshold: input.thresholdPercent, electorate: size, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), by: ctx.actor.personId,
        })
        await tx.execute(sql`INSERT INTO topic_events (topic_id, actor_id, action, from_state, to_state, stage_key, data) VALUES (${topicId}, ${ctx.actor.personId}, 'vote_opened', ${t.state}, ${t.state}, ${stage.key}, ${JSON.stringify({ voteId: id, mode: input.mode })}::jsonb)`)
        await recordAudit(tx, ctx, { action: 'vote.create', entity: 'vote', entityId: id, orgPath: t.orgPath, after: { mode: input.mode, quorumPercent: input.quorumPercent, thresholdPercent: input.thresholdPercent, closesAt: input.closesAt } })
        if (opensAt <= at) await deps.notifications.notifyAll(tx, { recipients: repo.electorate(t.orgPath), kind: 'vote.open', title: `请参加表决：${t.title}`, body: `截止 ${closesAt.toISOString().slice(0, 16).replace('T', ' ')} (UTC)`, link: { voteId: id, topicId } })
        return present(tx, ctx, (await repo.findVote(tx, id))!)
      })
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'vote.read', id })
      return present(db, ctx, (await repo.findVote(db, id))!)
    },

    async list(ctx: RequestContext, q: { orgId?: string; state?: string; mine?: boolean; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId ?? '0'
      const paths = [...new Set(ctx.actor.roles.map((r) => r.orgPath))]
      if (!paths.length) return { items: [], nextCursor: null }
      const under = q.orgId ? (await requireAccessOne<{ path: string }>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id: q.orgId })).path : null
      const p = paths.join(',')
      const found = await rows<{ id: string }>(db, sql`SELECT v.id::text FROM votes v JOIN topics t ON t.id = v.topic_id JOIN ${orgTree} o ON o.id = t.org_id
        WHERE (o.path <@ ANY(string_to_array(${p}, ',')::ltree[]) OR o.path @> ANY(string_to_array(${p}, ',')::ltree[]))
        ${under ? sql`AND o.path <@ ${under}::ltree` : sql``} ${q.state ? sql`AND v.state = ${q.state}` : sql``}
        ${q.mine ? sql`AND v.state = 'open' AND NOT EXISTS (SELECT 1 FROM vote_participations x WHERE x.vote_id = v.id AND x.person_id = ${me})` : sql``}
        ORDER BY v.id DESC LIMIT ${q.limit}`)
      const items = []
      for (const f of found) {
        const v = (await repo.findVote(db, f.id))!
        const shown = await present(db, ctx, v)
        if (!q.mine || shown.eligible) items.push(shown)
      }
      return { items, nextCursor: null }
    },

    async cast(ctx: RequestContext, id: string, choice: Choice) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'vote.cast', id })
        const v = (await repo.findVote(tx, id))!
        const at = now()
        if (v.state !== 'open' || new Date(v.closesAt) <= at) throw conflict('VOTE_NOT_OPEN')
        if (!(await repo.isElector(tx, v.orgPath, me))) throw forbidden('VOTE_NOT_ELIGIBLE')
        if (!(await repo.participate(tx, id, me))) throw conflict('VOTE_ALREADY_CAST')
        if (v.mode === 'secret') await repo.dropSecretBallot(tx, id, choice)
        else await repo.castOpenBallot(tx, id, me, choice)
        // No audit row and no event for a ballot: either would put a person and a moment next to it.
        return { voted: true, mode: v.mode }
      })
    },

    async close(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'vote.manage', id })
        const v = (await repo.findVote(tx, id, true))!
        if (v.state !== 'open' && v.state !== 'scheduled') throw conflict('VOTE_NOT_OPEN')
        await close(tx, v, ctx.actor.personId, now())
        await recordAudit(tx, ctx, { action: 'vote.close', entity: 'vote', entityId: id, orgPath: v.topicOrgPath, after: { early: true } })
        return present(tx, ctx, (await repo.findVote(tx, id))!)
      })
    },

    /** Reminds only the eligible people who have not voted yet. */
    async remind(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'vote.manage', id })
        const v = (await repo.findVote(tx, id, true))!
        if (v.state !== 'open') throw conflict('VOTE_NOT_OPEN')
        const reminded = await deps.notifications.notifyAll(tx, { recipients: repo.notVoted(id, v.orgPath), kind: 'vote.remind', title: `提醒：表决“${v.topicTitle}”尚未投票`, link: { voteId: id, topicId: v.topicId } })
        await tx.execute(sql`UPDATE votes SET reminded_at = now() WHERE id = ${id}`)
        return { reminded }
      })
    },

    async enterTally(ctx: RequestContext, id: string, input: { label: string; for: number; against: number; abstain: number }) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'vote.manage', id })
        const v = (await repo.findVote(tx, id, true))!
        if (v.state === 'cancelled' || v.state === 'closed') throw conflict('VOTE_NOT_OPEN')
        const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO paper_tallies (vote_id, label, for_count, against_count, abstain_count, entered_by)
          VALUES (${id}, ${input.label}, ${input.for}, ${input.against}, ${input.abstain}, ${ctx.actor.personId}) RETURNING id::text`)
        await recordAudit(tx, ctx, { action: 'tally.enter', entity: 'paper_tally', entityId: row!.id, orgPath: v.topicOrgPath, after: input })
        return present(tx, ctx, v)
      })
    },

    /** The second teller re-enters the counts: they must match what the first entered. */
    async confirmTally(ctx: RequestContext, tallyId: string, input: { for: number; against: number; abstain: number }) {
      return inTransaction(db, async (tx) => {
        const t = await requireAccessOne<{ enteredBy: string; voteState: string }>(tx, ctx.actor, { permission: 'tally.confirm', entity: 'tally', id: tallyId })
        if (t.enteredBy === ctx.actor.personId) throw conflict('TALLY_SAME_TELLER')
        if (t.voteState === 'closed' || t.voteState === 'cancelled') throw conflict('VOTE_NOT_OPEN')
        const [row] = await rows<{ voteId: string; for: number; against: number; abstain: number; confirmedAt: string | null }>(tx, sql`SELECT vote_id::text AS "voteId", for_count AS "for", against_count AS against, abstain_count AS abstain, confirmed_at::text AS "confirmedAt" FROM paper_tallies WHERE id = ${tallyId} FOR UPDATE`)
        if (row!.confirmedAt) throw conflict('TALLY_CONFIRMED')
        if (row!.for !== input.for || row!.against !== input.against || row!.abstain !== input.abstain) throw conflict('TALLY_MISMATCH')
        await tx.execute(sql`UPDATE paper_tallies SET confirmed_by = ${ctx.actor.personId}, confirmed_at = now(), updated_at = now() WHERE id = ${tallyId}`)
        const v = (await repo.findVote(tx, row!.voteId))!
        await recordAudit(tx, ctx, { action: 'tally.confirm', entity: 'paper_tally', entityId: tallyId, orgPath: v.topicOrgPath, after: input })
        return present(tx, ctx, v)
      })
    },

    /** The minute sweep: scheduled votes open at their time, open votes close at their deadline. */
    async sweep(tx: Executor, at: Date) {
      const opened = await rows<{ id: string }>(tx, sql`UPDATE votes SET state = 'open', updated_at = now() WHERE state = 'scheduled' AND opens_at <= ${at.toISOString()}::timestamptz RETURNING id::text`)
      for (const o of opened) {
        const v = (await repo.findVote(tx, o.id))!
        await deps.notifications.notifyAll(tx, { recipients: repo.electorate(v.orgPath), kind: 'vote.open', title: `请参加表决：${v.topicTitle}`, link: { voteId: v.id, topicId: v.topicId } })
      }
      const due = await rows<{ id: string }>(tx, sql`SELECT id::text FROM votes WHERE state = 'open' AND closes_at <= ${at.toISOString()}::timestamptz ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`)
      for (const d of due) await close(tx, (await repo.findVote(tx, d.id))!, null, at)
      return { opened: opened.length, closed: due.length }
    },
  }
}
export type VoteService = ReturnType<typeof createVoteService>
