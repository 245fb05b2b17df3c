// GET /api/v1/health: is the app up, which database, which version and migration, and how many
// read replicas serve (counts only: it is public). GET /api/v1/health/replicas: each replica's state,
// lag and reads, for the platform's admins.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import type { Database } from '../../kernel/db/client.ts'
import { APP_VERSION } from '../../kernel/version.ts'
import type { Config } from '../../kernel/config.ts'
import { authorize, definePolicy, LEVEL, scopesOf } from '../../kernel/policy.ts'

definePolicy<null>('health.replicas', (actor) => actor.kind === 'person' && scopesOf(actor, LEVEL.admin).length > 0)

const replicaState = z.enum(['unchecked', 'ok', 'lagging', 'down', 'not_a_replica'])

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
  const { database, migration, config, reads } = kernel
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
          200: z.object({
            status: z.literal('ok'),
            db: z.enum(['pglite', 'postgres']),
            version: z.string(),
            migration: z.string(),
            replicas: z.object({ configured: z.number().int(), serving: z.number().int() }).describe('只读副本：配置数、当前可用数'),
          }),
        },
      },
    },
    async () => {
      await database.db.execute(sql`SELECT 1`)
      const replicas = reads.status()
      return { status: 'ok' as const, db: database.kind, version: APP_VERSION, migration, replicas: { configured: replicas.length, serving: replicas.filter((r) => r.state === 'ok').length } }
    },
  )

  app.get(
    '/health/replicas',
    {
      schema: {
        tags: ['health'],
        summary: '只读副本状态（平台管理员）',
        response: {
          200: z.object({
            maxLagMs: z.number().int().nullable(),
            items: z.array(z.object({
              name: z.string().describe('host:port/database，不含用户名和密码'),
              state: replicaState,
              lagMs: z.number().nullable(),
              freshAsOf: z.string().nullable(),
              reads: z.number().int(),
              error: z.string().nullable(),
            })),
          }),
        },
      },
    },
    async (req) => {
      authorize(req.ctx.actor, 'health.replicas', null)
      return { maxLagMs: reads.replicated ? config.DATABASE_REPLICA_MAX_LAG_MS : null, items: reads.status() }
    },
  )
}
