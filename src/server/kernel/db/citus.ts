// Linli on a Citus cluster (issue 19 §3): after the migrations, when the database has the citus
// extension (DATABASE_URL at a Citus coordinator), the dictionary-like tables every district reads
// become reference tables (a copy on every node, so any shard joins them locally). Plain
// PostgreSQL and PGlite have no citus extension and are left alone. Idempotent: a table Citus
// already knows is skipped, so it runs at every start. docs/architecture.md, "Distribution on
// Citus", lists every table's key and why the rest stay on the coordinator.
import type { Database } from './client.ts'

const CITUS_LOCK = 0x11e12 // beside the migrations' lock (migrate.ts)

/**
 * Reference tables: settings, the working-day calendar and the estate rating criteria, the
 * dictionaries that no foreign key ties to the rest of the schema. The org tree, categories, the
 * service catalogue and the points rules are not yet: a foreign key from a coordinator table to a
 * reference table makes Citus convert every table of its foreign-key graph (through people: the
 * whole schema) into a Citus local table, which Citus 13.2 fails on the partitioned device_presses
 * ("child table is missing constraint …"); docs/architecture.md, "Distribution on Citus".
 */
export const REFERENCE_TABLES = ['settings', 'calendar_days', 'estate_rating_criteria'] as const

export interface CitusLayout {
  reference: string[]
  distributed: { table: string; column: string; colocatedWith: string }[]
}

/** Distributed tables with their distribution column; co-located with the first. None yet: see the architecture doc. */
export const DISTRIBUTED_TABLES: CitusLayout['distributed'] = []

export async function hasCitus(database: Database): Promise<boolean> {
  if (database.kind !== 'postgres') return false
  let found = false
  await database.runLockedScript(CITUS_LOCK, async (_exec, query) => {
    found = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`))[0]!.n > 0
  })
  return found
}

/** Makes the reference and distributed tables Citus does not know yet; null when this is no Citus database. */
export async function distributeOnCitus(database: Database): Promise<CitusLayout | null> {
  if (!(await hasCitus(database))) return null
  const made: CitusLayout = { reference: [], distributed: [] }
  await database.runLockedScript(CITUS_LOCK, async (_exec, query) => {
    const known = new Set((await query<{ name: string }>(`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'h' OR (partmethod = 'n' AND repmodel = 't')`)).map((r) => r.name))
    // Reference tables are copied to the workers inside this transaction, one connection per node.
    await query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`)
    // The tables' row triggers (updated_at, the org path) go with them to every placement.
    await query(`SET LOCAL citus.enable_unsafe_triggers TO on`)
    for (const table of REFERENCE_TABLES) {
      if (known.has(table)) continue
      await query('SELECT create_reference_table($1)', [table])
      made.reference.push(table)
    }
    for (const d of DISTRIBUTED_TABLES) {
      if (known.has(d.table)) continue
      await query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [d.table, d.column, d.colocatedWith === d.table ? 'default' : d.colocatedWith])
      made.distributed.push(d)
    }
  })
  return made
}
