// Schemas of the assessment's trend and export (考核排名, browser-safe: the console imports them).
import { z } from 'zod'
import { idSchema } from '../../kernel/contract.ts'
import { periodSchema } from './statistics.schemas.ts'

/** The most periods a trend reaches back: a year of months. */
export const TREND_MAX = 12

export const assessmentTrendQuerySchema = z.strictObject({
  orgId: idSchema.optional(),
  /** The last period of the trend (a month, quarter or year); the ones before are of the same kind. */
  period: periodSchema,
  periods: z.coerce.number().int().min(2, '期数至少为 2').max(TREND_MAX, `期数至多为 ${TREND_MAX}`).default(6),
})

const trendSeries = z.object({
  orgId: z.string(),
  name: z.string(),
  /** One score per period (oldest first); null where no scorecard line had data. */
  scores: z.array(z.number().nullable()),
})

export const assessmentTrendSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  /** Oldest first, ending at the period asked for. */
  periods: z.array(z.string()),
  /** The node's own score over the periods. */
  total: trendSeries,
  /** Each child's, in the table's order. */
  rows: z.array(trendSeries),
})
export type AssessmentTrend = z.infer<typeof assessmentTrendSchema>
