// Builds the Fastify application: kernel plugins first, then each module under /api/v1.
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyRateLimit from '@fastify/rate-limit'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { randomUUID } from 'node:crypto'
import type { Config } from './kernel/config.ts'
import type { Database, Executor } from './kernel/db/client.ts'
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './kernel/error-handler.ts'
import { installActorResolution } from './kernel/auth/actor.ts'
import { trustProxyOption } from './kernel/auth/origin.ts'
import { installSecurityHeaders } from './kernel/security-headers.ts'
import { createOrgService } from './modules/orgs/orgs.service.ts'
import { orgRoutes } from './modules/orgs/orgs.routes.ts'
import { createGeoService } from './modules/geo/geo.service.ts'
import { geoRoutes } from './modules/geo/geo.routes.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { authRoutes } from './modules/auth/auth.routes.ts'
import { createPeopleService } from './modules/people/people.service.ts'
import { peopleRoutes } from './modules/people/people.routes.ts'
import { createAuditService } from './modules/audit/audit.service.ts'
import { auditRoutes } from './modules/audit/audit.routes.ts'
import { createVisitService } from './modules/visits/visits.service.ts'
import { visitRoutes } from './modules/visits/visits.routes.ts'
import { createEstateService } from './modules/estates/estates.service.ts'
import { estateRoutes } from './modules/estates/estates.routes.ts'
import { createFileService } from './modules/files/files.service.ts'
import { fileRoutes } from './modules/files/files.routes.ts'
import { createNotificationService } from './modules/notifications/notifications.service.ts'
import { notificationRoutes } from './modules/notifications/notifications.routes.ts'
import { createCaseService } from './modules/cases/cases.service.ts'
import { createFollowService } from './modules/cases/cases.follows.ts'
import { createCalendarService } from './modules/cases/cases.calendar.ts'
import { caseRoutes } from './modules/cases/cases.routes.ts'
import { startLiveHub } from './kernel/live.ts'
import { startScheduler } from './kernel/scheduler.ts'
import { createOpen311Service } from './modules/open311/open311.service.ts'
import { open311Routes } from './modules/open311/open311.routes.ts'
import { loadPiiKeyring } from './kernel/pii.ts'
import { createResidentService } from './modules/residents/residents.service.ts'
import { residentRoutes } from './modules/residents/residents.routes.ts'
import { importLimits } from './kernel/spreadsheet.ts'
import { createPointsService } from './modules/points/points.service.ts'
import { pointsRoutes } from './modules/points/points.routes.ts'
import { createUnitService } from './modules/units/units.service.ts'
import { unitRoutes } from './modules/units/units.routes.ts'
import { createVolunteerService } from './modules/volunteers/volunteers.service.ts'
import { volunteerRoutes } from './modules/volunteers/volunteers.routes.ts'
import { createMemberService } from './modules/members/members.service.ts'
import { memberRoutes } from './modules/members/members.routes.ts'
import { healthRoutes, mapTilesOf } from './modules/health/health.routes.ts'
import { APP_VERSION } from './kernel/version.ts'
import { registerWebApp } from './kernel/web.ts'
import { ConsoleSmsProvider, type SmsProvider } from './kernel/sms.ts'

export interface AppDeps {
  config: Config
  database: Database
  migration: string
  /** Defaults to pino at config.LOG_LEVEL; tests pass false. */
  logger?: boolean
  /** Where SMS go (verification codes); the console provider by default. */
  sms?: SmsProvider
  /** Serve the built web app at / and /h5/ when it exists (default). */
  serveWebApp?: boolean
}

export function createServices(deps: AppDeps & { sms: SmsProvider }) {
  const { database, config } = deps
  const db = database.db
  const orgs = createOrgService({ db, config })
  const pii = loadPiiKeyring(config)
  const auth = createAuthService({ db, config, sms: deps.sms, pii })
  const geo = createGeoService({ orgs })
  const files = createFileService({ db, config })
  const notifications = createNotificationService({ db })
  const points = createPointsService({ db, config })
  const cases = createCaseService({ db, config, geo, notifications, points })
  const residents = createResidentService({ db, pii, importLimits: importLimits(config) })
  const units = createUnitService({ db, config })
  const volunteers = createVolunteerService({ db, notifications, points, publicUrl: config.PUBLIC_URL })
  const members = createMemberService({ db, notifications, units, volunteers, volunteersIn: (ex) => createVolunteerService({ db: ex, notifications }) })
  return {
    orgs,
    auth,
    geo,
    people: createPeopleService({ db, config, auth, geo, pii }),
    audit: createAuditService({ db }),
    open311: createOpen311Service({ db, cases }),
    files,
    notifications,
    cases,
    follows: createFollowService({ db }),
    calendar: createCalendarService({ db }),
    visits: createVisitService({ db, cases }),
    estates: createEstateService({ db, cases }),
    residents,
    points,
    units,
    volunteers,
    members,
  }
}

export type Services = ReturnType<typeof createServices>

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

/** What the minute sweep runs, in order, inside one transaction under the scheduler's lock. */
export function schedulerJobs(services: Services) {
  return [
    { name: 'cases', run: services.cases.sweep },
    { name: 'visitTasks', run: (tx: Executor, now: Date) => services.visits.generateTasks(now, tx) },
    { name: 'volunteerNoShows', run: (tx: Executor, now: Date) => services.volunteers.markNoShows(tx, now) },
    { name: 'memberReminders', run: (tx: Executor, now: Date) => services.members.remindBehind(tx, now) },
  ]
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.LOG_LEVEL },
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID()
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    routerOptions: { maxParamLength: 200 },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  await installSecurityHeaders(app, mapTilesOf(config).tiles.map((url) => new URL(url).origin))
  const webAppServed = deps.serveWebApp === false ? false : await registerWebApp(app)
  installErrorHandling(app, webAppServed)

  await app.register(fastifyCookie)
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Linli 邻里 API',
        description: '城市基层党建引领基层治理平台 API。错误统一为 {"error":{"code","message","details"}}。',
        version: APP_VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'linli_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  })
  // Tags start folded: with every module's routes listed open, the page takes many seconds to draw.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  installActorResolution(app, deps.database.db, config)
  const services = createServices({ ...deps, sms: deps.sms ?? new ConsoleSmsProvider(app.log) })
  app.decorate('services', services)
  const live = await startLiveHub(deps.database, config)
  app.addHook('onClose', () => live.close())
  if (config.SCHEDULER) {
    const scheduler = startScheduler({ database: deps.database, log: app.log, jobs: schedulerJobs(services) })
    app.addHook('onClose', () => scheduler.stop())
  }

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { database: deps.database, migration: deps.migration, config })
      await api.register(authRoutes, { services, config })
      await api.register(orgRoutes, { services })
      await api.register(geoRoutes, { services })
      await api.register(peopleRoutes, { services })
      await api.register(auditRoutes, { services })
      await api.register(fileRoutes, { services, config })
      await api.register(notificationRoutes, { services, live })
      await api.register(caseRoutes, { services })
      await api.register(visitRoutes, { services })
      await api.register(estateRoutes, { services })
      await api.register(residentRoutes, { services })
      await api.register(pointsRoutes, { services })
      await api.register(unitRoutes, { services })
      await api.register(volunteerRoutes, { services })
      await api.register(memberRoutes, { services })
    },
    { prefix: '/api/v1' },
  )
  await app.register(open311Routes, { services, config, prefix: '/open311/v2' })
  return app
}
