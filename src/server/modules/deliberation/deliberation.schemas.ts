// Schemas of deliberation (协商议事): topics and their stages, supports, votes and ballots, paper
// tallies, resolutions with tasks and comments, templates and per-community settings, and the
// public board (browser-safe: the web imports them).
import { z } from 'zod'
import { boolQuery, dateSchema, dateTimeSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const topicStateSchema = z.enum(['proposed', 'deliberating', 'settled', 'merged', 'expired', 'rejected'])
export const sourceKindSchema = z.enum(['case', 'visit', 'order', 'hotspot'])
export const stageOutputSchema = z.enum(['minutes', 'resolution', 'public_notice', 'none'])
export const voteModeSchema = z.enum(['open', 'secret'])
export const voteStateSchema = z.enum(['scheduled', 'open', 'closed', 'cancelled'])
export const choiceSchema = z.enum(['for', 'against', 'abstain'])
export const resolutionStateSchema = z.enum(['executing', 'done', 'cancelled'])
export const stageRoleSchema = z.enum(['resident', 'member', 'building_leader', 'grid_worker', 'grid_leader', 'community_cadre', 'street_admin', 'district_admin', 'admin'])
export type TopicState = z.infer<typeof topicStateSchema>
export type SourceKind = z.infer<typeof sourceKindSchema>
export type Choice = z.infer<typeof choiceSchema>
export type VoteMode = z.infer<typeof voteModeSchema>

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)

/** One stage of a process template. */
export const stageSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, '阶段代码为小写字母、数字和下划线'),
  name: text(1, 30, '请填写阶段名称'),
  nameEn: z.string().trim().max(60).nullish(),
  /** The lowest role (at the topic's node) that may complete the stage. */
  role: stageRoleSchema,
  /** The named parties who take part (居委会, 业委会, 物业服务企业…). */
  parties: z.array(text(1, 30, '请填写参与方')).max(12).default([]),
  output: stageOutputSchema,
  /** Participants needed to complete the stage (a council's members present), if any. */
  quorum: z.number().int().min(1).max(1000).nullish(),
  deadlineDays: z.number().int().min(1).max(365).nullish(),
  /** The stage decides by a vote (集体决议): it completes only when a vote of the topic passed. */
  vote: z.boolean().default(false),
})
export type Stage = z.infer<typeof stageSchema>
/** A repeated stage code is reported on the repeating stage's code ("stages.2.key"), where the form shows it. */
export const stagesSchema = z.array(stageSchema).min(2, '至少两个阶段').max(12, '最多 12 个阶段')
  .superRefine((s, ctx) => s.forEach((x, i) => {
    if (s.findIndex((y) => y.key === x.key) < i) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: '阶段代码不能重复' })
  }))

export const topicCreateSchema = z.strictObject({
  title: text(4, 100, '议题标题至少 4 个字'),
  body: text(1, 5000, '请写明议题内容'),
  /** The community (or a node in it) the topic concerns. */
  orgId: idSchema,
  /** "转为议题": the case, visit, order or hotspot (a case on the hotspot map) it comes from. */
  source: z.strictObject({ kind: sourceKindSchema, id: idSchema }).optional(),
  /** A cadre collecting a resident's proposal (民情收集) names the resident. */
  proposerId: idSchema.optional(),
  /** Another process template than the community's default. */
  templateId: idSchema.optional(),
  photoIds: z.array(idSchema).max(9, '最多 9 张照片').optional(),
})
export type TopicCreate = z.infer<typeof topicCreateSchema>

export const topicsQuerySchema = z.object({
  orgId: idSchema.optional(),
  state: topicStateSchema.optional(),
  stage: z.string().max(30).optional(),
  sourceKind: sourceKindSchema.optional(),
  sourceId: idSchema.optional(),
  mine: boolQuery.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
})
export type TopicsQuery = z.infer<typeof topicsQuerySchema>
export const boardQuerySchema = z.object({ orgId: idSchema.optional() })

export const advanceSchema = z.strictObject({
  /** The stage's output: minutes, the resolution's text, the public notice. */
  output: text(0, 10000, '').optional(),
  /** A reference kept with the output (a meeting, an attachment). */
  outputRef: z.strictObject({ kind: z.enum(['meeting', 'attachment', 'vote']), id: idSchema }).optional(),
  parties: z.array(text(1, 30, '')).max(12).optional(),
  /** How many took part (checked against the stage's quorum). */
  attendees: z.number().int().min(0).max(100000).optional(),
})
export type AdvanceInput = z.infer<typeof advanceSchema>
export const mergeSchema = z.strictObject({ intoId: idSchema, note: text(0, 200, '').optional() })
export const rejectSchema = z.strictObject({ reason: text(2, 200, '请填写原因（至少 2 个字）') })

