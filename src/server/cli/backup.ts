// `npm run backup -- FILE`: a backup of the configured database (stop the server first in embedded mode).
import { loadConfig } from '../kernel/config.ts'
import { backupToFile } from '../kernel/backup.ts'

const file = process.argv[2]
if (!file) {
  console.error('用法 usage: npm run backup -- FILE')
  process.exit(2)
}
try {
  const config = loadConfig()
  await backupToFile(config, file)
  console.log(`备份完成 backup written: ${file}`)
} catch (err) {
  console.error(`备份失败 backup failed: ${(err as Error).message}`)
  process.exit(1)
}
