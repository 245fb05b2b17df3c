// Test databases on a Citus cluster (LINLI_TEST_CITUS=1, LINLI_TEST_DATABASE_URL at the
// coordinator; scripts/citus-cluster.sh starts one). Citus does not propagate CREATE DATABASE with
// a template of ours (its propagation takes template1 only), so every database is made on every
// node: the template once with the citus extension and the workers joined to it, and each test
// file's copy of it on every node at once. A copy carries the template's Citus metadata (nodes,
// shards) on each node, so the coordinator's copy and the workers' copies form one cluster
// database under the new name.
import { after, before } from 'node:test'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openPostgres, type Database } from '../../src/server/kernel/db/client.ts'
import { databaseUrl } from './template.ts'

export const citusTests = process.env.LINLI_TEST_CITUS === '1'

/**
 * The layout the Citus template is built with: the cases family distributed by district (the app's
 * default), or with LINLI_TEST_CITUS_DISTRIBUTE=none kept on the coordinator (the reference layout).
 */
export function citusLayout(): 'cases' | 'none' {
  return process.env.LINLI_TEST_CITUS_DISTRIBUTE === 'none' ? 'none' : 'cases'
}

interface Node { host: string; port: number }

async function withClient<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await body(c)
  } finally {
    await c.end()
  }
}

/** The workers the coordinator's maintenance database (the URL's own) knows. */
async function workers(base: string): Promise<Node[]> {
  return withClient(base, async (c) => (await c.query<{ host: string; port: number }>(
    `SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`)).rows)
}

function nodeUrl(base: string, node: Node | null, db: string): string {
  const url = new URL(databaseUrl(base, db))
  if (node) {
    url.hostname = node.host
    url.port = String(node.port)
  }
  return url.toString()
}

/**
 * Backends still connected to the template on a node (Citus's maintenance daemon of that
 * database, a leftover connection of the coordinator's) make CREATE DATABASE … TEMPLATE fail.
 */
async function freeTemplate(c: pg.Client, template: string): Promise<void> {
  await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [template])
}

/** Runs `statement` on a node, again while another session (a daemon, a closing connection) is in the way. */
async function onNode(url: string, statement: string, template: string | null = null): Promise<void> {
  await withClient(url, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        if (template) await freeTemplate(c, template)
        await c.query(statement)
        return
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err
        await new Promise((r) => setTimeout(r, 250))
      }
    }
  })
}

/** Makes `name` on every node; a fresh one (no template) gets the citus extension and the workers joined. */
export async function createCitusDatabase(base: string, name: string, template: string | null): Promise<void> {
  const nodes = await workers(base)
  const create = `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`
  await Promise.all([base, ...nodes.map((n) => nodeUrl(base, n, 'postgres'))].map((url) => onNode(url, create, template)))
  if (template) return
  for (const n of nodes) await withClient(nodeUrl(base, n, name), (c) => c.query('CREATE EXTENSION citus'))
  const coordinator = new URL(base)
  await withClient(databaseUrl(base, name), async (c) => {
    await c.query('CREATE EXTENSION citus')
    await c.query('SELECT citus_set_coordinator_host($1, $2)', [coordinator.hostname, Number(coordinator.port || 5432)])
    for (const n of nodes) await c.query('SELECT citus_add_node($1, $2)', [n.host, n.port])
  })
}

export async function dropCitusDatabase(base: string, name: string): Promise<void> {
  const nodes = await workers(base)
  for (const url of [base, ...nodes.map((n) => nodeUrl(base, n, 'postgres'))]) await onNode(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}

/**
 * A test file's own empty database on the cluster (a Citus database of its own, not a copy of the
 * template), made before its tests and dropped after them, with a pool of four on the coordinator.
 */
export function useOwnCitusDatabase(prefix: string): { readonly database: Database; readonly name: string; readonly base: string } {
  const base = process.env.LINLI_TEST_DATABASE_URL!
  const name = `${prefix}_${process.pid}`
  let database: Database | undefined
  before(async () => {
    await createCitusDatabase(base, name, null)
    database = await openPostgres(databaseUrl(base, name), 4)
  })
  after(async () => {
    await database?.close()
    await dropCitusDatabase(base, name)
  })
  return {
    get database() {
      if (!database) throw new Error('the database is made in before()')
      return database
    },
    name,
    base,
  }
}

/** The cases' rollup's sums per key against a count over the cases themselves: both sides' differences. */
export async function rollupDrift(database: Database): Promise<string[]> {
  const drift = (await database.db.execute(sql`
    WITH r AS (SELECT district_id, org_path::text AS org, handling_org_path::text AS handling, state, sum(n)::int AS n, sum(overdue)::int AS overdue, sum(rated)::int AS rated
               FROM case_stats_rollup GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
    c AS (SELECT district_id, org_path::text AS org, handling_org_path::text AS handling, state, count(*)::int AS n,
            count(*) FILTER (WHERE overdue_at IS NOT NULL AND state NOT IN ('rejected', 'closed'))::int AS overdue, count(rating)::int AS rated
          FROM cases GROUP BY 1, 2, 3, 4)
    SELECT concat_ws(' ', coalesce(r.district_id, c.district_id), coalesce(r.org, c.org), coalesce(r.state, c.state), r.n, c.n, r.overdue, c.overdue, r.rated, c.rated) AS key
    FROM r FULL JOIN c ON c.district_id = r.district_id AND c.org = r.org AND c.handling = r.handling AND c.state = r.state
    WHERE r.n IS DISTINCT FROM c.n OR r.overdue IS DISTINCT FROM c.overdue OR r.rated IS DISTINCT FROM c.rated ORDER BY 1`)).rows as { key: string }[]
  return drift.map((d) => d.key)
}

/** The hotspot points (case_points) and the cases they should be: neither merged nor rejected. */
export async function hotspotPoints(database: Database): Promise<{ points: number; cases: number }> {
  return (await database.db.execute(sql`SELECT (SELECT count(*)::int FROM case_points) AS points,
    (SELECT count(*)::int FROM cases WHERE merged_into_id IS NULL AND state <> 'rejected') AS cases`)).rows[0] as { points: number; cases: number }
}
