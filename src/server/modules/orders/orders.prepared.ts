// The module's hottest statements as named prepared statements: a statement written with the
// `sql` template (fragments of other modules' read relations included) is compiled once to its
// text, and on a PostgreSQL pool each connection parses and plans it once (PostgreSQL keeps the
// generic plan after five runs) instead of at every call. Planning the placing's CTE cost more
// than running it (bench/orders.ts, section 8). Only for statements whose text is the same at
// every call (every value a parameter) and whose columns need no Drizzle type parsers (times
// are cast to text, as this module's reads do anyway).
import { createHash } from 'node:crypto'
import { fillPlaceholders, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { preparedRows, type Executor } from '../../kernel/db/client.ts'

const dialect = new PgDialect()

/**
 * A statement built once with `sql.placeholder(name)` for its values and compiled once to its
 * text (building and compiling the placing's CTE cost more Node time than the rest of a placing);
 * each call fills in the values and runs it as a named prepared statement.
 */
export function preparedStatement<T>(label: string, build: () => SQL): (ex: Executor, values: Record<string, unknown>) => Promise<T[]> {
  let compiled: { name: string; text: string; params: unknown[] } | undefined
  return (ex, values) => {
    if (!compiled) {
      const { sql: text, params } = dialect.sqlToQuery(build())
      // The text in the name: a changed statement (a new release) is never run under an old plan.
      compiled = { name: `orders_${label}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`, text, params }
    }
    return preparedRows<T>(ex, compiled.name, compiled.text, fillPlaceholders(compiled.params as never, values))
  }
}
