// `npm run bench:profile-locate`: where the app's time goes in GET /api/v1/geo/locate beyond
// its SQL. Builds the generated city of figure 1 on a throwaway PostgreSQL cluster, warms up,
// then samples the CPU (V8's profiler, in-process) over 3,000 app.inject calls and prints self
// time by package and by function. Figures are shares of the sampled time, so they compare
// between runs on a noisy machine.
import { Session } from 'node:inspector/promises'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { postgresTarget, randomPoints, seedCity } from './locate.ts'
import { startPostgres } from './postgres-cluster.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const RUNS = 3000
const WARMUP = 500

function bucketOf(url: string): string {
  if (!url) return '(native / idle / GC)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (url.startsWith('node:')) return 'node core'
  const src = url.indexOf('/src/server/')
  return src >= 0 ? url.slice(src + 1) : url
}

function report(profile: Profile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfByBucket = new Map<string, number>()
  const selfByFunction = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    const node = byId.get(id)!
    const name = node.callFrame.functionName || '(anonymous)'
    if (name === '(idle)' || name === '(program)') return
    total += dt
    const bucket = bucketOf(node.callFrame.url)
    selfByBucket.set(bucket, (selfByBucket.get(bucket) ?? 0) + dt)
    const fn = `${name} ${bucket}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dt)
  })
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
  return ['Self time by package (busy samples only):', ...top(selfByBucket, 20), '', 'Self time by function:', ...top(selfByFunction, 30)]
}

async function main() {
  const outcome = await startPostgres()
  if (!('server' in outcome)) throw new Error(`no PostgreSQL: ${outcome.skipped}`)
  const server = outcome.server
  const target = await postgresTarget(await server.createDatabase('locateprofile'))
  try {
    const { current: migration } = await migrate(target.database)
    await seedCity(target.database)
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: target.database, migration, logger: false })
    await app.ready()
    const points = randomPoints(WARMUP + RUNS, 7)
    const call = (i: number) => {
      const p = points[i]!
      return app.inject({ method: 'GET', url: `/api/v1/geo/locate?lng=${p.lng.toFixed(7)}&lat=${p.lat.toFixed(7)}`, remoteAddress: `127.0.0.${(i % 16) + 1}` })
    }
    for (let i = 0; i < WARMUP; i++) await call(i)
    const session = new Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 50 })
    await session.post('Profiler.start')
    const t0 = performance.now()
    for (let i = WARMUP; i < WARMUP + RUNS; i++) await call(i)
    const elapsed = performance.now() - t0
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile }
    session.disconnect()
    await app.close()
    console.log(`${RUNS} locate requests through app.inject in ${(elapsed / 1000).toFixed(2)} s (${(elapsed / RUNS).toFixed(3)} ms each, profiler on)\n`)
    console.log(report(profile).join('\n'))
  } finally {
    await target.close()
    await server.close()
  }
}

await main()
