// /api/v1/assessments/trend and /api/v1/assessments/export.xlsx: the assessment's scores over the
// last periods (the console's trend line) and the assessment as the workbook a pay or promotion
// review files. Same readers as the table (statistics.read), through the service's table.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../kernel/openapi.ts'
import type { StatisticsService } from './statistics.service.ts'
import { exportQuerySchema } from './statistics.schemas.ts'
import { assessmentTrendQuerySchema, assessmentTrendSchema } from './statistics.assessments.schemas.ts'
import { createAssessmentTrend } from './statistics.assessments.trend.ts'
import { assessmentFileName, assessmentWorkbook } from './statistics.assessments.export.ts'

const tags = ['statistics']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const assessmentRoutes: FastifyPluginAsyncZod<{ service: StatisticsService }> = async (app, { service }) => {
  const trend = createAssessmentTrend((ctx, q) => service.table(ctx, q))

  app.get('/assessments/trend', {
    schema: { tags, querystring: assessmentTrendQuerySchema, response: { 200: assessmentTrendSchema, ...errorResponses },
      summary: '考核走势：本节点及每个下级最近 N 个统计期（同为月、季或年，2 到 12 期）的考核得分，按与考核排名相同的评分表计算' },
  }, (req) => trend(req.ctx, req.query))

  app.get('/assessments/export.xlsx', {
    schema: { tags, querystring: exportQuerySchema,
      summary: '导出考核排名（Excel，供绩效和评优晋升评审存档）：标题含节点和统计期；每个下级一行（排名、得分、较上期），每项指标列出数值（红黄绿底色）、所依据的分子分母和得分；第二张表为评分表的权重和分档' },
  }, async (req, reply) => {
    const assessment = await service.assessments.assess(req.ctx, req.query)
    const file = assessmentFileName(assessment)
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(await assessmentWorkbook(assessment))
  })
}
