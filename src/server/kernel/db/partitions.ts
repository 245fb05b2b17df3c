// Monthly partitions of the tables that only grow, on a PostgreSQL server (issue 19). Embedded
// mode (PGlite) keeps plain tables: nothing here runs there. After the migrations,
// `partitionTables` turns each listed table that is still plain into a table partitioned by
// month (partitions.convert.ts); the minute sweep's job `partitions` then keeps this month's and
// the next months' partitions made ahead and, where a retention is configured, drops whole
// partitions older than it, recording each drop in the audit log.
//
// Partition names: `<table>_p<YYYYMM>` holds one month (Beijing time); `<table>_before_<YYYYMM>`
// holds everything before that month (the rows a table had when it was converted, and rows dated
// earlier than any month partition). Keys:
// - audit_log.at, notifications.created_at, case_events.at, points_postings.created_at: the
//   row's time (timestamptz), primary key (id, time).
// - device_presses.signed_at: the device's signed time in milliseconds, which the press route
//   keeps within DEVICE_CLOCK_SKEW_S of the server's clock; the idempotency key
//   (device_id, signed_at) already contains it and stays exactly as strong.
// - broadcast_receipts.broadcast_id: a receipt belongs to the month its broadcast was created in.
//   The table has no time of its own and its key (broadcast_id, person_id) must stay unique, so
//   its partitions are ranges of broadcast ids cut at each month's first sweep: the newest
//   partition is open-ended (up to MAXVALUE) and is closed at the next id when a month begins.
// The time-keyed tables also have `<table>_default`, the DEFAULT partition: a row dated beyond
// the months made ahead is kept there instead of refused (a month whose rows already sit there is
// not made; they stay in the default partition, which retention never drops).
import { sql } from 'drizzle-orm'
import type { Config } from '../config.ts'
import type { Database, Executor } from './client.ts'
import { rows } from './client.ts'
import type { Job } from '../scheduler.ts'
import { recordAudit } from '../audit.ts'
import { systemContext } from '../context.ts'
import { monthLabel, monthOf, monthStartLiteral, monthStartMs, parseMonthLabel } from './partitions.months.ts'
import { convertTable } from './partitions.convert.ts'

export type PartitionKeyKind = 'time' | 'epochMs' | 'serial'

export interface PartitionedTable {
  table: string
  key: string
  kind: PartitionKeyKind
  /** kind 'serial': the table whose id sequence cuts the months. */
  serialOf?: string
}

export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  { table: 'audit_log', key: 'at', kind: 'time' },
  { table: 'notifications', key: 'created_at', kind: 'time' },
  { table: 'case_events', key: 'at', kind: 'time' },
  { table: 'points_postings', key: 'created_at', kind: 'time' },
  { table: 'device_presses', key: 'signed_at', kind: 'epochMs' },
  { table: 'broadcast_receipts', key: 'broadcast_id', kind: 'serial', serialOf: 'broadcasts' },
]

/** The audit log is kept at least this long: 《网络安全法》第二十一条, network logs no less than six months. */
export const AUDIT_MINIMUM_MONTHS = 6

export interface PartitionOptions {
  /** Month partitions made ahead of the current month. */
  monthsAhead: number
  /** Months kept per table; a table not named keeps everything. */
  retention: Record<string, number>
}

export type PartitionConfig = Partial<Pick<Config, 'DATABASE_PARTITIONS' | 'PARTITION_MONTHS_AHEAD' | 'PARTITION_RETENTION_MONTHS'>>

/** Runs raw SQL and returns its rows: the one thing the partition code needs from a connection. */
export type RunSql = <T>(text: string) => Promise<T[]>

export function runOn(ex: Executor): RunSql {
  return <T>(text: string) => rows<T>(ex, sql.raw(text))
}

/** `audit_log=72,notifications=24`: months kept per table; refuses unknown tables and an audit log kept too briefly. */
export function parseRetention(text: string | undefined): Record<string, number> {
  const retention: Record<string, number> = {}
  for (const part of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)\s*=\s*(\d+)$/.exec(part)
    const table = m?.[1]
    if (!m || !table || !PARTITIONED_TABLES.some((t) => t.table === table)) {
      throw new Error(`PARTITION_RETENTION_MONTHS: 无法识别 “${part}”，应为 表名=月数，表名为 ${PARTITIONED_TABLES.map((t) => t.table).join('、')} (expected table=months)`)
    }
    const months = Number(m[2])
    if (months < 1) throw new Error(`PARTITION_RETENTION_MONTHS: ${table} 至少保留 1 个月 (at least one month)`)
    if (table === 'audit_log' && months < AUDIT_MINIMUM_MONTHS) {
      throw new Error(`PARTITION_RETENTION_MONTHS: 审计日志依法至少保留 ${AUDIT_MINIMUM_MONTHS} 个月 (the audit log is kept at least ${AUDIT_MINIMUM_MONTHS} months by law)`)
    }
    retention[table] = months
  }
  return retention
}

