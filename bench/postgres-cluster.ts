// The PostgreSQL server the server-side figures run on: LINLI_BENCH_DATABASE_URL when given,
// otherwise a throwaway cluster initialised into a temp dir and removed afterwards, so the
// bench never touches a database someone cares about.
import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface PostgresServer {
  /** e.g. "PostgreSQL 15.14 + PostGIS 3.3.2 (throwaway cluster on 127.0.0.1:55500)" */
  description: string
  /** A new database, empty or a copy of `template` (a database on the same server); its URL. */
  createDatabase(label: string, template?: string): Promise<string>
  /** Drops what was created; stops and deletes a throwaway cluster. Safe to call twice. */
  close(): Promise<void>
}

export type PostgresOutcome = { server: PostgresServer } | { skipped: string }

const PG_ROOT = '/usr/lib/postgresql'
// LINLI_BENCH_PG_PORT: where to start looking for a free port (a shared machine gives each user a range).
const FIRST_PORT = Number(process.env.LINLI_BENCH_PG_PORT ?? 55500)

export function withDatabase(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = '/' + name
  return url.toString()
}

export async function startPostgres(): Promise<PostgresOutcome> {
  const given = process.env.LINLI_BENCH_DATABASE_URL
  if (given) return { server: await external(given) }
  const bin = findBinaries()
  if (typeof bin !== 'string') return { skipped: bin.why }
  const runAs = process.getuid?.() === 0 ? 'postgres' : null
  if (runAs && spawnSync('id', ['-u', runAs]).status !== 0) {
    return { skipped: 'running as root and there is no `postgres` OS user to run initdb as' }
  }
  return { server: await throwawayCluster(bin, runAs) }
}

function findBinaries(): string | { why: string } {
  if (!existsSync(PG_ROOT)) return { why: `${PG_ROOT} does not exist (install postgresql-15 and postgresql-15-postgis-3, or set LINLI_BENCH_DATABASE_URL)` }
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  if (versions.length === 0) return { why: `no PostgreSQL ≥ 15 with initdb under ${PG_ROOT}` }
  const withPostgis = versions.find((v) => existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`))
  if (!withPostgis) return { why: `PostGIS is not installed for PostgreSQL ${versions.join(', ')}` }
  return path.join(PG_ROOT, withPostgis, 'bin')
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs a PostgreSQL tool, as the `postgres` OS user when we are root (initdb refuses root). */
function runTool(runAs: string | null, argv: string[], timeoutMs = 120_000): void {
  const [cmd, args] = runAs
    ? ['su', [runAs, '-s', '/bin/bash', '-c', argv.map(shellQuote).join(' ')]]
    : [argv[0]!, argv.slice(1)]
  // pg_ctl redirects the postmaster's output to its log file (-l), so the pipes close when
  // pg_ctl itself exits and spawnSync does not wait on the server.
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs })
  if (r.status !== 0) {
    throw new Error(`${path.basename(argv[0]!)} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().slice(-800)}`)
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

async function freePort(): Promise<number> {
  for (let port = FIRST_PORT; port < FIRST_PORT + 100; port++) if (await portIsFree(port)) return port
  throw new Error(`no free port in ${FIRST_PORT}..${FIRST_PORT + 99}`)
}

async function describe(url: string, where: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const v = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    const g = await client.query<{ v: string | null }>(`SELECT default_version AS v FROM pg_available_extensions WHERE name = 'postgis'`)
    if (!g.rows[0]?.v) throw new Error(`PostGIS is not available on ${where}`)
    return `PostgreSQL ${v.rows[0]!.v.split(' ')[0]} + PostGIS ${g.rows[0].v} (${where})`
  } finally {
    await client.end()
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

async function external(base: string): Promise<PostgresServer> {
  const created: string[] = []
  return {
    description: await describe(base, 'LINLI_BENCH_DATABASE_URL'),
    async createDatabase(label, template) {
      // Unique names, so a bench never drops a database it did not create.
      const name = `linli_bench_${process.pid}_${randomBytes(3).toString('hex')}_${label}`
      await adminQuery(base, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`)
      created.push(name)
      return withDatabase(base, name)
    },
    async close() {
      // LINLI_BENCH_KEEP=1 leaves them for a look with psql (EXPLAIN after a city load); say where.
      if (process.env.LINLI_BENCH_KEEP === '1') {
        for (const name of created.splice(0)) console.error(`kept database ${name} (LINLI_BENCH_KEEP=1)`)
        return
      }
      for (const name of created.splice(0)) {
        await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: Error) =>
          console.error(`warning: could not drop ${name}: ${err.message}`),
        )
      }
    },
  }
}

async function throwawayCluster(bin: string, runAs: string | null): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-pg-'))
  const data = path.join(dir, 'data')
  const log = path.join(dir, 'server.log')
  let started = false
  const stop = () => {
    if (started) {
      started = false
      try {
        runTool(runAs, [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], 40_000)
      } catch (err) {
        console.error(`warning: ${(err as Error).message}; stopping it immediately`)
        try {
          runTool(runAs, [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], 20_000)
        } catch {
          // The cluster may already be gone; nothing more we can do without broad kills.
        }
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    if (runAs) {
      const uid = Number(spawnSync('id', ['-u', runAs], { encoding: 'utf8' }).stdout.trim())
      const gid = Number(spawnSync('id', ['-g', runAs], { encoding: 'utf8' }).stdout.trim())
      chownSync(dir, uid, gid)
    }
    // --no-sync: the cluster lives for a few minutes; fsyncing its template files is wasted time.
    runTool(runAs, [path.join(bin, 'initdb'), '-D', data, '-U', 'linli', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
    let port = 0
    for (let attempt = 0; ; attempt++) {
      port = await freePort()
      try {
        runTool(runAs, [
          path.join(bin, 'pg_ctl'), '-D', data, '-l', log, '-w', '-t', '60',
          '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start',
        ])
        started = true
        break
      } catch (err) {
        // Another process may have taken the port between the probe and the start.
        if (attempt >= 2) throw new Error(`${(err as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-800) : ''}`)
      }
    }
    const base = `postgres://linli@127.0.0.1:${port}/postgres`
    const description = await describe(base, `throwaway cluster on 127.0.0.1:${port}, stock settings`)
    let closed = false
    return {
      description,
      async createDatabase(label, template) {
        const name = `linli_bench_${label}`
        await adminQuery(base, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`)
        return withDatabase(base, name)
      },
      async close() {
        if (closed) return
        closed = true
        stop()
      },
    }
  } catch (err) {
    stop()
    throw err
  }
}
