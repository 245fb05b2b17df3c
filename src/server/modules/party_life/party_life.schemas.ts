// Schemas of organisation life: members of a Party organisation, the yearly plan, the dashboard
// (per organisation and the rollup of a district), a member's record, Party meetings created at
// an organisation, and study (browser-safe: the web imports them).
import { z } from 'zod'
import { dateSchema, idSchema, refSchema } from '../../kernel/contract.ts'
import { partyMeetingKindCodes, meetingStates } from '../meetings/meetings.kinds.ts'
import { meetingCreateSchema } from '../meetings/meetings.schemas.ts'
import { courseKindWords, frequencyWords, partyPostWords, partyRelationWords, periodStatusWords } from './party_life.kinds.ts'

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)

export const partyMeetingKindSchema = z.enum(partyMeetingKindCodes)
export const relationSchema = z.enum(keys(partyRelationWords))
export const postSchema = z.enum(keys(partyPostWords))
export const frequencySchema = z.enum(keys(frequencyWords))
export const courseKindSchema = z.enum(keys(courseKindWords))
export const periodStatusSchema = z.enum(keys(periodStatusWords))
export const yearSchema = z.coerce.number().int('年份应为整数').min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间')

export const partyOrgParams = z.object({ id: idSchema })
export const memberParams = z.object({ id: idSchema, personId: idSchema })
export const planParams = z.object({ id: idSchema, year: yearSchema })
export const yearQuerySchema = z.object({ year: yearSchema.optional() })
export const rangeQuerySchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional() })
export const partyOrgsQuerySchema = z.object({ orgId: idSchema.optional() })
export const overviewQuerySchema = z.object({ orgId: idSchema.optional(), year: yearSchema.optional() })

export const memberInputSchema = z.strictObject({
  personId: idSchema,
  relation: relationSchema,
  post: postSchema.optional(),
  joinedOn: dateSchema.optional(),
})
export type MemberInput = z.infer<typeof memberInputSchema>

export const planInputSchema = z.strictObject({
  items: z.array(z.strictObject({ kind: partyMeetingKindSchema, frequency: frequencySchema, note: text(0, 200, '').optional() })).min(1, '请至少设置一类会议').max(20),
})
export type PlanInput = z.infer<typeof planInputSchema>

/** A Party meeting created at the organisation: the meeting model's fields, a Party kind, and whether to invite its members. */
export const partyMeetingCreateSchema = meetingCreateSchema.omit({ orgId: true, kind: true }).extend({
  kind: partyMeetingKindSchema,
  /** Invite the organisation's members (and those of the Party organisations under it); default true. */
  inviteMembers: z.boolean().optional(),
})
export type PartyMeetingCreate = z.infer<typeof partyMeetingCreateSchema>

