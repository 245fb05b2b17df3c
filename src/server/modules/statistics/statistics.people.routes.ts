// /api/v1/assessments/people: the per-person assessment (人员考核) of the grid workers or the
// registered members under a node, ranked and paged, and as a workbook; /me: the caller's own
// cards (the phone's 我的考核); /targets: the cut-offs in force at a node and, for a street admin or
// above at a city, district or street, setting its own. Same readers as the statistics table
// (statistics.read) for a node.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Kernel } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { createPeopleScores } from './statistics.people.ts'
import { peopleFileName, peopleWorkbook } from './statistics.people.export.ts'
import { myScoresQuerySchema, myScoresSchema, peopleExportQuerySchema, peopleQuerySchema, peopleScoresSchema, targetsInputSchema, targetsQuerySchema, targetsSchema } from './statistics.people.schemas.ts'
import { createPeopleTargets } from './statistics.people.targets.ts'

const tags = ['statistics']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const peopleScoreRoutes: FastifyPluginAsyncZod<{ kernel: Kernel }> = async (app, { kernel }) => {
  const people = createPeopleScores(kernel.db)
  const targets = createPeopleTargets(kernel.db)

  app.get('/assessments/people/targets', {
    schema: { tags, querystring: targetsQuerySchema, response: { 200: targetsSchema, ...errorResponses },
      summary: '人员考核目标：本节点生效的评分表（每项的绿灯线、黄灯线，来自哪一级的设置或默认值）和本节点自己的设置' },
  }, (req) => targets.get(req.ctx, req.query))

  app.put('/assessments/people/targets', {
    schema: { tags, body: targetsInputSchema, response: { 200: targetsSchema, ...errorResponses },
      summary: '设置人员考核目标（市、区、街道管理员为辖区设置；只写本级要改的项，空对象恢复上级或默认值）' },
  }, (req) => targets.put(req.ctx, req.body))

  app.get('/assessments/people', {
    schema: { tags, querystring: peopleQuerySchema, response: { 200: peopleScoresSchema, ...errorResponses },
      summary: '人员考核：本节点下的网格员（按期办理率、走访次数、发现上报）或报到在职党员（服务时长、认领项目、获得积分）按评分表打分，排名、与上期比较，分页；每格附所依据的数字' },
  }, (req) => people.page(req.ctx, req.query))

  app.get('/assessments/people/export.xlsx', {
    schema: { tags, querystring: peopleExportQuerySchema,
      summary: '导出人员考核（Excel，供绩效和评优评审）：每人一行（排名、得分、较上期、各项数字及红黄绿底色），第二张表为评分表' },
  }, async (req, reply) => {
    const scores = await people.all(req.ctx, req.query)
    const file = peopleFileName(scores)
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(await peopleWorkbook(scores))
  })

  app.get('/assessments/people/me', {
    schema: { tags, querystring: myScoresQuerySchema, response: { 200: myScoresSchema, ...errorResponses },
      summary: '我的考核：本人作为网格员、报到党员的考核卡（各项数字、得分、在本社区同类人员中的排名、与上期比较）；两者都不是时为空' },
  }, (req) => people.mine(req.ctx, req.query))
}
