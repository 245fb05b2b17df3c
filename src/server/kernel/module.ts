// A module is one descriptor: its name, the services it needs (created before it), how its
// service is made, its routes and its sweep jobs. `app.ts` is a list of descriptors; a route
// plugin receives only its own service, the services it declared and the kernel.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import type { Database, Executor } from './db/client.ts'
import type { ReadRouter } from './db/replicas.ts'
import type { LiveHub } from './live.ts'
import type { PiiKeyring } from './pii.ts'
import type { Job } from './scheduler.ts'
import type { SmsProvider } from './sms.ts'
import type { AnyTemplateKind, TemplateRegistry } from './templates.ts'
import type { IndicatorRegistry, IndicatorSource } from './indicators.ts'

/** What the kernel gives every module. */
export interface Kernel {
  database: Database
  /** `database.db`: the executor a service uses outside a caller's transaction. */
  db: Executor
  /** Where reads that tolerate a few seconds' lag go: a streaming replica when one is fresh enough, else `db`. */
  reads: ReadRouter
  config: Config
  /** The migration the database is at (health reports it). */
  migration: string
  pii: PiiKeyring
  sms: SmsProvider
  live: LiveHub
  /** Kinds of templates the shared library carries between communities (each module registers its own). */
  templates: TemplateRegistry
  /** The indicators of the statistics table (each module registers its own). */
  indicators: IndicatorRegistry
}

export interface RouteOptions<S, D> {
  service: S
  deps: D
  kernel: Kernel
}

export interface ModuleDescriptor<N extends string, S, D extends object, R extends object = Record<never, never>> {
  name: N
  /** Services this module's service is made from (their modules come earlier in the list). */
  needs: readonly (keyof D & string)[]
  /** Other modules' services its routes call (e.g. auth's routes register people); may come later. */
  routesUse?: readonly (keyof R & string)[]
  create(kernel: Kernel, deps: D): S
  /** Receives its own service, the `routesUse` services as `deps`, and the kernel. */
  routes?: FastifyPluginAsyncZod<RouteOptions<S, R>>
  /** Mount point; '/api/v1' unless given. */
  prefix?: string
  /** Jobs of the minute sweep, run in list order, each in its own savepoint. */
  jobs?: (service: S) => Job[]
  /** Kinds of templates this module imports from the shared library (kernel/templates.ts). */
  templates?: (service: S) => AnyTemplateKind[]
  /** The indicators this module's records give the statistics table (kernel/indicators.ts). */
  indicators?: IndicatorSource
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ModuleDescriptor<string, any, any, any>

export function defineModule<N extends string, S, D extends object = Record<never, never>, R extends object = Record<never, never>>(m: ModuleDescriptor<N, S, D, R>): ModuleDescriptor<N, S, D, R> {
  return m
}

/** `{ [name]: service }` of a list of descriptors. */
export type ServicesOf<L extends readonly AnyModule[]> = { [M in L[number] as M['name']]: ReturnType<M['create']> }

/** Creates every module's service in list order; a module needing a later one is a wiring error. */
export function createModuleServices(modules: readonly AnyModule[], kernel: Kernel): Record<string, unknown> {
  const services: Record<string, unknown> = {}
  for (const m of modules) {
    if (m.name in services) throw new Error(`module ${m.name} is listed twice`)
    const deps = pick(services, m.needs, m.name)
    services[m.name] = m.create(kernel, deps)
    for (const t of m.templates?.(services[m.name]) ?? []) kernel.templates.register(t)
    if (m.indicators) kernel.indicators.register(m.indicators)
  }
  return services
}

export function pick(services: Record<string, unknown>, names: readonly string[], of: string): Record<string, unknown> {
  const deps: Record<string, unknown> = {}
  for (const n of names) {
    if (!(n in services)) throw new Error(`module ${of} needs ${n}, which is not listed before it`)
    deps[n] = services[n]
  }
  return deps
}
