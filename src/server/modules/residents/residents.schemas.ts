// Schemas of resident records (browser-safe: the web app imports them).
import { z } from 'zod'
import { idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'
import { idNumberProblem, MOBILE_PATTERN, normaliseIdNumber } from './residents.idnumber.ts'

export const residentTags = ['elderly_alone', 'empty_nest', 'disabled', 'low_income', 'veteran', 'left_behind_child', 'serious_illness', 'tenant'] as const
export const residentRelations = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const
export const genders = ['male', 'female'] as const
export type ResidentTag = (typeof residentTags)[number]
export type ResidentRelation = (typeof residentRelations)[number]
export type Gender = (typeof genders)[number]

export const tagLabels: Record<ResidentTag, { zh: string; en: string }> = {
  elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
  empty_nest: { zh: '空巢老人', en: 'Empty-nest elderly' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  low_income: { zh: '低保户', en: 'Low income' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  serious_illness: { zh: '大病患者', en: 'Serious illness' },
  tenant: { zh: '租户', en: 'Tenant' },
}
export const relationLabels: Record<ResidentRelation, { zh: string; en: string }> = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙辈', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other: { zh: '其他', en: 'Other' },
}
export const genderLabels: Record<Gender, { zh: string; en: string }> = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } }

export const mobileSchema = z.string().regex(MOBILE_PATTERN, '请输入 11 位大陆手机号')
export const idNumberSchema = z
  .string()
  .max(30, '身份证号应为 18 位（最后一位可为 X）')
  .transform(normaliseIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不超过 ${max} 字`)

const editable = {
  name: text(50),
  phone: mobileSchema.nullable(),
  gender: z.enum(genders).nullable(),
  birthYear: z.number().int().min(1900, '出生年份不早于 1900').max(2100, '出生年份不正确').nullable(),
  idNumber: idNumberSchema.nullable(),
  household: text(30).nullable(),
  relation: z.enum(residentRelations).nullable(),
  address: text(200).nullable(),
  consentContact: z.boolean(),
  consentServices: z.boolean(),
}
const staffOnly = {
  orgId: idSchema,
  tags: z.array(z.enum(residentTags)).max(residentTags.length).refine((t) => new Set(t).size === t.length, '标签重复'),
  note: text(500).nullable(),
}

export const residentCreateSchema = z
  .strictObject({
    /** An existing person (e.g. one who registered on the phone pages); else `name` makes a new one. */
    personId: idSchema.optional(),
    name: editable.name.optional(),
    phone: editable.phone.optional(),
    gender: editable.gender.optional(),
    birthYear: editable.birthYear.optional(),
    idNumber: editable.idNumber.optional(),
    household: editable.household.optional(),
    relation: editable.relation.optional(),
    address: editable.address.optional(),
    consentContact: editable.consentContact.optional(),
    consentServices: editable.consentServices.optional(),
    orgId: staffOnly.orgId,
    tags: staffOnly.tags.optional(),
    note: staffOnly.note.optional(),
  })
  .refine((v) => v.personId !== undefined || v.name !== undefined, { message: '请填写姓名或选择已有人员', path: ['name'] })
  .refine((v) => v.personId === undefined || (v.name === undefined && v.phone === undefined), { message: '已有人员的姓名和手机号不在此修改', path: ['personId'] })
export type ResidentCreate = z.infer<typeof residentCreateSchema>

const nonEmpty = (v: object) => Object.keys(v).length > 0
/** What residents may correct in their own record (not the building, tags or the staff's note). */
const selfFields = z.strictObject(editable).partial()

export const residentUpdateSchema = selfFields.extend(z.strictObject(staffOnly).partial().shape).refine(nonEmpty, { message: '没有要修改的字段' })
export type ResidentUpdate = z.infer<typeof residentUpdateSchema>

export const residentSelfUpdateSchema = selfFields.refine(nonEmpty, { message: '没有要修改的字段' })
export type ResidentSelfUpdate = z.infer<typeof residentSelfUpdateSchema>

export const revealSchema = z.strictObject({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().min(4, '请写明查看原因（至少 4 个字）').max(200, '原因不超过 200 字'),
})
export type RevealInput = z.infer<typeof revealSchema>

export const residentsQuerySchema = z.object({
  orgId: idSchema.optional(),
  /** Name or household (contains), or a full phone / ID number (exact, by its HMAC). */
  q: z.string().trim().min(1).max(50).optional(),
  tag: z.enum(residentTags).optional(),
  ...pageQuery,
})
export type ResidentsQuery = z.infer<typeof residentsQuerySchema>

export const residentStatsSchema = z.object({
  residents: z.number().int(),
  /** Households: one per (building, 户号); a resident without a 户号 counts as one. */
  households: z.number().int(),
  byTag: z.array(z.object({ tag: z.enum(residentTags), residents: z.number().int() })),
})
export type ResidentStats = z.infer<typeof residentStatsSchema>

export const exportSchema = z
  .strictObject({
    /** The node whose records are exported (a grid, community, street…). */
    orgId: idSchema,
    q: residentsQuerySchema.shape.q,
    tag: residentsQuerySchema.shape.tag,
    /** Full ID numbers and phones: street admins and above, for an org node, with a reason. */
    full: z.boolean().default(false),
    reason: revealSchema.shape.reason.optional(),
  })
  .refine((v) => !v.full || v.reason !== undefined, { message: '导出完整信息须写明原因', path: ['reason'] })
export type ExportInput = z.infer<typeof exportSchema>

export const importQuerySchema = z.object({ orgId: idSchema })

export const residentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  birthYear: z.number().int().nullable(),
  /** Masked (3601**********1234) unless the caller is the resident. */
  idNumber: z.string().nullable(),
  /** Masked (138****5678) unless the caller is the resident. */
  phone: z.string().nullable(),
  /** Whether idNumber and phone are masks. */
  masked: z.boolean(),
  org: refSchema.extend({ kind: z.string() }),
  grid: refSchema.nullable(),
  community: refSchema.nullable(),
  household: z.string().nullable(),
  relation: z.enum(residentRelations).nullable(),
  address: z.string().nullable(),
  tags: z.array(z.enum(residentTags)),
  consentContact: z.boolean(),
  consentServices: z.boolean(),
  consentedAt: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
})
export type Resident = z.infer<typeof residentSchema>

export const revealResultSchema = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string() })
export const importResultSchema = z.object({ imported: z.number().int() })
export const importErrorSchema = z.object({ row: z.number().int(), column: z.string(), reason: z.string() })
export type ImportError = z.infer<typeof importErrorSchema>
