// The shared library (云平台): publishing and revising practices (each revision a new version),
// the Chinese full-text search, one practice with its template, the history, comments, "adopted"
// marks with the one-click import of a template through its owner's importer, and the figures per
// street.
import { z } from 'zod'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, roleLevels } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, encodeCursor, idCursor, toPage, totalOf, type Page } from '../../kernel/pagination.ts'
import type { TemplateRegistry } from '../../kernel/templates.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './library.repository.ts'
import { searchQuery, searchVector } from './library.search.ts'
import type { AdoptInput, Practice, PracticeCard, PracticeCreate, PracticeRevise, PracticesQuery } from './library.schemas.ts'
import type { LibraryCommentSubject, PracticeSubject } from './library.policy.ts'
import './library.policy.ts'
import './library.access.ts'

type Details = { path: string; message: string; params?: Record<string, unknown> }[]
const rankCursor = z.object({ rank: z.string().regex(/^[0-9.e+-]{1,30}$/).optional(), id: z.string().regex(/^\d+$/) })

export function createLibraryService(deps: { db: Executor; templates: TemplateRegistry }) {
  const { db, templates } = deps

  const presentTemplate = (t: repo.TemplateValue | null) => {
    if (!t) return null
    const k = templates.get(t.kind)
    return { kind: t.kind, label: k?.label.zh ?? t.kind, importAt: k?.importAt.zh ?? '', importable: k !== undefined, payload: t.payload }
  }
  const presentCard = (r: repo.CardRow): PracticeCard => ({
    id: r.id, title: r.title, summary: r.summary, tags: r.tags, org: { id: r.orgId, name: r.orgName }, street: r.street, version: r.version,
    templateKind: r.templateKind, cover: r.cover, adoptions: r.adoptions, comments: r.comments, createdAt: r.createdAt, updatedAt: r.updatedAt,
  })

  /** A template as given: its kind must be registered, its payload valid (or made from `sourceId`). */
  async function templateOf(ex: Executor, ctx: RequestContext, input: PracticeCreate['template']): Promise<repo.TemplateValue | null> {
    if (!input) return null
    const kind = templates.get(input.kind)
    if (!kind) throw unprocessable('TEMPLATE_KIND_UNKNOWN', { kind: input.kind }, [{ path: 'template.kind', message: 'library.templateSource' }])
    if ((input.payload === undefined) === (input.sourceId === undefined) || (input.sourceId && !kind.exportFrom)) {
      throw unprocessable('TEMPLATE_INVALID', {}, [{ path: 'template', message: 'library.templateSource' }])
    }
    const raw = input.sourceId ? await kind.exportFrom!(ex, ctx, input.sourceId) : input.payload
    const parsed = kind.payload.safeParse(raw)
    if (!parsed.success) throw unprocessable('TEMPLATE_INVALID', {}, parsed.error.issues.map((i) => ({ path: ['template', 'payload', ...i.path].join('.'), message: i.message })))
    return { kind: input.kind, payload: parsed.data }
  }

  const checkTags = (tags: string[] | undefined, details: Details) => {
    if (tags && new Set(tags).size !== tags.length) details.push({ path: 'tags', message: 'library.tagsRepeated' })
  }

  async function load(ctx: RequestContext, id: string): Promise<repo.PracticeRow> {
    requireSignedIn(ctx.actor)
    await requireAccessOne(db, ctx.actor, { permission: 'practice.read', id })
    const p = await repo.findPractice(db, id)
    if (!p) throw notFound('PRACTICE_NOT_FOUND')
    return p
  }

  /** The nodes where the caller is a cadre (where they may mark a practice adopted). */
  const cadreOrgIds = (ctx: RequestContext) => ctx.actor.roles.filter((r) => roleLevels[r.role] >= LEVEL.cadre).map((r) => r.orgId)

  async function present(ctx: RequestContext, p: repo.PracticeRow): Promise<Practice> {
    return {
      ...presentCard(p), body: p.body, photos: p.photos, files: p.files, template: presentTemplate(p.template),
      author: p.authorId ? { id: p.authorId, name: p.authorName ?? '' } : null,
      adoptedAt: await repo.adoptedAtBy(db, p.id, cadreOrgIds(ctx)),
      mayEdit: can(ctx.actor, 'practice.manage', { orgPath: p.orgPath }),
    }
  }

  return {
    templateKinds(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return { items: templates.list().map((k) => ({ kind: k.kind, label: k.label.zh, importAt: k.importAt.zh })) }
    },

    async list(ctx: RequestContext, q: PracticesQuery): Promise<Page<PracticeCard>> {
      requireSignedIn(ctx.actor)
      const filter: repo.PracticeFilter = { query: q.q ? searchQuery(q.q) : null, tag: q.tag, templateKind: q.templateKind }
      if (q.q && !filter.query) return { items: [], nextCursor: null, total: 0 }
      // The node filter takes a node the caller reads (their own tree); the list itself is open.
      if (q.orgId) filter.underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path
      const after = decodeCursor(q.cursor, rankCursor)
      const found = await repo.searchPractices(db, filter, after, q.limit)
      const more = found.length > q.limit
      const items = found.slice(0, q.limit)
      const last = items[items.length - 1]
      const page: Page<PracticeCard> = { items: items.map(presentCard), nextCursor: more && last ? encodeCursor(filter.query ? { rank: String(last.rank), id: last.id } : { id: last.id }) : null }
      return after ? page : { ...page, ...totalOf(await repo.countPractices(db, filter)) }
    },

    async get(ctx: RequestContext, id: string): Promise<Practice> {
      return present(ctx, await load(ctx, id))
    },

    async publish(ctx: RequestContext, input: PracticeCreate): Promise<Practice> {
      requireSignedIn(ctx.actor)
      // The template is read before the transaction: an owner's export reads through its own service.
      const template = await templateOf(db, ctx, input.template)
      const id = await inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'practice.publishAt', entity: 'org', id: input.orgId })
        const details: Details = []
        checkTags(input.tags, details)
        if (details.length) throw unprocessable('PRACTICE_INVALID', {}, details)
        const photoIds = [...new Set(input.photoIds)]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const fileIds = [...new Set(input.fileIds)]
        await requireAccess(tx, ctx.actor, { permission: 'document.attach', entity: 'document', ids: fileIds })
        const v: repo.VersionInput = { title: input.title, body: input.body, tags: input.tags, photoIds, fileIds, template, note: null, editedBy: ctx.actor.personId }
        const id = await repo.insertPractice(tx, org.id, ctx.actor.personId, v, searchVector(v))
        await recordAudit(tx, ctx, { action: 'practice.publish', entity: 'practice', entityId: id, orgPath: org.path, after: { title: input.title, tags: input.tags, template: template?.kind ?? null } })
        return id
      })
      return present(ctx, (await repo.findPractice(db, id))!)
    },

    async revise(ctx: RequestContext, id: string, input: PracticeRevise): Promise<Practice> {
      requireSignedIn(ctx.actor)
      await requireAccessOne(db, ctx.actor, { permission: 'practice.manage', entity: 'practice', id })
      const given = input.template ? await templateOf(db, ctx, input.template) : null
      await inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<PracticeSubject>(tx, ctx.actor, { permission: 'practice.manage', id })
        const latest = await repo.lockLatest(tx, id)
        if (!latest) throw notFound('PRACTICE_NOT_FOUND')
        const details: Details = []
        checkTags(input.tags, details)
        if (details.length) throw unprocessable('PRACTICE_INVALID', {}, details)
        const photoIds = input.photoIds ? [...new Set(input.photoIds)] : latest.photoIds
        // Photos already in the practice stay; new ones must be the editor's own uploads.
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds.filter((p) => !latest.photoIds.includes(p)) })
        const fileIds = input.fileIds ? [...new Set(input.fileIds)] : latest.fileIds
        await requireAccess(tx, ctx.actor, { permission: 'document.attach', entity: 'document', ids: fileIds.filter((f) => !latest.fileIds.includes(f)) })
        const template = input.template === undefined ? latest.template : given
        const v: repo.VersionInput = {
          title: input.title ?? latest.title, body: input.body ?? latest.body, tags: input.tags ?? latest.tags, photoIds, fileIds, template, note: input.note, editedBy: ctx.actor.personId,
        }
        const same = v.title === latest.title && v.body === latest.body && JSON.stringify(v.tags) === JSON.stringify(latest.tags) &&
          JSON.stringify(v.photoIds) === JSON.stringify(latest.photoIds) && JSON.stringify(v.fileIds) === JSON.stringify(latest.fileIds) && JSON.stringify(v.template) === JSON.stringify(latest.template)
        if (same) throw unprocessable('PRACTICE_INVALID', {}, [{ path: 'note', message: 'library.nothingChanged' }])
        const version = latest.version + 1
        await repo.insertVersion(tx, id, version, v)
        await repo.setLatest(tx, id, version, v, searchVector(v))
        await recordAudit(tx, ctx, { action: 'practice.revise', entity: 'practice', entityId: id, orgPath: subject.orgPath, before: { version: latest.version, title: latest.title }, after: { version, title: v.title, note: input.note } })
      })
      return present(ctx, (await repo.findPractice(db, id))!)
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<PracticeSubject>(tx, ctx.actor, { permission: 'practice.manage', id })
        await repo.softDelete(tx, id)
        await recordAudit(tx, ctx, { action: 'practice.delete', entity: 'practice', entityId: id, orgPath: subject.orgPath })
      })
    },

    async versions(ctx: RequestContext, id: string) {
      await load(ctx, id)
      const found = await repo.versionsOf(db, id)
      return { items: found.map((v) => ({ version: v.version, title: v.title, note: v.note, editedBy: v.editedById ? { id: v.editedById, name: v.editedByName ?? '' } : null, createdAt: v.createdAt })) }
    },

    async version(ctx: RequestContext, id: string, version: number) {
      await load(ctx, id)
      const v = (await repo.versionsOf(db, id, version))[0]
      if (!v) throw notFound('PRACTICE_VERSION_NOT_FOUND')
      return {
        version: v.version, title: v.title, note: v.note, editedBy: v.editedById ? { id: v.editedById, name: v.editedByName ?? '' } : null, createdAt: v.createdAt,
        body: v.body, tags: v.tags, photos: v.photos, files: v.files, template: presentTemplate(v.template),
      }
    },

    async comments(ctx: RequestContext, id: string, q: { cursor?: string; limit: number }) {
      await load(ctx, id)
      const after = decodeCursor(q.cursor, idCursor)?.id
      const found = await repo.commentsOf(db, id, after, q.limit)
      return toPage(found, q.limit, (c) => ({
        id: c.id, body: c.body, author: { id: c.authorId, name: c.authorName }, org: c.orgId ? { id: c.orgId, name: c.orgName ?? '' } : null, createdAt: c.createdAt,
        mayDelete: can<LibraryCommentSubject>(ctx.actor, 'libraryComment.delete', { authorId: c.authorId, orgPath: c.practiceOrgPath }),
      }), (c) => ({ id: c.id }))
    },

    async comment(ctx: RequestContext, id: string, body: string) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'practice.comment', id })
        // A cadre speaks for their node ("西湖社区"); others comment under their name only.
        const speaksFor = [...ctx.actor.roles].filter((r) => roleLevels[r.role] >= LEVEL.cadre).sort((a, b) => roleLevels[a.role] - roleLevels[b.role])[0]
        const commentId = await repo.insertComment(tx, { practiceId: id, authorId: ctx.actor.personId!, orgId: speaksFor?.orgId ?? null, body })
        return { id: commentId }
      })
    },

    async deleteComment(ctx: RequestContext, commentId: string): Promise<void> {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const c = await requireAccessOne<LibraryCommentSubject>(tx, ctx.actor, { permission: 'libraryComment.delete', id: commentId })
        await repo.deleteComment(tx, commentId)
        await recordAudit(tx, ctx, { action: 'library_comment.delete', entity: 'library_comment', entityId: commentId, orgPath: c.orgPath })
      })
    },

    async adoptions(ctx: RequestContext, id: string) {
      await load(ctx, id)
      return { items: (await repo.adoptionsOf(db, id)).map(presentAdoption) }
    },

    /** Marks the practice adopted at a node, and imports its template when asked (one click). */
    async adopt(ctx: RequestContext, id: string, input: AdoptInput) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const practice = await requireAccessOne<PracticeSubject>(tx, ctx.actor, { permission: 'practice.read', id })
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'practice.adoptAt', entity: 'org', id: input.orgId })
        if (org.path === practice.orgPath) throw unprocessable('PRACTICE_ADOPT_OWN', {}, [{ path: 'orgId', message: 'library.adoptOwn' }])
        const latest = await repo.lockLatest(tx, id)
        if (!latest) throw notFound('PRACTICE_NOT_FOUND')
        const fresh = await repo.insertAdoption(tx, { practiceId: id, orgId: org.id, version: latest.version, adoptedBy: ctx.actor.personId, note: input.note ?? null })
        if (!fresh && !input.import) throw conflict('PRACTICE_ALREADY_ADOPTED', { org: org.name })
        if (fresh) await recordAudit(tx, ctx, { action: 'practice.adopt', entity: 'practice', entityId: id, orgPath: org.path, after: { orgId: org.id, version: latest.version } })
        if (input.import) {
          if (!latest.template) throw unprocessable('PRACTICE_NO_TEMPLATE')
          const kind = templates.get(latest.template.kind)
          if (!kind) throw unprocessable('TEMPLATE_KIND_UNKNOWN', { kind: latest.template.kind })
          const target = input.import.orgId ? await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: input.import.orgId }) : org
          const options = kind.options ? kind.options.safeParse(input.import.options ?? {}) : { success: true as const, data: undefined }
          if (!options.success) throw unprocessable('TEMPLATE_INVALID', {}, options.error.issues.map((i) => ({ path: ['import', 'options', ...i.path].join('.'), message: i.message })))
          const made = await kind.import(tx, ctx, latest.template.payload, { orgId: target.id, options: options.data })
          await repo.appendImport(tx, id, org.id, { kind: kind.kind, ...made, orgId: target.id, orgName: target.name, at: new Date().toISOString() })
          await recordAudit(tx, ctx, { action: 'practice.import', entity: 'practice', entityId: id, orgPath: target.path, after: { kind: kind.kind, ...made } })
        }
        return presentAdoption((await repo.findAdoption(tx, id, org.id))!)
      })
    },

    async unadopt(ctx: RequestContext, id: string, orgId: string): Promise<void> {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'practice.read', id })
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'practice.adoptAt', entity: 'org', id: orgId })
        if (!(await repo.deleteAdoption(tx, id, org.id))) throw notFound('PRACTICE_NOT_ADOPTED', undefined, { org: org.name })
        await recordAudit(tx, ctx, { action: 'practice.unadopt', entity: 'practice', entityId: id, orgPath: org.path, before: { orgId: org.id } })
      })
    },

    async figures(ctx: RequestContext, q: { orgId?: string }) {
      requireSignedIn(ctx.actor)
      const under = q.orgId ? (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path : null
      const f = await repo.figures(db, under)
      return {
        practices: f.practices, adoptions: f.adoptions,
        byStreet: f.byStreet.map((s) => ({ street: { id: s.id, name: s.name }, published: s.published, adopted: s.adopted })),
        mostAdopted: f.most.map((m) => ({ id: m.id, title: m.title, org: { id: m.orgId, name: m.orgName }, adoptions: m.adoptions })),
      }
    },
  }
}

function presentAdoption(a: repo.AdoptionRow) {
  return {
    id: a.id, org: { id: a.orgId, name: a.orgName }, street: a.street, version: a.version, note: a.note, createdAt: a.createdAt,
    imports: a.imports.map((i) => ({ kind: i.kind, entity: i.entity, id: i.id, label: i.label, org: { id: i.orgId, name: i.orgName }, at: i.at })),
  }
}

export type LibraryService = ReturnType<typeof createLibraryService>
