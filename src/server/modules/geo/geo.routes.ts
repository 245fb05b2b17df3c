// /api/v1/geo/locate: the grid of a point (WGS-84 by default, GCJ-02 on request) and the nearest building.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { GeoService } from './geo.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { orgKindSchema } from '../orgs/orgs.schemas.ts'
import { crsSchema, lngLatQuery, refSchema } from '../../kernel/contract.ts'

export const geoRoutes: FastifyPluginAsyncZod<RouteOptions<GeoService, Record<never, never>>> = async (app, { service }) => {
  app.get('/geo/context', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags: ['geo'],
      summary: '地图参照：框内的社区、网格、小区边界及楼栋（公开，仅名称与形状）',
      security: [],
      querystring: z.object({
        /** west,south,east,north in WGS-84; at most 2° each way. */
        bbox: z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox 应为 西,南,东,北 四个经纬度数字')
          .transform((v) => v.split(',').map(Number) as [number, number, number, number])
          .refine(([w, s, e, n]) => Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90, '经纬度超出范围'),
      }),
      response: {
        200: z.object({
          type: z.literal('FeatureCollection'),
          /** Whether building points are included (the box is small enough). */
          buildings: z.boolean(),
          features: z.array(z.object({
            type: z.literal('Feature'),
            id: z.string(),
            geometry: z.unknown(),
            properties: z.object({ id: z.string(), kind: orgKindSchema, name: z.string(), labelAt: z.unknown() }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, (req) => service.context(req.query))

  app.get('/geo/locate', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags: ['geo'],
      summary: '定位：坐标所在网格及其上级（公开）',
      security: [],
      querystring: z.object({
        ...lngLatQuery,
        crs: crsSchema.default('wgs84'),
      }),
      response: {
        200: z.object({
          grid: refSchema,
          ancestors: z.array(z.object({ id: z.string(), kind: orgKindSchema, name: z.string() })),
          point: z.object({ lng: z.number(), lat: z.number() }),
          /** The nearest building within 150 m (with its community), or null. */
          building: z.object({ id: z.string(), name: z.string(), distanceM: z.number(), community: refSchema.nullable() }).nullable(),
        }),
        ...errorResponses,
      },
    },
  }, (req) => service.locate(req.query))
}
