// Secretaries' projects (书记抓党建项目) and responsibility lists (责任清单): a level names its items
// with an owner and milestones; the owner completes milestones with evidence and reports progress;
// the levels above read and comment (督查); the item is closed when every milestone is done. A
// hotspot (热点问题, 每月一题) can be raised as a secretary's project with its records as the source.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, toCountedPage } from '../../kernel/pagination.ts'
import { z } from 'zod'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { recordsPicked } from '../hotspots/hotspots.repository.ts'
import * as repo from './secretary_projects.repository.ts'
import { presentMilestone, presentProject } from './secretary_projects.present.ts'
import { chinaDay, progressOf, stateOf, yearsProblem } from './secretary_projects.workflow.ts'
import { secretaryProjectStateWords } from './secretary_projects.messages.ts'
import type { SecretaryProjectSubject } from './secretary_projects.policy.ts'
import type {
  HotspotProject, MilestoneComplete, MilestoneInput, SecretaryProjectCreate, SecretaryProjectDetail, SecretaryProjectPatch, SecretaryProjectsQuery,
} from './secretary_projects.schemas.ts'
import './secretary_projects.access.ts'

const ORG_KINDS = ['city', 'district', 'street', 'community', 'village']
type Detail = { path: string; message: string }
const invalid = (details: Detail[]) => unprocessable('SECRETARY_PROJECT_INVALID', {}, details)

export type SecretaryProjectsDeps = { db: Executor; clock?: () => Date }

