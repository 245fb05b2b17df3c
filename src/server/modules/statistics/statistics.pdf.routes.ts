// /api/v1/statistics/export.pdf and /api/v1/assessments/export.pdf: the statistics table (both
// ledgers) and the assessment as PDF, for the same readers as the table and the Excel export.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { StatisticsService } from './statistics.service.ts'
import { assessmentQuerySchema, exportQuerySchema } from './statistics.schemas.ts'
import { assessmentPdf, tablePdf } from './statistics.pdf.ts'

const tags = ['statistics']
const disposition = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`

export const statisticsPdfRoutes: FastifyPluginAsyncZod<{ service: StatisticsService }> = async (app, { service }) => {
  app.get('/statistics/export.pdf', {
    schema: { tags, querystring: exportQuerySchema, produces: ['application/pdf'],
      summary: '导出统计一套表（PDF，横向 A4 或 A3）：党建、民生两本账，标题含节点、统计期和审批状态，两级表头每页重复，每个下级一行并有合计行，页脚有页码' },
  }, async (req, reply) => {
    const tables = [await service.table(req.ctx, { ...req.query, ledger: 'party' }), await service.table(req.ctx, { ...req.query, ledger: 'livelihood' })]
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', disposition(`statistics-${req.query.period}.pdf`, `统计一套表-${tables[0]!.org.name}-${req.query.period}.pdf`))
      .send(await tablePdf(tables))
  })

  app.get('/assessments/export.pdf', {
    schema: { tags, querystring: assessmentQuerySchema, produces: ['application/pdf'],
      summary: '导出考核排名（PDF，横向）：每个下级的排名、得分、上期得分和变化，每项指标的数字和红黄绿档次，本级一行；每页重复表头，页脚有页码' },
  }, async (req, reply) => {
    const a = await service.assessments.assess(req.ctx, req.query)
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', disposition(`assessment-${req.query.period}.pdf`, `考核排名-${a.org.name}-${req.query.period}.pdf`))
      .send(await assessmentPdf(a))
  })
}
