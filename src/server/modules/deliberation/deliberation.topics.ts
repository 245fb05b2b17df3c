// Topics (议题): proposing (a resident, a cadre collecting for one, or "转为议题" from a case, a
// visit, an order or a hotspot), supporting (households counted; the threshold moves a topic to
// the committee), the stages of its template version with their outputs, merging, rejecting,
// the board by stage, and the sweep that expires topics left without support.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { rows } from '../../kernel/db/client.ts'
import type { Actor, RequestContext } from '../../kernel/context.ts'
import { can, levelAt, requireSignedIn, roleLevels, type Role } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf, type Page } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './deliberation.repository.ts'
import { resolutionsOfTopic, insertResolution } from './deliberation.resolutions.repository.ts'
import { passedVoteAt, votesOfTopic } from './deliberation.votes.repository.ts'
import { dueAt, stageProblem, supportNeeded } from './deliberation.workflow.ts'
import { outputWords, roleWords, topicStateWords } from './deliberation.messages.ts'
import type { AdvanceInput, SourceKind, Topic, TopicCreate, TopicSummary, TopicsQuery } from './deliberation.schemas.ts'
import './deliberation.policy.ts'
import './deliberation.access.ts'
import '../visits/visits.access.ts'

export type DeliberationDeps = {
  db: Executor
  notifications: Pick<NotificationService, 'notify' | 'notifyAll'>
  clock?: () => Date
}

const LIVE = ['proposed', 'deliberating']
const rolePathsOf = (actor: Actor) => [...new Set(actor.roles.map((r) => r.orgPath))]

export function summaryOf(t: repo.TopicRow, now: Date): TopicSummary {
  const stage = t.stages[t.stageIndex]
  return {
    id: t.id, title: t.title, state: t.state as TopicSummary['state'], org: { id: t.orgId, name: t.orgName },
    stageKey: t.stageKey, stageName: stage?.name ?? t.stageKey, stageIndex: t.stageIndex, stageCount: t.stages.length,
    stageDueAt: t.stageDueAt, overdue: LIVE.includes(t.state) && t.stageDueAt !== null && new Date(t.stageDueAt) < now,
    supportCount: t.supportCount, supportNeeded: t.supportNeeded, expiresAt: t.state === 'proposed' ? t.expiresAt : null,
    source: t.sourceKind && t.sourceId ? { kind: t.sourceKind as SourceKind, id: t.sourceId } : null, createdAt: t.createdAt,
  }
}

