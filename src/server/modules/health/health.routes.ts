// GET /api/v1/health: is the app up, which database, which version and migration.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import type { Database } from '../../kernel/db/client.ts'
import { APP_VERSION } from '../../kernel/version.ts'

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database; migration: string }> = async (app, { database, migration }) => {
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