export const voteCreateSchema = z.strictObject({
  title: text(1, 100, '请填写表决事项').optional(),
  mode: voteModeSchema,
  quorumPercent: z.number().min(0).max(100).default(50),
  thresholdPercent: z.number().min(0).max(99.99).default(50),
  opensAt: dateTimeSchema.optional(),
  closesAt: dateTimeSchema,
})
export type VoteCreate = z.infer<typeof voteCreateSchema>
export const ballotSchema = z.strictObject({ choice: choiceSchema })
const count = z.number().int().min(0).max(1_000_000)
export const tallySchema = z.strictObject({ label: text(1, 60, '请填写计票点'), for: count, against: count, abstain: count })
export const tallyConfirmSchema = z.strictObject({ for: count, against: count, abstain: count })
export const votesQuerySchema = z.object({ orgId: idSchema.optional(), state: voteStateSchema.optional(), mine: boolQuery.optional(), ...pageQuery })

export const resolutionPatchSchema = z.strictObject({
  progress: z.number().int().min(0).max(100).optional(),
  photoIds: z.array(idSchema).max(12, '最多 12 张照片').optional(),
  state: resolutionStateSchema.optional(),
})
export const taskCreateSchema = z.strictObject({
  title: text(1, 100, '请填写任务'),
  ownerId: idSchema.optional(),
  dueOn: dateSchema.optional(),
  /** Carried out as a case or a service order. */
  link: z.strictObject({ kind: z.enum(['case', 'order']), id: idSchema }).optional(),
})
/** A task done, with its evidence photos (shown on the public board) and a note. */
export const taskDoneSchema = z.strictObject({
  photoIds: z.array(idSchema).max(9, '最多 9 张照片').optional(),
  note: z.string().trim().max(500, '最多 500 个字').optional(),
}).nullish()
export const commentSchema = z.strictObject({ body: text(1, 1000, '请填写内容') })
export const resolutionsQuerySchema = z.object({ orgId: idSchema.optional(), state: resolutionStateSchema.optional(), ...pageQuery })
export const rollupQuerySchema = z.object({ orgId: idSchema.optional() })

export const templateCreateSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{2,40}$/, '模板代码为 2 到 40 个小写字母、数字或下划线'),
  name: text(1, 60, '请填写模板名称'),
  nameEn: z.string().trim().max(100).optional(),
  description: text(0, 500, '').optional(),
  /** The node whose admins own it; none: a template for everyone (system administrators). */
  orgId: idSchema.optional(),
  stages: stagesSchema,
})
export const templatePatchSchema = z.strictObject({
  name: text(1, 60, '请填写模板名称').optional(),
  description: text(0, 500, '').optional(),
  /** New stages make a new version; topics keep the version they started with. */
  stages: stagesSchema.optional(),
  archived: z.boolean().optional(),
})
export const settingsSchema = z.strictObject({
  supportHouseholds: z.number().int().min(1).max(100000).nullable(),
  supportPercent: z.number().gt(0).max(100).nullable(),
  expireDays: z.number().int().min(1).max(365),
  templateId: idSchema.nullable(),
})
export const orgParams = z.object({ orgId: idSchema })

// ── Answers ─────────────────────────────────────────────────────────────────
const ref = refSchema
export const stageViewSchema = z.object({
  index: z.number().int(), key: z.string(), name: z.string(), nameEn: z.string().nullable(), role: z.string(), parties: z.array(z.string()),
  output: stageOutputSchema, quorum: z.number().nullable(), deadlineDays: z.number().nullable(), vote: z.boolean(),
  status: z.enum(['done', 'current', 'pending', 'skipped']),
  record: z.object({ actor: ref.nullable(), at: z.string(), startedAt: z.string(), outputKind: stageOutputSchema, output: z.string().nullable(), outputRef: z.unknown().nullable(), parties: z.array(z.string()) }).nullable(),
  dueAt: z.string().nullable(),
})
export const eventSchema = z.object({ id: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string(), stageKey: z.string().nullable(), actor: ref.nullable(), note: z.string().nullable(), data: z.record(z.string(), z.unknown()), at: z.string() })
export const topicSummarySchema = z.object({
  id: z.string(), title: z.string(), state: topicStateSchema, org: ref, stageKey: z.string(), stageName: z.string(), stageIndex: z.number().int(), stageCount: z.number().int(),
  stageDueAt: z.string().nullable(), overdue: z.boolean(), supportCount: z.number().int(), supportNeeded: z.number().int(), expiresAt: z.string().nullable(),
  source: z.object({ kind: sourceKindSchema, id: z.string() }).nullable(), createdAt: z.string(),
})
export const voteSummarySchema = z.object({ id: z.string(), title: z.string(), mode: voteModeSchema, state: voteStateSchema, opensAt: z.string(), closesAt: z.string(), passed: z.boolean().nullable() })
export const resolutionSummarySchema = z.object({ id: z.string(), title: z.string(), state: resolutionStateSchema, progress: z.number().int(), decidedAt: z.string(), doneAt: z.string().nullable() })
export const topicSchema = topicSummarySchema.extend({
  body: z.string(), proposer: ref.nullable(), collectedBy: ref.nullable(), template: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
  mergedInto: z.object({ id: z.string(), title: z.string() }).nullable(), merged: z.array(z.object({ id: z.string(), title: z.string() })),
  closeNote: z.string().nullable(), photoIds: z.array(z.string()), supported: z.boolean(),
  actions: z.array(z.enum(['support', 'advance', 'merge', 'reject', 'vote'])),
  stages: z.array(stageViewSchema), timeline: z.array(eventSchema),
  votes: z.array(voteSummarySchema), resolutions: z.array(resolutionSummarySchema),
  /** The meetings (议事厅, 圆桌会, 理事会…) whose agenda or decisions name the topic. */
  meetings: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), startsAt: z.string(), endsAt: z.string(), state: z.string() })),
})
export type Topic = z.infer<typeof topicSchema>
export type TopicSummary = z.infer<typeof topicSummarySchema>
export const boardSchema = z.object({ columns: z.array(z.object({ key: z.string(), name: z.string(), count: z.number().int(), items: z.array(topicSummarySchema) })) })