export function partitionOptions(config: PartitionConfig): PartitionOptions {
  return { monthsAhead: config.PARTITION_MONTHS_AHEAD ?? 3, retention: parseRetention(config.PARTITION_RETENTION_MONTHS) }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The partition bound of a month's first moment for a time or epoch key. */
export function boundOf(t: PartitionedTable, month: number): string {
  return t.kind === 'epochMs' ? String(monthStartMs(month)) : `'${monthStartLiteral(month)}'`
}

export interface PartitionInfo {
  name: string
  /** `p`: one month (or, for serial keys, the broadcasts created from that month on); `before`: everything before the month. */
  part: 'p' | 'before'
  month: number
  bound: string
}

export async function isPartitioned(run: RunSql, table: string): Promise<boolean> {
  const r = await run<{ kind: string }>(`SELECT c.relkind::text AS kind FROM pg_class c WHERE c.oid = to_regclass('${table}')`)
  return r[0]?.kind === 'p'
}

export async function partitionsOf(run: RunSql, table: string): Promise<PartitionInfo[]> {
  const r = await run<{ name: string; bound: string }>(`SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('${table}') ORDER BY c.relname`)
  const out: PartitionInfo[] = []
  for (const { name, bound } of r) {
    const m = new RegExp(`^${table}_(p|before_)(\\d{6})$`).exec(name)
    const month = m?.[2] ? parseMonthLabel(m[2]) : null
    if (m && month !== null) out.push({ name, part: m[1] === 'p' ? 'p' : 'before', month, bound })
  }
  return out
}

/** Copies the parent's statement-level guards (append-only, no TRUNCATE) onto a partition, so a statement naming the partition meets them too. */
export async function copyStatementTriggers(run: RunSql, table: string, partition: string): Promise<void> {
  const triggers = await run<{ def: string }>(`SELECT pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
    WHERE t.tgrelid = to_regclass('${table}') AND NOT t.tgisinternal AND (t.tgtype & 1) = 0
      AND t.tgnewtable IS NULL AND t.tgoldtable IS NULL`)
  for (const { def } of triggers) {
    await run(def.replace(new RegExp(` ON (\\S+\\.)?"?${table}"? `), ` ON ${quoteIdent(partition)} `))
  }
}

/**
 * On a Citus coordinator the partitions of a table carry its CHECK constraints themselves and the
 * parent carries none. Citus 13.2 names a CHECK constraint it inherits down to a Citus local
 * table's partition after the partition's own shard, so the partition's shard no longer matches
 * its parent's and any partition made or attached there fails with `child table is missing
 * constraint "<name>_<shard id>"` (whether the table was converted by convertTable or made
 * partitioned from the start). A CHECK a partition owns is renamed with its own shard and checked
 * exactly as before, row by row, on whichever partition the row lands in. Moves every parent's
 * CHECK constraints down (same names and definitions); idempotent. Returns `table.constraint`s moved.
 */
export async function moveChecksToPartitions(run: RunSql): Promise<string[]> {
  const moved: string[] = []
  for (const t of PARTITIONED_TABLES) {
    if (!(await isPartitioned(run, t.table))) continue
    const checks = await run<{ name: string; def: string }>(`SELECT conname::text AS name, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE conrelid = to_regclass('${t.table}') AND contype = 'c' ORDER BY conname`)
    if (checks.length === 0) continue
    const parts = await run<{ name: string }>(`SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass('${t.table}') ORDER BY c.relname`)
    for (const check of checks) {
      // Dropping it on the parent drops the inherited copies; each partition then gets its own.
      await run(`ALTER TABLE ${quoteIdent(t.table)} DROP CONSTRAINT ${quoteIdent(check.name)}`)
      for (const part of parts) await run(`ALTER TABLE ${quoteIdent(part.name)} ADD CONSTRAINT ${quoteIdent(check.name)} ${check.def}`)
      moved.push(`${t.table}.${check.name}`)
    }
  }
  return moved
}

/**
 * Copies onto a new partition the CHECK constraints its siblings own (those moved down by
 * moveChecksToPartitions on Citus; on a plain server the partitions own none, they inherit the
 * parent's), so every partition checks its rows alike.
 */
async function copyPartitionChecks(run: RunSql, table: string, partition: string): Promise<void> {
  const checks = await run<{ name: string; def: string }>(`SELECT DISTINCT ON (k.conname) k.conname::text AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_inherits i JOIN pg_constraint k ON k.conrelid = i.inhrelid AND k.contype = 'c' AND k.coninhcount = 0
    WHERE i.inhparent = to_regclass('${table}') AND i.inhrelid <> to_regclass('${partition}')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint m WHERE m.conrelid = to_regclass('${partition}') AND m.conname = k.conname)
    ORDER BY k.conname, i.inhrelid DESC`)
  for (const check of checks) await run(`ALTER TABLE ${quoteIdent(partition)} ADD CONSTRAINT ${quoteIdent(check.name)} ${check.def}`)
}

/** A partition just made gets what PostgreSQL does not give it: the parent's statement-level guards and its siblings' own CHECKs. */
async function completePartition(run: RunSql, table: string, partition: string): Promise<void> {
  await copyStatementTriggers(run, table, partition)
  await copyPartitionChecks(run, table, partition)
}

export async function hasCitusExtension(run: RunSql): Promise<boolean> {
  return (await run<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS ok`))[0]?.ok === true
}

/** The value the serial table's id sequence hands out next. */
export async function nextSerial(run: RunSql, of: string): Promise<string> {
  const seq = await run<{ seq: string | null }>(`SELECT pg_get_serial_sequence('${of}', 'id') AS seq`)
  if (!seq[0]?.seq) throw new Error(`${of}.id has no sequence`)
  const r = await run<{ next: string }>(`SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${seq[0].seq}`)
  return r[0]!.next
}

async function createMonth(run: RunSql, t: PartitionedTable, month: number, hasDefault: boolean): Promise<string | null> {
  const name = `${t.table}_p${monthLabel(month)}`
  if (hasDefault) {
    // Rows of that month already in the default partition (dated far ahead) keep it from being made: they stay there.
    const key = quoteIdent(t.key)
    const r = await run<{ held: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(`${t.table}_default`)} WHERE ${key} >= ${boundOf(t, month)} AND ${key} < ${boundOf(t, month + 1)}) AS held`)
    if (r[0]?.held) return null
  }
  await run(`CREATE TABLE ${quoteIdent(name)} PARTITION OF ${quoteIdent(t.table)} FOR VALUES FROM (${boundOf(t, month)}) TO (${boundOf(t, month + 1)})`)
  await completePartition(run, t.table, name)
  return name
}

