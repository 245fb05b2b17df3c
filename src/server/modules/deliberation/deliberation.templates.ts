// Process templates (议事流程模板) and per-community settings: the shipped templates (协商六议,
// 民情理事会, 五位一体) and a node's own, every edit of the stages a new immutable version (a topic
// keeps the version it started with); the support threshold and expiry per community.
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, unprocessable } from '../../kernel/errors.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './deliberation.repository.ts'
import { supportNeeded } from './deliberation.workflow.ts'
import type { DeliberationDeps } from './deliberation.topics.ts'
import type { Stage } from './deliberation.schemas.ts'

interface TemplateRow { id: string; code: string; name: string; nameEn: string | null; description: string | null; orgId: string | null; orgName: string | null; orgPath: string | null; version: number; archivedAt: string | null; stages: Stage[] }
const find = (ex: Executor, id: string | null) => rows<TemplateRow>(ex, sql`SELECT d.id::text, d.code, d.name, d.name_en AS "nameEn", d.description, d.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
    d.version, d.archived_at::text AS "archivedAt", v.stages
  FROM deliberation_templates d JOIN deliberation_template_versions v ON v.template_id = d.id AND v.version = d.version LEFT JOIN ${orgTree} o ON o.id = d.org_id
  ${id ? sql`WHERE d.id = ${id}` : sql`WHERE d.archived_at IS NULL`} ORDER BY d.org_id NULLS FIRST, d.id`)
/** `manage`: whether the reader may edit it (the console shows its buttons only then). */
const present = (t: TemplateRow, actor: Actor) => ({ manage: can(actor, 'deliberationTemplate.manage', { orgPath: t.orgPath }), id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, description: t.description, org: t.orgId ? { id: t.orgId, name: t.orgName ?? '' } : null, version: t.version, archived: t.archivedAt !== null, stages: t.stages })

export type TemplateInput = { code: string; name: string; nameEn?: string; description?: string; orgId?: string; stages: Stage[] }
/** A process template as the shared library carries it (no code, no owner: the importer's). */
export type TemplatePayload = Omit<TemplateInput, 'code' | 'orgId'>

/** A new template written in the caller's transaction (the one way templates are made). */
async function createIn(tx: Executor, ctx: RequestContext, input: TemplateInput) {
  let orgPath: string | null = null
  if (input.orgId) orgPath = (await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'deliberationTemplate.createAt', entity: 'org', id: input.orgId })).path
  else authorize(ctx.actor, 'deliberationTemplate.manage', { orgPath: null })
  if ((await rows(tx, sql`SELECT 1 FROM deliberation_templates WHERE code = ${input.code}`)).length) throw conflict('TEMPLATE_CODE_TAKEN')
  const t = (await firstRow<{ id: string }>(tx, sql`INSERT INTO deliberation_templates (org_id, code, name, name_en, description) VALUES (${input.orgId ?? null}, ${input.code}, ${input.name}, ${input.nameEn ?? null}, ${input.description ?? null}) RETURNING id::text`))!
  await tx.execute(sql`INSERT INTO deliberation_template_versions (template_id, version, stages, created_by) VALUES (${t.id}, 1, ${JSON.stringify(input.stages)}::jsonb, ${ctx.actor.personId})`)
  await recordAudit(tx, ctx, { action: 'deliberationTemplate.create', entity: 'deliberation_template', entityId: t.id, orgPath, after: { code: input.code, stages: input.stages.length } })
  return present((await find(tx, t.id))[0]!, ctx.actor)
}

