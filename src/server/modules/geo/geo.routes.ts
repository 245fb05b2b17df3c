// /api/v1/geo/locate: the grid of a point (WGS-84 by default, GCJ-02 on request) and the nearest building.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { GeoService } from './geo.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { orgKindSchema } from '../orgs/orgs.schemas.ts'
import { crsSchema, lngLatQuery, refSchema } from '../../kernel/contract.ts'

export const geoRoutes: FastifyPluginAsyncZod<RouteOptions<GeoService, Record<never, never>>> = async (app, { service }) => {
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
