// Start-up shared by the server and the tools: open, migrate, seal leftover plaintext personal
// information (kernel/pii.ts), and seed an empty database.
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { partitionTables, type PartitionConfig } from './db/partitions.ts'
import { DISTRIBUTED_TABLES, REFERENCE_TABLES, distributeOnCitus } from './db/citus.ts'
import { loadPiiKeyring, preparePii, type PiiConfig } from './pii.ts'
import { isEmpty, seedDemo, seedProduction, type SeedResult } from '../demo/seed.ts'

export async function prepareDatabase(database: Database, config: Pick<Config, 'LINLI_DEMO' | 'LINLI_ADMIN_PASSWORD'> & Partial<Pick<Config, 'DATABASE_CITUS_DISTRIBUTE'>> & PiiConfig & PartitionConfig): Promise<{ migration: string; seed: SeedResult }> {
  const { current } = await migrate(database)
  await partitionTables(database, config)
  // Citus coordinator only (kernel/db/citus.ts)
  await distributeOnCitus(database, REFERENCE_TABLES, (config.DATABASE_CITUS_DISTRIBUTE ?? 'cases') === 'cases' ? DISTRIBUTED_TABLES : [])
  const pii = loadPiiKeyring(config)
  await preparePii(database.db, pii)
  let seed: SeedResult = { seeded: false, demoAccounts: [] }
  if (await isEmpty(database.db)) {
    seed = config.LINLI_DEMO ? await seedDemo(database.db, pii) : await seedProduction(database.db, config.LINLI_ADMIN_PASSWORD)
  }
  return { migration: current, seed }
}
