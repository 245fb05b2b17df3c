// Builds the Fastify application: kernel plugins first, then each module under /api/v1.
import Fastify, { type FastifyInstance, type RouteOptions as FastifyRouteOptions } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyRateLimit from '@fastify/rate-limit'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { randomUUID } from 'node:crypto'
import type { Config } from './kernel/config.ts'
import type { Database, Executor } from './kernel/db/client.ts'
import { installReadYourWrites, primaryReads } from './kernel/db/replicas.ts'
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './kernel/error-handler.ts'
import { installActorResolution } from './kernel/auth/actor.ts'
import { trustProxyOption } from './kernel/auth/origin.ts'
import { installSecurityHeaders } from './kernel/security-headers.ts'
import { startLiveHub, type LiveHub } from './kernel/live.ts'
import { startScheduler, type Job } from './kernel/scheduler.ts'
import { partitionsJob } from './kernel/db/partitions.ts'
import { loadPiiKeyring } from './kernel/pii.ts'
import { createModuleServices, pick, type Kernel, type ServicesOf } from './kernel/module.ts'
import { createTemplateRegistry } from './kernel/templates.ts'
import { createIndicatorRegistry } from './kernel/indicators.ts'
import { healthModule } from './modules/health/health.module.ts'
import { orgsModule } from './modules/orgs/orgs.module.ts'
import { geoModule } from './modules/geo/geo.module.ts'
import { authModule } from './modules/auth/auth.module.ts'
import { peopleModule } from './modules/people/people.module.ts'
import { auditModule } from './modules/audit/audit.module.ts'
import { filesModule } from './modules/files/files.module.ts'
import { notificationsModule } from './modules/notifications/notifications.module.ts'
import { pointsModule } from './modules/points/points.module.ts'
import { calendarModule, casesModule, followsModule } from './modules/cases/cases.module.ts'
import { open311Module } from './modules/open311/open311.module.ts'
import { visitsModule } from './modules/visits/visits.module.ts'
import { estatesModule } from './modules/estates/estates.module.ts'
import { residentsModule } from './modules/residents/residents.module.ts'
import { unitsModule } from './modules/units/units.module.ts'
import { volunteersModule } from './modules/volunteers/volunteers.module.ts'
import { membersModule } from './modules/members/members.module.ts'
import { venuesModule } from './modules/venues/venues.module.ts'
import { secretaryProjectsModule } from './modules/secretary_projects/secretary_projects.module.ts'
import { hotspotsModule } from './modules/hotspots/hotspots.module.ts'
import { mobilisationModule } from './modules/mobilisation/mobilisation.module.ts'
import { buildingLeadersModule } from './modules/building_leaders/building_leaders.module.ts'
import { fundsModule } from './modules/funds/funds.module.ts'
import { meetingsModule } from './modules/meetings/meetings.module.ts'
import { partyLifeModule } from './modules/party_life/party_life.module.ts'
import { libraryModule } from './modules/library/library.module.ts'
import { familyBankModule } from './modules/family_bank/family_bank.module.ts'
import { screensModule } from './modules/screens/screens.module.ts'
import { broadcastsModule } from './modules/broadcasts/broadcasts.module.ts'
import { deliberationModule } from './modules/deliberation/deliberation.module.ts'
import { ordersModule } from './modules/orders/orders.module.ts'
import { wishesModule } from './modules/wishes/wishes.module.ts'
import { errandsModule } from './modules/errands/errands.module.ts'
import { statisticsModule } from './modules/statistics/statistics.module.ts'
import { mapTilesOf } from './modules/health/health.routes.ts'
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
  /** Sees every route as it is registered (the robustness walk lists them, hidden ones included). */
  onRoute?: (route: FastifyRouteOptions) => void
}

/**
 * Every module, in the order their services are created (a module comes after those it needs),
 * their routes registered and their sweep jobs run.
 */
export const modules = [
  healthModule,
  orgsModule,
  geoModule,
  authModule,
  peopleModule,
  auditModule,
  filesModule,
  notificationsModule,
  unitsModule,
  pointsModule,
  followsModule,
  calendarModule,
  casesModule,
  open311Module,
  visitsModule,
  estatesModule,
  residentsModule,
  volunteersModule,
  membersModule,
  venuesModule,
  secretaryProjectsModule,
  hotspotsModule,
  mobilisationModule,
  buildingLeadersModule,
  fundsModule,
  meetingsModule,
  partyLifeModule,
  libraryModule,
  familyBankModule,
  screensModule,
  broadcastsModule,
  deliberationModule,
  ordersModule,
  wishesModule,
  errandsModule,
  statisticsModule,
] as const

export type Services = ServicesOf<typeof modules>

export function createServices(kernel: Kernel): Services {
  return createModuleServices(modules, kernel) as Services
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

/** What the minute sweep runs, in list order, each job in its own savepoint under the scheduler's lock. */
export function schedulerJobs(services: Services): Job[] {
  const bag = services as Record<string, unknown>
  return modules.flatMap((m) => ('jobs' in m && m.jobs ? (m.jobs as (s: unknown) => Job[])(bag[m.name]) : []))
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
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute)
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
  if (deps.database.reads) installReadYourWrites(app, deps.database.reads)
  const live: LiveHub = await startLiveHub(deps.database, config)
  app.addHook('onClose', () => live.close())
  const kernel: Kernel = {
    database: deps.database,
    db: deps.database.db,
    reads: deps.database.reads ?? primaryReads(deps.database.db),
    config,
    migration: deps.migration,
    pii: loadPiiKeyring(config),
    sms: deps.sms ?? new ConsoleSmsProvider(app.log),
    live,
    templates: createTemplateRegistry(),
    indicators: createIndicatorRegistry(),
  }
  const services = createServices(kernel)
  app.decorate('services', services)
  if (config.SCHEDULER) {
    const scheduler = startScheduler({ database: deps.database, log: app.log, jobs: [...schedulerJobs(services), partitionsJob(config)] })
    app.addHook('onClose', () => scheduler.stop())
  }

  const bag = services as Record<string, unknown>
  for (const m of modules) {
    if (!('routes' in m) || !m.routes) continue
    const deps = pick(bag, 'routesUse' in m && m.routesUse ? m.routesUse : [], m.name)
    const prefix = 'prefix' in m && m.prefix ? m.prefix : '/api/v1'
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await app.register(m.routes as any, { service: bag[m.name], deps, kernel, prefix })
  }
  return app
}
