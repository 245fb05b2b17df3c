// /api/v1/indicators and /api/v1/statistics: the indicator dictionary and a node's statistics
// table for a month, quarter or year.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import type { StatisticsService } from './statistics.service.ts'
import { indicatorSchema, statisticsQuerySchema, statisticsTableSchema } from './statistics.schemas.ts'

const tags = ['statistics']

export const statisticsRoutes: FastifyPluginAsyncZod<RouteOptions<StatisticsService, Record<never, never>>> = async (app, { service }) => {
  app.get('/indicators', {
    schema: { tags, summary: '指标字典：每个指标的编码、名称、所属台账（党建/民生）、单位、口径，以及跨月和逐级汇总的方式（比率分子分母分别汇总，不平均比率）', response: { 200: z.object({ items: z.array(indicatorSchema) }), ...errorResponses } },
  }, (req) => service.dictionary(req.ctx))

  app.get('/statistics', {
    schema: {
      tags, querystring: statisticsQuerySchema, response: { 200: statisticsTableSchema, ...errorResponses },
      summary: '统计一套表：某节点某统计期（月、季、年）某台账的全部指标，本级合计一行、每个下级一行；数据按社区按月预先汇总，由每分钟的后台任务增量刷新',
    },
  }, (req) => service.table(req.ctx, req.query))
}