/** A table Citus knows (a Citus local, reference or distributed table); false where there is no citus extension. */
async function isCitusTable(run: RunSql, table: string): Promise<boolean> {
  if (!(await hasCitusExtension(run))) return false
  return (await run<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass('${table}')) AS ok`))[0]?.ok === true
}

/**
 * Closes the open partition of a serial key at the next id and opens this month's. Not on a Citus
 * table: Citus 13.2 refuses to attach again the partition it detached ("partition local tables
 * added to citus metadata cannot have non-inherited foreign keys", and the detached shard's
 * foreign keys keep the parent shard's names, so they cannot be dropped first). There the open
 * partition is only renamed while no broadcast was made since it began, and otherwise stays open,
 * holding the receipts of every month since (retention never drops the open partition).
 */
async function rollSerial(run: RunSql, t: PartitionedTable, parts: PartitionInfo[], now: number): Promise<string[]> {
  const open = parts.filter((p) => p.part === 'p').sort((a, b) => b.month - a.month)[0]
  if (!open || open.month >= now) return []
  const lower = /FROM \('?(-?\d+)'?\)/.exec(open.bound)?.[1]
  const citus = await isCitusTable(run, t.table)
  // Read before the lock there: the minute sweep does not lock the table only to find it cannot cut it.
  if (citus && lower !== undefined && BigInt(await nextSerial(run, t.serialOf!)) > BigInt(lower)) return []
  await run(`LOCK TABLE ${quoteIdent(t.table)} IN ACCESS EXCLUSIVE MODE`)
  const next = await nextSerial(run, t.serialOf!)
  const name = `${t.table}_p${monthLabel(now)}`
  if (lower === undefined || BigInt(next) <= BigInt(lower)) {
    // No broadcast since the open partition began: it simply becomes this month's.
    await run(`ALTER TABLE ${quoteIdent(open.name)} RENAME TO ${quoteIdent(name)}`)
    return [name]
  }
  if (citus) return [] // a broadcast was made since the read above
  await run(`ALTER TABLE ${quoteIdent(t.table)} DETACH PARTITION ${quoteIdent(open.name)}`)
  await run(`ALTER TABLE ${quoteIdent(t.table)} ATTACH PARTITION ${quoteIdent(open.name)} FOR VALUES FROM (${lower}) TO (${next})`)
  await run(`CREATE TABLE ${quoteIdent(name)} PARTITION OF ${quoteIdent(t.table)} FOR VALUES FROM (${next}) TO (MAXVALUE)`)
  await completePartition(run, t.table, name)
  return [name]
}

/** Makes the missing month partitions up to `monthsAhead` after `at`'s month; returns their names. */
export async function ensurePartitions(run: RunSql, at: Date, options: Pick<PartitionOptions, 'monthsAhead'>): Promise<string[]> {
  const created: string[] = []
  const now = monthOf(at)
  for (const t of PARTITIONED_TABLES) {
    if (!(await isPartitioned(run, t.table))) continue
    const parts = await partitionsOf(run, t.table)
    if (t.kind === 'serial') {
      created.push(...(await rollSerial(run, t, parts, now)))
      continue
    }
    const have = new Set(parts.filter((p) => p.part === 'p').map((p) => p.month))
    // From the month the `before` partition ends (gaps left while no sweep ran are filled too).
    const start = Math.max(...parts.filter((p) => p.part === 'before').map((p) => p.month), -Infinity)
    const hasDefault = (await run<{ ok: boolean }>(`SELECT to_regclass('${t.table}_default') IS NOT NULL AS ok`))[0]?.ok === true
    for (let month = Number.isFinite(start) ? start : now; month <= now + options.monthsAhead; month++) {
      const made = have.has(month) ? null : await createMonth(run, t, month, hasDefault)
      if (made) created.push(made)
    }
    if (!hasDefault) {
      // A row dated beyond the months made (a clock far ahead) is kept here rather than refused.
      await run(`CREATE TABLE ${quoteIdent(`${t.table}_default`)} PARTITION OF ${quoteIdent(t.table)} DEFAULT`)
      await completePartition(run, t.table, `${t.table}_default`)
      created.push(`${t.table}_default`)
    }
  }
  return created
}

/** Drops the partitions wholly older than each table's retention; returns what it dropped. */
export async function dropExpired(ex: Executor, at: Date, options: Pick<PartitionOptions, 'retention'>): Promise<{ table: string; partition: string; rows: number }[]> {
  const run = runOn(ex)
  const dropped: { table: string; partition: string; rows: number }[] = []
  const now = monthOf(at)
  for (const t of PARTITIONED_TABLES) {
    const keep = options.retention[t.table]
    if (keep === undefined || !(await isPartitioned(run, t.table))) continue
    const cutoff = now - keep
    const parts = await partitionsOf(run, t.table)
    const open = t.kind === 'serial' ? parts.filter((p) => p.part === 'p').sort((a, b) => b.month - a.month)[0]?.name : undefined
    for (const p of parts) {
      // A month partition ends when its month does; a `before` one where its month starts.
      const expired = p.part === 'p' ? p.month < cutoff : p.month <= cutoff
      if (!expired || p.name === open) continue
      const count = await run<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(p.name)}`)
      await run(`ALTER TABLE ${quoteIdent(t.table)} DETACH PARTITION ${quoteIdent(p.name)}`)
      await run(`DROP TABLE ${quoteIdent(p.name)}`)
      const rowsDropped = Number(count[0]?.n ?? 0)
      dropped.push({ table: t.table, partition: p.name, rows: rowsDropped })
      await recordAudit(ex, systemContext(), {
        action: 'partition.drop', entity: 'partition', entityId: p.name, orgPath: null,
        before: { table: t.table, partition: p.name, rows: rowsDropped, retentionMonths: keep, bound: p.bound },
      })
    }
  }
  return dropped
}

