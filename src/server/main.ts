// `npm start`: open the database (PGlite in ./data unless DATABASE_URL), migrate, seed an
// empty one, listen, keep rolling backups in embedded mode, and close cleanly on a signal.
import { ConfigError, loadConfig } from './kernel/config.ts'
import { DataDirLockedError, openConfiguredDatabase } from './kernel/db/open.ts'
import { startPhaseTimer } from './kernel/phases.ts'

const PHASE_LABELS = { load: '加载代码', modules: '加载模块（与打开数据库并行）', open: '打开数据库', web: '检查网页端', prepare: '迁移与密钥', app: '组装路由', listen: '监听端口' }

async function main() {
  const startedAt = Date.now()
  const timer = startPhaseTimer(PHASE_LABELS)
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  // Only what opening the database needs is loaded before it starts: the rest of start-up (the
  // migrator and seeder, backups, the web build check) and the app's module graph (Fastify, zod,
  // every module) load while PGlite opens its data dir.
  const appModule = timer.time('modules', () => import('./app.ts'))
  appModule.catch(() => undefined)
  const startModules = Promise.all([import('./kernel/start.ts'), import('./kernel/backup.ts'), import('./kernel/web.ts'), import('./demo/seed.ts')])
  startModules.catch(() => undefined)
  let opened
  try {
    opened = await timer.time('open', () => openConfiguredDatabase(config))
  } catch (err) {
    console.error(err instanceof DataDirLockedError ? err.message : `无法打开数据库：${(err as Error).message}`)
    process.exit(1)
  }
  const { database, release } = opened
  const [{ prepareDatabase }, { backupDir, rollingBackup }, { ensureWebBuild }, { DEMO_PASSWORD }] = await startModules
  if (process.env.LINLI_WEB_BUILD !== '0') await timer.time('web', () => ensureWebBuild())
  let prepared
  try {
    prepared = await timer.time('prepare', () => prepareDatabase(database, config))
  } catch (err) {
    console.error(`数据库迁移或初始化失败 (migration or seeding failed): ${(err as Error).message}`)
    await database.close().catch(() => undefined)
    release()
    process.exit(1)
  }
  const { migration, seed } = prepared
  const app = await timer.time('app', async () => {
    const { buildApp } = await appModule
    const built = await buildApp({ config, database, migration })
    await built.ready()
    return built
  })

  const backups = backupDir(config)
  let backupTimer: NodeJS.Timeout | undefined
  if (database.kind === 'pglite' && config.BACKUP_INTERVAL_MIN > 0) {
    backupTimer = setInterval(() => {
      rollingBackup(database, backups, config.BACKUP_KEEP).catch((err) => app.log.error({ err }, 'rolling backup failed'))
    }, config.BACKUP_INTERVAL_MIN * 60_000)
    backupTimer.unref()
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    clearInterval(backupTimer)
    await app.close()
    if (database.kind === 'pglite' && config.BACKUP_INTERVAL_MIN > 0) {
      await rollingBackup(database, backups, config.BACKUP_KEEP).catch((err) => app.log.error({ err }, 'final backup failed'))
    }
    await database.close()
    release()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await timer.time('listen', () => app.listen({ port: config.PORT, host: config.HOST }))
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`
  const lines = [
    '',
    `邻里 Linli 已启动 (${database.kind === 'pglite' ? `嵌入式 PGlite，数据目录 ${config.DATA_DIR}` : 'PostgreSQL'})，用时 ${((Date.now() - startedAt) / 1000).toFixed(1)} 秒`,
    `  启动阶段 Phases: ${timer.summary()}`,
    `  工作台 Console: ${base}/`,
    `  手机端 Phone:   ${base}/h5/`,
    `  接口文档 API:   ${base}/api/docs`,
  ]
  if (seed.demoAccounts.length > 0) {
    lines.push(`  演示账号 Demo accounts (密码 password: ${DEMO_PASSWORD}):`)
    for (const a of seed.demoAccounts) lines.push(`    ${a.username.padEnd(9)} ${a.name}，${a.story}`)
  } else if (config.LINLI_DEMO && !seed.seeded) {
    lines.push(`  演示账号 Demo accounts: admin district street cadre grid member resident (密码 ${DEMO_PASSWORD}，如未修改)`)
  }
  if (seed.generatedAdminPassword) {
    lines.push(`  管理员 admin 的初始密码（仅显示这一次，首次登录须修改）：${seed.generatedAdminPassword}`)
  }
  console.log(lines.join('\n') + '\n')
}

await main()
