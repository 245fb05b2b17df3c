// Schemas of wall screens: the links cadres make and the feed a screen shows (browser-safe).
import { z } from 'zod'
import { idSchema, refSchema } from '../../kernel/contract.ts'

export const screenCreateSchema = z.strictObject({
  orgId: idSchema,
  /** Where the screen hangs. */
  name: z.string().trim().min(2, '请填写屏幕位置（至少 2 个字）').max(40, '最多 40 个字'),
})
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
})
export type Feed = z.infer<typeof feedSchema>
