// Request and response schemas of the org tree (browser-safe: the web app imports them).
import { z } from 'zod'

export const orgKindSchema = z.enum(['city', 'district', 'street', 'community', 'village', 'grid', 'building', 'estate', 'department'])
export type OrgKind = z.infer<typeof orgKindSchema>
export const partyOrgKindSchema = z.enum(['committee', 'general_branch', 'branch', 'group'])

import { idSchema, pageOf, pageQuery, pointSchema, positionSchema } from '../../kernel/contract.ts'
export { idSchema, pointSchema, positionSchema }

const ring = z.array(positionSchema).min(4).max(20000)

export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) })
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
})
export const geometrySchema = z.discriminatedUnion('type', [pointSchema, polygonSchema, multiPolygonSchema])
export type Geometry = z.infer<typeof geometrySchema>

export const partyOrgSchema = z.object({
  kind: partyOrgKindSchema,
  name: z.string().trim().min(1).max(100),
  secretary: z.string().trim().min(1).max(50).nullable().default(null),
})
export type PartyOrg = z.infer<typeof partyOrgSchema>

const name = z.string().trim().min(1).max(100)
const divisionCode = z.string().regex(/^[0-9]{12}$/, '行政区划代码应为 12 位数字')
const propertyFirm = z.string().trim().min(1).max(100)

export const orgCreateSchema = z.strictObject({
  parentId: idSchema.nullable(),
  kind: orgKindSchema,
  name,
  divisionCode: divisionCode.nullable().optional(),
  partyOrg: partyOrgSchema.nullable().optional(),
  geometry: geometrySchema.nullable().optional(),
  propertyFirm: propertyFirm.nullable().optional(),
})
export type OrgCreate = z.infer<typeof orgCreateSchema>

export const orgUpdateSchema = z
  .strictObject({
    name: name.optional(),
    divisionCode: divisionCode.nullable().optional(),
    partyOrg: partyOrgSchema.nullable().optional(),
    geometry: geometrySchema.nullable().optional(),
    propertyFirm: propertyFirm.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的字段' })
export type OrgUpdate = z.infer<typeof orgUpdateSchema>

export const orgMoveSchema = z.strictObject({ parentId: idSchema })

export const orgRefSchema = z.object({ id: z.string(), kind: orgKindSchema, name: z.string() })

export const orgSummarySchema = z.object({
  id: z.string(),
  kind: orgKindSchema,
  name: z.string(),
  path: z.string(),
  parentId: z.string().nullable(),
  divisionCode: z.string().nullable(),
  partyOrg: partyOrgSchema.nullable(),
  propertyFirm: z.string().nullable(),
  childCount: z.number().int(),
})
export type OrgSummary = z.infer<typeof orgSummarySchema>

export const orgSchema = orgSummarySchema.extend({
  geometry: geometrySchema.nullable(),
  ancestors: z.array(orgRefSchema),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Org = z.infer<typeof orgSchema>

export const orgListQuerySchema = z.object({
  kind: orgKindSchema.optional(),
  cursor: pageQuery.cursor,
  // A tree level may be wide (a community's buildings): a longer page than the shared 200.
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const orgSearchQuerySchema = orgListQuerySchema.extend({
  q: z.string().trim().min(1).max(50).optional(),
  under: idSchema.optional(),
})

export const orgPageSchema = pageOf(orgSummarySchema)

/** GET /orgs/:id/places: a community for the pickers (community → estate → building). */
const placeBuildingSchema = z.object({ id: z.string(), name: z.string(), gridName: z.string().nullable(), lng: z.number(), lat: z.number() })
export const communityPlacesSchema = z.object({
  community: z.object({ id: z.string(), name: z.string() }),
  estates: z.array(z.object({ id: z.string(), name: z.string(), buildings: z.array(placeBuildingSchema) })),
  otherBuildings: z.array(placeBuildingSchema),
  grids: z.array(z.object({ id: z.string(), name: z.string() })),
})
export type CommunityPlaces = z.infer<typeof communityPlacesSchema>

export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: geometrySchema,
      properties: z.object({ id: z.string(), kind: orgKindSchema, name: z.string(), childCount: z.number().int() }),
    }),
  ),
})

const countsSchema = z.object({ streets: z.number().int(), communities: z.number().int(), grids: z.number().int(), buildings: z.number().int(), estates: z.number().int() })
export const orgStatsSchema = countsSchema.extend({
  org: orgRefSchema,
  byChild: z.array(countsSchema.extend({ id: z.string(), name: z.string(), kind: orgKindSchema })),
})
