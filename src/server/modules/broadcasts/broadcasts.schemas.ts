// Request and response schemas of /api/v1/broadcasts (红喇叭): notices, their audiences and
// channels, receipts (unopened first), follow-ups (remind, door visits, calls) and figures.
import { z } from 'zod'
import { dateSchema, idListSchema, idSchema, pageOf, pageQuery, refSchema } from '../../kernel/contract.ts'
import { broadcastChannels, broadcastStates, callOutcomes } from './broadcasts.table.ts'

export const channelSchema = z.enum(broadcastChannels)
export const callOutcomeSchema = z.enum(callOutcomes)
export const receiptStageSchema = z.enum(['unopened', 'opened', 'acknowledged'])

/** Who a notice goes to; each names the node it is sent from (the sender must be staff there). */
export const audienceSchema = z.discriminatedUnion('kind', [
  /** The residents living under a node: a building, a grid, a community or more. */
  z.strictObject({ kind: z.literal('residents'), orgId: idSchema }),
  /** The Party members registered (报到) at the communities under a node. */
  z.strictObject({ kind: z.literal('members'), orgId: idSchema }),
  /** The members of a volunteer team. */
  z.strictObject({ kind: z.literal('team'), teamId: idSchema }),
  /** The people acting for the units paired (结对共建) with the communities under a node. */
  z.strictObject({ kind: z.literal('units'), orgId: idSchema }),
  /** A hand-picked list, every one of them under the node. */
  z.strictObject({ kind: z.literal('people'), orgId: idSchema, personIds: idListSchema(2000).min(1, '请至少选择一人') }),
])
export type Audience = z.infer<typeof audienceSchema>

export const broadcastCreateSchema = z.strictObject({
  title: z.string().trim().min(1, '请填写标题').max(60, '标题最多 60 字'),
  body: z.string().trim().min(1, '请填写正文').max(2000, '正文最多 2000 字'),
  audience: audienceSchema,
  channels: z.array(channelSchema).min(1, '请至少选择一个渠道').max(3).refine((c) => new Set(c).size === c.length, '渠道不能重复'),
  ackRequired: z.boolean().default(false),
  /** The one-tap answers when an acknowledgement is asked for; "收到" when left out. */
  ackOptions: z.array(z.string().trim().min(1).max(8, '回执选项最多 8 字')).max(4).optional(),
  /** Save without sending. */
  draft: z.boolean().default(false),
})
export type BroadcastCreate = z.infer<typeof broadcastCreateSchema>

export const countsSchema = z.object({ recipients: z.number().int(), opened: z.number().int(), acknowledged: z.number().int() })

export const broadcastSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  org: refSchema,
  author: refSchema,
  audience: audienceSchema,
  audienceLabel: z.string(),
  channels: z.array(channelSchema),
  ackRequired: z.boolean(),
  ackOptions: z.array(z.string()),
  state: z.enum(broadcastStates),
  sentAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  counts: countsSchema,
  /** Minutes from sending until 80 % had acknowledged (null until then). */
  minutesTo80: z.number().nullable(),
  canManage: z.boolean(),
  createdAt: z.string(),
})

export const broadcastsQuerySchema = z.object({
  orgId: idSchema.optional(),
  state: z.enum(broadcastStates).optional(),
  q: z.string().trim().max(60).optional(),
  ...pageQuery,
})

export const receiptSchema = z.object({
  id: z.string(),
  person: refSchema,
  /** Masked, for the call list. */
  phoneMask: z.string().nullable(),
  org: refSchema.nullable(),
  channel: channelSchema,
  stage: receiptStageSchema,
  deliveredAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  ackChoice: z.string().nullable(),
  remindedAt: z.string().nullable(),
  call: z.object({ outcome: callOutcomeSchema.nullable(), note: z.string().nullable(), tickedBy: refSchema.nullable(), tickedAt: z.string().nullable() }),
  handedTo: refSchema.nullable(),
  handedAt: z.string().nullable(),
})

