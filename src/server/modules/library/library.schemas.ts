// Schemas of the shared library (云平台): publishing and revising a practice, the list card and
// the full record with its photos and template, versions, comments, adoptions and the figures per
// street (browser-safe: the web imports them).
import { z } from 'zod'
import { idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)
const tagsSchema = z.array(text(1, 12, '标签不能为空')).max(8, '最多 8 个标签')

/** A template the practice carries: its content, or the record to make it from (`sourceId`). */
export const templateInputSchema = z.strictObject({
  kind: z.string().regex(/^[a-z_]{2,40}$/, '模板类型格式不正确'),
  payload: z.unknown().optional(),
  /** An existing record of the owning module (e.g. a visit schedule) to publish as the template. */
  sourceId: idSchema.optional(),
})

export const practiceCreateSchema = z.strictObject({
  /** The publishing node (the caller is a cadre there). */
  orgId: idSchema,
  title: text(4, 60, '标题至少 4 个字'),
  body: text(20, 20_000, '正文至少 20 个字'),
  tags: tagsSchema.default([]),
  photoIds: z.array(idSchema).max(12, '最多 12 张照片').default([]),
  /** Documents uploaded through POST /documents (PDF, Word, Excel). */
  fileIds: z.array(idSchema).max(10, '最多 10 个文件').default([]),
  template: templateInputSchema.optional(),
})
export type PracticeCreate = z.infer<typeof practiceCreateSchema>

/** A revision: the fields that change, and what changed (it becomes a new version). */
export const practiceReviseSchema = z.strictObject({
  title: text(4, 60, '标题至少 4 个字').optional(),
  body: text(20, 20_000, '正文至少 20 个字').optional(),
  tags: tagsSchema.optional(),
  photoIds: z.array(idSchema).max(12, '最多 12 张照片').optional(),
  fileIds: z.array(idSchema).max(10, '最多 10 个文件').optional(),
  /** null removes the template. */
  template: templateInputSchema.nullable().optional(),
  note: text(2, 200, '请写明修订了什么（至少 2 个字）'),
})
export type PracticeRevise = z.infer<typeof practiceReviseSchema>

export const practicesQuerySchema = z.object({
  /** Chinese full text (jieba-segmented); results come best match first. */
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(12).optional(),
  /** Practices published at this node or below (a node the caller reads). */
  orgId: idSchema.optional(),
  templateKind: z.string().max(40).optional(),
  ...pageQuery,
})
export type PracticesQuery = z.infer<typeof practicesQuerySchema>

const photoSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })
/** A document (PDF, Word, Excel) to download under its file name. */
const fileSchema = z.object({ id: z.string(), url: z.string(), name: z.string(), mime: z.string(), size: z.number().int() })

export const practiceCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The start of the latest text. */
  summary: z.string(),
  tags: z.array(z.string()),
  org: refSchema,
  street: refSchema.nullable(),
  version: z.number().int(),
  templateKind: z.string().nullable(),
  cover: photoSchema.nullable(),
  adoptions: z.number().int(),
  comments: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type PracticeCard = z.infer<typeof practiceCardSchema>

export const templateSchema = z.object({
  kind: z.string(),
  label: z.string(),
  importAt: z.string(),
  /** Whether this installation can import it (its owning module registered an importer). */
  importable: z.boolean(),
  payload: z.unknown(),
})

export const practiceSchema = practiceCardSchema.extend({
  body: z.string(),
  photos: z.array(photoSchema),
  files: z.array(fileSchema),
  template: templateSchema.nullable(),
  author: refSchema.nullable(),
  /** The nodes where the caller has marked it adopted. */
  adoptedAt: z.array(refSchema),
  mayEdit: z.boolean(),
})
export type Practice = z.infer<typeof practiceSchema>

export const versionSummarySchema = z.object({ version: z.number().int(), title: z.string(), note: z.string().nullable(), editedBy: refSchema.nullable(), createdAt: z.string() })
export const versionSchema = versionSummarySchema.extend({ body: z.string(), tags: z.array(z.string()), photos: z.array(photoSchema), files: z.array(fileSchema), template: templateSchema.nullable() })

export const commentCreateSchema = z.strictObject({ body: text(2, 1000, '评论至少 2 个字') })
export const commentSchema = z.object({ id: z.string(), body: z.string(), author: refSchema, org: refSchema.nullable(), createdAt: z.string(), mayDelete: z.boolean() })

export const adoptSchema = z.strictObject({
  /** The adopting node (the caller is a cadre there); one mark per node. */
  orgId: idSchema,
  note: text(1, 200, '').optional(),
  /** Also import the practice's template (at `import.orgId`, by default the adopting node). */
  import: z.strictObject({ orgId: idSchema.optional(), options: z.record(z.string(), z.unknown()).optional() }).optional(),
})
export type AdoptInput = z.infer<typeof adoptSchema>
export const unadoptQuerySchema = z.object({ orgId: idSchema })

export const importedSchema = z.object({ kind: z.string(), entity: z.string(), id: z.string(), label: z.string(), org: refSchema, at: z.string() })
export const adoptionSchema = z.object({ id: z.string(), org: refSchema, street: refSchema.nullable(), version: z.number().int(), note: z.string().nullable(), imports: z.array(importedSchema), createdAt: z.string() })

export const figuresQuerySchema = z.object({ orgId: idSchema.optional() })
export const figuresSchema = z.object({
  practices: z.number().int(),
  adoptions: z.number().int(),
  byStreet: z.array(z.object({ street: refSchema, published: z.number().int(), adopted: z.number().int() })),
  mostAdopted: z.array(z.object({ id: z.string(), title: z.string(), org: refSchema, adoptions: z.number().int() })),
})

export const templateKindSchema = z.object({ kind: z.string(), label: z.string(), importAt: z.string() })
