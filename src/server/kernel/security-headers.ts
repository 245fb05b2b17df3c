// Security headers on every answer (pages, API, errors, the API docs), as helmet writes them.
// The Content-Security-Policy is what the console and phone pages need and no more: their own
// scripts only; inline styles (antd and antd-mobile write CSS-in-JS <style> tags); MapLibre's
// workers from blob: URLs; base-map tiles from the configured provider's hosts; photos and
// canvas exports as data:/blob: images.
import type { FastifyInstance } from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'

/** One year; sent only over HTTPS, which behind a proxy means TRUST_PROXY vouches for it. */
const HSTS = 'max-age=31536000; includeSubDomains'

export function contentSecurityPolicy(tileOrigins: string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...tileOrigins],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...tileOrigins],
    'worker-src': ["'self'", 'blob:'],
    // Browsers without worker-src (older Safari) read child-src for workers.
    'child-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
}

/**
 * The headers helmet sets with our options, computed once. @fastify/helmet built a new helmet
 * (re-parsing every CSP directive) on every request and added two hooks; the profile of
 * `npm run bench:profile-locate` put that at about 3 % of a locate request. The headers do not
 * depend on the request, so they are fixed at start and copied onto each reply.
 */
export function securityHeaders(tileOrigins: string[]): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy([...new Set(tileOrigins)]) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Over plain HTTP (an intranet install) HSTS would be wrong; see installSecurityHeaders.
    strictTransportSecurity: false,
  })
  const headers: Record<string, string> = {}
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  let done = false
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err
    done = true
  })
  if (!done) throw new Error('helmet did not finish synchronously')
  return headers
}

export async function installSecurityHeaders(app: FastifyInstance, tileOrigins: string[]): Promise<void> {
  const headers = securityHeaders(tileOrigins)
  app.addHook('onRequest', (request, reply, next) => {
    reply.headers(headers)
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
    next()
  })
}
