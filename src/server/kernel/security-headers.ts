// Security headers on every answer (pages, API, errors, the API docs), through @fastify/helmet.
// The Content-Security-Policy is what the console and phone pages need and no more: their own
// scripts only; inline styles (antd and antd-mobile write CSS-in-JS <style> tags); MapLibre's
// workers from blob: URLs; base-map tiles from the configured provider's hosts; photos and
// canvas exports as data:/blob: images.
import type { FastifyInstance } from 'fastify'
import fastifyHelmet from '@fastify/helmet'

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

export async function installSecurityHeaders(app: FastifyInstance, tileOrigins: string[]): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy([...new Set(tileOrigins)]) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Over plain HTTP (an intranet install) HSTS would be wrong; see the hook below.
    strictTransportSecurity: false,
  })
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
  })
}
