// Serves the built web app: the console at / and the phone pages at /h5/, each falling back to
// its index.html so client-side routes survive a reload. `npm start` builds it first when the
// sources changed since the last build.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './paths.ts'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

export { projectRoot }
export const webDist = path.join(projectRoot, 'dist/web')
const STAMP = '.build-hash'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/** A hash of everything the build reads, so a stale build is noticed and a fresh one reused. */
export function webSourceHash(): string {
  const inputs = [...filesUnder(path.join(projectRoot, 'src/web')), path.join(projectRoot, 'vite.config.ts'), path.join(projectRoot, 'package-lock.json')].sort()
  const h = createHash('sha256')
  for (const f of inputs) h.update(path.relative(projectRoot, f)).update(readFileSync(f))
  return h.digest('hex')
}

export async function ensureWebBuild(log: (msg: string) => void = console.log): Promise<'fresh' | 'built'> {
  const hash = webSourceHash()
  const stamp = path.join(webDist, STAMP)
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 'fresh'
  log('正在构建网页端 (building the web app)…')
  const { build } = await import('vite')
  await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' })
  writeFileSync(stamp, hash)
  return 'built'
}

export async function registerWebApp(app: FastifyInstance, dir: string = webDist): Promise<boolean> {
  if (!existsSync(path.join(dir, 'index.html'))) return false
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: 'index.html',
    setHeaders(reply, filePath) {
      // Hashed assets never change; the HTML entry points must always be revalidated.
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  return true
}

/** For a browser asking for a page the router does not know, the SPA's entry point. */
export function spaEntryFor(url: string): string | null {
  if (url.startsWith('/api/') || url === '/api') return null
  return url === '/h5' || url.startsWith('/h5/') || url.startsWith('/h5?') ? 'h5/index.html' : 'index.html'
}
