// /api/v1/people: people, their roles, accounts and sessions, within the caller's scope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { PeopleService } from './people.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema, refSchema } from '../../kernel/contract.ts'
import { roleSchema, sessionSchema } from '../auth/auth.schemas.ts'
import {
  passwordResetSchema,
  peopleQuerySchema,
  personCreatedSchema,
  personCreateSchema,
  personSchema,
  personUpdateSchema,
  roleAssignmentInputSchema,
} from './people.schemas.ts'

const tags = ['people']
const params = z.object({ id: idSchema })

export const peopleRoutes: FastifyPluginAsyncZod<RouteOptions<PeopleService, Record<never, never>>> = async (app, { service }) => {
  const people = service

  app.get('/people', {
    schema: { tags, summary: '人员列表（管辖范围内）', querystring: peopleQuerySchema, response: { 200: countedPageOf(personSchema), ...errorResponses } },
  }, (req) => people.list(req.ctx, req.query))

  app.get('/me/grid', {
    schema: {
      tags,
      summary: '我的网格和网格员',
      response: {
        200: z.object({
          grid: refSchema,
          community: refSchema.nullable(),
          street: refSchema.nullable(),
          home: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
          /** A point inside the grid (WGS-84), where the phone's map opens. */
          centre: z.object({ lng: z.number(), lat: z.number() }).nullable(),
          workers: z.array(z.object({ personId: z.string(), name: z.string(), role: roleSchema, phone: z.string().nullable() })),
        }),
        ...errorResponses,
      },
    },
  }, (req) => people.myGrid(req.ctx))

  app.get('/people/stats', {
    schema: {
      tags,
      summary: '某组织下的人员数量（按角色）',
      querystring: z.object({ orgId: idSchema }),
      response: { 200: z.object({ total: z.number().int(), byRole: z.array(z.object({ role: roleSchema, people: z.number().int() })) }), ...errorResponses },
    },
  }, (req) => people.stats(req.ctx, req.query.orgId))

  app.get('/people/:id', {
    schema: { tags, summary: '人员详情', params, response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.get(req.ctx, req.params.id))

  app.post('/people', {
    schema: { tags, summary: '新建人员（含首个角色，可选登录账号）', body: personCreateSchema, response: { 201: personCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await people.add(req.ctx, req.body)))

  app.patch('/people/:id', {
    schema: { tags, summary: '修改人员信息', params, body: personUpdateSchema, response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.update(req.ctx, req.params.id, req.body))

  app.post('/people/:id/roles', {
    schema: { tags, summary: '任命角色', params, body: roleAssignmentInputSchema, response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.assignRole(req.ctx, req.params.id, req.body))

  app.delete('/people/:id/roles/:roleId', {
    schema: { tags, summary: '结束角色任命（即日起失效）', params: params.extend({ roleId: idSchema }), response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.endRole(req.ctx, req.params.id, req.params.roleId))

  app.post('/people/:id/password-reset', {
    schema: { tags, summary: '重置密码（下次登录须修改；结束其全部会话）', params, body: passwordResetSchema, response: { 200: z.object({ temporaryPassword: z.string().optional() }), ...errorResponses } },
  }, (req) => people.resetPassword(req.ctx, req.params.id, req.body.password))

  app.post('/people/:id/disable', {
    schema: { tags, summary: '停用账号（结束其全部会话）', params, response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.setDisabled(req.ctx, req.params.id, true))

  app.post('/people/:id/enable', {
    schema: { tags, summary: '启用账号', params, response: { 200: personSchema, ...errorResponses } },
  }, (req) => people.setDisabled(req.ctx, req.params.id, false))

  app.get('/people/:id/sessions', {
    schema: { tags, summary: '该人员的登录会话', params, response: { 200: z.object({ items: z.array(sessionSchema), nextCursor: z.null() }), ...errorResponses } },
  }, async (req) => ({ items: await people.sessions(req.ctx, req.params.id), nextCursor: null }))

  app.delete('/people/:id/sessions', {
    schema: { tags, summary: '结束该人员的全部会话', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await people.endSessions(req.ctx, req.params.id, null)
    return reply.code(204).send(null)
  })

  app.delete('/people/:id/sessions/:sessionId', {
    schema: { tags, summary: '结束该人员的某个会话', params: params.extend({ sessionId: idSchema }), response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await people.endSessions(req.ctx, req.params.id, req.params.sessionId)
    return reply.code(204).send(null)
  })
}
