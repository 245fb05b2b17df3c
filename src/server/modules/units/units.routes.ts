// /api/v1/units, /pairings, /pairing-limits, /list-items, /alliances, /part-time-members:
// units and co-building (单位与共建).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { UnitService } from './units.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idParams, idSchema, pageOf } from '../../kernel/contract.ts'
import {
  allianceActivityCreateSchema, allianceCreateSchema, allianceSchema, alliancesQuerySchema, coverageQuerySchema, coverageSchema,
  listItemClaimSchema, listItemCreateSchema, listItemDetailSchema, listItemNoteSchema, listItemProgressSchema, listItemSchema, listItemsQuerySchema,
  pairingCreateSchema, pairingEndSchema, pairingLimitSchema, pairingLimitSetSchema, pairingSchema, pairingsQuerySchema, partTimeMemberSchema,
  partTimeMembersQuerySchema, unitCreateSchema, unitPersonCreateSchema, unitPersonSchema, unitSchema, unitsQuerySchema, unitUpdateSchema,
} from './units.schemas.ts'

const tags = ['units']

export const unitRoutes: FastifyPluginAsyncZod<RouteOptions<UnitService, Record<never, never>>> = async (app, { service }) => {
  const units = service

  app.get('/units', {
    schema: { tags, summary: '单位列表（可按区域、类型、是否建立党组织筛选）', querystring: unitsQuerySchema, response: { 200: countedPageOf(unitSchema), ...errorResponses } },
  }, (req) => units.listUnits(req.ctx, req.query))

  app.post('/units', {
    schema: { tags, summary: '登记单位（街道管理员及以上）', body: unitCreateSchema, response: { 201: unitSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.createUnit(req.ctx, req.body)))

  app.get('/units/coverage', {
    schema: { tags, summary: '两新组织党组织覆盖率：该节点及其下各街道/社区', querystring: coverageQuerySchema, response: { 200: coverageSchema, ...errorResponses } },
  }, (req) => units.coverage(req.ctx, req.query.orgId))

  app.get('/units/:id', {
    schema: { tags, summary: '单位详情', params: idParams, response: { 200: unitSchema, ...errorResponses } },
  }, (req) => units.getUnit(req.ctx, req.params.id))

  app.patch('/units/:id', {
    schema: { tags, summary: '修改单位信息', params: idParams, body: unitUpdateSchema, response: { 200: unitSchema, ...errorResponses } },
  }, (req) => units.updateUnit(req.ctx, req.params.id, req.body))

  app.delete('/units/:id', {
    schema: { tags, summary: '注销单位（须先终止其共建协议）', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await units.deleteUnit(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/units/:id/people', {
    schema: { tags, summary: '代表单位的人员（联系人、工作人员）', params: idParams, response: { 200: z.object({ items: z.array(unitPersonSchema) }), ...errorResponses } },
  }, (req) => units.unitPeople(req.ctx, req.params.id))

  app.post('/units/:id/people', {
    schema: { tags, summary: '添加单位人员（已有人员或按姓名新建）', params: idParams, body: unitPersonCreateSchema, response: { 201: z.object({ items: z.array(unitPersonSchema) }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.addUnitPerson(req.ctx, req.params.id, req.body)))

  app.delete('/units/:id/people/:personId', {
    schema: { tags, summary: '移除单位人员', params: z.object({ id: idSchema, personId: idSchema }), response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await units.removeUnitPerson(req.ctx, req.params.id, req.params.personId)
    return reply.code(204).send(null)
  })

  app.get('/part-time-members', {
    schema: { tags, summary: '兼职委员：代表单位、在不居住的街道/社区任职的人员', querystring: partTimeMembersQuerySchema, response: { 200: z.object({ items: z.array(partTimeMemberSchema) }), ...errorResponses } },
  }, (req) => units.partTimeMembers(req.ctx, req.query.orgId))

  app.get('/pairings', {
    schema: { tags, summary: '结对共建协议列表', querystring: pairingsQuerySchema, response: { 200: pageOf(pairingSchema), ...errorResponses } },
  }, (req) => units.listPairings(req.ctx, req.query))

  app.post('/pairings', {
    schema: { tags, summary: '签订结对共建协议（core 计入“5+X+Y”的 5 家上限）', body: pairingCreateSchema, response: { 201: pairingSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.createPairing(req.ctx, req.body)))

  app.get('/pairings/:id', {
    schema: { tags, summary: '共建协议详情', params: idParams, response: { 200: pairingSchema, ...errorResponses } },
  }, (req) => units.getPairing(req.ctx, req.params.id))

  app.post('/pairings/:id/end', {
    schema: { tags, summary: '终止共建协议', params: idParams, body: pairingEndSchema, response: { 200: pairingSchema, ...errorResponses } },
  }, (req) => units.endPairing(req.ctx, req.params.id, req.body))

  app.get('/pairing-limits/:id', {
    schema: { tags, summary: '社区/街道的结对单位上限及已用数', params: idParams, response: { 200: pairingLimitSchema, ...errorResponses } },
  }, (req) => units.pairingLimit(req.ctx, req.params.id))

  app.put('/pairing-limits/:id', {
    schema: { tags, summary: '设置社区/街道的结对单位上限（街道管理员及以上）', params: idParams, body: pairingLimitSetSchema, response: { 200: pairingLimitSchema, ...errorResponses } },
  }, (req) => units.setPairingLimit(req.ctx, req.params.id, req.body.maxUnits))

  app.get('/list-items', {
    schema: { tags, summary: '需求、资源、项目、责任清单事项', querystring: listItemsQuerySchema, response: { 200: pageOf(listItemSchema), ...errorResponses } },
  }, (req) => units.listListItems(req.ctx, req.query))

  app.post('/list-items', {
    schema: { tags, summary: '发布清单事项（社区干部为社区发布，单位人员为本单位发布）', body: listItemCreateSchema, response: { 201: listItemDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.createListItem(req.ctx, req.body)))

  app.get('/list-items/:id', {
    schema: { tags, summary: '清单事项详情及进展记录', params: idParams, response: { 200: listItemDetailSchema, ...errorResponses } },
  }, (req) => units.getListItem(req.ctx, req.params.id))

  app.post('/list-items/:id/claims', {
    schema: { tags, summary: '双向认领：单位认领社区事项，社区认领单位事项', params: idParams, body: listItemClaimSchema, response: { 201: listItemDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.claimListItem(req.ctx, req.params.id, req.body)))

  app.post('/list-items/:id/progress', {
    schema: { tags, summary: '认领方报告进展', params: idParams, body: listItemProgressSchema, response: { 201: listItemDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.reportProgress(req.ctx, req.params.id, req.body)))

  app.post('/list-items/:id/confirm', {
    schema: { tags, summary: '发布方确认完成', params: idParams, body: listItemNoteSchema, response: { 200: listItemDetailSchema, ...errorResponses } },
  }, (req) => units.confirmListItem(req.ctx, req.params.id, req.body.note))

  app.post('/list-items/:id/withdraw', {
    schema: { tags, summary: '发布方撤回事项', params: idParams, body: listItemNoteSchema, response: { 200: listItemDetailSchema, ...errorResponses } },
  }, (req) => units.withdrawListItem(req.ctx, req.params.id, req.body.note))

  app.get('/alliances', {
    schema: { tags, summary: '党建联盟 / 党建综合体', querystring: alliancesQuerySchema, response: { 200: pageOf(allianceSchema), ...errorResponses } },
  }, (req) => units.listAlliances(req.ctx, req.query))

  app.post('/alliances', {
    schema: { tags, summary: '组建党建联盟（社区干部在社区，街道管理员在街道）', body: allianceCreateSchema, response: { 201: allianceSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.createAlliance(req.ctx, req.body)))

  app.get('/alliances/:id', {
    schema: { tags, summary: '党建联盟详情（成员单位、共同活动）', params: idParams, response: { 200: allianceSchema, ...errorResponses } },
  }, (req) => units.getAlliance(req.ctx, req.params.id))

  app.post('/alliances/:id/units', {
    schema: { tags, summary: '吸纳成员单位', params: idParams, body: z.strictObject({ unitId: idSchema }), response: { 201: allianceSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.addAllianceUnit(req.ctx, req.params.id, req.body.unitId)))

  app.post('/alliances/:id/activities', {
    schema: { tags, summary: '记录联盟共同活动', params: idParams, body: allianceActivityCreateSchema, response: { 201: allianceSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await units.addAllianceActivity(req.ctx, req.params.id, req.body)))
}