export function createTopicService(deps: DeliberationDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  /** "转为议题": the source exists and the caller may read it through its owning module. */
  async function checkSource(ex: Executor, ctx: RequestContext, kind: SourceKind, id: string) {
    try {
      if (kind === 'case' || kind === 'hotspot') await requireAccessOne(ex, ctx.actor, { permission: 'case.read', entity: 'case', id })
      else if (kind === 'order') await requireAccessOne(ex, ctx.actor, { permission: 'order.read', entity: 'order', id })
      else await requireAccessOne(ex, ctx.actor, { permission: 'visit.read', entity: 'visit', id })
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw notFound('TOPIC_SOURCE_NOT_FOUND', [{ path: 'source.id', message: 'deliberation.orgKind' }])
      throw err
    }
  }

  async function readable(ctx: RequestContext, id: string) {
    requireSignedIn(ctx.actor)
    const t = await repo.findTopic(db, id)
    if (!t || !can(ctx.actor, 'topic.read', { orgPath: t.orgPath, state: t.state, proposerId: t.proposerId })) throw notFound('TOPIC_NOT_FOUND')
    return t
  }

  async function present(ex: Executor, ctx: RequestContext, t: repo.TopicRow): Promise<Topic> {
    const at = now()
    const [records, events, votes, resolutions, merged, supported] = await allOn(ex, [
      () => repo.stageRecordsOf(ex, t.id), () => repo.eventsOf(ex, t.id), () => votesOfTopic(ex, t.id), () => resolutionsOfTopic(ex, t.id), () => repo.mergedInto(ex, t.id), () => repo.supports(ex, t.id, ctx.actor.personId),
    ])
    const live = LIVE.includes(t.state)
    const manage = can(ctx.actor, 'topic.manage', { orgPath: t.orgPath, state: t.state, proposerId: t.proposerId })
    const actions: Topic['actions'] = []
    if (t.state === 'proposed' && !supported && can(ctx.actor, 'topic.support', { orgPath: t.orgPath, state: t.state, proposerId: t.proposerId })) actions.push('support')
    if (live && manage) actions.push('advance', 'merge', 'reject')
    if (votes.some((v) => v.state === 'open')) actions.push('vote')
    const meetings = (await repo.meetingsOf(ex, t.id, rolePathsOf(ctx.actor))).map((m) => ({ ...m, startsAt: new Date(m.startsAt).toISOString(), endsAt: new Date(m.endsAt).toISOString() }))
    return {
      ...summaryOf(t, at), body: t.body,
      proposer: t.proposerId ? { id: t.proposerId, name: t.proposerName ?? '' } : null,
      collectedBy: t.collectedBy ? { id: t.collectedBy, name: t.collectedByName ?? '' } : null,
      template: { id: t.templateId, name: t.templateName, version: t.version },
      mergedInto: t.mergedIntoId ? { id: t.mergedIntoId, title: t.mergedIntoTitle ?? '' } : null, merged,
      closeNote: t.closeNote, photoIds: t.photoIds, supported, actions,
      stages: t.stages.map((s, index) => {
        const r = records.find((x) => x.stageIndex === index)
        const status = r ? 'done' : index === t.stageIndex && live ? 'current' : index > t.stageIndex && live ? 'pending' : index > t.stageIndex ? 'skipped' : 'done'
        return {
          index, key: s.key, name: s.name, nameEn: s.nameEn ?? null, role: s.role, parties: s.parties ?? [], output: s.output, quorum: s.quorum ?? null, deadlineDays: s.deadlineDays ?? null, vote: s.vote ?? false,
          status, dueAt: status === 'current' ? t.stageDueAt : null,
          record: r ? { actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null, at: r.at, startedAt: r.startedAt, outputKind: r.outputKind as 'none', output: r.output, outputRef: r.outputRef ?? null, parties: r.parties } : null,
        }
      }),
      timeline: events.map((e) => ({ id: e.id, action: e.action, fromState: e.fromState, toState: e.toState, stageKey: e.stageKey, actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null, note: e.note, data: e.data, at: e.at })),
      votes, resolutions, meetings,
    }
  }

  /** Completes the current stage: its record, the event, the next stage (or settled), a resolution for a resolution stage. */
  async function completeStage(tx: Executor, ctx: RequestContext, t: repo.TopicRow, input: AdvanceInput, auto: boolean) {
    const stage = t.stages[t.stageIndex]!
    const at = now()
    await repo.insertStageRecord(tx, {
      topicId: t.id, stageIndex: t.stageIndex, stageKey: stage.key, actorId: auto ? null : ctx.actor.personId, outputKind: stage.output,
      output: input.output?.trim() || null, outputRef: input.outputRef ?? null, parties: input.parties ?? stage.parties ?? [], startedAt: t.stageStartedAt,
    })
    if (stage.output === 'resolution') {
      const vote = await passedVoteAt(tx, t.id, stage.key)
      await insertResolution(tx, { topicId: t.id, orgId: t.orgId, voteId: vote, title: t.title, text: input.output?.trim() || t.title, createdBy: ctx.actor.personId })
    }
    const next = t.stages[t.stageIndex + 1]
    const state = next ? 'deliberating' : 'settled'
    await repo.moveTopic(tx, t.id, { state, stageIndex: next ? t.stageIndex + 1 : t.stageIndex, stageKey: next?.key ?? stage.key, stageDueAt: next ? dueAt(next, at) : null, now: at.toISOString() })
    await repo.insertEvent(tx, { topicId: t.id, actorId: auto ? null : ctx.actor.personId, action: auto ? 'threshold' : 'advance', from: t.state, to: state, stageKey: stage.key, note: input.output?.trim().slice(0, 200) || null, data: { next: next?.key ?? null } })
    const cadres = (await repo.cadresAt(tx, t.orgPath)).filter((p) => p !== ctx.actor.personId)
    const told = [...new Set([...cadres, ...(t.proposerId && t.proposerId !== ctx.actor.personId ? [t.proposerId] : [])])]
    await deps.notifications.notify(tx, { personIds: told, kind: 'topic.stage', title: next ? `议题进入“${next.name}”：${t.title}` : `议题已办结：${t.title}`, link: { topicId: t.id } })
    return state
  }

  return {
    readable,
    present,

    async create(ctx: RequestContext, input: TopicCreate) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return inTransaction(db, async (tx) => {
        const forOther = input.proposerId !== undefined && input.proposerId !== me
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: forOther || input.templateId ? 'topic.collectAt' : 'topic.proposeAt', entity: 'org', id: input.orgId })
        const community = await repo.communityOf(tx, org.path)
        if (!community) throw unprocessable('TOPIC_INVALID', {}, [{ path: 'orgId', message: 'deliberation.orgKind' }])
        if (forOther) await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.proposerId! })
        if (input.templateId) await requireAccessOne(tx, ctx.actor, { permission: 'deliberationTemplate.read', entity: 'deliberationTemplate', id: input.templateId })
        if (input.source) await checkSource(tx, ctx, input.source.kind, input.source.id)
        const photoIds = [...new Set(input.photoIds ?? [])]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const settings = await repo.settingsAt(tx, org.path)
        const version = (await repo.currentVersion(tx, { id: input.templateId ?? settings.templateId })) ?? (await repo.currentVersion(tx, { code: 'six_steps' }))
        if (!version) throw notFound('TEMPLATE_NOT_FOUND')
        const at = now()
        const needed = supportNeeded(settings, await repo.householdsUnder(tx, community.path))
        const first = version.stages[0]!
        const id = await repo.insertTopic(tx, {
          orgId: org.id, title: input.title, body: input.body, proposerId: forOther ? input.proposerId! : me, collectedBy: forOther ? me : null,
          sourceKind: input.source?.kind ?? null, sourceId: input.source?.id ?? null, versionId: version.versionId, stageKey: first.key, stageDueAt: null,
          supportNeeded: needed, expiresAt: new Date(at.getTime() + settings.expireDays * 86_400_000).toISOString(), photoIds,
        })
        await repo.insertEvent(tx, { topicId: id, actorId: me, action: 'create', from: null, to: 'proposed', stageKey: first.key, data: { template: version.name, version: version.version, ...(input.source ? { source: input.source } : {}), ...(forOther ? { collected: true } : {}) } })
        await recordAudit(tx, ctx, { action: 'topic.create', entity: 'topic', entityId: id, orgPath: org.path, after: { title: input.title, source: input.source ?? null } })
        // The proposer's own household supports it from the start.
        const count = await repo.addSupport(tx, id, forOther ? input.proposerId! : me, await repo.householdOf(tx, forOther ? input.proposerId! : me))
        let state = 'proposed'
        if (count !== null && count >= needed) state = await completeStage(tx, ctx, (await repo.findTopic(tx, id, true))!, {}, true)
        await deps.notifications.notify(tx, { personIds: (await repo.cadresAt(tx, org.path)).filter((p) => p !== me), kind: 'topic.new', title: `新的议题：${input.title}`, link: { topicId: id } })
        return { id, state: state as TopicSummary['state'] }
      })
    },

    async list(ctx: RequestContext, q: TopicsQuery): Promise<Page<TopicSummary>> {
      requireSignedIn(ctx.actor)
      const f: repo.TopicFilter = { rolePaths: rolePathsOf(ctx.actor), state: q.state, stage: q.stage, q: q.q }
      if (q.mine) f.proposerId = ctx.actor.personId ?? '0'
      if (q.orgId) f.underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id: q.orgId })).path
      if (q.sourceKind || q.sourceId) {
        if (!q.sourceKind || !q.sourceId) throw unprocessable('TOPIC_INVALID', {}, [{ path: q.sourceKind ? 'sourceId' : 'sourceKind', message: 'deliberation.orgKind' }])
        await checkSource(db, ctx, q.sourceKind, q.sourceId)
        Object.assign(f, { sourceKind: q.sourceKind, sourceId: q.sourceId })
      }
      if (!f.rolePaths!.length) return { items: [], nextCursor: null, total: 0 }
      const after = decodeCursor(q.cursor, idCursor)?.id
      const found = await repo.listTopics(db, f, after, q.limit)
      const at = now()
      const page = toPage(found, q.limit, (t) => summaryOf(t, at), (t) => ({ id: t.id }))
      return after ? page : { ...page, ...totalOf(await repo.countTopics(db, f)) }
    },

    /** The caller's own community (where their lowest role lies: a resident's building), for the phone. */
    async home(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const byLevel = [...ctx.actor.roles].sort((a, b) => roleLevels[a.role] - roleLevels[b.role])
      for (const r of byLevel) {
        const c = await repo.communityOf(db, r.orgPath)
        if (c) {
          const s = await repo.settingsAt(db, c.path)
          return { community: { id: c.id, name: c.name }, supportNeeded: supportNeeded(s, await repo.householdsUnder(db, c.path)), expireDays: s.expireDays }
        }
      }
      return { community: null, supportNeeded: 0, expireDays: 0 }
    },

    async board(ctx: RequestContext, orgId: string | undefined) {
      requireSignedIn(ctx.actor)
      const f: repo.TopicFilter = { rolePaths: rolePathsOf(ctx.actor) }
      if (orgId) f.underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id: orgId })).path
      if (!f.rolePaths!.length) return { columns: [] }
      const found = await repo.boardRows(db, f)
      const six = (await repo.currentVersion(db, { code: 'six_steps' }))?.stages ?? []
      const at = now()
      // Columns: the default template's stages in order, then other templates' stages as they appear, then the closing states.
      const keys: { key: string; name: string }[] = six.map((s) => ({ key: s.key, name: s.name }))
      for (const t of found) if (LIVE.includes(t.state) && !keys.some((k) => k.key === t.col)) keys.push({ key: t.col, name: t.stages[t.stageIndex]?.name ?? t.col })
      for (const s of ['settled', 'merged', 'expired', 'rejected'] as const) keys.push({ key: s, name: topicStateWords[s].zh })
      return { columns: keys.map((k) => {
        const items = found.filter((t) => t.col === k.key)
        return { key: k.key, name: k.name, count: items[0]?.n ?? 0, items: items.map((t) => summaryOf(t, at)) }
      }) }
    },

    async get(ctx: RequestContext, id: string) {
      return present(db, ctx, await readable(ctx, id))
    },

    async support(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'topic.support', id })
        const t = (await repo.findTopic(tx, id, true))!
        if (t.state !== 'proposed') throw conflict('TOPIC_STATE', { state: topicStateWords[t.state as 'proposed'].zh, action: '附议' })
        const count = await repo.addSupport(tx, id, me, await repo.householdOf(tx, me))
        if (count === null) throw conflict('TOPIC_ALREADY_SUPPORTED')
        await repo.insertEvent(tx, { topicId: id, actorId: me, action: 'support', from: 'proposed', to: 'proposed', stageKey: t.stageKey, data: { households: count } })
        if (count >= t.supportNeeded) await completeStage(tx, ctx, { ...t, supportCount: count }, {}, true)
        return present(tx, ctx, (await repo.findTopic(tx, id))!)
      })
    },

    async advance(ctx: RequestContext, id: string, input: AdvanceInput) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'topic.manage', id })
        const t = (await repo.findTopic(tx, id, true))!
        if (!LIVE.includes(t.state)) throw conflict('TOPIC_STATE', { state: topicStateWords[t.state as 'settled'].zh, action: '推进' })
        const stage = t.stages[t.stageIndex]!
        if (input.outputRef) await requireAccessOne(tx, ctx.actor, input.outputRef.kind === 'attachment'
          ? { permission: 'attachment.attach', entity: 'attachment', id: input.outputRef.id }
          : input.outputRef.kind === 'vote' ? { permission: 'vote.read', entity: 'vote', id: input.outputRef.id } : { permission: 'topic.manage', entity: 'topic', id })
        const problem = stageProblem(stage, t.stageIndex, levelAt(ctx.actor, t.orgPath), input, (await passedVoteAt(tx, id, stage.key)) !== null)
        if (problem) {
          const params = { stage: stage.name, role: 'role' in problem ? roleWords[problem.role as Role] : '', output: outputWords[stage.output].zh, quorum: 'quorum' in problem ? problem.quorum : 0 }
          if (problem.code === 'TOPIC_STAGE_ROLE') throw new AppError(403, problem.code, params)
          throw unprocessable(problem.code, params, [{ path: problem.code === 'TOPIC_QUORUM' ? 'attendees' : 'output', message: 'deliberation.orgKind' }])
        }
        const state = await completeStage(tx, ctx, t, input, false)
        await recordAudit(tx, ctx, { action: 'topic.advance', entity: 'topic', entityId: id, orgPath: t.orgPath, before: { stage: stage.key, state: t.state }, after: { state } })
        return present(tx, ctx, (await repo.findTopic(tx, id))!)
      })
    },

    async merge(ctx: RequestContext, id: string, intoId: string, note: string | undefined) {
      return inTransaction(db, async (tx) => {
        await requireAccess(tx, ctx.actor, { permission: 'topic.manage', entity: 'topic', ids: [id, intoId] })
        const t = (await repo.findTopic(tx, id, true))!
        const into = (await repo.findTopic(tx, intoId, true))!
        if (id === intoId || into.orgId !== t.orgId && !into.orgPath.startsWith(t.orgPath) && !t.orgPath.startsWith(into.orgPath)) throw unprocessable('TOPIC_MERGE_SELF', {}, [{ path: 'intoId', message: 'deliberation.orgKind' }])
        if (!LIVE.includes(t.state)) throw conflict('TOPIC_STATE', { state: topicStateWords[t.state as 'settled'].zh, action: '合并' })
        if (!LIVE.includes(into.state)) throw conflict('TOPIC_STATE', { state: topicStateWords[into.state as 'settled'].zh, action: '并入' })
        // The supporters move along: households count once in the surviving topic.
        await tx.execute(sql`INSERT INTO topic_supports (topic_id, person_id, household_key, at) SELECT ${intoId}, person_id, household_key, at FROM topic_supports WHERE topic_id = ${id} ON CONFLICT DO NOTHING`)
        await tx.execute(sql`UPDATE topics SET support_count = (SELECT count(DISTINCT coalesce(s.household_key, 'p' || s.person_id))::int FROM topic_supports s WHERE s.topic_id = ${intoId}) WHERE id = ${intoId}`)
        await repo.moveTopic(tx, id, { state: 'merged', stageIndex: t.stageIndex, stageKey: t.stageKey, stageDueAt: null, mergedIntoId: intoId, closeNote: note ?? null, now: now().toISOString() })
        await repo.insertEvent(tx, { topicId: id, actorId: ctx.actor.personId, action: 'merge', from: t.state, to: 'merged', stageKey: t.stageKey, note: note ?? null, data: { intoId, intoTitle: into.title } })
        await repo.insertEvent(tx, { topicId: intoId, actorId: ctx.actor.personId, action: 'absorb', from: into.state, to: into.state, stageKey: into.stageKey, note: note ?? null, data: { fromId: id, fromTitle: t.title } })
        await recordAudit(tx, ctx, { action: 'topic.merge', entity: 'topic', entityId: id, orgPath: t.orgPath, after: { intoId } })
        if (t.proposerId) await deps.notifications.notify(tx, { personIds: [t.proposerId], kind: 'topic.merged', title: `您的议题已并入“${into.title}”`, link: { topicId: intoId } })
        const fresh = (await repo.findTopic(tx, intoId, true))!
        if (fresh.state === 'proposed' && fresh.supportCount >= fresh.supportNeeded) await completeStage(tx, ctx, fresh, {}, true)
        return present(tx, ctx, (await repo.findTopic(tx, intoId))!)
      })
    },

    async reject(ctx: RequestContext, id: string, reason: string) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'topic.manage', id })
        const t = (await repo.findTopic(tx, id, true))!
        if (!LIVE.includes(t.state)) throw conflict('TOPIC_STATE', { state: topicStateWords[t.state as 'settled'].zh, action: '不予立项' })
        await repo.moveTopic(tx, id, { state: 'rejected', stageIndex: t.stageIndex, stageKey: t.stageKey, stageDueAt: null, closeNote: reason, now: now().toISOString() })
        await repo.insertEvent(tx, { topicId: id, actorId: ctx.actor.personId, action: 'reject', from: t.state, to: 'rejected', stageKey: t.stageKey, note: reason })
        await recordAudit(tx, ctx, { action: 'topic.reject', entity: 'topic', entityId: id, orgPath: t.orgPath, after: { reason } })
        if (t.proposerId) await deps.notifications.notify(tx, { personIds: [t.proposerId], kind: 'topic.rejected', title: `议题未立项：${t.title}`, body: reason, link: { topicId: id } })
        return present(tx, ctx, (await repo.findTopic(tx, id))!)
      })
    },

    /** The minute sweep: proposed topics past their expiry without enough support expire (their proposers are told). */
    async sweep(tx: Executor, at: Date) {
      const expired = await rows<{ id: string; proposerId: string | null; title: string; stageKey: string }>(tx, sql`
        UPDATE topics SET state = 'expired', closed_at = ${at.toISOString()}::timestamptz, close_note = '附议不足，已过期', updated_at = now()
        WHERE id IN (SELECT id FROM topics WHERE state = 'proposed' AND expires_at < ${at.toISOString()}::timestamptz ORDER BY id LIMIT 500)
        RETURNING id::text, proposer_id::text AS "proposerId", title, stage_key AS "stageKey"`)
      if (!expired.length) return { expired: 0 }
      await tx.execute(sql`INSERT INTO topic_events (topic_id, action, from_state, to_state, stage_key, note)
        SELECT t.id, 'expire', 'proposed', 'expired', t.stage_key, '附议不足，已过期' FROM topics t WHERE t.id = ANY(string_to_array(${expired.map((e) => e.id).join(',')}, ',')::bigint[])`)
      for (const e of expired) if (e.proposerId) await deps.notifications.notify(tx, { personIds: [e.proposerId], kind: 'topic.expired', title: `议题因附议不足已过期：${e.title}`, link: { topicId: e.id } })
      return { expired: expired.length }
    },
  }
}
export type TopicService = ReturnType<typeof createTopicService>
