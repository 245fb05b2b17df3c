// Linli on a Citus cluster (issue 19 §3): after the migrations, when the database has the citus
// extension (DATABASE_URL at a Citus coordinator), the cases family is distributed by district
// (unless DATABASE_CITUS_DISTRIBUTE=none), the dictionary-like tables every district reads
// become reference tables (a copy on every node, so any shard joins them locally) and the tables
// their foreign keys reach Citus local tables. Plain PostgreSQL and PGlite have no citus extension
// and are left alone. Idempotent: a table Citus already knows is skipped, so it runs at every start
// (and a database converted to an earlier, smaller layout gets the rest at its next start). docs/architecture.md, "Distribution on
// Citus", lists every table's kind and what still keeps the large tables from being distributed
// by district.
import { sql } from 'drizzle-orm'
import { firstRow, type Database, type Executor } from './client.ts'
import { moveChecksToPartitions, quoteIdent } from './partitions.ts'

const CITUS_LOCK = 0x11e12 // beside the migrations' lock (migrate.ts)

/**
 * The reference tables up to 2026-12-07: settings, the working-day calendar and the estate rating
 * criteria, the dictionaries no foreign key from a coordinator table points at. A database
 * converted then gets the rest of REFERENCE_TABLES at its next start
 * (test/db/citus.upgrade.db.test.ts).
 */
export const EARLIER_REFERENCE_TABLES: readonly string[] = ['settings', 'calendar_days', 'estate_rating_criteria']

/**
 * The reference tables issue 19 asks for, in the order they are made (a table before those that
 * point at it): the org tree, the case categories, the service catalogue (items and their
 * versions, whose `list` is the order category), the points rules and the three above. The first
 * one a coordinator table points at makes Citus turn that table's whole foreign-key graph
 * (through people and orgs: nearly the whole schema) into Citus local tables, so every statement
 * of the app follows the rules of Citus's planner (docs/architecture.md, "Distribution on
 * Citus", lists them and the rewrites). The indicator dictionary is code (kernel/indicators.ts),
 * not a table.
 */
export const REFERENCE_TABLES: readonly string[] = ['orgs', 'case_categories', 'service_items', 'service_item_versions', 'points_rules', ...EARLIER_REFERENCE_TABLES]

/**
 * Foreign keys from a reference table to a table that is not one, which Citus cannot
 * keep (a reference table's rows are on every node; people's only on the coordinator). Dropped
 * on Citus only, when their table becomes a reference table; the service writes the column from
 * the acting person, and people are never deleted.
 */
export const DROPPED_FOREIGN_KEYS = [{ table: 'service_item_versions', constraint: 'service_item_versions_created_by_people_id_fk' }] as const

export interface CitusLayout {
  reference: string[]
  distributed: { table: string; column: string; colocatedWith: string }[]
}

/**
 * Distributed tables with their distribution column, co-located with the first: the cases family,
 * by the district of the case (issue 19 §3). A case, its timeline, its meetings, its hotspot point
 * and its figures' rollup rows are on one node, and the work of one district runs there. The
 * cases' row triggers run on the shards and write only co-located shards (0050). Follows stay on
 * the coordinator: a follow of a street or the city is in no one district, and a case's followers
 * are read together with the follows of every node above it.
 */
export const DISTRIBUTED_TABLES: CitusLayout['distributed'] = ['cases', 'case_events', 'case_meetings', 'case_points', 'case_stats_rollup']
  .map((table) => ({ table, column: 'district_id', colocatedWith: 'cases' }))

interface ForeignKey { table: string; name: string; target: string; definition: string }

/**
 * What the distributed tables' foreign keys become. Citus keeps a key between two distributed
 * tables only when it holds the distribution column on both sides and does not cascade an update
 * (it refuses to change a distribution column anyway: a community moved into another district
 * takes its cases there as a copy and a delete, cases.repository.ts moveCasePaths); a key from
 * one to a reference table; and
 * none between a distributed table and a table that stays on the coordinator (people, visits,
 * estate ratings, hazards, secretary projects). Those go; the services check the ids they write
 * (the coordinator's rows, read in the same transaction) as they did before the keys. The keys
 * to reference tables are added back once those tables are made, one per `ALTER TABLE` (Citus
 * refuses several in one).
 */
