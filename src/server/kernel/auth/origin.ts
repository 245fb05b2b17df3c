// Where a request comes from and which origin this server answers as: the proxies trusted to
// speak for the client, the same-origin check of cookie-authenticated writes, and the public
// origin put into links and QR codes. The Host header is the client's to choose, so it counts
// only when PUBLIC_URL and ALLOWED_HOSTS leave nothing else to go by.
import type { FastifyServerOptions } from 'fastify'
import type { Config } from '../config.ts'

type OriginConfig = Pick<Config, 'PUBLIC_URL' | 'ALLOWED_HOSTS' | 'PORT'>

/** The request facts these checks read (a FastifyRequest has them). */
export interface RequestOrigin {
  protocol: string
  host: string
}

/**
 * Fastify's `trustProxy` from TRUST_PROXY. A hop count trusts the nearest N hops whatever their
 * address (Express's meaning; Fastify itself ignores a number): right for a server reachable
 * only through its proxy, which HOST=127.0.0.1 ensures. An address list is the stricter choice.
 */
export function trustProxyOption(trust: Config['TRUST_PROXY']): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust
  return trust
}

/**
 * Whether an Origin header names this server: PUBLIC_URL's origin, or the request's own origin
 * when its Host is in ALLOWED_HOSTS. With neither set, the request's own origin (what the
 * browser used), as a development server on any address needs.
 */
export function isSameOrigin(origin: string, request: RequestOrigin, config: OriginConfig): boolean {
  if (config.PUBLIC_URL && origin === new URL(config.PUBLIC_URL).origin) return true
  const host = request.host.toLowerCase()
  if (origin !== `${request.protocol}://${host}`) return false
  if (config.ALLOWED_HOSTS.length > 0) return config.ALLOWED_HOSTS.includes(host)
  return !config.PUBLIC_URL
}

/**
 * The origin links and QR codes should point at: PUBLIC_URL when set; otherwise the request's
 * origin if its Host is in ALLOWED_HOSTS; otherwise http://localhost:PORT (never a Host header
 * nobody vouched for, which would let a caller plant their own site in a code others scan).
 */
export function publicOrigin(request: RequestOrigin, config: OriginConfig): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL
  if (config.ALLOWED_HOSTS.includes(request.host.toLowerCase())) return `${request.protocol}://${request.host}`
  return `http://localhost:${config.PORT}`
}
