// /api/v1/audit: the audit trail of the caller's scope, newest first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { AuditService } from './audit.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { dateTimeSchema, idSchema, pageOf, pageQuery } from '../../kernel/contract.ts'
import { auditEntrySchema, auditVocabularySchema } from './audit.schemas.ts'


export const auditRoutes: FastifyPluginAsyncZod<RouteOptions<AuditService, Record<never, never>>> = async (app, { service }) => {
  app.get('/audit/vocabulary', {
    schema: {
      tags: ['audit'],
      summary: '审计日志的操作与对象类型（中英文名称，供筛选）',
      response: { 200: auditVocabularySchema, ...errorResponses },
    },
  }, (req) => service.vocabulary(req.ctx))

  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: '审计日志（按操作人、对象、时间筛选）',
      querystring: z.object({
        actorId: idSchema.optional(),
        entity: z.string().regex(/^[a-z_]{1,40}$/).optional(),
        entityId: z.string().max(40).optional(),
        action: z.string().regex(/^[a-z_.]{1,60}$/).optional(),
        from: dateTimeSchema.optional(),
        to: dateTimeSchema.optional(),
        ...pageQuery,
      }),
      response: {
        200: pageOf(auditEntrySchema),
        ...errorResponses,
      },
    },
  }, (req) => service.list(req.ctx, req.query))
}
