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

export const statisticsQuerySchema = z.strictObject({
  /** The node; by default the widest node the caller is a cadre of. */
  orgId: idSchema.optional(),
  period: periodSchema,
  ledger: ledgerSchema.default('livelihood'),
})

export const cellSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  source: z.enum(['computed', 'manual']),
})

export const tableRowSchema = z.object({ orgId: z.string(), name: z.string(), values: z.record(z.string(), cellSchema) })

export const statisticsTableSchema = z.object({
  period: z.string(),
  ledger: ledgerSchema,
  months: z.array(z.string()),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  /** The node's report for a month: open, submitted, approved or accepted. */
  state: z.enum(['open', 'submitted', 'approved', 'accepted']),
  /** When the newest figure in the table was computed; how many community-months wait for the sweep. */
  computedAt: z.string().nullable(),
  waiting: z.number(),
  indicators: z.array(indicatorSchema),
  rows: z.array(tableRowSchema),
  total: tableRowSchema,
})
export type StatisticsTable = z.infer<typeof statisticsTableSchema>