export const partyOrgSchema = z.object({
  id: z.string(), name: z.string(), nodeName: z.string(), partyKind: z.string(), path: z.string(), secretary: z.string().nullable(),
  members: z.object({ direct: z.number().int(), participating: z.number().int(), assisting: z.number().int() }),
})
export const memberSchema = z.object({
  person: refSchema, relation: relationSchema, post: postSchema, joinedOn: z.string(),
})
export const planSchema = z.object({
  year: z.number().int(),
  items: z.array(z.object({ kind: partyMeetingKindSchema, frequency: frequencySchema, note: z.string().nullable(), isDefault: z.boolean() })),
})
export const partyMeetingItemSchema = z.object({
  id: z.string(), kind: partyMeetingKindSchema, title: z.string(), state: z.enum(meetingStates), startsAt: z.string(), endsAt: z.string(),
  invited: z.number().int(), present: z.number().int(), absent: z.number().int(),
})
export const periodSchema = z.object({
  label: z.string(), from: z.string(), to: z.string(), status: periodStatusSchema,
  meetings: z.array(z.object({ id: z.string(), title: z.string(), state: z.enum(meetingStates), startsAt: z.string() })),
})
export const dashboardSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), partyKind: z.string() }),
  year: z.number().int(),
  today: z.string(),
  members: z.object({ direct: z.number().int(), participating: z.number().int(), assisting: z.number().int() }),
  kinds: z.array(z.object({
    kind: partyMeetingKindSchema, frequency: frequencySchema, required: z.number().int(), dueSoFar: z.number().int(), held: z.number().int(),
    late: z.number().int(), missing: z.number().int(), periods: z.array(periodSchema),
  })),
  /** Members absent from the last three (or more) held meetings they were invited to, in a row. */
  missedInARow: z.array(z.object({ person: refSchema, relation: relationSchema, streak: z.number().int(), lastAbsenceReason: z.string().nullable() })),
  studyHours: z.number(),
})
export const overviewSchema = z.object({
  year: z.number().int(),
  totals: z.object({ orgs: z.number().int(), dueSoFar: z.number().int(), held: z.number().int(), late: z.number().int(), missing: z.number().int() }),
  orgs: z.array(z.object({ id: z.string(), name: z.string(), partyKind: z.string(), dueSoFar: z.number().int(), held: z.number().int(), late: z.number().int(), missing: z.number().int(), rate: z.number() })),
})
export const recordSchema = z.object({
  person: refSchema,
  year: z.number().int(),
  orgs: z.array(z.object({ id: z.string(), name: z.string(), relation: relationSchema, post: postSchema })),
  meetings: z.array(z.object({
    id: z.string(), kind: partyMeetingKindSchema, title: z.string(), state: z.enum(meetingStates), startsAt: z.string(), org: refSchema,
    present: z.boolean().nullable(), absenceReason: z.string().nullable(),
  })),
  attended: z.number().int(), absent: z.number().int(),
  study: z.array(z.object({ sessionId: z.string(), course: z.string(), title: z.string(), startsAt: z.string(), present: z.boolean(), hours: z.number(), absenceReason: z.string().nullable() })),
  studyHours: z.number(),
})

export const courseInputSchema = z.strictObject({
  orgId: idSchema,
  kind: courseKindSchema,
  title: text(2, 120, '课程名称至少 2 个字'),
  description: text(0, 2000, '').optional(),
  year: z.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
})
export type CourseInput = z.infer<typeof courseInputSchema>
export const coursesQuerySchema = z.object({ orgId: idSchema.optional(), year: yearSchema.optional() })
export const sessionInputSchema = z.strictObject({
  title: text(2, 120, '课次名称至少 2 个字'),
  startsAt: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' }),
  hours: z.number().gt(0, '学时应大于 0').max(24, '学时最多 24').multipleOf(0.5, '学时以 0.5 为单位'),
  place: text(2, 200, '地点至少 2 个字').optional(),
  teacher: text(2, 60, '授课人至少 2 个字').optional(),
})
export type SessionInput = z.infer<typeof sessionInputSchema>
export const studyAttendanceSchema = z.strictObject({
  entries: z.array(z.strictObject({
    personId: idSchema,
    present: z.boolean(),
    /** Hours earned (default: the session's hours); absent ones earn none. */
    hours: z.number().gt(0).max(24).multipleOf(0.5).optional(),
    absenceReason: text(2, 200, '缺席原因至少 2 个字').optional(),
  })).min(1, '请至少登记一人').max(500),
})
export type StudyAttendanceInput = z.infer<typeof studyAttendanceSchema>
export const courseSchema = z.object({
  id: z.string(), org: refSchema, kind: courseKindSchema, title: z.string(), description: z.string().nullable(), year: z.number().int(),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), hours: z.number(), place: z.string().nullable(), teacher: z.string().nullable(), present: z.number().int(), absent: z.number().int() })),
})
export const courseSummarySchema = courseSchema.omit({ sessions: true }).extend({ sessions: z.number().int(), hours: z.number() })
export const sessionSchema = z.object({
  id: z.string(), courseId: z.string(), course: z.string(), title: z.string(), startsAt: z.string(), hours: z.number(), place: z.string().nullable(), teacher: z.string().nullable(),
  attendance: z.array(z.object({ person: refSchema, present: z.boolean(), hours: z.number(), absenceReason: z.string().nullable() })),
})
export const studyHoursSchema = z.object({
  year: z.number().int(),
  members: z.array(z.object({ person: refSchema, relation: relationSchema, sessions: z.number().int(), hours: z.number() })),
})
