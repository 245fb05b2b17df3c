// The production start (LINLI_DEMO=0) on an empty embedded database: one top-level node and an
// admin, with a generated password shown once and changed at first login.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { openPglite, rows, type Database } from '../kernel/db/client.ts'
import { prepareDatabase } from '../kernel/start.ts'
import { verifyPassword } from '../kernel/auth/passwords.ts'

let database: Database
before(async () => {
  database = await openPglite({})
})
after(() => database.close())

test('an empty database started with LINLI_DEMO=0 gets one top-level node and an admin who must change the generated password', async () => {
  const { seed, migration } = await prepareDatabase(database, { LINLI_DEMO: false, LINLI_ADMIN_PASSWORD: undefined })
  assert.match(migration, /^\d{4}_.+\.sql$/)
  assert.equal(seed.demoAccounts.length, 0)
  assert.ok(seed.generatedAdminPassword && seed.generatedAdminPassword.length >= 8)
  const orgs = await rows<{ kind: string }>(database.db, sql`SELECT kind FROM orgs`)
  assert.deepEqual(orgs.map((o) => o.kind), ['city'])
  const [admin] = await rows<{ username: string; password_hash: string; must_change_password: boolean; role: string }>(
    database.db,
    sql`SELECT a.username, a.password_hash, a.must_change_password, r.role FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id`,
  )
  assert.equal(admin!.username, 'admin')
  assert.equal(admin!.role, 'admin')
  assert.equal(admin!.must_change_password, true)
  assert.ok(await verifyPassword(admin!.password_hash, seed.generatedAdminPassword!))
  assert.ok(!admin!.password_hash.includes(seed.generatedAdminPassword!), 'only the argon2id hash is stored')
  assert.match(admin!.password_hash, /^\$argon2id\$/)

  const again = await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined })
  assert.equal(again.seed.seeded, false, 'a database with people in it is never seeded again')
})
