// Schemas of meetings: what a cadre creates and changes (agenda, parties, invitees), what an
// invitee sends (registration, check-in, approval of minutes), what the secretary drafts, and the
// meeting as the console and the phone read it (browser-safe: the web imports them).
import { z } from 'zod'
import { boolQuery, dateTimeSchema, idListSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'
import { inviteeRoles, meetingKindCodes, meetingStates, partyKindCodes } from './meetings.kinds.ts'

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)

export const meetingKindSchema = z.enum(meetingKindCodes)
export const meetingStateSchema = z.enum(meetingStates)
export const partyKindSchema = z.enum(partyKindCodes)
export const inviteeRoleSchema = z.enum(inviteeRoles)

export const agendaItemInputSchema = z.strictObject({
  text: text(1, 500, '请填写议程内容'),
  /** The deliberation topic this item discusses. */
  topicId: idSchema.optional(),
})

export const partyInputSchema = z.strictObject({
  kind: partyKindSchema,
  /** How the party is named (城南派出所); by default the unit's name, or the kind's. */
  name: text(2, 100, '参会方名称至少 2 个字').optional(),
  unitId: idSchema.optional(),
  /** The people who represent it (invited with it). */
  representativeIds: idListSchema(50).optional(),
})
export type PartyInput = z.infer<typeof partyInputSchema>

const quorum = {
  /** At least this many present. */
  quorumCount: z.number().int().min(1).max(10000).nullable().optional(),
  /** At least this share of the invited present (0.5 = half), e.g. a Party branch assembly. */
  quorumShare: z.number().gt(0).max(1).multipleOf(0.001).nullable().optional(),
}

export const meetingCreateSchema = z.strictObject({
  orgId: idSchema,
  kind: meetingKindSchema,
  title: text(2, 120, '会议名称至少 2 个字'),
  description: text(0, 2000, '').optional(),
  startsAt: dateTimeSchema,
  endsAt: dateTimeSchema,
  /** A venue room, booked for the meeting through venues (its rules and conflicts apply). */
  roomId: idSchema.optional(),
  /** Or a place without booking (a courtyard, a street corner). */
  place: text(2, 200, '地点至少 2 个字').optional(),
  openRegistration: z.boolean().optional(),
  agenda: z.array(agendaItemInputSchema).max(50, '议程最多 50 项').optional(),
  parties: z.array(partyInputSchema).max(20, '最多 20 个参会方').optional(),
  inviteeIds: idListSchema(300).optional(),
  /** 微公益: the volunteering activity a Party meeting (微党日) served. */
  activityId: idSchema.optional(),
  /** 微心愿: the wish a Party meeting took on. */
  wishId: idSchema.optional(),
  ...quorum,
})
export type MeetingCreate = z.infer<typeof meetingCreateSchema>

export const meetingPatchSchema = z.strictObject({
  title: text(2, 120, '会议名称至少 2 个字').optional(),
  description: text(0, 2000, '').nullable().optional(),
  /** A new time or room re-books: the old booking is cancelled and a new one made, all or nothing. */
  startsAt: dateTimeSchema.optional(),
  endsAt: dateTimeSchema.optional(),
  roomId: idSchema.nullable().optional(),
  place: text(2, 200, '地点至少 2 个字').nullable().optional(),
  openRegistration: z.boolean().optional(),
  ...quorum,
})
export type MeetingPatch = z.infer<typeof meetingPatchSchema>

export const agendaSchema = z.strictObject({ items: z.array(agendaItemInputSchema).max(50, '议程最多 50 项') })
export const inviteSchema = z.strictObject({
  personIds: idListSchema(300).min(1, '请选择要邀请的人'),
  role: inviteeRoleSchema.optional(),
  /** The party they represent. */
  partyId: idSchema.optional(),
})
export type Invite = z.infer<typeof inviteSchema>
export const registrationSchema = z.strictObject({ attending: z.boolean() })
export const checkInSchema = z.strictObject({
  code: z.string().trim().regex(/^\d{1,12}\.[0-9a-f]{16}$/, '签到码格式不正确，请重新扫码'),
})
export const attendanceInputSchema = z.strictObject({
  entries: z.array(z.strictObject({
    personId: idSchema,
    present: z.boolean(),
    /** Why someone was absent (请假, 出差…): required when absent. */
    absenceReason: text(2, 200, '缺席原因至少 2 个字').optional(),
  })).min(1).max(500),
})
export type AttendanceInput = z.infer<typeof attendanceInputSchema>
export const photosSchema = z.strictObject({ photoIds: idListSchema(30) })
export const cancelSchema = z.strictObject({ reason: text(2, 200, '请填写取消原因（至少 2 个字）') })
export const minutesInputSchema = z.strictObject({ body: text(10, 50000, '会议纪要至少 10 个字') })
export const verdictSchema = z.strictObject({
  verdict: z.enum(['approve', 'object']),
  /** Required for an objection: what should change. */
  note: text(2, 500, '意见至少 2 个字').optional(),
})
export const decisionInputSchema = z.strictObject({
  text: text(2, 2000, '决定内容至少 2 个字'),
  /** The topic it settles or advances. */
  topicId: idSchema.optional(),
})
export const partyParams = z.object({ id: idSchema, partyId: idSchema })
export const personParams = z.object({ id: idSchema, personId: idSchema })
export const decisionParams = z.object({ id: idSchema, decisionId: idSchema })
export const versionParams = z.object({ id: idSchema, version: z.coerce.number().int().min(1).max(10000) })

