// Turns one plain grow-only table into a table partitioned by month, keeping every row: the old
// table becomes the `<table>_before_<YYYYMM>` partition (everything up to the month after its
// newest row), so nothing is copied. Its indexes are renamed and attached to the new parent's
// (same definitions, no rebuild); only the primary key is rebuilt, as (id, key), since PostgreSQL
// wants the partition key in every unique index. The identity continues where it was, the
// foreign keys and the triggers (row triggers are cloned onto every partition by PostgreSQL;
// statement-level guards are copied onto each partition) are the same as before.
import { monthLabel, monthOf } from './partitions.months.ts'
import { boundOf, copyStatementTriggers, isPartitioned, nextSerial, quoteIdent, type PartitionedTable, type RunSql } from './partitions.ts'

interface IndexRow { name: string; def: string; primary: boolean; unique: boolean; columns: string[] }

/** The month after the table's newest key, or null when it is empty. */
async function monthAfterNewest(run: RunSql, t: PartitionedTable): Promise<number | null> {
  const expr = t.kind === 'epochMs' ? `to_timestamp(max(${quoteIdent(t.key)}) / 1000.0)` : `max(${quoteIdent(t.key)})`
  const r = await run<{ label: string | null }>(`SELECT to_char(${expr} AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') AS label FROM ${quoteIdent(t.table)}`)
  const label = r[0]?.label
  if (!label) return null
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(4)) - 1 + 1
}

/** Converts `t` when it exists and is not partitioned yet; returns whether it did. */
export async function convertTable(run: RunSql, t: PartitionedTable, at: Date): Promise<boolean> {
  const exists = await run<{ ok: boolean }>(`SELECT to_regclass('${t.table}') IS NOT NULL AS ok`)
  if (!exists[0]?.ok || (await isPartitioned(run, t.table))) return false
  const table = quoteIdent(t.table)
  await run(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`)

  const now = monthOf(at)
  const month = t.kind === 'serial' ? now : Math.max(now, (await monthAfterNewest(run, t)) ?? now)
  const before = `${t.table}_before_${monthLabel(month)}`
  const upper = t.kind === 'serial' ? await nextSerial(run, t.serialOf!) : boundOf(t, month)

  const triggers = await run<{ name: string; def: string }>(`SELECT tgname::text AS name, pg_get_triggerdef(oid) AS def
    FROM pg_trigger WHERE tgrelid = '${t.table}'::regclass AND NOT tgisinternal ORDER BY tgname`)
  const indexes = await run<IndexRow>(`SELECT c.relname::text AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisprimary AS primary,
      i.indisunique AS unique, ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k) AS columns
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '${t.table}'::regclass ORDER BY c.relname`)
  const primary = await run<{ name: string }>(`SELECT conname::text AS name FROM pg_constraint WHERE conrelid = '${t.table}'::regclass AND contype = 'p'`)
  const foreign = await run<{ name: string; def: string }>(`SELECT conname::text AS name, pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE conrelid = '${t.table}'::regclass AND contype = 'f' ORDER BY conname`)
  const identity = await run<{ name: string; kind: string }>(`SELECT attname::text AS name, attidentity::text AS kind
    FROM pg_attribute WHERE attrelid = '${t.table}'::regclass AND attidentity <> '' AND NOT attisdropped`)
  for (const idx of indexes) {
    if (idx.unique && !idx.primary && !idx.columns.includes(t.key)) {
      throw new Error(`${t.table}: unique index ${idx.name} lacks the partition key ${t.key}; it cannot be partitioned as it is`)
    }
  }
  const starts: Record<string, string> = {}
  for (const col of identity) {
    const seq = await run<{ seq: string }>(`SELECT pg_get_serial_sequence('${t.table}', '${col.name}') AS seq`)
    const r = await run<{ next: string }>(`SELECT greatest((SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${seq[0]!.seq}),
      (SELECT coalesce(max(${quoteIdent(col.name)}), 0) + 1 FROM ${table}))::text AS next`)
    starts[col.name] = r[0]!.next
  }

  // The old table, renamed, becomes the first partition.
  for (const trig of triggers) await run(`DROP TRIGGER ${quoteIdent(trig.name)} ON ${table}`)
  for (const col of identity) await run(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)} DROP IDENTITY`)
  await run(`ALTER TABLE ${table} RENAME TO ${quoteIdent(before)}`)
  if (primary[0]) await run(`ALTER TABLE ${quoteIdent(before)} DROP CONSTRAINT ${quoteIdent(primary[0].name)}`)
  for (const idx of indexes) if (!idx.primary) await run(`ALTER INDEX ${quoteIdent(idx.name)} RENAME TO ${quoteIdent(`${idx.name.slice(0, 50)}_b${monthLabel(month)}`)}`)

  // The new parent, with the old names, so later migrations find what they expect.
  await run(`CREATE TABLE ${table} (LIKE ${quoteIdent(before)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)
    PARTITION BY RANGE (${quoteIdent(t.key)})`)
  for (const col of identity) {
    await run(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)} ADD GENERATED ${col.kind === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (START WITH ${starts[col.name]})`)
  }
  const pk = primary[0]
  const pkIndex = indexes.find((i) => i.primary)
  if (pk && pkIndex) {
    const columns = pkIndex.columns.includes(t.key) ? pkIndex.columns : [...pkIndex.columns, t.key]
    await run(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(pk.name)} PRIMARY KEY (${columns.map(quoteIdent).join(', ')})`)
  }
  for (const idx of indexes) if (!idx.primary) await run(idx.def)
  for (const fk of foreign) await run(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`)
  await run(`ALTER TABLE ${table} ATTACH PARTITION ${quoteIdent(before)} FOR VALUES FROM (MINVALUE) TO (${upper})`)
  for (const trig of triggers) await run(trig.def)
  await copyStatementTriggers(run, t.table, before)

  if (t.kind === 'serial') {
    // The open partition: broadcasts from this month on, until the next month's sweep closes it.
    const open = `${t.table}_p${monthLabel(now)}`
    await run(`CREATE TABLE ${quoteIdent(open)} PARTITION OF ${table} FOR VALUES FROM (${upper}) TO (MAXVALUE)`)
    await copyStatementTriggers(run, t.table, open)
  }
  return true
}