export function createSecretaryProjectService(deps: SecretaryProjectsDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  async function load(ex: Executor, id: string) {
    const p = await repo.findProject(ex, id)
    if (!p) throw notFound('SECRETARY_PROJECT_NOT_FOUND')
    return p
  }

  /** Recomputes progress and state from the record; answers the state before and after. */
  async function refresh(tx: Executor, id: string, at: Date) {
    const p = await load(tx, id)
    const ms = await repo.milestonesOf(tx, id)
    const w = { closed: p.closedAt !== null, progress: p.progress, progressManual: p.progressManual, milestones: ms.map((m) => ({ dueOn: m.dueOn, done: m.doneAt !== null })) }
    const state = stateOf(w, chinaDay(at))
    const progress = progressOf(w)
    if (state !== p.state || progress !== p.progress) await repo.updateProject(tx, id, { state, progress }, at.toISOString())
    return { from: p.state, to: state, title: p.title, ownerId: p.ownerId, orgPath: p.orgPath }
  }

  /** Writes on an item: checked by its loader (404 outside the reader's scope, 403 when readable), refused once done. */
  async function writable(tx: Executor, ctx: RequestContext, id: string, permission: string, action: string) {
    const s = await requireAccessOne<SecretaryProjectSubject>(tx, ctx.actor, { permission, entity: 'secretaryProject', id })
    await repo.lockProject(tx, id)
    const p = await load(tx, id)
    if (p.state === 'done') throw conflict('SECRETARY_PROJECT_STATE', { state: secretaryProjectStateWords.done.zh, action })
    return { s, p }
  }

  async function detail(ctx: RequestContext, ex: Executor, id: string): Promise<SecretaryProjectDetail> {
    const p = await load(ex, id)
    const today = chinaDay(now())
    const events = await repo.eventsOf(ex, id)
    return {
      ...presentProject(ctx, p),
      milestones: (await repo.milestonesOf(ex, id)).map((m) => presentMilestone(m, today)),
      events: events.map((e) => ({ id: e.id, action: e.action, actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null, fromState: e.fromState, toState: e.toState, note: e.note, data: e.data, at: new Date(e.at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString() })),
    }
  }

  function dueDetails(milestones: MilestoneInput[], yearFrom: number, yearTo: number, prefix = 'milestones.'): Detail[] {
    return milestones.flatMap((m, i) => m.dueOn < `${yearFrom}-01-01` || m.dueOn > `${yearTo}-12-31` ? [{ path: prefix === '' ? 'dueOn' : `${prefix}${i}.dueOn`, message: 'secretaryProjects.dueOutside' }] : [])
  }

  async function create(ctx: RequestContext, tx: Executor, input: SecretaryProjectCreate & { descriptionPrefix?: string }) {
    const me = ctx.actor.personId
    if (!me) throw forbidden()
    const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'secretaryProject.create', entity: 'org', id: input.orgId })
    await requireAccess(tx, ctx.actor, { permission: 'person.read', entity: 'person', ids: [input.ownerId] })
    await requireAccess(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', ids: [input.unitId] })
    const yearTo = input.yearTo ?? (input.kind === 'duty' ? input.yearFrom + 2 : input.yearFrom)
    const details: Detail[] = []
    if (!ORG_KINDS.includes(org.kind)) details.push({ path: 'orgId', message: 'secretaryProjects.orgKind' })
    const years = yearsProblem(input.kind, input.yearFrom, yearTo)
    if (years) details.push({ path: 'yearTo', message: years })
    details.push(...dueDetails(input.milestones, input.yearFrom, yearTo))
    const src = input.source
    let source = { kind: null as string | null, category: null as string | null, streetId: null as string | null, caseIds: [] as string[], orderIds: [] as string[], caseId: null as string | null, topicId: null as string | null }
    if (src?.kind === 'hotspot') {
      const caseIds = [...new Set(src.caseIds)]
      const orderIds = [...new Set(src.orderIds)]
      if (caseIds.length + orderIds.length === 0) details.push({ path: 'source.caseIds', message: 'secretaryProjects.records' })
      await requireAccess(tx, ctx.actor, { permission: 'case.read', entity: 'case', ids: caseIds })
      await requireAccess(tx, ctx.actor, { permission: 'order.read', entity: 'order', ids: orderIds })
      const picked = await recordsPicked(tx, org.path, caseIds, orderIds)
      if (picked.length !== caseIds.length + orderIds.length) throw unprocessable('SECRETARY_PROJECT_HOTSPOT_RECORD', {}, [{ path: 'source.caseIds', message: 'secretaryProjects.records' }])
      const wrong = picked.find((r) => r.category !== src.category)
      if (wrong) details.push({ path: `source.${wrong.kind}Ids.${(wrong.kind === 'case' ? caseIds : orderIds).indexOf(wrong.id)}`, message: 'secretaryProjects.category' })
      source = { ...source, kind: 'hotspot', category: src.category, streetId: await repo.streetOf(tx, org.path), caseIds, orderIds }
    } else if (src?.kind === 'case') {
      await requireAccess(tx, ctx.actor, { permission: 'case.read', entity: 'case', ids: [src.caseId] })
      source = { ...source, kind: 'case', caseId: src.caseId }
    } else if (src?.kind === 'topic') {
      await requireAccess(tx, ctx.actor, { permission: 'topic.read', entity: 'topic', ids: [src.topicId] })
      source = { ...source, kind: 'topic', topicId: src.topicId }
    }
    if (details.length) throw invalid(details)
    const at = now()
    const description = [input.descriptionPrefix, input.description].filter(Boolean).join('\n') || null
    const id = await repo.insertProject(tx, {
      orgId: org.id, kind: input.kind, state: 'planned', yearFrom: input.yearFrom, yearTo, title: input.title, description, ownerId: input.ownerId,
      unitId: input.unitId ?? null, department: input.department || null, sourceKind: source.kind, sourceCategory: source.category, sourceStreetId: source.streetId,
      sourceCaseIds: source.caseIds, sourceOrderIds: source.orderIds, sourceCaseId: source.caseId, sourceTopicId: source.topicId, createdBy: me, at: at.toISOString(),
    })
    for (const m of input.milestones) await repo.insertMilestone(tx, id, m)
    const { to } = await refresh(tx, id, at)
    await repo.insertEvent(tx, { projectId: id, actorId: me, action: 'created', toState: to, data: { milestones: input.milestones.length, source: source.kind }, at: at.toISOString() })
    await recordAudit(tx, ctx, { action: 'secretary_project.create', entity: 'secretary_project', entityId: id, orgPath: org.path, after: { kind: input.kind, title: input.title, ownerId: input.ownerId, yearFrom: input.yearFrom, yearTo, source: source.kind } })
    return id
  }

  return {
    async list(ctx: RequestContext, q: SecretaryProjectsQuery) {
      requireSignedIn(ctx.actor)
      const cadreScopes = scopesOf(ctx.actor, LEVEL.cadre)
      const orgId = q.orgId ?? ctx.actor.roles.find((r) => cadreScopes.includes(r.orgPath))?.orgId
      if (!orgId) throw forbidden()
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'secretaryProjects.list', entity: 'org', id: orgId, hide: true })
      const cursor = decodeCursor(q.cursor, z.object({ id: z.number().int() }))
      const found = await repo.listProjects(db, { path: org.path, below: q.below ?? false, kind: q.kind, state: q.state, year: q.year, q: q.q, after: cursor?.id, limit: q.limit })
      return toCountedPage(found, q.limit, (p) => presentProject(ctx, p), (p) => ({ id: Number(p.id) }), cursor === undefined)
    },

    /** The items I answer for, wherever they are (the owner reads their own item): the phone's list. */
    async mine(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return { items: (await repo.listOwned(db, me)).map((p) => presentProject(ctx, p)) }
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'secretaryProject.read', entity: 'secretaryProject', id })
      return detail(ctx, db, id)
    },

    async create(ctx: RequestContext, input: SecretaryProjectCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => detail(ctx, tx, await create(ctx, tx, input)))
    },

    /** "转为书记项目" (每月一题): the hotspot's records become the source of a secretary's project of the node. */
    async raiseHotspot(ctx: RequestContext, input: HotspotProject) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'secretaryProject.create', entity: 'org', id: input.orgId })
        const picked = await recordsPicked(tx, org.path, input.caseIds, input.orderIds)
        const name = picked.find((r) => r.category === input.category)?.name ?? input.category
        const count = input.caseIds.length + input.orderIds.length
        const id = await create(ctx, tx, {
          orgId: input.orgId, kind: 'project', yearFrom: input.yearFrom ?? Number(chinaDay(now()).slice(0, 4)), title: input.title ?? `每月一题：${name.slice(0, 60)}问题治理`,
          ownerId: input.ownerId ?? me, milestones: input.milestones,
          descriptionPrefix: `由热点问题转为书记抓党建项目（每月一题）：“${name}”类问题反复出现，共 ${count} 件（案件 ${input.caseIds.length} 件，服务工单 ${input.orderIds.length} 件）。`,
          source: { kind: 'hotspot', category: input.category, caseIds: input.caseIds, orderIds: input.orderIds },
        })
        return detail(ctx, tx, id)
      })
    },

    async update(ctx: RequestContext, id: string, patch: SecretaryProjectPatch) {
      return inTransaction(db, async (tx) => {
        const { s, p } = await writable(tx, ctx, id, 'secretaryProject.manage', '修改')
        await requireAccess(tx, ctx.actor, { permission: 'person.read', entity: 'person', ids: [patch.ownerId] })
        await requireAccess(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', ids: [patch.unitId] })
        if (Object.values(patch).every((v) => v === undefined)) throw invalid([{ path: '', message: 'secretaryProjects.nothing' }])
        const yearFrom = patch.yearFrom ?? p.yearFrom
        const yearTo = patch.yearTo ?? (patch.yearFrom !== undefined && p.kind === 'project' ? patch.yearFrom : p.yearTo)
        const details: Detail[] = []
        const years = yearsProblem(p.kind, yearFrom, yearTo)
        if (years) details.push({ path: 'yearTo', message: years })
        const ms = await repo.milestonesOf(tx, id)
        if (ms.some((m) => m.dueOn < `${yearFrom}-01-01` || m.dueOn > `${yearTo}-12-31`)) details.push({ path: 'yearFrom', message: 'secretaryProjects.dueOutside' })
        if (details.length) throw invalid(details)
        const at = now()
        const set = { title: patch.title, description: patch.description === undefined ? undefined : patch.description || null, yearFrom, yearTo, ownerId: patch.ownerId, unitId: patch.unitId, department: patch.department === undefined ? undefined : patch.department || null }
        await repo.updateProject(tx, id, set, at.toISOString())
        const before = { title: p.title, description: p.description, yearFrom: p.yearFrom, yearTo: p.yearTo, ownerId: p.ownerId, unitId: p.unitId, department: p.department }
        const after = Object.fromEntries(Object.entries({ ...before, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) }))
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'edited', data: { fields: Object.keys(patch) }, at: at.toISOString() })
        await recordAudit(tx, ctx, { action: 'secretary_project.update', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, before, after })
        return detail(ctx, tx, id)
      })
    },

    async addMilestone(ctx: RequestContext, id: string, input: MilestoneInput) {
      return inTransaction(db, async (tx) => {
        const { s, p } = await writable(tx, ctx, id, 'secretaryProject.manage', '新增节点')
        const details = dueDetails([input], p.yearFrom, p.yearTo, '')
        if (details.length) throw invalid(details)
        const at = now()
        const mid = await repo.insertMilestone(tx, id, input)
        await repo.updateProject(tx, id, {}, at.toISOString())
        const { from, to } = await refresh(tx, id, at)
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'milestone_added', fromState: from, toState: to, note: input.title, data: { milestoneId: mid, dueOn: input.dueOn }, at: at.toISOString() })
        await recordAudit(tx, ctx, { action: 'secretary_project.milestone_add', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, after: { milestoneId: mid, ...input } })
        return detail(ctx, tx, id)
      })
    },

    async completeMilestone(ctx: RequestContext, id: string, milestoneId: string, input: MilestoneComplete) {
      return inTransaction(db, async (tx) => {
        const { s } = await writable(tx, ctx, id, 'secretaryProject.report', '完成节点')
        const photoIds = [...new Set(input.photoIds)]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const m = await repo.findMilestone(tx, id, milestoneId)
        if (!m) throw notFound('SECRETARY_PROJECT_MILESTONE_NOT_FOUND')
        if (m.doneAt) throw conflict('SECRETARY_PROJECT_MILESTONE_DONE', { at: m.doneAt.slice(0, 16) })
        const at = now()
        await repo.completeMilestone(tx, id, milestoneId, { by: ctx.actor.personId!, note: input.note, photoIds, at: at.toISOString() })
        await repo.updateProject(tx, id, {}, at.toISOString())
        const { from, to } = await refresh(tx, id, at)
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'milestone_done', fromState: from, toState: to, note: input.note, data: { milestoneId, title: m.title, photos: photoIds.length }, at: at.toISOString() })
        await recordAudit(tx, ctx, { action: 'secretary_project.milestone_done', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, after: { milestoneId, note: input.note, photoIds } })
        return detail(ctx, tx, id)
      })
    },

    async setProgress(ctx: RequestContext, id: string, input: { progress: number | null; note?: string }) {
      return inTransaction(db, async (tx) => {
        const { s, p } = await writable(tx, ctx, id, 'secretaryProject.report', '填报进度')
        const at = now()
        await repo.updateProject(tx, id, { progress: input.progress ?? p.progress, progressManual: input.progress !== null }, at.toISOString())
        const r = await refresh(tx, id, at)
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'progress', fromState: r.from, toState: r.to, note: input.note ?? null, data: { progress: input.progress }, at: at.toISOString() })
        await recordAudit(tx, ctx, { action: 'secretary_project.progress', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, before: { progress: p.progress }, after: { progress: input.progress } })
        return detail(ctx, tx, id)
      })
    },

    async comment(ctx: RequestContext, id: string, note: string) {
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<SecretaryProjectSubject>(tx, ctx.actor, { permission: 'secretaryProject.comment', entity: 'secretaryProject', id })
        const at = now().toISOString()
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'comment', note, at })
        await recordAudit(tx, ctx, { action: 'secretary_project.comment', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, after: { note } })
        return detail(ctx, tx, id)
      })
    },

    async close(ctx: RequestContext, id: string, note: string) {
      return inTransaction(db, async (tx) => {
        const { s, p } = await writable(tx, ctx, id, 'secretaryProject.manage', '办结')
        const open = (await repo.milestonesOf(tx, id)).filter((m) => m.doneAt === null).length
        if (open > 0) throw conflict('SECRETARY_PROJECT_OPEN_MILESTONES', { count: open })
        const at = now()
        await repo.updateProject(tx, id, { closedAt: at.toISOString(), closedBy: ctx.actor.personId, closeNote: note }, at.toISOString())
        const r = await refresh(tx, id, at)
        await repo.insertEvent(tx, { projectId: id, actorId: ctx.actor.personId, action: 'closed', fromState: p.state, toState: r.to, note, at: at.toISOString() })
        await recordAudit(tx, ctx, { action: 'secretary_project.close', entity: 'secretary_project', entityId: id, orgPath: s.orgPath, before: { state: p.state }, after: { state: r.to, note } })
        return detail(ctx, tx, id)
      })
    },

    refresh,
  }
}

export type SecretaryProjectService = ReturnType<typeof createSecretaryProjectService>
