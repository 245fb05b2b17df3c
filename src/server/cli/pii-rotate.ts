// `npm run pii:rotate`: re-encrypts every ID number and phone under the current key of the
// configured keyring and recomputes every lookup hash, in one transaction (stop the server
// first in embedded mode). `-- --new-key` first adds a fresh encryption key to the key file as
// the current one (the old keys stay, so old backups remain readable); `-- --new-hmac-key`
// also replaces the HMAC key. The key file is replaced only after the database has committed.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { loadConfig } from '../kernel/config.ts'
import { openConfiguredDatabase } from '../kernel/db/open.ts'
import { migrate } from '../kernel/db/migrate.ts'
import { parsePiiKeys, piiKeySource, PiiKeyring, preparePii, rotatePii, writePiiKeyFile, loadPiiKeyring, type PiiKeys } from '../kernel/pii.ts'

const args = new Set(process.argv.slice(2))
const newKey = args.has('--new-key') || args.has('--new-hmac-key')

/** The next key id after the ones in use: k1, k2, … (h1, h2, … for HMAC keys). */
function nextId(prefix: string, used: string[]): string {
  const n = Math.max(0, ...used.map((id) => Number(id.slice(prefix.length)) || 0))
  return `${prefix}${n + 1}`
}

function withNewKeys(keys: PiiKeys, hmac: boolean): PiiKeys {
  const id = nextId('k', Object.keys(keys.encryption.keys))
  return {
    encryption: { current: id, keys: { ...keys.encryption.keys, [id]: randomBytes(32).toString('base64') } },
    hmac: hmac ? { id: nextId('h', [keys.hmac.id]), key: randomBytes(32).toString('base64') } : keys.hmac,
  }
}

try {
  const config = loadConfig()
  const source = piiKeySource(config)
  let ring: PiiKeyring
  let pending: { file: string; next: string } | undefined
  if (newKey) {
    if (source.kind !== 'file' || !existsSync(source.path)) throw new Error('--new-key 需要密钥文件（LINLI_PII_KEY_FILE 或 DATA_DIR/pii.key）; with LINLI_PII_KEYS, edit the variable and run without --new-key')
    const keys = withNewKeys(parsePiiKeys(readFileSync(source.path, 'utf8'), source.path), args.has('--new-hmac-key'))
    pending = { file: source.path, next: `${source.path}.new` }
    writePiiKeyFile(pending.next, keys)
    ring = new PiiKeyring(keys)
  } else {
    ring = loadPiiKeyring(config)
  }
  const { database, release } = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    const counts = await rotatePii(database.db, ring)
    await preparePii(database.db, ring)
    if (pending) renameSync(pending.next, pending.file)
    console.log(`个人信息已用密钥 ${ring.currentKeyId}（HMAC ${ring.hmacKeyId}）重新加密 re-encrypted: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`)
  } finally {
    await database.close()
    release()
  }
} catch (err) {
  console.error(`密钥轮换失败，数据未改变 rotation failed, nothing changed: ${(err as Error).message}`)
  process.exit(1)
}