export function createTemplateService(deps: DeliberationDeps) {
  const { db } = deps
  return {
    async list(ctx: RequestContext) { return (await find(db, null)).map((t) => present(t, ctx.actor)) },
    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'deliberationTemplate.read', id })
      return present((await find(db, id))[0]!, ctx.actor)
    },
    async create(ctx: RequestContext, input: TemplateInput) {
      return inTransaction(db, (tx) => createIn(tx, ctx, input))
    },
    createIn,
    /** A template's current stages, as the shared library carries them. */
    async exportOf(ex: Executor, ctx: RequestContext, id: string): Promise<TemplatePayload> {
      await requireAccessOne(ex, ctx.actor, { permission: 'deliberationTemplate.read', entity: 'deliberationTemplate', id })
      const t = (await find(ex, id))[0]!
      return { name: t.name, ...(t.nameEn ? { nameEn: t.nameEn } : {}), ...(t.description ? { description: t.description } : {}), stages: t.stages }
    },
    async update(ctx: RequestContext, id: string, input: { name?: string; description?: string; stages?: Stage[]; archived?: boolean }) {
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<{ orgPath: string | null }>(tx, ctx.actor, { permission: 'deliberationTemplate.manage', id })
        const before = (await find(tx, id))[0]!
        const version = input.stages ? before.version + 1 : before.version
        if (input.stages) await tx.execute(sql`INSERT INTO deliberation_template_versions (template_id, version, stages, created_by) VALUES (${id}, ${version}, ${JSON.stringify(input.stages)}::jsonb, ${ctx.actor.personId})`)
        await tx.execute(sql`UPDATE deliberation_templates SET name = coalesce(${input.name ?? null}::text, name), description = coalesce(${input.description ?? null}::text, description), version = ${version},
          archived_at = CASE WHEN ${input.archived ?? null}::boolean IS NULL THEN archived_at WHEN ${input.archived ?? false}::boolean THEN coalesce(archived_at, ${dbNow}) ELSE NULL END, updated_at = now() WHERE id = ${id}`)
        await recordAudit(tx, ctx, { action: 'deliberationTemplate.update', entity: 'deliberation_template', entityId: id, orgPath: s.orgPath, before: { version: before.version }, after: { version, name: input.name, archived: input.archived } })
        return present((await find(tx, id))[0]!, ctx.actor)
      })
    },
    async settings(ctx: RequestContext, orgId: string) {
      const o = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'topic.listAt', entity: 'org', id: orgId })
      const s = await repo.settingsAt(db, o.path)
      const households = await repo.householdsUnder(db, o.path)
      return { manage: can(ctx.actor, 'deliberation.settingsAt', { path: o.path }), orgId, supportHouseholds: s.supportHouseholds, supportPercent: s.supportPercent, expireDays: s.expireDays, templateId: s.templateId, households, supportNeeded: supportNeeded(s, households), inherited: s.orgId !== orgId }
    },
    async putSettings(ctx: RequestContext, orgId: string, input: { supportHouseholds: number | null; supportPercent: number | null; expireDays: number; templateId: string | null }) {
      if (input.supportHouseholds === null && input.supportPercent === null) throw unprocessable('TOPIC_INVALID', {}, [{ path: 'supportHouseholds', message: 'deliberation.threshold' }])
      await inTransaction(db, async (tx) => {
        const o = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'deliberation.settingsAt', entity: 'org', id: orgId })
        if (!ctx.actor.personId) throw forbidden()
        if (input.templateId) await requireAccessOne(tx, ctx.actor, { permission: 'deliberationTemplate.read', entity: 'deliberationTemplate', id: input.templateId })
        await tx.execute(sql`INSERT INTO deliberation_settings (org_id, support_households, support_percent, expire_days, template_id, updated_by)
          VALUES (${orgId}, ${input.supportHouseholds}, ${input.supportPercent}, ${input.expireDays}, ${input.templateId}, ${ctx.actor.personId})
          ON CONFLICT (org_id) DO UPDATE SET support_households = EXCLUDED.support_households, support_percent = EXCLUDED.support_percent, expire_days = EXCLUDED.expire_days,
            template_id = EXCLUDED.template_id, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`)
        await recordAudit(tx, ctx, { action: 'deliberation.settings', entity: 'deliberation_settings', entityId: orgId, orgPath: o.path, after: input })
      })
      return this.settings(ctx, orgId)
    },
  }
}