export function planForeignKeys(keys: readonly ForeignKey[], reference: readonly string[], distributed: CitusLayout['distributed']): { drop: ForeignKey[]; addBack: { table: string; name: string; definition: string }[] } {
  const DISTRIBUTED = new Set(distributed.map((d) => d.table))
  const drop: ForeignKey[] = []
  const addBack: { table: string; name: string; definition: string }[] = []
  for (const k of keys) {
    if (!DISTRIBUTED.has(k.table) && !DISTRIBUTED.has(k.target)) continue
    drop.push(k)
    if (DISTRIBUTED.has(k.table) && reference.includes(k.target)) addBack.push(k)
    else if (DISTRIBUTED.has(k.table) && DISTRIBUTED.has(k.target) && /\(\s*[^)]*\bdistrict_id\b[^)]*\)\s+REFERENCES\s+\S+\([^)]*\bdistrict_id\b/.test(k.definition)) {
      addBack.push({ ...k, definition: k.definition.replace(/\s*ON UPDATE CASCADE/i, '') })
    }
  }
  return { drop, addBack }
}

export async function hasCitus(database: Database): Promise<boolean> {
  if (database.kind !== 'postgres') return false
  let found = false
  await database.runLockedScript(CITUS_LOCK, async (_exec, query) => {
    found = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`))[0]!.n > 0
  })
  return found
}

/**
 * Makes the reference and distributed tables Citus does not know yet (the tables their foreign-key
 * graphs reach become Citus local tables); null when this is no Citus database.
 */
export async function distributeOnCitus(database: Database, reference: readonly string[] = REFERENCE_TABLES, distributed: CitusLayout['distributed'] = []): Promise<CitusLayout | null> {
  if (!(await hasCitus(database))) return null
  const made: CitusLayout = { reference: [], distributed: [] }
  await database.runLockedScript(CITUS_LOCK, async (_exec, query) => {
    const known = new Set((await query<{ name: string }>(`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'h' OR (partmethod = 'n' AND repmodel = 't')`)).map((r) => r.name))
    // Reference tables are copied to the workers inside this transaction, one connection per node.
    await query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`)
    // The tables' row triggers (updated_at, the org path) go with them to every placement.
    await query(`SET LOCAL citus.enable_unsafe_triggers TO on`)
    // Citus remakes a table's identity when it makes the table a Citus table, starting again at 1:
    // where rows are there already (a database that ran before this step), each identity is set
    // back to where it was once the tables are converted.
    // The next value is read from the sequence itself: pg_sequence_last_value() is NULL for a
    // sequence set with setval(…, false) and not used since, as every identity is after an earlier
    // conversion's restore below (a table without new rows since then kept NULL, was skipped, and
    // Citus restarted it at 1 under its rows: deliberation_templates, when a database on the
    // earlier layout was converted to this one).
    const willMake = reference.some((t) => !known.has(t)) || distributed.some((d) => !known.has(d.table))
    const identities: { table: string; column: string; next: string }[] = []
    if (willMake) {
      const columns = await query<{ table: string; column: string; seq: string }>(`SELECT c.relname::text AS table, a.attname::text AS column,
          pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attidentity <> '' AND NOT a.attisdropped
          AND NOT EXISTS (SELECT 1 FROM pg_dist_partition d WHERE d.logicalrelid = c.oid AND (d.partmethod = 'h' OR d.repmodel = 't'))`)
      for (const c of columns) {
        const [state] = await query<{ next: string }>(`SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${c.seq}`)
        identities.push({ table: c.table, column: c.column, next: state!.next })
      }
    }
    // Already done by partitionTables at start; again here for a server started with DATABASE_PARTITIONS=false.
    await moveChecksToPartitions((text) => query(text))
    // The distributed tables first: once a reference table is made, every table its keys reach
    // (through the org tree, nearly the whole schema) becomes a Citus local table, and Citus cannot
    // turn a Citus local table with an identity column into a distributed one.
    const distribute = distributed.filter((d) => !known.has(d.table))
    let addBack: { table: string; name: string; definition: string }[] = []
    if (distribute.length > 0) {
      const keys = await query<ForeignKey>(`SELECT conrelid::regclass::text AS table, conname::text AS name, confrelid::regclass::text AS target, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`)
      const plan = planForeignKeys(keys, reference, distributed)
      // A cluster on the reference layout (DATABASE_CITUS_DISTRIBUTE=none, or a start before
      // 2026-12-08) has the family as Citus local tables: with none of their keys left they become
      // plain tables again (Citus undoes the local tables it made for a key by itself once the key
      // goes; the rest here), rows, indexes and triggers kept, and are distributed below like a new
      // database's. Citus undoes no table with an identity column and changes no identity of a
      // Citus table, so the identities are dropped from the coordinator's table alone first and
      // made again once the tables are plain; their next values (read above) are set back after.
      const isLocal = async () => (await query<{ name: string }>(`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'n' AND repmodel <> 't'`))
        .map((r) => r.name).filter((t) => distribute.some((d) => d.table === t))
      const localIdentities = await query<{ table: string; column: string; kind: string }>(`SELECT c.relname::text AS table, a.attname::text AS column, a.attidentity::text AS kind
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = ANY($1::text[]) AND c.relnamespace = 'public'::regnamespace AND a.attidentity <> '' AND NOT a.attisdropped`, [await isLocal()])
      if (localIdentities.length > 0) {
        await query('SET LOCAL citus.enable_ddl_propagation TO off')
        for (const id of localIdentities) await query(`ALTER TABLE ${quoteIdent(id.table)} ALTER COLUMN ${quoteIdent(id.column)} DROP IDENTITY`)
        await query('SET LOCAL citus.enable_ddl_propagation TO on')
      }
      for (const k of plan.drop) await query(`ALTER TABLE ${quoteIdent(k.table)} DROP CONSTRAINT ${quoteIdent(k.name)}`)
      addBack = plan.addBack
      for (const table of await isLocal()) await query('SELECT undistribute_table($1)', [table])
      for (const id of localIdentities) {
        await query(`ALTER TABLE ${quoteIdent(id.table)} ALTER COLUMN ${quoteIdent(id.column)} ADD GENERATED ${id.kind === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`)
      }
      // A unique key must hold the distribution column: (id, district_id) is the key now.
      await query('DROP INDEX IF EXISTS cases_id_key')
      // Rows there already are copied to the shards without the row triggers (the rollup and the
      // hotspot points have their rows: counted again they would be doubled), and the
      // coordinator's copy is emptied without the truncate triggers (which would empty them).
      // Writers wait for this transaction (the lock DISABLE TRIGGER takes), so none is missed.
      for (const d of distribute) await query(`ALTER TABLE ${quoteIdent(d.table)} DISABLE TRIGGER USER`)
      for (const d of distribute) {
        await query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [d.table, d.column, d.colocatedWith === d.table ? 'default' : d.colocatedWith])
        made.distributed.push(d)
      }
      for (const d of distribute) {
        await query('SELECT truncate_local_data_after_distributing_table($1)', [d.table])
        await query(`ALTER TABLE ${quoteIdent(d.table)} ENABLE TRIGGER USER`)
      }
    }
    for (const fk of DROPPED_FOREIGN_KEYS) {
      if (known.has(fk.table) || !reference.includes(fk.table)) continue
      await query(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(fk.constraint)}`)
    }
    for (const table of reference) {
      if (known.has(table)) continue
      await query('SELECT create_reference_table($1)', [table])
      made.reference.push(table)
    }
    for (const k of addBack) await query(`ALTER TABLE ${quoteIdent(k.table)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`)
    // Never backwards: another instance may have taken ids since they were read.
    if (made.reference.length + made.distributed.length > 0) {
      for (const id of identities) {
        const [seq] = await query<{ seq: string }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [quoteIdent(id.table), id.column])
        await query(`SELECT setval($1::regclass, greatest($2::bigint, s.next), false)
          FROM (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS next FROM ${seq!.seq}) s`, [seq!.seq, id.next])
      }
    }
  })
  return made
}

/**
 * Whether `table` is distributed (hash) on a Citus cluster; false on PostgreSQL without Citus and on
 * PGlite. For the rare statements that differ on that layout (a case moved into another district).
 */
export async function isDistributedTable(ex: Executor, table: string): Promise<boolean> {
  // Asked per read of a case: remembered per executor (the app's database, or one transaction).
  // A layout changes only at start, before the app serves.
  const known = distributedTables.get(ex as object)?.get(table)
  if (known !== undefined) return known
  const answer = await askDistributed(ex, table)
  if (!distributedTables.has(ex as object)) distributedTables.set(ex as object, new Map())
  distributedTables.get(ex as object)!.set(table, answer)
  return answer
}

const distributedTables = new WeakMap<object, Map<string, boolean>>()

async function askDistributed(ex: Executor, table: string): Promise<boolean> {
  const catalog = await firstRow<{ citus: boolean }>(ex, sql`SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL AS citus`)
  if (!catalog?.citus) return false
  const found = await firstRow<{ distributed: boolean }>(ex, sql`SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(${table}) AND partmethod = 'h') AS distributed`)
  return found?.distributed ?? false
}
