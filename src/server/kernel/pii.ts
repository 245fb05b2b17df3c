// Personal information at rest: AES-256-GCM per value (prefixed with the id of the key that
// sealed it, so a rotation can re-encrypt), an HMAC-SHA256 of the normalised value for exact
// lookups and uniqueness, and a mask for lists. The keys live in a key file or the environment,
// never in the database; the database keeps only a fingerprint of the HMAC key so a server
// started with the wrong keys refuses to run instead of silently failing every lookup.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from './config.ts'
import { firstRow, rows, type Executor } from './db/client.ts'

/** What a value is: part of the associated data, so a ciphertext cannot be moved to another field. */
export type PiiField = 'phone' | 'id_number' | 'device_secret'

export interface Sealed {
  enc: string
  hash: string
  mask: string
}

const keyText = z.string().refine((k) => Buffer.from(k, 'base64').length === 32, '须为 32 字节的 base64 密钥 (a base64 32-byte key)')
const keyId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, '密钥编号为 1–16 位字母数字 (key ids are 1–16 letters, digits, _ or -)')

export const piiKeysSchema = z
  .object({
    encryption: z.object({ current: keyId, keys: z.record(keyId, keyText) }),
    hmac: z.object({ id: keyId, key: keyText }),
  })
  .refine((k) => k.encryption.keys[k.encryption.current] !== undefined, { message: 'encryption.current 须是 encryption.keys 中的一个 (the current key must be listed)' })
export type PiiKeys = z.infer<typeof piiKeysSchema>

export class PiiKeyError extends Error {}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`
}

const MASKS: Record<PiiField, (v: string) => string> = { phone: maskPhone, id_number: maskIdNumber, device_secret: () => '********' }

export class PiiKeyring {
  readonly currentKeyId: string
  readonly hmacKeyId: string
  private readonly keys: Map<string, Buffer>
  private readonly hmacKey: Buffer

  constructor(keys: PiiKeys) {
    this.currentKeyId = keys.encryption.current
    this.keys = new Map(Object.entries(keys.encryption.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')]))
    this.hmacKeyId = keys.hmac.id
    this.hmacKey = Buffer.from(keys.hmac.key, 'base64')
  }

  keyIds(): string[] {
    return [...this.keys.keys()]
  }

  /** `<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>` under the current key. */
  encrypt(field: PiiField, plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv)
    cipher.setAAD(Buffer.from(field))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${this.currentKeyId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`
  }

  decrypt(field: PiiField, sealed: string): string {
    const at = sealed.indexOf(':')
    const key = this.keys.get(sealed.slice(0, at))
    if (at < 1 || !key) throw new PiiKeyError(`个人信息密钥 ${sealed.slice(0, Math.max(at, 0))} 不在密钥环中 (PII key not in the keyring)`)
    const raw = Buffer.from(sealed.slice(at + 1), 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
    decipher.setAAD(Buffer.from(field))
    decipher.setAuthTag(raw.subarray(raw.length - 16))
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8')
  }

  /** Hex HMAC-SHA256 of the value, separated per field, for exact lookups. */
  hash(field: PiiField, plain: string): string {
    return createHmac('sha256', this.hmacKey).update(`${field}\u0000${plain}`).digest('hex')
  }

  seal(field: PiiField, plain: string): Sealed {
    return { enc: this.encrypt(field, plain), hash: this.hash(field, plain), mask: MASKS[field](plain) }
  }

  /** Identifies the HMAC key without revealing it (stored in `settings` to catch a wrong key). */
  fingerprint(): string {
    return createHmac('sha256', this.hmacKey).update('linli-pii-key-check').digest('hex').slice(0, 32)
  }
}

export function generatePiiKeys(): PiiKeys {
  return {
    encryption: { current: 'k1', keys: { k1: randomBytes(32).toString('base64') } },
    hmac: { id: 'h1', key: randomBytes(32).toString('base64') },
  }
}

