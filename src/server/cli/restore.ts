// `npm run restore -- FILE`: replaces the configured database with a backup (stop the server first
// in embedded mode; the previous data directory is kept aside).
import { loadConfig } from '../kernel/config.ts'
import { restoreFromFile } from '../kernel/backup.ts'

const file = process.argv[2]
if (!file) {
  console.error('用法 usage: npm run restore -- FILE')
  process.exit(2)
}
try {
  const config = loadConfig()
  const { keptAside } = await restoreFromFile(config, file)
  console.log(`恢复完成 restored from ${file}${keptAside ? `；原数据目录保留在 previous data kept at ${keptAside}` : ''}`)
} catch (err) {
  console.error(`恢复失败 restore failed: ${(err as Error).message}`)
  process.exit(1)
}
