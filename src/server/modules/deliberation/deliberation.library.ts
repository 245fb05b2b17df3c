// A process template (议事流程) as a template of the shared library (云平台): a community publishes its
// own stages (who acts, outputs, quorums, deadlines) and another node imports them with one click as
// a template of its own (version 1), made through the templates service in the library's
// transaction with the importer's rights (cadres of that node).
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { TemplateKind } from '../../kernel/templates.ts'
import { stagesSchema } from './deliberation.schemas.ts'
import type { TemplatePayload, createTemplateService } from './deliberation.templates.ts'

export const templatePayloadSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(100).optional(),
  description: z.string().trim().max(500).optional(),
  stages: stagesSchema,
})

export function deliberationTemplateKind(templates: Pick<ReturnType<typeof createTemplateService>, 'createIn' | 'exportOf'>): TemplateKind<TemplatePayload> {
  return {
    kind: 'deliberation_template',
    label: { zh: '议事流程', en: 'Deliberation process' },
    importAt: { zh: '社区、街道或区（成为该处自己的议事流程）', en: 'A community, street or district (it becomes that node’s own process)' },
    payload: templatePayloadSchema,
    exportFrom: (ex, ctx, sourceId) => templates.exportOf(ex, ctx, sourceId),
    async import(ex, ctx, payload, { orgId }) {
      const code = `imported_${orgId}_${randomBytes(4).toString('hex')}`
      const t = await templates.createIn(ex, ctx, { ...payload, code, orgId })
      return { entity: 'deliberation_template', id: t.id, label: t.name }
    },
  }
}
