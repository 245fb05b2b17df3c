// Figure 15: the city on a Citus cluster against one PostgreSQL server, in the same run (issue 19
// §3). The city of city.ts (figure 13) at LINLI_CITUS_CITY_SCALE (default 0.05: 250,000 cases) with
// one street per district (LINLI_CITY_STREETS_PER_DISTRICT, default 1 here: 5 districts at 0.05),
// loaded once on the section's PostgreSQL server and once on a Citus coordinator with two workers
// on loopback (scripts/citus-cluster.sh, LINLI_CITUS_PORT, default 56300), the cases family
// distributed by district. Every endpoint, the case reporting spread over the districts and the
// minute sweep on each; the ratio is the cluster's p99 (or throughput) over the single server's.
// Two workers on the same 2-core machine as the coordinator and the app measure correctness and
// overhead, not speed-up: every distributed statement pays a network round trip to a worker that
// shares the cores.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { createCitusDatabase, dropCitusDatabase } from '../test/support/citus.ts'
import { measureCity, type CityOptions } from './city.ts'
import type { Row, SectionResult } from './stats.ts'

const SECTION = '15 city · Citus'

export function cityCitusOptionsFromEnv(env = process.env): CityOptions {
  const scale = Number(env.LINLI_CITUS_CITY_SCALE ?? '0.05')
  if (!(scale > 0 && scale <= 1)) throw new Error(`LINLI_CITUS_CITY_SCALE must be in (0, 1], got ${env.LINLI_CITUS_CITY_SCALE}`)
  const reads = Number(env.LINLI_CITY_READS ?? '30')
  return { scale, reads: Number.isInteger(reads) && reads > 0 ? reads : 30, warmup: 5 }
}

/** The p99 (ms) or the throughput (/s) a row of figure 13 measured. */
function figureOf(row: Row): { p99?: number; rate?: number; seconds?: number } {
  const p99 = /p99 ([\d.,]+) ms/.exec(row.measured)?.[1]
  const rate = /^([\d.]+)\/s/.exec(row.measured)?.[1]
  const s = /^([\d.]+) s$/.exec(row.measured)?.[1]
  const num = (x?: string) => (x === undefined ? undefined : Number(x.replace(/,/g, '')))
  return { p99: num(p99), rate: num(rate), seconds: num(s) }
}

export async function measureCityOnCitus(singleUrl: string, opts: CityOptions): Promise<SectionResult> {
  process.env.LINLI_CITY_STREETS_PER_DISTRICT ??= '1'
  const port = Number(process.env.LINLI_CITUS_PORT ?? '56300')
  const script = path.join(import.meta.dirname, '../scripts/citus-cluster.sh')
  const cluster = (cmd: string) => {
    const r = spawnSync(script, [cmd], { env: { ...process.env, LINLI_CITUS_PORT: String(port) }, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`citus-cluster.sh ${cmd}: ${r.stdout}${r.stderr}`)
  }
  const single = await measureCity(singleUrl, opts)
  cluster('start')
  let citus: SectionResult
  try {
    const base = `postgres://linli@127.0.0.1:${port}/postgres`
    await dropCitusDatabase(base, 'linli_city_citus').catch(() => undefined)
    await createCitusDatabase(base, 'linli_city_citus', null)
    citus = await measureCity(`postgres://linli@127.0.0.1:${port}/linli_city_citus`, opts)
  } finally {
    cluster('stop')
  }
  const rows: Row[] = citus.rows.map((row) => {
    const there = single.rows.find((r) => r.figure === row.figure)
    const a = figureOf(row), b = there ? figureOf(there) : {}
    const ratio = a.rate !== undefined && b.rate ? a.rate / b.rate : a.p99 !== undefined && b.p99 ? a.p99 / b.p99 : a.seconds !== undefined && b.seconds ? a.seconds / b.seconds : undefined
    return { ...row, section: SECTION, baseline: there ? `single server: ${there.measured}` : '', ratio: ratio === undefined ? '' : `${ratio.toFixed(2)}×`, verdict: row.verdict }
  })
  return {
    rows,
    notes: [
      `Citus (figure 15): the city of figure 13 at scale ${opts.scale}, ${process.env.LINLI_CITY_STREETS_PER_DISTRICT} street(s) per district, on a coordinator and two workers on loopback (port ${port}), the cases family distributed by district, every other table a reference or Citus local table; Baseline is the same city on the section's single PostgreSQL server, measured first in the same run. Ratio: the cluster's p99 (or the reporting throughput, or the load's and the sweep's time) over the single server's. Two workers on the 2-core machine that also runs the coordinator and the app measure correctness and overhead, not speed-up.`,
      ...citus.notes.map((n) => `On Citus: ${n}`),
      ...single.notes.map((n) => `On the single server: ${n}`),
    ],
  }
}
