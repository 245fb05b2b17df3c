// /api/v1/volunteer-teams, /volunteers, /activities, /time-bank: volunteer teams and profiles,
// activities with sign-ups and waitlists, check-in by rotating QR code, hours and the time bank.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { VolunteerService } from './volunteers.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idParams, idSchema, pageOf } from '../../kernel/contract.ts'
import {
  activitiesQuerySchema, activityCancelSchema, activityCreateSchema, activitySchema, activityUpdateSchema, attendanceConfirmSchema,
  attendanceQuerySchema, attendanceSchema, checkInCodeSchema, checkInSchema, signupSchema, signupsQuerySchema, teamCreateSchema,
  teamMemberAddSchema, teamSchema, teamsQuerySchema, teamUpdateSchema, timeBankEntriesQuerySchema, timeBankEntryCreateSchema,
  timeBankEntrySchema, timeBankMeSchema, volunteerMeSchema, volunteerProfileUpdateSchema, volunteersQuerySchema, volunteerSummarySchema,
  yearQuerySchema,
} from './volunteers.schemas.ts'

const tags = ['volunteers']

export const volunteerRoutes: FastifyPluginAsyncZod<RouteOptions<VolunteerService, Record<never, never>>> = async (app, { service }) => {
  const v = service

  app.get('/volunteer-teams', {
    schema: { tags, summary: '志愿服务队（按区域、职能筛选）', querystring: teamsQuerySchema, response: { 200: pageOf(teamSchema), ...errorResponses } },
  }, (req) => v.listTeams(req.ctx, req.query))

  app.post('/volunteer-teams', {
    schema: { tags, summary: '新建志愿服务队（该区域的干部）', body: teamCreateSchema, response: { 201: teamSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.createTeam(req.ctx, req.body)))

  app.get('/volunteer-teams/:id', {
    schema: { tags, summary: '服务队详情（管理者可见队员名单）', params: idParams, response: { 200: teamSchema, ...errorResponses } },
  }, (req) => v.getTeam(req.ctx, req.params.id))

  app.patch('/volunteer-teams/:id', {
    schema: { tags, summary: '修改服务队（区域干部或队长）', params: idParams, body: teamUpdateSchema, response: { 200: teamSchema, ...errorResponses } },
  }, (req) => v.updateTeam(req.ctx, req.params.id, req.body))

  app.post('/volunteer-teams/:id/members', {
    schema: { tags, summary: '加入服务队（不带 personId 为本人加入；管理者可添加他人，任命队长须区域干部）', params: idParams, body: teamMemberAddSchema, response: { 201: teamSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.addTeamMember(req.ctx, req.params.id, req.body)))

  app.delete('/volunteer-teams/:id/members/:personId', {
    schema: { tags, summary: '退出服务队（本人）或移出队员（管理者）', params: idParams.extend({ personId: idSchema }), response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await v.removeTeamMember(req.ctx, req.params.id, req.params.personId)
    return reply.code(204).send(null)
  })

  app.get('/volunteers/me', {
    schema: { tags, summary: '我的志愿者档案与本年度志愿时长', querystring: yearQuerySchema, response: { 200: volunteerMeSchema, ...errorResponses } },
  }, (req) => v.me(req.ctx, req.query.year))

  app.put('/volunteers/me', {
    schema: { tags, summary: '成为志愿者 / 修改我的技能', body: volunteerProfileUpdateSchema, response: { 200: volunteerMeSchema, ...errorResponses } },
  }, (req) => v.updateMe(req.ctx, req.body))

  app.get('/volunteers', {
    schema: { tags, summary: '管辖范围内的志愿者及其年度时长、爽约次数、时间银行', querystring: volunteersQuerySchema, response: { 200: pageOf(volunteerSummarySchema), ...errorResponses } },
  }, (req) => v.listVolunteers(req.ctx, req.query))

  app.get('/activities', {
    schema: { tags, summary: '志愿活动（upcoming 未结束 / past 已结束；nearLng+nearLat 按距离排序）', querystring: activitiesQuerySchema, response: { 200: pageOf(activitySchema), ...errorResponses } },
  }, (req) => v.listActivities(req.ctx, req.query))

  app.post('/activities', {
    schema: { tags, summary: '发布志愿活动（区域网格员以上或服务队队长）', body: activityCreateSchema, response: { 201: activitySchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.createActivity(req.ctx, req.body)))

  app.get('/activities/:id', {
    schema: { tags, summary: '志愿活动详情（含我的报名与候补位次）', params: idParams, response: { 200: activitySchema, ...errorResponses } },
  }, (req) => v.getActivity(req.ctx, req.params.id))

  app.patch('/activities/:id', {
    schema: { tags, summary: '修改志愿活动（增加名额时候补依次转正）', params: idParams, body: activityUpdateSchema, response: { 200: activitySchema, ...errorResponses } },
  }, (req) => v.updateActivity(req.ctx, req.params.id, req.body))

  app.post('/activities/:id/cancel', {
    schema: { tags, summary: '取消志愿活动（通知已报名者）', params: idParams, body: activityCancelSchema, response: { 200: activitySchema, ...errorResponses } },
  }, (req) => v.cancelActivity(req.ctx, req.params.id, req.body.reason))

  app.get('/activities/:id/signups', {
    schema: { tags, summary: '报名名单与候补（组织者）', params: idParams, querystring: signupsQuerySchema, response: { 200: pageOf(signupSchema), ...errorResponses } },
  }, (req) => v.listSignups(req.ctx, req.params.id, req.query))

  app.post('/activities/:id/signups', {
    schema: { tags, summary: '报名（有名额即报名成功，否则进入候补）', params: idParams, response: { 201: signupSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.signUp(req.ctx, req.params.id)))

  app.delete('/activities/:id/signups/:signupId', {
    schema: { tags, summary: '取消报名（本人或组织者）；空出的名额由候补第一位递补', params: idParams.extend({ signupId: idSchema }), response: { 200: signupSchema, ...errorResponses } },
  }, (req) => v.cancelSignup(req.ctx, req.params.id, req.params.signupId))

  app.get('/activities/:id/check-in-code', {
    schema: { tags, summary: '现场签到二维码（每 30 秒更换，组织者）', params: idParams, response: { 200: checkInCodeSchema, ...errorResponses } },
  }, (req) => v.checkInCode(req.ctx, req.params.id))

  app.post('/activities/:id/check-in', {
    schema: { tags, summary: '扫码签到（须已报名并获得名额）', params: idParams, body: checkInSchema, response: { 200: attendanceSchema, ...errorResponses } },
  }, (req) => v.checkIn(req.ctx, req.params.id, req.body.code))

  app.post('/activities/:id/check-out', {
    schema: { tags, summary: '扫码签退，计入志愿时长与积分', params: idParams, body: checkInSchema, response: { 200: attendanceSchema, ...errorResponses } },
  }, (req) => v.checkOut(req.ctx, req.params.id, req.body.code))

  app.get('/activities/:id/attendance', {
    schema: { tags, summary: '签到记录与爽约（组织者）', params: idParams, querystring: attendanceQuerySchema, response: { 200: pageOf(attendanceSchema), ...errorResponses } },
  }, (req) => v.listAttendance(req.ctx, req.params.id, req.query))

  app.post('/activities/:id/attendance', {
    schema: { tags, summary: '组织者确认到场（补录签到 / 签退，可更正爽约）', params: idParams, body: attendanceConfirmSchema, response: { 201: attendanceSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.confirmAttendance(req.ctx, req.params.id, req.body)))

  app.get('/time-bank/me', {
    schema: { tags, summary: '我的时间银行（本年度付出与获得的时长、累计结余）', querystring: yearQuerySchema, response: { 200: timeBankMeSchema, ...errorResponses } },
  }, (req) => v.timeBankMe(req.ctx, req.query.year))

  app.get('/time-bank/entries', {
    schema: { tags, summary: '时间银行一对一服务记录（管辖范围内）', querystring: timeBankEntriesQuerySchema, response: { 200: pageOf(timeBankEntrySchema), ...errorResponses } },
  }, (req) => v.listTimeBankEntries(req.ctx, req.query))

  app.post('/time-bank/entries', {
    schema: { tags, summary: '记录一次一对一志愿服务（服务者付出、受助者获得）', body: timeBankEntryCreateSchema, response: { 201: timeBankEntrySchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await v.recordTimeBankEntry(req.ctx, req.body)))
}
