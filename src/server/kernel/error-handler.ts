// Turns every failure into the one error shape {"error":{"code","message","details"}},
// in Chinese unless the client asks for English. Anything unrecognised is a 500 and a bug.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from './errors.ts'
import { spaEntryFor } from './web.ts'
import { DATABASE_RETRY_AFTER_SEC, isDatabaseUnavailable } from './db/unavailable.ts'
import { formatDetail, formatMessage, isDetailKey, localeFromHeader, type ErrorCode, type Locale } from './messages.ts'

interface FieldError {
  path: string
  message: string
}

const issueMessages: Record<string, { zh: string; en: string }> = {
  invalid_type: { zh: '类型不正确或缺少该字段', en: 'wrong type or missing' },
  too_small: { zh: '太短或太小', en: 'too short or too small' },
  too_big: { zh: '太长或太大', en: 'too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'invalid format' },
  invalid_value: { zh: '取值不在允许范围内', en: 'value not allowed' },
  unrecognized_keys: { zh: '包含不允许的字段', en: 'unknown field' },
  invalid_union: { zh: '格式不正确', en: 'invalid value' },
  custom: { zh: '取值无效', en: 'invalid value' },
}

const CJK = /[\u4e00-\u9fff]/

function describeIssue(code: string, message: string, params: { minimum?: unknown; maximum?: unknown }, locale: Locale): string {
  // Messages written in the schemas themselves (in Chinese) are the most precise for Chinese readers.
  if (locale === 'zh' && CJK.test(message)) return message
  const base = issueMessages[code] ?? issueMessages.custom!
  let text = base[locale]
  if (code === 'too_small' && params.minimum !== undefined) text += locale === 'zh' ? `（最小 ${String(params.minimum)}）` : ` (min ${String(params.minimum)})`
  if (code === 'too_big' && params.maximum !== undefined) text += locale === 'zh' ? `（最大 ${String(params.maximum)}）` : ` (max ${String(params.maximum)})`
  return text
}

/**
 * PostgreSQL errors arrive wrapped by Drizzle ("Failed query: …"); find the driver's error. On a
 * Citus coordinator a constraint of a Citus table is named after its shard
 * (`orgs_division_code_key_102008`), and a worker's error relayed by Citus names it only in its
 * message: the constraint is given by its own name either way.
 */
export function pgErrorOf(err: unknown): { code: string; constraint?: string; message: string } | null {
  let current: unknown = err
  for (let depth = 0; depth < 5 && current; depth++) {
    const c = current as { code?: unknown; constraint?: string; message?: string; cause?: unknown }
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) {
      const constraint = c.constraint ?? /constraint "([^"]+)"/.exec(c.message ?? '')?.[1]
      return { code: c.code, constraint: constraint?.replace(/_\d{6,}$/, ''), message: c.message ?? '' }
    }
    current = c.cause
  }
  return null
}

const constraintErrors: Record<string, { status: number; code: ErrorCode }> = {
  orgs_division_code_key: { status: 409, code: 'DIVISION_CODE_TAKEN' },
  accounts_username_key: { status: 409, code: 'USERNAME_TAKEN' },
}

