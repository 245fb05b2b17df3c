// A visit schedule as a template of the shared library (云平台): a street publishes "the 1st of
// every month, each department to its communities" and another street imports the rule with one
// click. The rule travels (name, night or home visit, day of the month, grace days); who visits
// where is the importing street's own: the targets given in the import dialog, or else every
// department under the street paired with every community under it.
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { rows } from '../../kernel/db/client.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { TemplateKind } from '../../kernel/templates.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { scheduleTargetInputSchema, visitKindSchema } from './visits.schemas.ts'
import { chinaDate, type VisitService } from './visits.service.ts'

export const visitSchedulePayloadSchema = z.strictObject({
  name: z.string().trim().min(2).max(100),
  kind: visitKindSchema,
  dayOfMonth: z.number().int().min(1).max(28),
  graceDays: z.number().int().min(0).max(27).default(7),
})

const optionsSchema = z.strictObject({ targets: z.array(scheduleTargetInputSchema).min(1).max(500).optional() })

/** At most this many department × community pairs are made by default. */
const MAX_DEFAULT_TARGETS = 500

export function visitScheduleTemplate(visits: Pick<VisitService, 'createScheduleIn' | 'getSchedule'>): TemplateKind<z.infer<typeof visitSchedulePayloadSchema>, z.infer<typeof optionsSchema>> {
  return {
    kind: 'visit_schedule',
    label: { zh: '走访计划', en: 'Visit schedule' },
    importAt: { zh: '街道或区（默认由其下各部门走访其下各社区）', en: 'A street or district (by default each department under it visits each community under it)' },
    payload: visitSchedulePayloadSchema,
    options: optionsSchema,
    async exportFrom(_ex, ctx, sourceId) {
      const s = await visits.getSchedule(ctx, sourceId)
      return { name: s.name, kind: s.kind, dayOfMonth: s.dayOfMonth, graceDays: s.graceDays }
    },
    async import(ex, ctx, payload, { orgId, options }) {
      let targets = options?.targets
      if (!targets) {
        const node = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
        targets = await rows<{ visitorOrgId: string; communityId: string }>(ex, sql`SELECT d.id::text AS "visitorOrgId", c.id::text AS "communityId"
          FROM ${orgTree} d JOIN ${orgTree} c ON c.path <@ ${node.path}::ltree AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL
          WHERE d.path <@ ${node.path}::ltree AND d.path <> ${node.path}::ltree AND d.kind = 'department' AND d.deleted_at IS NULL
          ORDER BY d.id, c.id LIMIT ${MAX_DEFAULT_TARGETS + 1}`)
        if (targets.length === 0 || targets.length > MAX_DEFAULT_TARGETS) throw unprocessable('VISIT_SCHEDULE_TARGETS_INVALID', {}, [{ path: 'options.targets', message: 'visits.templateTargets' }])
      }
      const s = await visits.createScheduleIn(ex, ctx, { orgId, ...payload, startsOn: chinaDate(new Date()), endsOn: null, targets })
      return { entity: 'visit_schedule', id: s.id, label: s.name }
    },
  }
}
