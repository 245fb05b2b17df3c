// /api/v1/auth and /api/v1/me: login, logout, password, own phone, TOTP, sessions, API tokens.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { AuthService } from './auth.service.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Config } from '../../kernel/config.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { SESSION_COOKIE } from '../../kernel/auth/actor.ts'
import { idSchema } from '../../kernel/contract.ts'
import { personSchema } from '../people/people.schemas.ts'
import {
  changePasswordSchema,
  loginSchema,
  meSchema,
  phoneChangeCodeSchema,
  phoneChangeSchema,
  registerSchema,
  smsCodeRequestSchema,
  smsLoginSchema,
  smsCodeSentSchema,
  securitySettingsSchema,
  sessionSchema,
  tokenCreateSchema,
  tokenCreatedSchema,
  tokenSchema,
  totpCodeSchema,
  totpDisableSchema,
  totpSetupSchema,
} from './auth.schemas.ts'

const tags = ['auth']
const params = z.object({ id: idSchema })
const restricted = { allowRestricted: true }

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' })
}

export const authRoutes: FastifyPluginAsyncZod<RouteOptions<AuthService, { orgs: OrgService; people: PeopleService }>> = async (app, { service, deps, kernel }) => {
  const config = kernel.config
  const auth = service

  app.post('/auth/login', {
    config: { ...restricted, public: true, rateLimit: { max: config.LOGIN_IP_PER_MIN, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录（用户名或手机号 + 密码）', security: [], body: loginSchema, response: { 200: meSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { token } = await auth.login(req.ctx, req.body)
    setSessionCookie(req, reply, token)
    // Answer as /me would, from the new session.
    return auth.me({ ...req.ctx, actor: await auth.actorForSession(token) })
  })

  app.post('/auth/login/sms', {
    config: { ...restricted, public: true, rateLimit: { max: config.LOGIN_IP_PER_MIN, timeWindow: '1 minute' } },
    schema: { tags, summary: '短信验证码登录（手机号 + 验证码；已启用双因素认证的账号除外）', security: [], body: smsLoginSchema, response: { 200: meSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { token } = await auth.loginWithSms(req.ctx, req.body)
    setSessionCookie(req, reply, token)
    return auth.me({ ...req.ctx, actor: await auth.actorForSession(token) })
  })

  app.post('/auth/sms-codes', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: '发送短信验证码（自助注册 register，或短信登录 login）', security: [], body: smsCodeRequestSchema, response: { 202: smsCodeSentSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(202).send(await auth.sendSmsCode(req.ctx, req.body.phone, req.body.purpose)))

  app.post('/auth/register', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: '居民自助注册（手机号 + 验证码 + 密码 + 住址位置），注册后即登录', security: [], body: registerSchema, response: { 201: meSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { token } = await deps.people.register(req.ctx, req.body)
    setSessionCookie(req, reply, token)
    return reply.code(201).send(await auth.me({ ...req.ctx, actor: await auth.actorForSession(token) }))
  })

  app.post('/auth/logout', {
    config: { ...restricted, public: true },
    schema: { tags, summary: '退出登录', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.logout(req.ctx)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send(null)
  })

  app.get('/me', {
    config: restricted,
    schema: { tags, summary: '当前用户及其角色', response: { 200: meSchema, ...errorResponses } },
  }, (req) => auth.me(req.ctx))

  app.post('/me/phone/code', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: '修改本人手机号：向新号码发送验证码', body: phoneChangeCodeSchema, response: { 202: smsCodeSentSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(202).send(await auth.sendPhoneChangeCode(req.ctx, req.body.phone)))

  app.post('/me/phone', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: '修改本人手机号：填写新号码收到的验证码', body: phoneChangeSchema, response: { 200: personSchema, ...errorResponses } },
  }, async (req) => {
    // The code proves the caller holds the new number; the people service then checks that no
    // one else uses it, writes and audits the change.
    await auth.usePhoneChangeCode(req.ctx, req.body.phone, req.body.code)
    return deps.people.update(req.ctx, req.ctx.actor.personId!, { phone: req.body.phone }, { phoneVerified: true })
  })

  app.post('/auth/password', {
    config: restricted,
    schema: { tags, summary: '修改密码（其他会话随之结束）', body: changePasswordSchema, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.changePassword(req.ctx, req.body)
    return reply.code(204).send(null)
  })

  app.get('/auth/sessions', {
    schema: { tags, summary: '我的登录会话', response: { 200: z.object({ items: z.array(sessionSchema), nextCursor: z.null() }), ...errorResponses } },
  }, async (req) => ({ items: await auth.mySessions(req.ctx), nextCursor: null }))

  app.delete('/auth/sessions/:id', {
    schema: { tags, summary: '结束我的某个会话', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.endMySession(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.post('/auth/totp/setup', {
    config: restricted,
    schema: { tags, summary: '生成双因素认证密钥（启用前须验证）', response: { 200: totpSetupSchema, ...errorResponses } },
  }, (req) => auth.totpSetup(req.ctx))

  app.post('/auth/totp/enable', {
    config: restricted,
    schema: { tags, summary: '验证动态码并启用双因素认证', body: totpCodeSchema, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.totpEnable(req.ctx, req.body.code)
    return reply.code(204).send(null)
  })

  app.post('/auth/totp/disable', {
    schema: { tags, summary: '停用双因素认证', body: totpDisableSchema, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.totpDisable(req.ctx, req.body)
    return reply.code(204).send(null)
  })

  app.get('/auth/tokens', {
    schema: { tags, summary: '我管辖范围内的访问令牌', response: { 200: z.object({ items: z.array(tokenSchema), nextCursor: z.null() }), ...errorResponses } },
  }, async (req) => ({ items: await auth.listTokens(req.ctx), nextCursor: null }))

  app.post('/auth/tokens', {
    schema: { tags, summary: '签发访问令牌（仅显示一次）', body: tokenCreateSchema, response: { 201: tokenCreatedSchema, ...errorResponses } },
  }, async (req, reply) => {
    const org = await deps.orgs.findRef(kernel.db, req.body.orgId)
    return reply.code(201).send(await auth.createToken(req.ctx, req.body, org))
  })

  app.delete('/auth/tokens/:id', {
    schema: { tags, summary: '吊销访问令牌', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.revokeToken(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  // The configured password rule, for forms to explain it before the first try (public: a rule, no account).
  app.get('/public/password-policy', {
    schema: {
      tags, summary: '密码规则（按配置：最少位数、须包含的字符种类数）', security: [],
      response: { 200: z.object({ minLength: z.number().int(), minClasses: z.number().int() }), ...errorResponses },
    },
  }, () => ({ minLength: config.PASSWORD_MIN_LENGTH, minClasses: config.PASSWORD_MIN_CLASSES }))

  app.get('/settings/security', {
    schema: { tags: ['settings'], summary: '安全设置', response: { 200: securitySettingsSchema, ...errorResponses } },
  }, (req) => auth.securitySettings(req.ctx))

  app.put('/settings/security', {
    schema: { tags: ['settings'], summary: '修改安全设置（如强制管理员启用双因素认证）', body: securitySettingsSchema, response: { 200: securitySettingsSchema, ...errorResponses } },
  }, (req) => auth.updateSecuritySettings(req.ctx, req.body))

}