export const totalsSchema = z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() })
export const voteSchema = voteSummarySchema.extend({
  topic: z.object({ id: z.string(), title: z.string() }), org: ref, stageKey: z.string(), quorumPercent: z.number(), thresholdPercent: z.number(), electorate: z.number().int().nullable(),
  eligible: z.boolean(), voted: z.boolean(), myChoice: choiceSchema.nullable(), participants: z.number().int().nullable(),
  result: z.object({ online: totalsSchema, paper: totalsSchema, totals: totalsSchema, turnout: z.number().int(), quorumMet: z.boolean(), passed: z.boolean() }).nullable(),
  tallies: z.array(z.object({ id: z.string(), label: z.string(), for: z.number().int(), against: z.number().int(), abstain: z.number().int(), enteredBy: ref, confirmedBy: ref.nullable(), confirmedAt: z.string().nullable() })),
  ballots: z.array(z.object({ voter: ref, choice: choiceSchema })).optional(),
  manage: z.boolean(),
})
export const resolutionSchema = resolutionSummarySchema.extend({
  topic: z.object({ id: z.string(), title: z.string() }), org: ref, text: z.string(), photoIds: z.array(z.string()),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), owner: ref.nullable(), dueOn: z.string().nullable(), link: z.object({ kind: z.enum(['case', 'order']), id: z.string() }).nullable(), doneAt: z.string().nullable(), note: z.string().nullable(), photoIds: z.array(z.string()) })),
  comments: z.array(z.object({ id: z.string(), author: z.object({ name: z.string() }), body: z.string(), at: z.string() })),
  manage: z.boolean(),
})
export const resolutionRowSchema = resolutionSummarySchema.extend({ topic: z.object({ id: z.string(), title: z.string() }), org: ref, tasks: z.number().int(), tasksDone: z.number().int() })
export const rollupSchema = z.object({ org: ref, rows: z.array(z.object({ org: ref, resolutions: z.number().int(), done: z.number().int(), progress: z.number() })) })
export const templateSchema = z.object({
  id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), description: z.string().nullable(), org: ref.nullable(),
  version: z.number().int(), archived: z.boolean(), stages: z.array(stageSchema),
  /** Whether the reader may edit it (PATCH). */
  manage: z.boolean(),
})
export const settingsViewSchema = z.object({ orgId: z.string(), supportHouseholds: z.number().int().nullable(), supportPercent: z.number().nullable(), expireDays: z.number().int(), templateId: z.string().nullable(), households: z.number().int(), supportNeeded: z.number().int(), inherited: z.boolean(),
  /** Whether the reader may change the settings of this node (PUT). */
  manage: z.boolean() })
const publicPhotoSchema = z.object({ url: z.string(), thumbUrl: z.string() })
export const publicBoardSchema = z.object({
  community: z.object({ id: z.string(), name: z.string() }),
  figures: z.object({ topics: z.number().int(), settled: z.number().int(), resolutions: z.number().int(), done: z.number().int() }),
  topics: z.array(z.object({ id: z.string(), title: z.string(), state: topicStateSchema, stageName: z.string(), supportCount: z.number().int(), supportNeeded: z.number().int(), createdAt: z.string() })),
  resolutions: z.array(z.object({
    id: z.string(), title: z.string(), text: z.string(), state: resolutionStateSchema, progress: z.number().int(), decidedAt: z.string(), doneAt: z.string().nullable(), photoIds: z.array(z.string()),
    /** The resolution's evidence photos as addresses a visitor may load. */
    photos: z.array(publicPhotoSchema),
    /** Each task; a done task with its evidence photos. */
    tasks: z.array(z.object({ title: z.string(), dueOn: z.string().nullable(), done: z.boolean(), photos: z.array(publicPhotoSchema) })),
  })),
})
export const homeSchema = z.object({ community: refSchema.nullable(), supportNeeded: z.number().int(), expireDays: z.number().int() })
