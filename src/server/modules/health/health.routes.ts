// GET /api/v1/health: is the app up, which database, which version and migration.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import type { Database } from '../../kernel/db/client.ts'
import { APP_VERSION } from '../../kernel/version.ts'
import type { Config } from '../../kernel/config.ts'

/** Base-map tiles the web app may draw under its own layers; AMap tiles are in GCJ-02. */
export function mapTilesOf(config: Pick<Config, 'MAP_TILES' | 'MAP_TILES_KEY'>) {
  switch (config.MAP_TILES) {
    case 'tianditu':
      return {
        provider: 'tianditu' as const,
        crs: 'wgs84' as const,
        tiles: [0, 1, 2, 3].map((n) => `https://t${n}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${config.MAP_TILES_KEY}`),
        attribution: '天地图',
      }
    case 'amap':
      return {
        provider: 'amap' as const,
        crs: 'gcj02' as const,
        tiles: [1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`),
        attribution: '高德地图',
      }
    default:
      return { provider: 'none' as const, crs: 'wgs84' as const, tiles: [] as string[], attribution: '' }
  }
}

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions<null, Record<never, never>>> = async (app, { kernel }) => {
  const { database, migration, config } = kernel
  app.get(
    '/client-config',
    {
      schema: {
        tags: ['health'],
        summary: '网页端配置（底图等，公开）',
        security: [],
        response: {
          200: z.object({
            mapTiles: z.object({ provider: z.enum(['none', 'tianditu', 'amap']), crs: z.enum(['wgs84', 'gcj02']), tiles: z.array(z.string()), attribution: z.string() }),
          }),
        },
      },
    },
    async () => ({ mapTiles: mapTilesOf(config) }),
  )

  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: '健康检查',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string(), migration: z.string() }),
        },
      },
    },
    async () => {
      await database.db.execute(sql`SELECT 1`)
      return { status: 'ok' as const, db: database.kind, version: APP_VERSION, migration }
    },
  )
}
