// /api/v1/indicators and /api/v1/statistics: the indicator dictionary and a node's statistics
// table for a month, quarter or year.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import type { StatisticsService } from './statistics.service.ts'
import { tableWorkbook } from './statistics.export.ts'
import { peopleScoreRoutes } from './statistics.people.routes.ts'
import { statisticsPdfRoutes } from './statistics.pdf.routes.ts'
import { assessmentRoutes } from './statistics.assessments.routes.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
import { assessmentQuerySchema, assessmentSchema, exportQuerySchema, approvalSchema, dictionaryEntrySchema, reportOverviewSchema, reportsQuerySchema, statisticsQuerySchema, statisticsTableSchema, submissionSchema, unlockResultSchema, unlockSchema } from './statistics.schemas.ts'

const tags = ['statistics']

export const statisticsRoutes: FastifyPluginAsyncZod<RouteOptions<StatisticsService, Record<never, never>>> = async (app, { service, kernel }) => {
  await app.register(peopleScoreRoutes, { kernel })
  await app.register(statisticsPdfRoutes, { service })
  await app.register(assessmentRoutes, { service })
  app.get('/indicators', {
    schema: { tags, summary: '指标字典：每个指标的编码、名称、所属台账（党建/民生）、单位、口径，跨月和逐级汇总的方式（比率分子分母分别汇总，不平均比率），以及支持的分组（性别、年龄段、党员类型、类别）', response: { 200: z.object({ items: z.array(dictionaryEntrySchema) }), ...errorResponses } },
  }, (req) => service.dictionary(req.ctx))

  app.get('/statistics', {
    schema: {
      tags, querystring: statisticsQuerySchema, response: { 200: statisticsTableSchema, ...errorResponses },
      summary: '统计一套表：某节点某统计期（月、季、年）某台账的全部指标，本级合计一行、每个下级一行；数据按社区按月预先汇总，由每分钟的后台任务增量刷新；带 breakdown（gender、ageBand、memberKind、category）时，支持该分组的指标另附各组的数值（parts）',
    },
  }, (req) => service.table(req.ctx, req.query))

  app.get('/assessments', {
    schema: { tags, querystring: assessmentQuerySchema, response: { 200: assessmentSchema, ...errorResponses },
      summary: '考核：按评分表（加权指标，红黄绿分档）给本节点的每个下级打分、在同级中排名、与上一统计期比较；每个得分附所依据的数字（分子、分母）' },
  }, (req) => service.assessments.assess(req.ctx, req.query))

  app.get('/statistics/export.xlsx', {
    schema: { tags, querystring: exportQuerySchema, summary: '导出统计一套表（Excel）：党建、民生各一张表，标题含节点、统计期和审批状态，两级合并表头，每个下级一行并有合计行' },
  }, async (req, reply) => {
    const tables = [await service.table(req.ctx, { ...req.query, ledger: 'party' }), await service.table(req.ctx, { ...req.query, ledger: 'livelihood' })]
    const name = `统计一套表-${tables[0]!.org.name}-${req.query.period}.xlsx`
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="statistics-${req.query.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await tableWorkbook(tables))
  })

  app.get('/statistics/reports', {
    schema: { tags, querystring: reportsQuerySchema, response: { 200: reportOverviewSchema, ...errorResponses },
      summary: '上报审批页：本节点该月的报表状态与锁定原因、每个下级的上报（审批）情况与是否按时、尚未上报的名单、已填报的手填项、开放修改记录' },
  }, (req) => service.reports.overview(req.ctx, req.query))

  app.post('/statistics/submissions', {
    schema: { tags, body: submissionSchema, response: { 201: reportOverviewSchema, ...errorResponses },
      summary: '社区（村）上报某月统计表：填齐手填项，系统当场重算并冻结全部指标；已上报、已审批或已关闭的月份锁定（须上一级开放修改）' },
  }, async (req, reply) => reply.code(201).send(await service.reports.submit(req.ctx, req.body)))

  app.post('/statistics/approvals', {
    schema: { tags, body: approvalSchema, response: { 201: reportOverviewSchema, ...errorResponses },
      summary: '街道审批（全部社区已上报后）或区、市验收（全部街道已审批后）某月统计表，冻结下级上报的数字；未齐时答复还差哪些下级' },
  }, async (req, reply) => reply.code(201).send(await service.reports.approve(req.ctx, req.body)))

  app.post('/statistics/unlocks', {
    schema: { tags, body: unlockSchema, response: { 201: unlockResultSchema, ...errorResponses },
      summary: '上一级为已锁定的月报表开放修改：限时（1 到 168 小时）、须写明原因、记入审计；开放期间该节点可重新上报或审批' },
  }, async (req, reply) => reply.code(201).send(await service.reports.unlock(req.ctx, req.body)))
}
