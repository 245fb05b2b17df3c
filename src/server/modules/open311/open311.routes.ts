// /open311/v2: Open311 GeoReport v2 (and the servicerequestupdates extension) in XML and JSON,
// outside /api/v1. Everything here, failures included, answers in the spec's formats, so
// these routes stay out of Linli's OpenAPI document (whose error shape they do not use).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { Open311Service } from './open311.service.ts'
import type { Config } from '../../kernel/config.ts'
import { publicOrigin } from '../../kernel/auth/origin.ts'
import { classify } from '../../kernel/error-handler.ts'
import { formatMessage, localeFromHeader } from '../../kernel/messages.ts'
import { xmlDocument, type Open311Value } from './open311.xml.ts'
import type { Origin } from './open311.service.ts'
import { createRequestSchema, jurisdictionQuerySchema, requestsQuerySchema, updatesQuerySchema, type Format } from './open311.schemas.ts'

const FORMATS: Format[] = ['xml', 'json']
const READS = { rateLimit: { max: 600, timeWindow: '1 minute' } }
const WRITES = { rateLimit: { max: 60, timeWindow: '1 minute' } }

function send(reply: FastifyReply, format: Format, root: string, value: Open311Value, status = 200) {
  reply.code(status)
  return format === 'json'
    ? reply.type('application/json; charset=utf-8').send(JSON.stringify(value))
    : reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value))
}

/** The format a failed request asked for: JSON when its path ends in .json, XML (the spec's required one) otherwise. */
const formatOfUrl = (url: string): Format => (url.split('?')[0]!.endsWith('.json') ? 'json' : 'xml')


/**
 * Linli's failures in the spec's terms: 403 for a missing or wrong api_key, 404 for what does
 * not exist, 429 when rate-limited, 400 for anything else the caller got wrong; one error per
 * invalid argument.
 */
function sendOpen311Error(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeFromHeader(request.headers['accept-language'])
  const known = classify(err, locale)
  if (!known || known.status >= 500) request.log.error({ err }, 'open311 server error')
  const found = known ?? { status: 500, code: 'INTERNAL_ERROR' as const }
  if (known?.retryAfterSec) reply.header('retry-after', String(known.retryAfterSec))
  const status = found.status === 401 ? 403 : [403, 404, 429].includes(found.status) || found.status >= 500 ? found.status : 400
  const fields = Array.isArray(found.details) ? (found.details as { path: string; message: string }[]) : []
  const errors = fields.length
    ? fields.map((f) => ({ code: status, description: `${f.path.replace(/^(querystring|body|params)\.?/, '') || 'request'}: ${f.message}` }))
    : [{ code: status, description: formatMessage(found.code, locale, found.params) }]
  return send(reply.header('x-request-id', request.id), formatOfUrl(request.url), 'errors', errors, status)
}

const apiKeyOf = (body: unknown): unknown => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { api_key?: unknown }).api_key : undefined)

export const open311Routes: FastifyPluginAsyncZod<RouteOptions<Open311Service, Record<never, never>>> = async (app, { service, kernel }) => {
  const config = kernel.config
  const open311 = service
  // Links in discovery and media_url are built on the configured public origin: the Host header
  // is the client's to choose and would put their site into the documents other clients read.
  const originOf = (request: FastifyRequest): Origin => ({ baseUrl: publicOrigin(request, config) })
  app.setErrorHandler(sendOpen311Error)
  // A route of its own rather than a not-found handler: the web app's static files claim `/*`.
  app.all('/*', { schema: { hide: true } }, (request, reply) => {
    const locale = localeFromHeader(request.headers['accept-language'])
    return send(reply, formatOfUrl(request.url), 'errors', [{ code: 404, description: formatMessage('ROUTE_NOT_FOUND', locale) }], 404)
  })
  // The spec posts application/x-www-form-urlencoded; a repeated field keeps its last value.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  for (const format of FORMATS) {
    const hidden = { hide: true }
    app.get(`/discovery.${format}`, { config: READS, schema: { ...hidden, querystring: jurisdictionQuerySchema } },
      async (req, reply) => send(reply, format, 'discovery', await open311.discovery(originOf(req))))

    app.get(`/services.${format}`, { config: READS, schema: { ...hidden, querystring: jurisdictionQuerySchema } },
      async (_req, reply) => send(reply, format, 'services', await open311.services()))

    app.get(`/services/:service_code.${format}`, { config: READS, schema: { ...hidden, querystring: jurisdictionQuerySchema, params: z.object({ service_code: z.string() }) } },
      async (req, reply) => send(reply, format, 'service_definition', await open311.serviceDefinition(req.params.service_code)))

    app.get(`/requests.${format}`, { config: READS, schema: { ...hidden, querystring: requestsQuerySchema } },
      async (req, reply) => send(reply, format, 'service_requests', await open311.requests(originOf(req), req.query)))

    app.get(`/requests/:service_request_id.${format}`, { config: READS, schema: { ...hidden, querystring: jurisdictionQuerySchema, params: z.object({ service_request_id: z.string() }) } },
      async (req, reply) => send(reply, format, 'service_requests', await open311.request(originOf(req), req.params.service_request_id)))

    app.get(`/tokens/:token.${format}`, { config: READS, schema: { ...hidden, querystring: jurisdictionQuerySchema, params: z.object({ token: z.string() }) } },
      async (req, reply) => send(reply, format, 'service_requests', await open311.token(req.params.token)))

    app.get(`/servicerequestupdates.${format}`, { config: READS, schema: { ...hidden, querystring: updatesQuerySchema } },
      async (req, reply) => send(reply, format, 'service_request_updates', await open311.updates(originOf(req), req.query)))

    app.post(`/requests.${format}`, {
      config: WRITES,
      schema: { ...hidden, body: createRequestSchema },
      // The api_key is checked before the arguments: a caller without a key learns nothing more.
      preValidation: async (req) => {
        req.ctx = { ...req.ctx, actor: await open311.actorForApiKey(apiKeyOf(req.body)) }
      },
    }, async (req, reply) => send(reply, format, 'service_requests', await open311.createRequest(req.ctx, req.body)))
  }
}
