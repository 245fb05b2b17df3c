// Start-up shared by the server and the tools: open, migrate, and seed an empty database.
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { isEmpty, seedDemo, seedProduction, type SeedResult } from '../demo/seed.ts'

export async function prepareDatabase(database: Database, config: Pick<Config, 'LINLI_DEMO' | 'LINLI_ADMIN_PASSWORD'>): Promise<{ migration: string; seed: SeedResult }> {
  const { current } = await migrate(database)
  let seed: SeedResult = { seeded: false, demoAccounts: [] }
  if (await isEmpty(database.db)) {
    seed = config.LINLI_DEMO ? await seedDemo(database.db) : await seedProduction(database.db, config.LINLI_ADMIN_PASSWORD)
  }
  return { migration: current, seed }
}
