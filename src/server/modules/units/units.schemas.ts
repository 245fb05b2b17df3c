// Schemas of units and co-building (browser-safe: the web app imports them).
import { z } from 'zod'
import { boolQuery, dateSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'
import { isValidCreditCode } from './units.credit-code.ts'

/** 机关, 事业单位, 国有企业, 两新组织 (non-public firm, social organisation), merchants, property firms. */
export const unitKinds = ['government_agency', 'public_institution', 'state_enterprise', 'non_public_firm', 'social_organisation', 'merchant', 'property_firm'] as const
/** 两新组织: the kinds the Party-organisation coverage rate is about. */
export const newEconomyKinds = ['non_public_firm', 'social_organisation'] as const
/** 八共: 党建工作共振、社区工作共推、先进文化共有、服务群众共帮、美好家园共建、在职党员共管、党建活动共促、资源要素共享. */
export const coBuildingTags = ['party_work', 'community_work', 'culture', 'serving_residents', 'home_building', 'member_management', 'joint_activities', 'resource_sharing'] as const
export const listKinds = ['need', 'resource', 'project', 'responsibility'] as const
export const listItemStates = ['open', 'claimed', 'in_progress', 'completed', 'withdrawn'] as const
export const pairingKinds = ['core', 'area'] as const
export const allianceKinds = ['alliance', 'complex'] as const

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 字`)
const optionalText = (max: number) => text(max).nullable().optional()

export const unitKindSchema = z.enum(unitKinds, { message: '单位类型不正确' })
export const creditCodeSchema = z.string().trim().toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V）')
  .refine(isValidCreditCode, '统一社会信用代码校验位不正确')
export const tagSchema = z.enum(coBuildingTags, { message: '共建领域须为“八共”之一' })

// ---------------------------------------------------------------------------
// Units

export const unitCreateSchema = z.strictObject({
  name: text(100),
  kind: unitKindSchema,
  creditCode: creditCodeSchema.nullable().optional(),
  /** The street or community the unit sits in. */
  orgId: idSchema,
  residentUnit: z.boolean().default(false),
  hasPartyOrg: z.boolean().default(false),
  partyOrgName: optionalText(100),
  partyMemberCount: z.number().int().min(0).max(100000).default(0),
  staffCount: z.number().int().min(0).max(1000000).nullable().optional(),
  address: optionalText(200),
}).refine((u) => u.hasPartyOrg || !u.partyOrgName, { path: ['partyOrgName'], message: '未建立党组织的单位不填党组织名称' })
export type UnitCreate = z.infer<typeof unitCreateSchema>

export const unitUpdateSchema = z.strictObject({
  name: text(100).optional(),
  kind: unitKindSchema.optional(),
  creditCode: creditCodeSchema.nullable().optional(),
  residentUnit: z.boolean().optional(),
  hasPartyOrg: z.boolean().optional(),
  partyOrgName: optionalText(100),
  partyMemberCount: z.number().int().min(0).max(100000).optional(),
  staffCount: z.number().int().min(0).max(1000000).nullable().optional(),
  address: optionalText(200),
}).refine((u) => Object.keys(u).length > 0, { message: '没有要修改的内容' })
export type UnitUpdate = z.infer<typeof unitUpdateSchema>

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  creditCode: z.string().nullable(),
  org: refSchema,
  residentUnit: z.boolean(),
  hasPartyOrg: z.boolean(),
  partyOrgName: z.string().nullable(),
  partyMemberCount: z.number().int(),
  staffCount: z.number().int().nullable(),
  address: z.string().nullable(),
  /** Active pairing agreements. */
  pairings: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Unit = z.infer<typeof unitSchema>

export const unitsQuerySchema = z.object({
  orgId: idSchema.optional(),
  kind: unitKindSchema.optional(),
  hasPartyOrg: boolQuery.optional(),
  residentUnit: boolQuery.optional(),
  /** Only the units the caller acts for. */
  mine: boolQuery.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...pageQuery,
})

export const unitPersonCreateSchema = z.strictObject({
  /** An existing person, or a name to create one by. */
  personId: idSchema.optional(),
  name: z.string().trim().min(1, '不能为空').max(50, '不能超过 50 字').optional(),
  role: z.enum(['representative', 'staff']).default('staff'),
}).refine((p) => (p.personId === undefined) !== (p.name === undefined), { message: '请给出 personId 或 name 之一' })
export type UnitPersonCreate = z.infer<typeof unitPersonCreateSchema>

export const unitPersonSchema = z.object({ person: refSchema, role: z.enum(['representative', 'staff']), createdAt: z.string() })

export const coverageQuerySchema = z.object({ orgId: idSchema })

const coverageFigures = {
  units: z.number().int(),
  withPartyOrg: z.number().int(),
  newEconomyOrgs: z.number().int(),
  newEconomyWithPartyOrg: z.number().int(),
  /** Share of 两新组织 with a Party organisation, 0–1; null when there are none. */
  coverageRate: z.number().nullable(),
  partyMembers: z.number().int(),
  byKind: z.record(z.string(), z.object({ units: z.number().int(), withPartyOrg: z.number().int() })),
}
export const coverageSchema = z.object({
  org: refSchema.extend({ kind: z.string() }),
  ...coverageFigures,
  /** The same figures for each child node (communities of a street, streets of a district). */
  children: z.array(z.object({ org: refSchema.extend({ kind: z.string() }), ...coverageFigures })),
})
export type Coverage = z.infer<typeof coverageSchema>

// ---------------------------------------------------------------------------
// Pairing agreements

const tagsSchema = z.array(tagSchema).min(1, '至少选择一个共建领域').max(8)
  .refine((tags) => new Set(tags).size === tags.length, '共建领域不能重复')

export const pairingCreateSchema = z.strictObject({
  communityId: idSchema,
  unitId: idSchema,
  kind: z.enum(pairingKinds).default('core'),
  title: text(100),
  terms: text(4000),
  tags: tagsSchema,
  startsOn: dateSchema,
  endsOn: dateSchema.nullable().optional(),
}).refine((p) => !p.endsOn || p.endsOn >= p.startsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' })
export type PairingCreate = z.infer<typeof pairingCreateSchema>

export const pairingEndSchema = z.strictObject({ endedOn: dateSchema, reason: text(500) })
export type PairingEnd = z.infer<typeof pairingEndSchema>

export const pairingSchema = z.object({
  id: z.string(),
  community: refSchema,
  unit: refSchema.extend({ kind: unitKindSchema }),
  kind: z.enum(pairingKinds),
  title: z.string(),
  terms: z.string(),
  tags: z.array(tagSchema),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  createdBy: refSchema,
  createdAt: z.string(),
})
export type Pairing = z.infer<typeof pairingSchema>

export const pairingsQuerySchema = z.object({
  communityId: idSchema.optional(),
  unitId: idSchema.optional(),
  status: z.enum(['active', 'ended']).optional(),
  ...pageQuery,
})

export const pairingLimitSchema = z.object({
  org: refSchema,
  /** The limit that applies here, and where it was set (null: the setting PAIRING_MAX_UNITS). */
  maxUnits: z.number().int(),
  setAt: refSchema.nullable(),
  /** Communities only: active core pairings counted against the limit. */
  used: z.number().int().nullable(),
})
export type PairingLimit = z.infer<typeof pairingLimitSchema>
export const pairingLimitSetSchema = z.strictObject({ maxUnits: z.number().int().min(1).max(50) })

// ---------------------------------------------------------------------------
// Co-building lists

export const listItemCreateSchema = z.strictObject({
  list: z.enum(listKinds, { message: '清单类型不正确' }),
  communityId: idSchema,
  /** Publish for this unit (the caller acts for it); without it, the community publishes. */
  unitId: idSchema.optional(),
  title: text(100),
  description: text(2000),
  tag: tagSchema.nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
})
export type ListItemCreate = z.infer<typeof listItemCreateSchema>

export const listItemClaimSchema = z.strictObject({
  /** Claim for this unit (community items); omitted when the community claims a unit's item. */
  unitId: idSchema.optional(),
  note: text(2000).optional(),
})
export type ListItemClaim = z.infer<typeof listItemClaimSchema>
export const listItemProgressSchema = z.strictObject({ note: text(2000), progress: z.number().int().min(0).max(100).optional() })
export type ListItemProgress = z.infer<typeof listItemProgressSchema>
export const listItemNoteSchema = z.strictObject({ note: text(2000).optional() })

export const listItemEventSchema = z.object({
  id: z.string(),
  action: z.enum(['publish', 'claim', 'progress', 'confirm', 'withdraw']),
  fromState: z.enum(listItemStates).nullable(),
  toState: z.enum(listItemStates),
  note: z.string().nullable(),
  progress: z.number().int().nullable(),
  actor: refSchema,
  actingUnit: refSchema.nullable(),
  at: z.string(),
})

export const listItemSchema = z.object({
  id: z.string(),
  list: z.enum(listKinds),
  community: refSchema,
  /** Null: the community published it (a unit claims it); else the unit did (the community claims it). */
  publisherUnit: refSchema.nullable(),
  title: z.string(),
  description: z.string(),
  tag: tagSchema.nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(listItemStates),
  claimantUnit: refSchema.nullable(),
  claimedBy: refSchema.nullable(),
  claimedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** The latest reported progress, 0–100. */
  progress: z.number().int().nullable(),
  publishedBy: refSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ListItem = z.infer<typeof listItemSchema>
export const listItemDetailSchema = listItemSchema.extend({ events: z.array(listItemEventSchema) })
export type ListItemDetail = z.infer<typeof listItemDetailSchema>

export const listItemsQuerySchema = z.object({
  communityId: idSchema.optional(),
  unitId: idSchema.optional(),
  list: z.enum(listKinds).optional(),
  state: z.enum(listItemStates).optional(),
  side: z.enum(['community', 'unit']).optional(),
  ...pageQuery,
})

// ---------------------------------------------------------------------------
// Alliances

export const allianceCreateSchema = z.strictObject({
  name: text(100),
  kind: z.enum(allianceKinds).default('alliance'),
  /** The street or community it is set up on. */
  orgId: idSchema,
  description: optionalText(2000),
  unitIds: z.array(idSchema).min(2, '联盟至少包含两家单位').max(100)
    .refine((ids) => new Set(ids).size === ids.length, '单位不能重复'),
})
export type AllianceCreate = z.infer<typeof allianceCreateSchema>
export const allianceActivityCreateSchema = z.strictObject({
  title: text(100),
  heldOn: dateSchema,
  place: optionalText(200),
  description: optionalText(2000),
})
export type AllianceActivityCreate = z.infer<typeof allianceActivityCreateSchema>

export const allianceActivitySchema = z.object({
  id: z.string(), title: z.string(), heldOn: z.string(), place: z.string().nullable(), description: z.string().nullable(), createdBy: refSchema, createdAt: z.string(),
})
export const allianceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(allianceKinds),
  org: refSchema,
  description: z.string().nullable(),
  units: z.array(refSchema.extend({ kind: unitKindSchema })),
  activities: z.array(allianceActivitySchema),
  createdAt: z.string(),
})
export type Alliance = z.infer<typeof allianceSchema>
export const alliancesQuerySchema = z.object({ orgId: idSchema.optional(), ...pageQuery })

// ---------------------------------------------------------------------------
// Part-time committee members (兼职委员)

export const partTimeMembersQuerySchema = z.object({ orgId: idSchema })
export const partTimeMemberSchema = z.object({
  person: refSchema,
  role: z.string(),
  org: refSchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  units: z.array(refSchema),
})