export function parsePiiKeys(text: string, source: string): PiiKeys {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new PiiKeyError(`${source} 不是有效的 JSON (is not valid JSON)`)
  }
  const parsed = piiKeysSchema.safeParse(json)
  if (!parsed.success) throw new PiiKeyError(`${source} 格式错误 (malformed): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

export type PiiConfig = Partial<Pick<Config, 'DATA_DIR' | 'LINLI_PII_KEYS' | 'LINLI_PII_KEY_FILE'>>

/** Where the keys come from: LINLI_PII_KEYS, else LINLI_PII_KEY_FILE, else DATA_DIR/pii.key. */
export function piiKeySource(config: PiiConfig): { kind: 'env' } | { kind: 'file'; path: string; generate: boolean } {
  if (config.LINLI_PII_KEYS) return { kind: 'env' }
  if (config.LINLI_PII_KEY_FILE) return { kind: 'file', path: path.resolve(config.LINLI_PII_KEY_FILE), generate: false }
  return { kind: 'file', path: path.resolve(config.DATA_DIR ?? './data', 'pii.key'), generate: true }
}

export function writePiiKeyFile(file: string, keys: PiiKeys): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 })
  chmodSync(file, 0o600)
}

const loaded = new Map<string, PiiKeyring>()

/**
 * The keyring the configuration names. With neither LINLI_PII_KEYS nor LINLI_PII_KEY_FILE a
 * development key file is generated at DATA_DIR/pii.key (mode 0600) on first use, so
 * `npm start` works with one command; production should name a key file kept outside backups.
 */
export function loadPiiKeyring(config: PiiConfig): PiiKeyring {
  const source = piiKeySource(config)
  const cacheKey = source.kind === 'env' ? `env:${config.LINLI_PII_KEYS}` : `file:${source.path}`
  const cached = loaded.get(cacheKey)
  if (cached) return cached
  let keys: PiiKeys
  if (source.kind === 'env') keys = parsePiiKeys(config.LINLI_PII_KEYS!, 'LINLI_PII_KEYS')
  else {
    if (!existsSync(source.path)) {
      if (!source.generate) throw new PiiKeyError(`个人信息密钥文件 ${source.path} 不存在 (LINLI_PII_KEY_FILE does not exist)`)
      writePiiKeyFile(source.path, generatePiiKeys())
    }
    keys = parsePiiKeys(readFileSync(source.path, 'utf8'), source.path)
  }
  const ring = new PiiKeyring(keys)
  loaded.set(cacheKey, ring)
  return ring
}

/**
 * Every encrypted column: table (with an `id` column), sealed column, lookup-hash column (null
 * where nobody looks the value up: device secrets and contact phones) and field.
 */
export const PII_COLUMNS = [
  { table: 'people', enc: 'phone_enc', hash: 'phone_hash', field: 'phone' },
  { table: 'residents', enc: 'id_number_enc', hash: 'id_number_hash', field: 'id_number' },
  { table: 'devices', enc: 'secret_enc', hash: null, field: 'device_secret' },
  { table: 'devices', enc: 'duty_phone_enc', hash: null, field: 'phone' },
  { table: 'device_contacts', enc: 'phone_enc', hash: null, field: 'phone' },
] as const satisfies readonly { table: string; enc: string; hash: string | null; field: PiiField }[]

const PII_LOCK = 0x11e12
const FINGERPRINT_KEY = 'pii.hmac_fingerprint'

async function tableExists(ex: Executor, name: string): Promise<boolean> {
  return (await firstRow<{ t: string | null }>(ex, sql`SELECT to_regclass(${name})::text AS t`))?.t != null
}

/**
 * Start-up step after the migrations: seals the phones that migration 0010 moved out of
 * `people.phone` into `people_phone_plaintext` (a migration cannot encrypt), drops that table,
 * and checks the keys against the database: every key id in use must be in the keyring and
 * the HMAC key must be the one the lookup hashes were made with.
 */
export async function preparePii(db: Executor, pii: PiiKeyring): Promise<{ sealed: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${PII_LOCK})`)
    const stored = await firstRow<{ value: { fingerprint: string; hmacKeyId: string } }>(tx, sql`SELECT value FROM settings WHERE key = ${FINGERPRINT_KEY}`)
    if (stored && stored.value.fingerprint !== pii.fingerprint()) {
      throw new PiiKeyError(
        `个人信息 HMAC 密钥与数据库不符（数据库使用 ${stored.value.hmacKeyId}）：请使用原密钥，或先运行 npm run pii:rotate。` +
          ` The PII HMAC key does not match the database (made with ${stored.value.hmacKeyId}): use the original keys or run npm run pii:rotate first.`,
      )
    }
    if (!stored) {
      await tx.execute(sql`INSERT INTO settings (key, value) VALUES (${FINGERPRINT_KEY}, ${JSON.stringify({ fingerprint: pii.fingerprint(), hmacKeyId: pii.hmacKeyId })}::jsonb)`)
    }
    let sealed = 0
    if (await tableExists(tx, 'people_phone_plaintext')) {
      const plain = await rows<{ person_id: string; phone: string }>(tx, sql`SELECT person_id::text, phone FROM people_phone_plaintext`)
      const payload = plain.map((p) => ({ id: p.person_id, ...pii.seal('phone', p.phone) }))
      if (payload.length) {
        await tx.execute(sql`UPDATE people p SET phone_enc = x.enc, phone_hash = x.hash, phone_mask = x.mask
          FROM json_to_recordset(${JSON.stringify(payload)}::json) AS x(id bigint, enc text, hash text, mask text) WHERE p.id = x.id`)
        // Self-registered accounts used the phone as their username: they log in by phone (its HMAC) now.
        await tx.execute(sql`UPDATE accounts a SET username = 'r' || a.person_id FROM people_phone_plaintext x
          WHERE x.person_id = a.person_id AND a.username = x.phone
            AND NOT EXISTS (SELECT 1 FROM accounts b WHERE lower(b.username) = 'r' || a.person_id)`)
      }
      await tx.execute(sql`DROP TABLE people_phone_plaintext`)
      sealed = payload.length
    }
    for (const c of PII_COLUMNS) {
      if (!(await tableExists(tx, c.table))) continue
      const used = await rows<{ kid: string }>(tx, sql`SELECT DISTINCT split_part(${sql.identifier(c.enc)}, ':', 1) AS kid FROM ${sql.identifier(c.table)} WHERE ${sql.identifier(c.enc)} IS NOT NULL`)
      const missing = used.map((u) => u.kid).filter((k) => !pii.keyIds().includes(k))
      if (missing.length) throw new PiiKeyError(`数据库中的个人信息使用了密钥环中没有的密钥 ${missing.join(', ')} (PII sealed with keys missing from the keyring)`)
    }
    return { sealed }
  })
}

