// Schemas of volunteers, teams, activities, sign-ups, attendances and the time bank
// (browser-safe: the web app imports them).
import { z } from 'zod'
import { crsSchema, dateSchema, dateTimeSchema, idSchema, lngLatSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const teamFunctionSchema = z.enum(['repairs', 'patrol', 'health', 'legal_aid', 'culture', 'publicity', 'elderly_care', 'environment', 'other'])
export type TeamFunction = z.infer<typeof teamFunctionSchema>
export const signupStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled'])
export const attendanceStatusSchema = z.enum(['checked_in', 'checked_out', 'no_show'])
export const activityStatusSchema = z.enum(['published', 'cancelled'])
/** Where an activity is in time, derived from its start and end. */
export const activityPhaseSchema = z.enum(['upcoming', 'ongoing', 'ended'])

const yearSchema = z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确')

export const skillSchema = z.string().trim().min(1, '技能不能为空').max(20, '技能最多 20 个字')
export const skillsSchema = z.array(skillSchema).max(20, '最多 20 项技能')

// ---- teams ----

export const teamCreateSchema = z.strictObject({
  /** The street, community or grid the team serves. */
  orgId: idSchema,
  name: z.string().trim().min(2, '队名至少 2 个字').max(50, '队名最多 50 个字'),
  function: teamFunctionSchema,
  skills: skillsSchema.default([]),
  description: z.string().trim().max(1000, '简介最多 1000 字').optional(),
})
export type TeamCreate = z.infer<typeof teamCreateSchema>

export const teamUpdateSchema = z.strictObject({
  name: z.string().trim().min(2, '队名至少 2 个字').max(50, '队名最多 50 个字').optional(),
  function: teamFunctionSchema.optional(),
  skills: skillsSchema.optional(),
  description: z.string().trim().max(1000, '简介最多 1000 字').nullable().optional(),
})
export type TeamUpdate = z.infer<typeof teamUpdateSchema>

export const teamMemberSchema = z.object({
  person: refSchema,
  role: z.enum(['leader', 'member']),
  skills: z.array(z.string()),
  joinedAt: z.string(),
})

export const teamSchema = z.object({
  id: z.string(),
  org: refSchema,
  name: z.string(),
  function: teamFunctionSchema,
  skills: z.array(z.string()),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  leaders: z.array(refSchema),
  /** Only for those who manage the team; others get an empty list. */
  members: z.array(teamMemberSchema),
  myRole: z.enum(['leader', 'member']).nullable(),
  canManage: z.boolean(),
  createdAt: z.string(),
})
export type Team = z.infer<typeof teamSchema>

export const teamsQuerySchema = z.object({
  orgId: idSchema.optional(),
  function: teamFunctionSchema.optional(),
  ...pageQuery,
})
export type TeamsQuery = z.infer<typeof teamsQuerySchema>

/** Without personId: the caller joins. With it: a manager adds that person (who becomes a volunteer). */
export const teamMemberAddSchema = z.strictObject({
  personId: idSchema.optional(),
  role: z.enum(['leader', 'member']).default('member'),
})
export type TeamMemberAdd = z.infer<typeof teamMemberAddSchema>

// ---- volunteers ----

export const volunteerProfileUpdateSchema = z.strictObject({
  skills: skillsSchema,
  intro: z.string().trim().max(500, '自我介绍最多 500 字').nullable().optional(),
})
export type VolunteerProfileUpdate = z.infer<typeof volunteerProfileUpdateSchema>

export const serviceRecordSchema = z.object({
  /** An attendance at an activity, or a one-to-one service given (time bank; status `served`). */
  kind: z.enum(['activity', 'service']),
  activityId: z.string().nullable(),
  title: z.string(),
  orgName: z.string(),
  startsAt: z.string(),
  hours: z.number(),
  status: z.string(),
})
export type ServiceRecord = z.infer<typeof serviceRecordSchema>

export const volunteerMeSchema = z.object({
  person: refSchema,
  isVolunteer: z.boolean(),
  skills: z.array(z.string()),
  intro: z.string().nullable(),
  teams: z.array(refSchema.extend({ role: z.enum(['leader', 'member']) })),
  year: z.number().int(),
  /** Service hours of the year: activities checked out plus one-to-one services given (the members' figure too). */
  hours: z.number(),
  activityHours: z.number(),
  serviceHours: z.number(),
  activities: z.number().int(),
  services: z.number().int(),
  noShows: z.number().int(),
  records: z.array(serviceRecordSchema),
})

export const volunteerSummarySchema = z.object({
  person: refSchema,
  skills: z.array(z.string()),
  teams: z.array(refSchema),
  hours: z.number(),
  activities: z.number().int(),
  noShows: z.number().int(),
  timeBank: z.object({ given: z.number(), received: z.number() }),
})

export const volunteersQuerySchema = z.object({
  /** Volunteers of the teams under this node, and those who served at its activities. */
  orgId: idSchema.optional(),
  year: yearSchema.optional(),
  ...pageQuery,
})
export type VolunteersQuery = z.infer<typeof volunteersQuerySchema>

// ---- activities ----

export const skillNeedSchema = z.strictObject({ skill: skillSchema, count: z.number().int().min(1).max(1000) })

const activityFields = {
  teamId: idSchema.nullable().optional(),
  /** The venue it is held at (its page lists the activities to come). */
  venueId: idSchema.nullable().optional(),
  title: z.string().trim().min(2, '标题至少 2 个字').max(100, '标题最多 100 个字'),
  description: z.string().trim().max(4000, '说明最多 4000 字').optional(),
  place: z.string().trim().min(2, '地点至少 2 个字').max(200, '地点最多 200 个字'),
  location: lngLatSchema,
  crs: crsSchema.optional(),
  startsAt: dateTimeSchema,
  endsAt: dateTimeSchema,
  capacity: z.number().int().min(1, '至少 1 个名额').max(1000, '最多 1000 个名额'),
  skillNeeds: z.array(skillNeedSchema).max(20).optional(),
  maxHours: z.number().positive('计时上限须大于 0').max(72).nullable().optional(),
}

export const activityCreateSchema = z.strictObject({ orgId: idSchema, ...activityFields })
export type ActivityCreate = z.infer<typeof activityCreateSchema>

export const activityUpdateSchema = z.strictObject({
  teamId: activityFields.teamId,
  venueId: activityFields.venueId,
  title: activityFields.title.optional(),
  description: activityFields.description,
  place: activityFields.place.optional(),
  location: lngLatSchema.optional(),
  crs: activityFields.crs,
  startsAt: dateTimeSchema.optional(),
  endsAt: dateTimeSchema.optional(),
  capacity: activityFields.capacity.optional(),
  skillNeeds: activityFields.skillNeeds,
  maxHours: activityFields.maxHours,
})
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>

export const activityCancelSchema = z.strictObject({ reason: z.string().trim().min(2, '请写明取消原因').max(200) })

export const attendanceSchema = z.object({
  id: z.string(),
  person: refSchema,
  status: attendanceStatusSchema,
  method: z.enum(['code', 'confirmed', 'sweep']),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  hours: z.number().nullable(),
  confirmedBy: refSchema.nullable(),
})
export type Attendance = z.infer<typeof attendanceSchema>

const myAttendanceSchema = attendanceSchema.pick({ status: true, checkedInAt: true, checkedOutAt: true, hours: true })

export const activitySchema = z.object({
  id: z.string(),
  org: refSchema,
  team: refSchema.nullable(),
  venue: refSchema.nullable(),
  title: z.string(),
  description: z.string(),
  place: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  skillNeeds: z.array(z.object({ skill: z.string(), count: z.number().int(), covered: z.number().int() })),
  maxHours: z.number().nullable(),
  status: activityStatusSchema,
  cancelReason: z.string().nullable(),
  phase: activityPhaseSchema,
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  seatsLeft: z.number().int(),
  /** Metres from the point asked for (near=), else null. */
  distanceM: z.number().nullable(),
  mySignup: z.object({ id: z.string(), status: signupStatusSchema, position: z.number().int().nullable() }).nullable(),
  myAttendance: myAttendanceSchema.nullable(),
  canManage: z.boolean(),
  createdAt: z.string(),
})
export type Activity = z.infer<typeof activitySchema>

const numberParam = (min: number, max: number) => z.coerce.number().min(min).max(max)

export const activitiesQuerySchema = z.object({
  orgId: idSchema.optional(),
  teamId: idSchema.optional(),
  venueId: idSchema.optional(),
  /** upcoming (not yet ended, soonest first), past (ended, newest first), all (newest first). */
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  status: activityStatusSchema.optional(),
  /** Only the ones I signed up for. */
  mine: z.enum(['1', 'true']).optional(),
  /** With both: nearest first, and each activity's distance in metres. */
  nearLng: numberParam(-180, 180).optional(),
  nearLat: numberParam(-90, 90).optional(),
  /** Nearest my home first (the building I live in), when no point is given. */
  nearHome: z.enum(['1', 'true']).optional(),
  ...pageQuery,
})
export type ActivitiesQuery = z.infer<typeof activitiesQuerySchema>

// ---- sign-ups ----

export const signupSchema = z.object({
  id: z.string(),
  person: refSchema,
  skills: z.array(z.string()),
  status: signupStatusSchema,
  /** 1-based place in the waitlist; null unless waitlisted. */
  position: z.number().int().nullable(),
  signedUpAt: z.string(),
  promotedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  attendance: myAttendanceSchema.nullable(),
})
export type Signup = z.infer<typeof signupSchema>

export const signupsQuerySchema = z.object({ status: signupStatusSchema.optional(), ...pageQuery })
export type SignupsQuery = z.infer<typeof signupsQuerySchema>

// ---- check-in ----

export const checkInCodeSchema = z.object({
  activityId: z.string(),
  code: z.string(),
  /** The phone page the QR encodes. */
  url: z.string(),
  /** The QR image (SVG markup) of `url`. */
  svg: z.string(),
  expiresAt: z.string(),
  windowSec: z.number().int(),
  /** Check-in by code opens an hour before the start: before this moment a scan answers 422 ACTIVITY_CHECK_IN_NOT_YET. */
  checkInOpensAt: z.string(),
  /** …and closes at the end (check-out stays open 12 hours longer). */
  checkInClosesAt: z.string(),
})
export type CheckInCode = z.infer<typeof checkInCodeSchema>

export const checkInSchema = z.strictObject({
  code: z.string().trim().regex(/^\d{1,12}\.[0-9a-f]{16}$/, '签到码格式不正确，请重新扫码'),
})

export const attendanceConfirmSchema = z.strictObject({
  personId: idSchema,
  checkedInAt: dateTimeSchema,
  /** Without it the person is recorded as checked in only. */
  checkedOutAt: dateTimeSchema.optional(),
})
export type AttendanceConfirm = z.infer<typeof attendanceConfirmSchema>

export const attendanceQuerySchema = z.object({ status: attendanceStatusSchema.optional(), ...pageQuery })

// ---- time bank ----

export const timeBankEntryCreateSchema = z.strictObject({
  /** The community or grid the service belongs to. */
  orgId: idSchema,
  giverId: idSchema,
  receiverId: idSchema,
  hours: z.number().min(0.5, '至少 0.5 小时').max(24, '一次最多 24 小时').multipleOf(0.5, '以 0.5 小时为单位'),
  servedOn: dateSchema,
  note: z.string().trim().min(2, '请写明服务内容').max(500),
})
export type TimeBankEntryCreate = z.infer<typeof timeBankEntryCreateSchema>

export const timeBankEntrySchema = z.object({
  id: z.string(),
  org: refSchema,
  giver: refSchema,
  receiver: refSchema,
  hours: z.number(),
  servedOn: z.string(),
  note: z.string(),
  createdAt: z.string(),
})

export const timeBankEntriesQuerySchema = z.object({ orgId: idSchema.optional(), ...pageQuery })

export const timeBankMeSchema = z.object({
  year: z.number().int(),
  /** Hours given this year: at activities (checked out) and in one-to-one services. */
  given: z.object({ activities: z.number(), services: z.number(), total: z.number() }),
  /** Hours received this year (one-to-one services to me). */
  received: z.number(),
  /** All-time hours given minus received. */
  balance: z.number(),
  entries: z.array(timeBankEntrySchema.extend({ direction: z.enum(['given', 'received']) })),
})

export const yearQuerySchema = z.object({ year: yearSchema.optional() })
