// Schemas of wall screens: the links cadres make and the feed a screen shows (browser-safe).
import { z } from 'zod'
import { idSchema, refSchema } from '../../kernel/contract.ts'

/** What a screen's headline shows when its cadres chose nothing: members, hours, cases, orders, points. */
export const DEFAULT_SCREEN_INDICATORS = [
  'members.registered_members', 'volunteers.hours', 'cases.closed', 'cases.on_time_rate', 'orders.placed', 'orders.satisfaction_rate', 'points.issued',
]
export const SCREEN_INDICATORS_MAX = 8
/** Codes of the indicator dictionary (GET /indicators), in the order shown; whether each exists is checked by the service. */
const indicatorCodesSchema = z.array(z.string().max(80).regex(/^[a-z_]+\.[a-z0-9_]+$/, '请从指标字典中选择'))
  .min(1, '至少选 1 个指标').max(SCREEN_INDICATORS_MAX, `最多 ${SCREEN_INDICATORS_MAX} 个指标`)
  .refine((codes) => new Set(codes).size === codes.length, '同一指标只能选一次')
const placeSchema = z.string().trim().min(2, '请填写屏幕位置（至少 2 个字）').max(40, '最多 40 个字')

export const screenCreateSchema = z.strictObject({
  orgId: idSchema,
  /** Where the screen hangs. */
  name: placeSchema,
  /** The headline indicators; by default DEFAULT_SCREEN_INDICATORS. */
  indicatorCodes: indicatorCodesSchema.optional(),
})
/** Renaming a screen or choosing its headline indicators (null: back to the default list). */
export const screenUpdateSchema = z.strictObject({ name: placeSchema.optional(), indicatorCodes: indicatorCodesSchema.nullable().optional() })
export const screensQuerySchema = z.object({ orgId: idSchema.optional() })

export const screenSchema = z.object({
  id: z.string(),
  org: refSchema,
  name: z.string(),
  /** The token's last four characters. */
  tokenHint: z.string(),
  createdBy: refSchema.nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** When the screen last fetched its feed (recorded at most every five minutes), or null if never. */
  lastSeenAt: z.string().nullable(),
  /** The headline indicators chosen for the screen, or null for the default list (DEFAULT_SCREEN_INDICATORS). */
  indicatorCodes: z.array(z.string()).nullable(),
})
/** Only when made: the token and the page's path (the token is not stored and never shown again). */
export const screenCreatedSchema = screenSchema.extend({ token: z.string(), path: z.string() })

export const feedParamsSchema = z.object({ token: z.string().max(200) })

const slotSchema = z.object({ title: z.string(), place: z.string(), startsAt: z.string(), endsAt: z.string() })
export const feedSchema = z.object({
  org: refSchema,
  screen: z.object({ name: z.string() }),
  generatedAt: z.string(),
  /** How often the page asks again. */
  refreshSeconds: z.number().int(),
  /** This month (China time): cases reported, closed, and the share handled on time; and reported this year. */
  cases: z.object({ reported: z.number().int(), yearReported: z.number().int(), closed: z.number().int(), handled: z.number().int(), onTimeRate: z.number().nullable() }),
  /** This month's service orders: placed, completed, completion rate and satisfaction (4–5 stars). */
  orders: z.object({ orders: z.number().int(), completed: z.number().int(), completionRate: z.number().nullable(), satisfaction: z.number().nullable(), rated: z.number().int() }),
  /** Volunteer hours (activities and the time bank) this month and this year. */
  volunteers: z.object({ monthHours: z.number(), yearHours: z.number() }),
  /** Today's confirmed room bookings (room and time only) and published activities. */
  today: z.object({ date: z.string(), bookings: z.number().int(), bookingSlots: z.array(slotSchema), activities: z.array(slotSchema) }),
  /** The five latest notices to all residents of the node (or a node above or below it): titles only. */
  notices: z.array(z.object({ title: z.string(), sentAt: z.string() })),
  /** The five latest resolutions under the node, with their progress (as the public board shows them). */
  resolutions: z.array(z.object({ title: z.string(), state: z.enum(['executing', 'done']), progress: z.number().int(), decidedAt: z.string() })),
  /**
   * The node's headline indicators from the statistics table: this month so far, last month and the
   * change (percentage points for a ratio). Empty for a node the table has no rows for (a grid).
   */
  headline: z.array(z.object({
    code: z.string(), name: z.string(), unit: z.string(), kind: z.enum(['count', 'ratio']),
    value: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable(),
  })),
})
export type Feed = z.infer<typeof feedSchema>
