// The personal-information keys on a real database: an upgrade from plaintext phones, key
// rotation (in process and through `npm run pii:rotate`), and refusing the wrong keys.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { openPglite, rows, type Database } from './db/client.ts'
import { listMigrations, migrate, migrationsDir } from './db/migrate.ts'
import { generatePiiKeys, loadPiiKeyring, PiiKeyError, PiiKeyring, preparePii, rotatePii, writePiiKeyFile } from './pii.ts'

const root = path.resolve(import.meta.dirname, '../../..')
let work: string
before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'linli-pii-'))
})
after(() => rmSync(work, { recursive: true, force: true }))

/** Applies the migrations before `stop` the way migrate() does, leaving the rest pending. */
async function migrateUpTo(database: Database, stop: string) {
  await database.runLockedScript(1, async (exec, query) => {
    await exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    for (const file of (await listMigrations()).filter((f) => f < stop)) {
      await exec(await readFile(path.join(migrationsDir, file), 'utf8'))
      await query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
    }
  })
}

describe('sealed personal information', () => {
  let database: Database
  const keys = generatePiiKeys()
  const ring = new PiiKeyring(keys)
  before(async () => {
    database = await openPglite({})
  })
  after(() => database.close())

  test('values are sealed per field with the key id in front, and a tampered value does not open', () => {
    const sealed = ring.encrypt('phone', '13912345678')
    assert.match(sealed, /^k1:/)
    assert.notEqual(ring.encrypt('phone', '13912345678'), sealed, 'a fresh IV every time')
    assert.equal(ring.decrypt('phone', sealed), '13912345678')
    assert.throws(() => ring.decrypt('id_number', sealed), 'a phone cannot be opened as an ID number')
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA')
    assert.throws(() => ring.decrypt('phone', tampered))
    assert.equal(ring.hash('phone', '13912345678'), new PiiKeyring(keys).hash('phone', '13912345678'))
    assert.notEqual(ring.hash('phone', '13912345678'), ring.hash('id_number', '13912345678'))
    assert.equal(ring.seal('id_number', '36010219560312123X').mask, '3601**********123X')
  })

  test('an upgrade seals the plaintext phones of people and drops the plaintext', async () => {
    await migrateUpTo(database, '0010')
    await database.db.execute(sql`INSERT INTO people (name, phone) VALUES ('老用户', '13600000001'), ('无手机', NULL), ('另一位', '13600000002')`)
    await database.db.execute(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT id, phone, 'x' FROM people WHERE name = '老用户'`)
    await migrate(database)
    const { sealed } = await preparePii(database.db, ring)
    assert.equal(sealed, 2)
    const people = await rows<{ name: string; phone_enc: string | null; phone_hash: string | null; phone_mask: string | null }>(database.db, sql`SELECT name, phone_enc, phone_hash, phone_mask FROM people ORDER BY id`)
    assert.deepEqual(people.map((p) => [p.name, p.phone_enc && ring.decrypt('phone', p.phone_enc), p.phone_mask]), [
      ['老用户', '13600000001', '136****0001'], ['无手机', null, null], ['另一位', '13600000002', '136****0002'],
    ])
    assert.equal(people[0]!.phone_hash, ring.hash('phone', '13600000001'))
    const [account] = await rows<{ username: string }>(database.db, sql`SELECT username FROM accounts`)
    assert.match(account!.username, /^r\d+$/, 'a self-registered username that was the phone is replaced')
    const left = await rows<{ t: string | null }>(database.db, sql`SELECT to_regclass('people_phone_plaintext')::text AS t`)
    assert.equal(left[0]!.t, null, 'no plaintext copy is left')
    const cols = await rows<{ column_name: string }>(database.db, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'phone'`)
    assert.equal(cols.length, 0)
    assert.deepEqual(await preparePii(database.db, ring), { sealed: 0 }, 'the next start has nothing to do')
  })

  test('the same phone twice is refused by the unique lookup hash', async () => {
    const s = ring.seal('phone', '13600000001')
    await assert.rejects(database.db.execute(sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask) VALUES ('重复', ${s.enc}, ${s.hash}, ${s.mask})`))
  })

  test('rotation re-encrypts under the new key and rehashes with a new HMAC key; the old keys are then refused', async () => {
    const next = new PiiKeyring({
      encryption: { current: 'k2', keys: { ...keys.encryption.keys, k2: Buffer.alloc(32, 3).toString('base64') } },
      hmac: { id: 'h2', key: Buffer.alloc(32, 4).toString('base64') },
    })
    const lacking = new PiiKeyring({ encryption: { current: 'k9', keys: { k9: Buffer.alloc(32, 5).toString('base64') } }, hmac: keys.hmac })
    const snapshot = async () => rows<{ phone_enc: string; phone_hash: string }>(database.db, sql`SELECT phone_enc, phone_hash FROM people WHERE phone_enc IS NOT NULL ORDER BY id`)
    // A one-button device: its signing secret, the duty phone and a family contact's phone are sealed too.
    const [device] = await rows<{ id: string }>(database.db, sql`WITH o AS (INSERT INTO orgs (kind, name) VALUES ('city', '密钥市') RETURNING id),
        i AS (INSERT INTO service_items (org_id) SELECT id FROM o RETURNING id)
      INSERT INTO devices (serial, person_id, org_id, default_item_id, secret_enc, ladder, duty_phone_enc, duty_phone_mask)
      SELECT 'PII-1', (SELECT min(id) FROM people), o.id, i.id, ${ring.encrypt('device_secret', 'sekrit')}, '{}'::jsonb, ${ring.encrypt('phone', '079188880000')}, '0791****00' FROM o, i RETURNING id::text`)
    await database.db.execute(sql`INSERT INTO device_contacts (device_id, name, relation, phone_enc, phone_mask, position) VALUES (${device!.id}, '女儿', '子女', ${ring.encrypt('phone', '13700000003')}, '137****0003', 0)`)
    const before = await snapshot()
    await assert.rejects(rotatePii(database.db, lacking), PiiKeyError)
    assert.deepEqual(await snapshot(), before, 'a failed rotation changes nothing')

    const counts = await rotatePii(database.db, next)
    assert.equal(counts.people, 2)
    const afterRotation = await snapshot()
    assert.ok(afterRotation.every((p) => p.phone_enc.startsWith('k2:')))
    assert.deepEqual(afterRotation.map((p) => next.decrypt('phone', p.phone_enc)), ['13600000001', '13600000002'])
    assert.equal(afterRotation[0]!.phone_hash, next.hash('phone', '13600000001'))
    assert.equal(counts.devices, 2, 'the secret and the duty phone')
    assert.equal(counts.device_contacts, 1)
    const [d] = await rows<{ secret_enc: string; duty_phone_enc: string; contact: string }>(database.db, sql`SELECT d.secret_enc, d.duty_phone_enc, c.phone_enc AS contact
      FROM devices d JOIN device_contacts c ON c.device_id = d.id`)
    assert.ok([d!.secret_enc, d!.duty_phone_enc, d!.contact].every((v) => v.startsWith('k2:')))
    assert.deepEqual([next.decrypt('device_secret', d!.secret_enc), next.decrypt('phone', d!.duty_phone_enc), next.decrypt('phone', d!.contact)], ['sekrit', '079188880000', '13700000003'])
    await assert.rejects(preparePii(database.db, ring), /HMAC/, 'a server with the old HMAC key refuses to start')
    await assert.rejects(preparePii(database.db, lacking), PiiKeyError)
    await preparePii(database.db, next)
  })
})

describe('key files', () => {
  test('with no keys configured a dev key file is generated once, mode 0600, and reused', () => {
    const dataDir = path.join(work, 'dev')
    const first = loadPiiKeyring({ DATA_DIR: dataDir })
    const file = path.join(dataDir, 'pii.key')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const copy = path.join(work, 'copy.key')
    writeFileSync(copy, readFileSync(file))
    assert.equal(loadPiiKeyring({ LINLI_PII_KEY_FILE: copy }).hash('phone', '13900000000'), first.hash('phone', '13900000000'))
    assert.throws(() => loadPiiKeyring({ LINLI_PII_KEY_FILE: path.join(work, 'missing.key') }), PiiKeyError)
    assert.throws(() => loadPiiKeyring({ LINLI_PII_KEYS: '{"encryption":{"current":"k2","keys":{"k1":"AAAA"}}}' }), PiiKeyError)
  })

  test('npm run pii:rotate -- --new-key adds a key to the file and re-encrypts the database with it', async () => {
    const dataDir = path.join(work, 'cli')
    const keyFile = path.join(dataDir, 'pii.key')
    writePiiKeyFile(keyFile, generatePiiKeys())
    const ring = loadPiiKeyring({ LINLI_PII_KEY_FILE: keyFile })
    const database = await openPglite({ dataDir: path.join(dataDir, 'pg') })
    await migrate(database)
    await preparePii(database.db, ring)
    const s = ring.seal('phone', '13700000009')
    await database.db.execute(sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask) VALUES ('轮换', ${s.enc}, ${s.hash}, ${s.mask})`)
    await database.close()

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/pii-rotate.ts', '--new-key'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, LINLI_PII_KEY_FILE: keyFile, LINLI_PII_KEYS: '' },
    })
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /k2/)
    const keys = JSON.parse(readFileSync(keyFile, 'utf8'))
    assert.equal(keys.encryption.current, 'k2')
    assert.deepEqual(Object.keys(keys.encryption.keys), ['k1', 'k2'], 'the old key stays for old backups')
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    const reopened = await openPglite({ dataDir: path.join(dataDir, 'pg') })
    try {
      const [p] = await rows<{ phone_enc: string }>(reopened.db, sql`SELECT phone_enc FROM people WHERE name = '轮换'`)
      assert.match(p!.phone_enc, /^k2:/)
      assert.equal(new PiiKeyring(keys).decrypt('phone', p!.phone_enc), '13700000009')
    } finally {
      await reopened.close()
    }
  })
})
