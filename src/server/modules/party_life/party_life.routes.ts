// /api/v1/party-orgs, /party-life, /study-*: the Party organisations under a node, members, the
// yearly plan, Party meetings of an organisation (the fixed contract: GET and POST
// /party-orgs/:id/meetings; attendance stays POST /meetings/:id/attendance), the organisation's
// dashboard and the district's rollup, a member's record and my own, study courses, sessions,
// attendance and hours.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../../kernel/contract.ts'
import { meetingSchema } from '../meetings/meetings.schemas.ts'
import type { PartyLifeModuleService } from './party_life.module.ts'
import {
  courseInputSchema, courseSchema, courseSummarySchema, coursesQuerySchema, dashboardSchema, memberInputSchema, memberParams, memberSchema, overviewQuerySchema,
  overviewSchema, partyMeetingCreateSchema, partyMeetingItemSchema, partyOrgParams, partyOrgSchema, partyOrgsQuerySchema, planInputSchema, planParams, planSchema,
  rangeQuerySchema, recordSchema, sessionInputSchema, sessionSchema, studyAttendanceSchema, studyHoursSchema, yearQuerySchema,
} from './party_life.schemas.ts'

const tags = ['party-life']
const params = partyOrgParams
const idParams = z.object({ id: idSchema })
const ok = <T extends z.ZodType>(s: T) => ({ 200: s, ...errorResponses })

export const partyLifeRoutes: FastifyPluginAsyncZod<RouteOptions<PartyLifeModuleService, Record<never, never>>> = async (app, { service }) => {
  const { life, study } = service
  const yearOf = (q: { year?: number }) => q.year ?? life.thisYear()

  app.get('/party-orgs', {
    schema: { tags, summary: '党组织列表：一个节点及其下级的党组织（党委、党总支、党支部、党小组），直管、参管、协管党员人数', querystring: partyOrgsQuerySchema, response: ok(z.array(partyOrgSchema)) },
  }, (req) => life.partyOrgs(req.ctx, req.query))

  app.get('/party-orgs/:id/members', {
    schema: { tags, summary: '党组织的党员（直管：组织关系在此；参管：报到的在职党员；协管）', params, response: ok(z.array(memberSchema)) },
  }, (req) => life.members(req.ctx, req.params.id))

  app.post('/party-orgs/:id/members', {
    schema: { tags, summary: '加入党组织或修改其关系、职务（社区干部）', params, body: memberInputSchema, response: ok(z.array(memberSchema)) },
  }, (req) => life.addMember(req.ctx, req.params.id, req.body))

  app.delete('/party-orgs/:id/members/:personId', {
    schema: { tags, summary: '移出党组织（记录离开日期，保留组织生活记录）', params: memberParams, response: ok(z.array(memberSchema)) },
  }, (req) => life.removeMember(req.ctx, req.params.id, req.params.personId))

  app.get('/party-orgs/:id/members/:personId/record', {
    schema: { tags, summary: '党员的组织生活记录：参加会议与缺席原因、学习学时', params: memberParams, querystring: yearQuerySchema, response: ok(recordSchema) },
  }, (req) => life.memberRecord(req.ctx, req.params.id, req.params.personId, yearOf(req.query)))

  app.get('/party-orgs/:id/plans/:year', {
    schema: { tags, summary: '年度组织生活计划：各类会议的频次（未设置时为党内规定的默认频次）', params: planParams, response: ok(planSchema) },
  }, (req) => life.plan(req.ctx, req.params.id, req.params.year))

  app.put('/party-orgs/:id/plans/:year', {
    schema: { tags, summary: '设置年度组织生活计划（社区干部）', params: planParams, body: planInputSchema, response: ok(planSchema) },
  }, (req) => life.setPlan(req.ctx, req.params.id, req.params.year, req.body))

  app.get('/party-orgs/:id/meetings', {
    schema: { tags, summary: '党组织的组织生活会议（三会一课、主题党日、五微），from–to 为日期（默认今年）', params, querystring: rangeQuerySchema, response: ok(z.array(partyMeetingItemSchema)) },
  }, (req) => life.meetings(req.ctx, req.params.id, req.query))

  app.post('/party-orgs/:id/meetings', {
    schema: { tags, summary: '召开组织生活会议：议程、会议室预约、邀请本组织及下级党组织的党员（inviteMembers=false 时不邀请）', params, body: partyMeetingCreateSchema, response: { 201: meetingSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await life.createMeeting(req.ctx, req.params.id, req.body)))

  app.get('/party-orgs/:id/dashboard', {
    schema: { tags, summary: '组织生活看板：各类会议应开与已开、逾期与缺开、连续三次缺席的党员', params, querystring: yearQuerySchema, response: ok(dashboardSchema) },
  }, (req) => life.dashboard(req.ctx, req.params.id, yearOf(req.query)))

  app.get('/party-orgs/:id/study-hours', {
    schema: { tags, summary: '党组织党员的年度学习学时', params, querystring: yearQuerySchema, response: ok(studyHoursSchema) },
  }, (req) => study.hours(req.ctx, req.params.id, yearOf(req.query)))

  app.get('/party-life/overview', {
    schema: { tags, summary: '组织生活汇总：一个节点下各党组织的应开、已开、逾期、缺开（街道、区）', querystring: overviewQuerySchema, response: ok(overviewSchema) },
  }, (req) => life.overview(req.ctx, req.query))

  app.get('/party-life/me', {
    schema: { tags, summary: '我的组织生活：所在党组织、会议出席、学习学时', querystring: yearQuerySchema, response: ok(recordSchema) },
  }, (req) => life.myRecord(req.ctx, yearOf(req.query)))

  app.get('/study-courses', {
    schema: { tags, summary: '学习课程（党史学习教育、书记培训等）', querystring: coursesQuerySchema, response: ok(z.array(courseSummarySchema)) },
  }, (req) => study.list(req.ctx, req.query))

  app.post('/study-courses', {
    schema: { tags, summary: '新建学习课程（社区干部及以上）', body: courseInputSchema, response: { 201: courseSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await study.create(req.ctx, req.body)))

  app.get('/study-courses/:id', {
    schema: { tags, summary: '学习课程及其课次', params: idParams, response: ok(courseSchema) },
  }, (req) => study.detail(req.ctx, req.params.id))

  app.post('/study-courses/:id/sessions', {
    schema: { tags, summary: '新增课次：时间、学时、地点、授课人', params: idParams, body: sessionInputSchema, response: { 201: courseSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await study.addSession(req.ctx, req.params.id, req.body)))

  app.get('/study-sessions/:id', {
    schema: { tags, summary: '一次课次及其出勤', params: idParams, response: ok(sessionSchema) },
  }, (req) => study.session(req.ctx, req.params.id))

  app.post('/study-sessions/:id/attendance', {
    schema: { tags, summary: '登记学习出勤：出席（计学时），或缺席并写明原因', params: idParams, body: studyAttendanceSchema, response: ok(sessionSchema) },
  }, (req) => study.record(req.ctx, req.params.id, req.body))
}