export const meetingsQuerySchema = z.object({
  /** A node: its meetings and those of the nodes under it; by default the caller's scopes. */
  orgId: idSchema.optional(),
  /** A month (YYYY-MM, China time). */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
  kind: meetingKindSchema.optional(),
  state: meetingStateSchema.optional(),
  /** Meetings whose agenda or decisions name this topic. */
  topicId: idSchema.optional(),
  ...pageQuery,
})
export type MeetingsQuery = z.infer<typeof meetingsQuerySchema>
export const myMeetingsQuerySchema = z.object({ past: boolQuery.optional(), ...pageQuery })

const time = z.string()
export const meetingSummarySchema = z.object({
  id: z.string(),
  kind: meetingKindSchema,
  title: z.string(),
  state: meetingStateSchema,
  org: refSchema,
  startsAt: time,
  endsAt: time,
  place: z.string().nullable(),
  room: z.object({ id: z.string(), name: z.string(), venue: refSchema }).nullable(),
  openRegistration: z.boolean(),
  invited: z.number().int(),
  present: z.number().int(),
  /** The caller's own place at it (phone lists): invited, registered, declined, present. */
  me: z.object({ invited: z.boolean(), registered: z.boolean(), declined: z.boolean(), present: z.boolean() }).optional(),
})
export type MeetingSummary = z.infer<typeof meetingSummarySchema>

export const inviteeSchema = z.object({
  person: refSchema,
  role: inviteeRoleSchema,
  partyId: z.string().nullable(),
  invitedAt: time,
  selfRegistered: z.boolean(),
  registeredAt: time.nullable(),
  declinedAt: time.nullable(),
  attendance: z.object({ present: z.boolean(), how: z.enum(['qr', 'by_hand']).nullable(), checkedInAt: time.nullable(), absenceReason: z.string().nullable() }).nullable(),
})
export const minutesSchema = z.object({
  version: z.number().int(),
  body: z.string(),
  state: z.enum(['pending', 'approved', 'superseded']),
  draftedBy: refSchema,
  draftedAt: time,
  approvedAt: time.nullable(),
  approvals: z.array(z.object({ person: refSchema, verdict: z.enum(['approve', 'object']), note: z.string().nullable(), at: time })),
  approveCount: z.number().int(),
  objectCount: z.number().int(),
  /** Approvals needed: more than half of those present. */
  needed: z.number().int(),
})
export const meetingSchema = meetingSummarySchema.extend({
  description: z.string().nullable(),
  booking: z.object({ id: z.string(), state: z.string() }).nullable(),
  quorum: z.object({ count: z.number().nullable(), share: z.number().nullable(), needed: z.number().int(), present: z.number().int(), reached: z.boolean() }),
  agenda: z.array(z.object({ id: z.string(), position: z.number().int(), text: z.string(), topicId: z.string().nullable(), topicTitle: z.string().nullable() })),
  parties: z.array(z.object({ id: z.string(), kind: partyKindSchema, name: z.string(), unit: refSchema.nullable(), representatives: z.number().int() })),
  /** Names of the invited and their attendance: for staff and the invited (others see the counts). */
  invitees: z.array(inviteeSchema),
  absent: z.number().int(),
  minutes: z.array(minutesSchema),
  decisions: z.array(z.object({ id: z.string(), position: z.number().int(), text: z.string(), topicId: z.string().nullable(), createdAt: time })),
  createdBy: refSchema,
  openedAt: time.nullable(),
  heldAt: time.nullable(),
  minutesApprovedAt: time.nullable(),
  cancelledAt: time.nullable(),
  cancelReason: z.string().nullable(),
  /** 微公益 / 微心愿 links of a Party meeting. */
  activityId: z.string().nullable(),
  wishId: z.string().nullable(),
  /** Photos of the meeting (attachment ids, replaced as a list by PUT /meetings/:id/photos). */
  photoIds: z.array(z.string()),
  /** The same photos with their addresses, for the gallery. */
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  /** What the caller may do. */
  can: z.object({ manage: z.boolean(), draftMinutes: z.boolean(), attend: z.boolean(), approveMinutes: z.boolean() }),
})
export type Meeting = z.infer<typeof meetingSchema>

export const checkInCodeSchema = z.object({
  meetingId: z.string(),
  code: z.string(),
  /** The phone page the QR encodes. */
  url: z.string(),
  svg: z.string(),
  expiresAt: z.string(),
  windowSec: z.number().int(),
  checkInOpensAt: z.string(),
  checkInClosesAt: z.string(),
})
