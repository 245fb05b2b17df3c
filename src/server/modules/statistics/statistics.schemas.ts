// Schemas of the statistics table (统计一套表): the indicator dictionary and a node's table for a
// period (browser-safe: the console imports them).
import { z } from 'zod'
import { idSchema } from '../../kernel/contract.ts'

export const ledgerSchema = z.enum(['party', 'livelihood'])
export const periodSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '统计期须为月（2026-11）、季度（2026-Q4）或年（2026）')

const words = z.object({ zh: z.string(), en: z.string() })

export const indicatorSchema = z.object({
  code: z.string(),
  name: words,
  ledger: ledgerSchema,
  unit: words,
  kind: z.enum(['count', 'ratio']),
  scale: z.number(),
  time: z.enum(['sum', 'last']),
  tree: z.enum(['sum', 'ratio_of_sums']),
  source: z.enum(['computed', 'manual']),
  definition: words,
})
export type Indicator = z.infer<typeof indicatorSchema>

/** How an indicator can be split (issue 18): gender, age band, member kind, category. */
export const breakdownKeySchema = z.enum(['gender', 'ageBand', 'memberKind', 'category'])
export const dictionaryEntrySchema = indicatorSchema.extend({
  breakdowns: z.array(z.object({ key: breakdownKeySchema, name: words, definition: words })),
})

export const statisticsQuerySchema = z.strictObject({
  /** The node; by default the widest node the caller is a cadre of. */
  orgId: idSchema.optional(),
  period: periodSchema,
  ledger: ledgerSchema.default('livelihood'),
  /** Split the indicators that support it into parts (gender, ageBand, memberKind, category). */
  breakdown: z.string().max(40).optional(),
})

const who = z.object({ id: z.string(), name: z.string() })

export const lockSchema = z.object({
  reason: z.enum(['submitted', 'approved', 'accepted', 'period_closed']),
  by: z.object({ orgId: z.string(), name: z.string() }).nullable(),
  actedBy: who.nullable(),
  at: z.string().nullable(),
  message: z.string(),
  unlockedUntil: z.string().nullable(),
})

const figure = {
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
}

export const exportQuerySchema = z.strictObject({ orgId: idSchema.optional(), period: periodSchema })

export const cellSchema = z.object({
  ...figure,
  source: z.enum(['computed', 'manual']),
  /** Beside a frozen figure (a report's snapshot): what the records give now, when it moved since. */
  live: z.object(figure).optional(),
  /** With `breakdown`: the parts by `<key>:<part>` (`gender:female`), read from the current facts. */
  parts: z.record(z.string(), z.object(figure)).optional(),
})

export const tableRowSchema = z.object({ orgId: z.string(), name: z.string(), values: z.record(z.string(), cellSchema) })

export const statisticsTableSchema = z.object({
  period: z.string(),
  ledger: ledgerSchema,
  months: z.array(z.string()),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  /** The node's report for a month: open, submitted, approved or accepted. */
  state: z.enum(['open', 'submitted', 'approved', 'accepted']),
  /** Why the month cannot be reported now (a month only); null when it is open. */
  lock: lockSchema.nullable(),
  /** Rows (or the total) showing a report's frozen figures, by org id. */
  frozen: z.array(z.string()),
  /** When the newest figure in the table was computed; how many community-months wait for the sweep. */
  computedAt: z.string().nullable(),
  waiting: z.number(),
  indicators: z.array(indicatorSchema),
  rows: z.array(tableRowSchema),
  total: tableRowSchema,
  /** With `breakdown`: the key, the indicators split by it, and the parts' labels. */
  breakdown: z.object({ key: breakdownKeySchema, name: words, definition: words, codes: z.array(z.string()), labels: z.record(z.string(), words) }).optional(),
})
export type StatisticsTable = z.infer<typeof statisticsTableSchema>

// Bottom-up reporting: submissions, approvals, lock exceptions and the approval page.
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '上报、审批按月进行，统计期须为月（如 2026-11）')

export const submissionSchema = z.strictObject({
  orgId: idSchema,
  period: monthSchema,
  /** Every manual indicator's figure for the month, by code (0 when none). */
  manual: z.record(z.string().max(80), z.number().min(0, '须为 0 到 10 亿之间的数字').max(1e9, '须为 0 到 10 亿之间的数字')).default({}),
})

export const approvalSchema = z.strictObject({ orgId: idSchema, period: monthSchema })

export const unlockSchema = z.strictObject({
  orgId: idSchema,
  period: monthSchema,
  reason: z.string().trim().min(2, '请写明开放修改的原因（2 到 500 字）').max(500, '请写明开放修改的原因（2 到 500 字）'),
  hours: z.number().int().min(1, '开放时长为 1 到 168 小时').max(168, '开放时长为 1 到 168 小时').default(24),
})

export const reportsQuerySchema = z.strictObject({ orgId: idSchema, period: monthSchema })

const reportState = z.enum(['open', 'submitted', 'approved', 'accepted'])
const reportFields = { state: reportState, actedBy: who.nullable(), actedAt: z.string().nullable(), onTime: z.boolean().nullable() }

export const unlockViewSchema = z.object({ id: z.string(), reason: z.string(), until: z.string(), grantedBy: who, grantedAt: z.string() })

export const reportOverviewSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  period: z.string(),
  ...reportFields,
  lock: lockSchema.nullable(),
  /** Whether the month is over (reports are made after it). */
  ended: z.boolean(),
  children: z.array(z.object({ orgId: z.string(), name: z.string(), kind: z.string(), ...reportFields })),
  /** Children the node's approval waits for. */
  waiting: z.array(z.object({ orgId: z.string(), name: z.string() })),
  manual: z.array(z.object({ code: z.string(), value: z.number(), enteredBy: who, enteredAt: z.string() })),
  unlocks: z.array(unlockViewSchema),
})
export type ReportOverview = z.infer<typeof reportOverviewSchema>

export const unlockResultSchema = unlockViewSchema.extend({ orgId: z.string(), period: z.string() })

// Assessment: a scorecard applied to a node's children for a period.
export const assessmentQuerySchema = z.strictObject({ orgId: idSchema.optional(), period: periodSchema })

const scoredCell = z.object({
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  color: z.enum(['green', 'yellow', 'red', 'none']),
  points: z.number(),
})
const scoredRow = z.object({
  orgId: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  previousScore: z.number().nullable(),
  trend: z.number().nullable(),
  cells: z.record(z.string(), scoredCell),
})

export const assessmentSchema = z.object({
  period: z.string(),
  previous: z.string(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  scorecard: z.array(z.object({ code: z.string(), name: words, unit: words, weight: z.number(), green: z.number(), yellow: z.number(), better: z.enum(['higher', 'lower']) })),
  rows: z.array(scoredRow.extend({ rank: z.number().nullable() })),
  total: scoredRow,
})
