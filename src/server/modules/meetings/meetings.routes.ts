// /api/v1/meetings: a subtree's meetings by month, one's own meetings, one meeting in full;
// creating and changing (agenda, parties, invitees, the room), registration, the check-in code
// and check-in, attendance by hand, open, close and cancel, minutes and their approval, decisions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema, pageOf } from '../../kernel/contract.ts'
import type { MeetingsModuleService } from './meetings.module.ts'
import {
  agendaSchema, attendanceInputSchema, cancelSchema, photosSchema, checkInCodeSchema, checkInSchema, decisionInputSchema, decisionParams, inviteSchema,
  meetingCreateSchema, meetingPatchSchema, meetingSchema, meetingsQuerySchema, meetingSummarySchema, minutesInputSchema, myMeetingsQuerySchema,
  partyInputSchema, partyParams, personParams, registrationSchema, verdictSchema, versionParams,
} from './meetings.schemas.ts'

const tags = ['meetings']
const params = z.object({ id: idSchema })
const one = { 200: meetingSchema, ...errorResponses }

export const meetingRoutes: FastifyPluginAsyncZod<RouteOptions<MeetingsModuleService, Record<never, never>>> = async (app, { service }) => {
  const { meetings, attendance, minutes } = service

  app.get('/meetings', {
    schema: { tags, summary: '会议列表：一个节点及其下级的会议（工作人员），可按月份、类型、状态、议题筛选；不给 orgId 时为本人管辖范围', querystring: meetingsQuerySchema, response: { 200: pageOf(meetingSummarySchema), ...errorResponses } },
  }, (req) => meetings.list(req.ctx, req.query))

  app.get('/meetings/mine', {
    schema: { tags, summary: '我的会议：受邀的会议，以及我所在社区开放报名的会议；默认未结束的，past=true 为已结束的', querystring: myMeetingsQuerySchema, response: { 200: pageOf(meetingSummarySchema), ...errorResponses } },
  }, (req) => meetings.mine(req.ctx, req.query))

  app.get('/meetings/:id', {
    schema: { tags, summary: '一次会议：议程、参会方、参会人员与出席、是否达到法定人数、纪要各版本与确认、决定（人员名单仅工作人员和受邀人员可见）', params, response: one },
  }, (req) => meetings.detail(req.ctx, req.params.id))

  app.post('/meetings', {
    schema: { tags, summary: '发起会议（社区干部）：议事厅、圆桌会、理事会、五位一体；选择会议室时同时预约（遵守场地规则，时段冲突得到 409 BOOKING_CONFLICT，不写入任何内容）', body: meetingCreateSchema, response: { 201: meetingSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await meetings.create(req.ctx, req.body)))

  app.patch('/meetings/:id', {
    schema: { tags, summary: '修改会议；改期或换会议室时取消原预约并重新预约（筹备中的会议）', params, body: meetingPatchSchema, response: one },
  }, (req) => meetings.update(req.ctx, req.params.id, req.body))

  app.put('/meetings/:id/agenda', {
    schema: { tags, summary: '设置议程（按顺序，可关联议题）', params, body: agendaSchema, response: one },
  }, (req) => meetings.setAgenda(req.ctx, req.params.id, req.body.items))

  app.post('/meetings/:id/parties', {
    schema: { tags, summary: '邀请参会方（居委会、业委会、居民理事会、物业、党组织、派出所、学校、共建单位）及其代表', params, body: partyInputSchema, response: one },
  }, (req) => meetings.addParty(req.ctx, req.params.id, req.body))

  app.delete('/meetings/:id/parties/:partyId', {
    schema: { tags, summary: '移除参会方（未签到的代表一并移出）', params: partyParams, response: one },
  }, (req) => meetings.removeParty(req.ctx, req.params.id, req.params.partyId))

  app.post('/meetings/:id/invitees', {
    schema: { tags, summary: '邀请参会人员（主持人、记录人、参会、列席），发送通知', params, body: inviteSchema, response: one },
  }, (req) => meetings.invite(req.ctx, req.params.id, req.body))

  app.delete('/meetings/:id/invitees/:personId', {
    schema: { tags, summary: '移出参会人员（已签到的不能移出）', params: personParams, response: one },
  }, (req) => meetings.uninvite(req.ctx, req.params.id, req.params.personId))

  app.post('/meetings/:id/registration', {
    schema: { tags, summary: '报名（attending=true）或请假（false）：受邀人员，或开放报名会议所在社区的居民', params, body: registrationSchema, response: one },
  }, (req) => attendance.register(req.ctx, req.params.id, req.body.attending))

  app.get('/meetings/:id/checkin-code', {
    schema: { tags, summary: '会场签到二维码（每 30 秒更换，社区干部）', params, response: { 200: checkInCodeSchema, ...errorResponses } },
  }, (req) => attendance.checkInCode(req.ctx, req.params.id))

  app.post('/meetings/:id/checkin', {
    schema: { tags, summary: '扫码签到（会议开始前 60 分钟至结束）', params, body: checkInSchema, response: one },
  }, (req) => attendance.checkIn(req.ctx, req.params.id, req.body.code))

  app.post('/meetings/:id/attendance', {
    schema: { tags, summary: '手工登记出席：出席，或缺席并写明原因（社区干部）', params, body: attendanceInputSchema, response: one },
  }, (req) => attendance.record(req.ctx, req.params.id, req.body))

  app.post('/meetings/:id/open', {
    schema: { tags, summary: '开始会议', params, response: one },
  }, (req) => meetings.open(req.ctx, req.params.id))

  app.post('/meetings/:id/close', {
    schema: { tags, summary: '结束会议（已召开）：出席人员随后确认纪要', params, response: one },
  }, (req) => meetings.close(req.ctx, req.params.id))

  app.put('/meetings/:id/photos', {
    schema: { tags, summary: '会议照片（记录人或社区干部；先经 /files 上传）', params, body: photosSchema, response: one },
  }, (req) => meetings.setPhotos(req.ctx, req.params.id, req.body.photoIds))

  app.post('/meetings/:id/cancel', {
    schema: { tags, summary: '取消会议（发起人，或会议所在节点及上级的社区干部），同时取消会议室预约并通知受邀人员', params, body: cancelSchema, response: one },
  }, (req) => meetings.cancel(req.ctx, req.params.id, req.body.reason))

  app.post('/meetings/:id/minutes', {
    schema: { tags, summary: '起草会议纪要（记录人或社区干部）：每次提交为新版本，取代待确认的旧版本', params, body: minutesInputSchema, response: { 201: meetingSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await minutes.draft(req.ctx, req.params.id, req.body.body)))

  app.post('/meetings/:id/minutes/:version/approval', {
    schema: { tags, summary: '确认（approve）或对纪要提出异议（object，须写意见）：出席人员；过半数确认即通过', params: versionParams, body: verdictSchema, response: one },
  }, (req) => minutes.verdict(req.ctx, req.params.id, req.params.version, req.body))

  app.post('/meetings/:id/decisions', {
    schema: { tags, summary: '记录会议决定（可关联议题）', params, body: decisionInputSchema, response: { 201: meetingSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await minutes.addDecision(req.ctx, req.params.id, req.body)))

  app.delete('/meetings/:id/decisions/:decisionId', {
    schema: { tags, summary: '删除一条会议决定', params: decisionParams, response: one },
  }, (req) => minutes.deleteDecision(req.ctx, req.params.id, req.params.decisionId))
}