/** Sorts a failure into status, code and details; exported for APIs with their own error format (Open311). */
export function classify(err: FastifyError, locale: Locale): { status: number; code: ErrorCode; params?: Record<string, unknown>; details?: unknown; retryAfterSec?: number } | null {
  // Rendered here, so Open311's own error format gets the reader's language too.
  if (err instanceof AppError) return { status: err.status, code: err.code, params: err.params, details: renderDetails(err.details, locale) }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details: FieldError[] = err.validation.map((v) => {
      const where = [err.validationContext, ...v.instancePath.split('/')].filter((p) => p !== undefined && p !== '')
      return { path: where.join('.'), message: describeIssue(v.keyword, v.message ?? '', v.params as { minimum?: unknown; maximum?: unknown }, locale) }
    })
    return { status: 400, code: 'VALIDATION_FAILED', details }
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 415 : 400, code: err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_JSON' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'INVALID_JSON' }
  }
  if (err.statusCode === 429) return { status: 429, code: 'TOO_MANY_REQUESTS' }
  if (err instanceof SyntaxError && err.statusCode === 400) return { status: 400, code: 'INVALID_JSON' }
  // The database or a Citus worker is down or restarting: the same request works once it is back.
  if (isDatabaseUnavailable(err)) return { status: 503, code: 'DATABASE_UNAVAILABLE', retryAfterSec: DATABASE_RETRY_AFTER_SEC }
  const pgError = pgErrorOf(err)
  if (pgError) {
    const known = pgError.constraint ? constraintErrors[pgError.constraint] : undefined
    if (known) return known
    if (pgError.code === '23505' || pgError.code === '23503' || pgError.code === '40001' || pgError.code === '40P01') return { status: 409, code: 'CONFLICT' }
    if (pgError.code === '23514' || pgError.code === '23502') return { status: 422, code: 'RULE_VIOLATED', details: { constraint: pgError.constraint ?? null } }
    if (pgError.code.startsWith('22')) return { status: 400, code: 'VALIDATION_FAILED', details: [] }
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 413) return { status: 413, code: 'BODY_TOO_LARGE' }
    if (err.statusCode === 415) return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }
    return { status: 400, code: 'VALIDATION_FAILED', details: [] }
  }
  return null
}

/**
 * Field complaints written by services as catalogue keys ({path, message: key, params}) are
 * rendered in the reader's language here; complaints already written as text pass unchanged.
 */
function renderDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details
  return details.map((d: unknown) => {
    if (!d || typeof d !== 'object') return d
    const { message, params, ...rest } = d as { message?: unknown; params?: Record<string, unknown> }
    if (typeof message !== 'string' || !isDetailKey(message)) return d
    return { ...rest, message: formatDetail(message, locale, params) }
  })
}

/** Every error answer carries the request id, in the body and the x-request-id header, to quote when reporting it. */
export function sendError(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, params: Record<string, unknown> = {}, details: unknown = null) {
  const locale = localeFromHeader(request.headers['accept-language'])
  return reply.code(status).type('application/json; charset=utf-8').header('x-request-id', request.id).send({
    error: { code, message: formatMessage(code, locale, params), details: renderDetails(details, locale) ?? null, requestId: request.id },
  })
}

export function installErrorHandling(app: FastifyInstance, webAppServed = false): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const locale = localeFromHeader(request.headers['accept-language'])
    const known = classify(err, locale)
    if (!known) {
      // The database's own error, which Drizzle's "Failed query" wraps as its cause (pino's
      // serializer leaves causes out): its SQLSTATE and message are what an operator needs.
      request.log.error({ err, database: pgErrorOf(err) ?? undefined }, 'unhandled error')
      return sendError(reply, request, 500, 'INTERNAL_ERROR')
    }
    if (known.status >= 500) request.log.error({ err }, 'server error')
    if (known.retryAfterSec) reply.header('retry-after', String(known.retryAfterSec))
    return sendError(reply, request, known.status, known.code, known.params, known.details)
  })
  app.setNotFoundHandler((request, reply) => {
    const entry = request.method === 'GET' && webAppServed ? spaEntryFor(request.url) : null
    if (entry && (request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile(entry)
    }
    return sendError(reply, request, 404, 'ROUTE_NOT_FOUND')
  })
}

/** Requests Node's HTTP parser rejects never reach Fastify's handlers; answer them in the same shape. */
export function clientErrorHandler(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) return
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const body = JSON.stringify({ error: { code: 'MALFORMED_REQUEST', message: formatMessage('MALFORMED_REQUEST', 'zh'), details: null } })
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** Errors the router raises before any hook runs (an over-long or undecodable path parameter). */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(reply, request, 400, 'VALIDATION_FAILED', {}, [{ path: 'params', message: localeFromHeader(request.headers['accept-language']) === 'en' ? 'too long' : '路径参数过长' }])
  }
  return sendError(reply, request, 400, 'MALFORMED_REQUEST')
}