/**
 * Re-encrypts every sealed value under the keyring's current key and recomputes every lookup
 * hash with its HMAC key, in one transaction (all or nothing), then records the new HMAC
 * fingerprint. The ring must still hold the old encryption keys (the HMAC key may be new).
 */
export async function rotatePii(db: Executor, pii: PiiKeyring): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${PII_LOCK})`)
    const counts: Record<string, number> = {}
    for (const c of PII_COLUMNS) {
      if (!(await tableExists(tx, c.table))) continue
      const stored = await rows<{ id: string; enc: string }>(tx, sql`SELECT id::text, ${sql.identifier(c.enc)} AS enc FROM ${sql.identifier(c.table)} WHERE ${sql.identifier(c.enc)} IS NOT NULL FOR UPDATE`)
      const payload = stored.map((r) => {
        const plain = pii.decrypt(c.field, r.enc)
        return { id: r.id, enc: pii.encrypt(c.field, plain), hash: c.hash ? pii.hash(c.field, plain) : null }
      })
      for (let i = 0; i < payload.length; i += 5000) {
        const chunk = payload.slice(i, i + 5000)
        const hash = c.hash ? sql`, ${sql.identifier(c.hash)} = x.hash` : sql``
        await tx.execute(sql`UPDATE ${sql.identifier(c.table)} t SET ${sql.identifier(c.enc)} = x.enc ${hash}
          FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS x(id bigint, enc text, hash text) WHERE t.id = x.id`)
      }
      counts[c.table] = (counts[c.table] ?? 0) + payload.length
    }
    await tx.execute(sql`INSERT INTO settings (key, value) VALUES (${FINGERPRINT_KEY}, ${JSON.stringify({ fingerprint: pii.fingerprint(), hmacKeyId: pii.hmacKeyId })}::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`)
    return counts
  })
}