/** The sweep's job: partitions made ahead, then retention. Does nothing on plain tables (embedded mode). */
export function partitionsJob(config: PartitionConfig): Job {
  const options = partitionOptions(config)
  return {
    name: 'partitions',
    async run(tx, now) {
      const created = await ensurePartitions(runOn(tx), now, options)
      const dropped = await dropExpired(tx, now, options)
      return created.length + dropped.length > 0 ? { created, dropped } : {}
    },
  }
}

const PARTITION_LOCK = 0x11e11 // the migrations' lock: two instances starting at once convert one after the other

/**
 * After the migrations, on a PostgreSQL server: converts each listed table that is still plain,
 * keeping every row, moves the CHECK constraints onto the partitions on a Citus coordinator
 * (moveChecksToPartitions), and makes the months ahead. Idempotent; one transaction.
 */
export async function partitionTables(database: Database, config: PartitionConfig, at = new Date()): Promise<{ converted: string[]; created: string[] }> {
  if (database.kind !== 'postgres' || config.DATABASE_PARTITIONS === false) return { converted: [], created: [] }
  const options = partitionOptions(config)
  const converted: string[] = []
  let created: string[] = []
  await database.runLockedScript(PARTITION_LOCK, async (_exec, query) => {
    const run: RunSql = (text) => query(text)
    for (const t of PARTITIONED_TABLES) {
      if (await convertTable(run, t, at)) converted.push(t.table)
    }
    // On a Citus coordinator, before any partition is made (kernel/db/citus.ts makes these tables Citus local tables).
    if (await hasCitusExtension(run)) await moveChecksToPartitions(run)
    created = await ensurePartitions(run, at, options)
  })
  return { converted, created }
}