export const receiptsQuerySchema = z.object({
  stage: receiptStageSchema.optional(),
  channel: channelSchema.optional(),
  /** Only the calls and door visits still to be ticked off. */
  toTick: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  handed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Only the people found under this node (a grid, a building). */
  orgId: idSchema.optional(),
  ...pageQuery,
})
export type ReceiptsQuery = z.infer<typeof receiptsQuerySchema>

export const tickSchema = z.strictObject({
  outcome: callOutcomeSchema,
  note: z.string().trim().max(200).optional(),
  /** What the person answered on the phone or at the door ("我参加"). */
  ackChoice: z.string().trim().min(1).max(8).optional(),
})

export const ackSchema = z.strictObject({ choice: z.string().trim().min(1).max(8).optional() })

export const mineItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Null once withdrawn. */
  body: z.string().nullable(),
  org: refSchema,
  state: z.enum(broadcastStates),
  sentAt: z.string().nullable(),
  ackRequired: z.boolean(),
  ackOptions: z.array(z.string()),
  channel: channelSchema,
  openedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  ackChoice: z.string().nullable(),
})
export const minePageSchema = pageOf(mineItemSchema).extend({ unopened: z.number().int() })

export const figuresSchema = z.object({
  recipients: z.number().int(),
  byChannel: z.object({ in_app: z.number().int(), sms: z.number().int(), call: z.number().int() }),
  delivered: z.number().int(),
  opened: z.number().int(),
  acknowledged: z.number().int(),
  ackChoices: z.array(z.object({ choice: z.string(), count: z.number().int() })),
  minutesTo80: z.number().nullable(),
  calls: z.object({ toMake: z.number().int(), ticked: z.number().int(), reached: z.number().int() }),
  handed: z.number().int(),
  reminded: z.number().int(),
  /** Hourly acknowledgements since sending (the curve up to 80 %): hours after sending → acknowledged so far. */
  curve: z.array(z.object({ hour: z.number().int(), acknowledged: z.number().int() })),
})

export const followUpSchema = z.object({ inApp: z.number().int(), sms: z.number().int(), call: z.number().int() })
export const handoverSchema = z.object({ handed: z.number().int(), workers: z.number().int(), unassigned: z.number().int() })

export const communityFiguresQuerySchema = z.object({ orgId: idSchema, from: dateSchema, to: dateSchema })
export const communityFiguresSchema = z.object({
  items: z.array(z.object({
    org: refSchema,
    notices: z.number().int(),
    recipients: z.number().int(),
    opened: z.number().int(),
    acknowledged: z.number().int(),
    /** The median over the notices that reached 80 %. */
    medianMinutesTo80: z.number().nullable(),
    /** Calls and door visits still needed (call list + handed to grid workers). */
    callsNeeded: z.number().int(),
    /** 1 − callsNeeded / recipients: the share of phone calls the notices saved ("calls −90 %"). */
    callsSaved: z.number().nullable(),
  })),
})

export type Broadcast = z.infer<typeof broadcastSchema>
export type Receipt = z.infer<typeof receiptSchema>
export type ReceiptStage = z.infer<typeof receiptStageSchema>
export type Channel = z.infer<typeof channelSchema>
export type CallOutcome = z.infer<typeof callOutcomeSchema>
export type MineItem = z.infer<typeof mineItemSchema>
export type MinePage = z.infer<typeof minePageSchema>
export type BroadcastFigures = z.infer<typeof figuresSchema>
export type CommunityFigures = z.infer<typeof communityFiguresSchema>
export type FollowUp = z.infer<typeof followUpSchema>
export type Handover = z.infer<typeof handoverSchema>

/** The compose form's team picker: searched on the server (a street may have hundreds of teams). */
export const teamSearchQuerySchema = z.object({
  q: z.string().trim().max(30, '最多 30 个字').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export const teamOptionsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), org: z.object({ id: z.string(), name: z.string() }), members: z.number().int() })),
})
