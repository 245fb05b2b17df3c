// Schemas of the per-person assessment (人员考核): grid workers' and members' cards under a node,
// and the caller's own (browser-safe: the console and the phone import them).
import { z } from 'zod'
import { idSchema, pageQuery } from '../../kernel/contract.ts'
import { periodSchema } from './statistics.schemas.ts'

export const personRoleSchema = z.enum(['grid_worker', 'member'])

export const peopleQuerySchema = z.strictObject({
  /** The node; by default the widest node the caller is a cadre of. */
  orgId: idSchema.optional(),
  period: periodSchema,
  role: personRoleSchema,
  ...pageQuery,
})
export type PeopleQuery = z.infer<typeof peopleQuerySchema>

export const peopleExportQuerySchema = z.strictObject({ orgId: idSchema.optional(), period: periodSchema, role: personRoleSchema })
export const myScoresQuerySchema = z.strictObject({ period: periodSchema })

/** The page's cursor: how many ranked rows came before. */
export const peopleCursor = z.object({ o: z.number().int().min(0).max(1_000_000) })

const words = z.object({ zh: z.string(), en: z.string() })

export const scorecardLineSchema = z.object({
  code: z.string(),
  name: words,
  unit: words,
  definition: words,
  weight: z.number(),
  /** For this period: counts' per-month cut-offs already multiplied by its months. */
  green: z.number(),
  yellow: z.number(),
  better: z.enum(['higher', 'lower']),
})
export type ScorecardLine = z.infer<typeof scorecardLineSchema>

const personCell = z.object({
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  color: z.enum(['green', 'yellow', 'red', 'none']),
  points: z.number(),
})

export const personCardSchema = z.object({
  personId: z.string(),
  name: z.string(),
  /** The grid (a grid worker's) or the community (a member's) the person is assessed at. */
  orgId: z.string(),
  orgName: z.string(),
  score: z.number().nullable(),
  previousScore: z.number().nullable(),
  trend: z.number().nullable(),
  /** Among everyone of the role under the node (equal scores share a rank); null without a score. */
  rank: z.number().nullable(),
  cells: z.record(z.string(), personCell),
})
export type PersonCard = z.infer<typeof personCardSchema>

export const peopleScoresSchema = z.object({
  period: z.string(),
  previous: z.string(),
  role: personRoleSchema,
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  scorecard: z.array(scorecardLineSchema),
  items: z.array(personCardSchema),
  nextCursor: z.string().nullable(),
  /** With the first page: how many people, how many have a score, their average score. */
  total: z.number().optional(),
  scored: z.number().optional(),
  average: z.number().nullable().optional(),
})
export type PeopleScores = z.infer<typeof peopleScoresSchema>

export const myScoresSchema = z.object({
  period: z.string(),
  cards: z.array(z.object({
    role: personRoleSchema,
    /** The community the person is ranked in, among its grid workers or its registered members. */
    community: z.object({ id: z.string(), name: z.string() }),
    /** How many of them have a score. */
    of: z.number(),
    previous: z.string(),
    scorecard: z.array(scorecardLineSchema),
    card: personCardSchema,
  })),
})
export type MyScores = z.infer<typeof myScoresSchema>

// Targets (人员考核目标): the cut-offs a city, district or street sets for its subtree.
const cutSchema = z.strictObject({ green: z.number().min(0).max(100_000), yellow: z.number().min(0).max(100_000) })
export const targetsQuerySchema = z.strictObject({ orgId: idSchema, role: personRoleSchema })
export const targetsInputSchema = z.strictObject({
  orgId: idSchema,
  role: personRoleSchema,
  /** Only the lines this node sets, by code (counts per month); `{}` clears them. */
  targets: z.record(z.string().min(1).max(60), cutSchema),
})
export type TargetsInput = z.infer<typeof targetsInputSchema>
export const targetsSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  role: personRoleSchema,
  lines: z.array(z.object({
    code: z.string(),
    name: words,
    unit: words,
    better: z.enum(['higher', 'lower']),
    /** Counts: the cut-offs are per month (a quarter's or year's card multiplies them). */
    perMonth: z.boolean(),
    green: z.number(),
    yellow: z.number(),
    default: z.object({ green: z.number(), yellow: z.number() }),
    /** The node whose setting is in force for this line; null: the default. */
    setBy: z.object({ orgId: z.string(), name: z.string() }).nullable(),
  })),
  /** What this node itself sets. */
  own: z.record(z.string(), z.object({ green: z.number(), yellow: z.number() })),
  /** The caller may set this node's targets (a street admin or above, at a city, district or street). */
  canSet: z.boolean(),
})
export type PeopleTargets = z.infer<typeof targetsSchema>
