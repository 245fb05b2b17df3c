// The shared contract: zod primitives every module's schemas and the web app use (browser-safe:
// imports nothing but zod). One definition of an id, a reference, a point and its coordinate
// system, a calendar date, the page query and the page envelope.
import { z } from 'zod'

/** A record id: a positive bigint written as decimal digits. */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, '编号格式不正确')
/** `{ id: idSchema }`: the path parameters of `/things/:id`. */
export const idParams = z.object({ id: idSchema })
export const idListSchema = (max = 200) => z.array(idSchema).max(max, `一次最多 ${max} 个`)

/** Another record named in a response: its id and display name. */
export const refSchema = z.object({ id: z.string(), name: z.string() })
export type Ref = z.infer<typeof refSchema>

/** Coordinates as sent by a phone: WGS-84 (GPS) or GCJ-02 (AMap/Tencent maps in China). */
export const crsSchema = z.enum(['wgs84', 'gcj02'])
export type Crs = z.infer<typeof crsSchema>
export const lngSchema = z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')
export const latSchema = z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间')
/** A point in a request body: `{ lng, lat }` (its crs is a sibling field, `crs`). */
export const lngLatSchema = z.strictObject({ lng: lngSchema, lat: latSchema })
/** A point in a query string (`?lng=&lat=`, spread into the querystring schema): numbers arrive as text. */
export const lngLatQuery = {
  lng: z.coerce.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
  lat: z.coerce.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
}
export type LngLat = z.infer<typeof lngLatSchema>
/** GeoJSON position and point, always WGS-84 (what the server stores and answers). */
export const positionSchema = z.tuple([lngSchema, latSchema])
export const pointSchema = z.object({ type: z.literal('Point'), coordinates: positionSchema })

/** A calendar date that exists (2026-02-30 is refused). */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => {
  const t = new Date(`${d}T00:00:00Z`)
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d
}, '日期不存在')
/** An instant with its offset, ISO 8601. */
export const dateTimeSchema = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' })
/** `true` / `false` in a query string. */
export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true')

/** Keyset pagination query: spread into a querystring schema. */
export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}
export const pageQuerySchema = z.object(pageQuery)

/** The page envelope every list answers: `{ items, nextCursor }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** How many items match the filters in all: answered with the first page (no cursor) of lists that count. */
  total?: number
  /** More than `total` (the count stopped at its cap). */
  totalCapped?: true
}

/** A list that also counts: `{ items, nextCursor, total? }`, `total` on the first page. */
export function countedPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({ total: z.number().int().optional(), totalCapped: z.literal(true).optional() })
}
