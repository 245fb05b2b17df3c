// Schemas of hotspots (热点问题): the clusters of cases and orders per category over the last N
// weeks, the fastest-growing categories per street, and raising a hotspot as a deliberation topic
// (browser-safe: the web app imports them).
import { z } from 'zod'
import { dateTimeSchema, idSchema } from '../../kernel/contract.ts'

const WEEKS = '周数应为 1 到 52 之间的整数'

/** A category key: `case:<case category code>` or `order:<service item id>`. */
export const hotspotCategorySchema = z.string().regex(/^(case:[A-Za-z0-9_.-]{1,60}|order:[1-9][0-9]{0,17})$/, '类别格式应为 case:<类别代码> 或 order:<服务项目编号>')

export const hotspotsQuerySchema = z.object({
  /** The node (the caller's own cadre node when left out). */
  orgId: idSchema.optional(),
  /** The last N weeks (default 8). */
  weeks: z.string().regex(/^[1-9][0-9]?$/, WEEKS).transform(Number).refine((n) => n <= 52, WEEKS).optional(),
})
export type HotspotsQuery = z.infer<typeof hotspotsQuerySchema>

const lngLat = z.object({ lng: z.number(), lat: z.number() })
export const hotspotRecordSchema = z.object({ kind: z.enum(['case', 'order']), id: z.string(), lng: z.number(), lat: z.number(), at: dateTimeSchema })
/** A convex hull as GeoJSON: a polygon, or a line or a point when the records are in a row or at one place. */
export const hullSchema = z.object({ type: z.enum(['Polygon', 'LineString', 'Point']), coordinates: z.any() })

export const hotspotClusterSchema = z.object({
  category: z.string(),
  categoryName: z.string(),
  source: z.enum(['case', 'order']),
  count: z.number().int(),
  firstAt: dateTimeSchema,
  lastAt: dateTimeSchema,
  centroid: lngLat,
  hull: hullSchema,
  /** Only ids, points and times: a record's details are read through its own module. */
  records: z.array(hotspotRecordSchema),
  /** Raised as a deliberation topic (已转议题) from any of these records. */
  topic: z.object({ id: z.string(), title: z.string(), state: z.string() }).nullable(),
  /**
   * What the cluster was raised as, sharing a record with it: a deliberation topic (已转议题) when
   * one was, else the oldest secretary's project (已转书记项目) the reader may read; null when neither.
   */
  raisedAs: z.object({ kind: z.enum(['topic', 'project']), id: z.string(), title: z.string(), state: z.string() }).nullable(),
})
export type HotspotCluster = z.infer<typeof hotspotClusterSchema>

export const hotspotGrowthSchema = z.object({
  street: z.object({ id: z.string(), name: z.string() }),
  category: z.string(),
  categoryName: z.string(),
  current: z.number().int(),
  previous: z.number().int(),
  growth: z.number().int(),
  /** (current − previous) / previous; null when there were none before. */
  growthRate: z.number().nullable(),
})
export type HotspotGrowth = z.infer<typeof hotspotGrowthSchema>

export const hotspotsSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  weeks: z.number().int(),
  since: dateTimeSchema,
  previousSince: dateTimeSchema,
  until: dateTimeSchema,
  epsMetres: z.number(),
  minPoints: z.number().int(),
  clusters: z.array(hotspotClusterSchema),
  growth: z.array(hotspotGrowthSchema),
  /** Records of the last N weeks counted in growth but left out of clusters (no location). */
  unlocated: z.number().int(),
})
export type Hotspots = z.infer<typeof hotspotsSchema>

export const hotspotRaiseSchema = z.strictObject({
  orgId: idSchema,
  category: hotspotCategorySchema,
  caseIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
  orderIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
  title: z.string().trim().min(4, '议题标题至少 4 个字').max(100, '最多 100 个字').optional(),
}).refine((b) => b.caseIds.length + b.orderIds.length > 0, { message: '请至少选择一个案件或工单', path: ['caseIds'] })
export type HotspotRaise = z.infer<typeof hotspotRaiseSchema>

export const hotspotRaisedSchema = z.object({ topicId: z.string(), state: z.string(), orgId: z.string() })
