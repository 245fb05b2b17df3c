// kernel/access.ts on a real database: an id is refused the same way whether it is malformed,
// missing or outside what the caller may read (404), and with 403 when the caller may read the
// record but not do the action; nothing else is answered.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'
import { requireAccess, requireAccessOne } from './access.ts'
import { AppError } from './errors.ts'
import { anonymousActor, type Actor } from './context.ts'
import type { Role } from './roles.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

async function actorAt(role: Role, orgId: string, personId = '1'): Promise<Actor> {
  const [org] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${orgId}`)
  return { ...anonymousActor, kind: 'person', personId, roles: [{ role, orgId, orgPath: org!.path }] }
}

async function refusal(work: Promise<unknown>): Promise<{ status: number; code: string } | null> {
  try {
    await work
    return null
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code }
    throw e
  }
}

describe('requireAccess', () => {
  test('a malformed, a missing and an unreadable id get the same 404', async () => {
    const grid = await actorAt('grid_worker', t.fixtures.gridId)
    const ask = (id: string) => refusal(requireAccess(t.database.db, grid, { permission: 'resident.manage', entity: 'org', ids: [id] }))
    const expected = { status: 404, code: 'ORG_NOT_FOUND' }
    assert.deepEqual(await ask('12abc'), expected)
    assert.deepEqual(await ask('999999999'), expected)
    assert.deepEqual(await ask(t.fixtures.otherCommunityId), expected)
    assert.deepEqual(await ask(t.fixtures.siblingGridId), expected)
  })

  test('a readable record the caller may not act on is refused with 403, or 404 when hidden', async () => {
    const grid = await actorAt('grid_worker', t.fixtures.gridId)
    const street = { permission: 'resident.manage', entity: 'org', ids: [t.fixtures.streetId] }
    assert.deepEqual(await refusal(requireAccess(t.database.db, grid, street)), { status: 403, code: 'FORBIDDEN' })
    assert.deepEqual(await refusal(requireAccess(t.database.db, grid, { ...street, hide: true })), { status: 404, code: 'ORG_NOT_FOUND' })
  })

  test('every id must pass: one outside the scope among allowed ones refuses the whole request', async () => {
    const cadre = await actorAt('community_cadre', t.fixtures.communityId)
    const ids = [t.fixtures.gridId, t.fixtures.siblingGridId]
    const found = await requireAccess<{ kind: string }>(t.database.db, cadre, { permission: 'resident.manage', entity: 'org', ids: [...ids, null, undefined] })
    assert.deepEqual([...found.keys()].sort(), [...ids].sort())
    assert.equal(found.get(t.fixtures.gridId)!.kind, 'grid')
    assert.equal((await refusal(requireAccess(t.database.db, cadre, { permission: 'resident.manage', entity: 'org', ids: [...ids, t.fixtures.otherGridId] })))?.status, 404)
  })

  test('nobody signed in is asked to sign in before any id is looked at', async () => {
    assert.deepEqual(await refusal(requireAccess(t.database.db, anonymousActor, { permission: 'resident.manage', entity: 'org', ids: ['1'] })), { status: 401, code: 'UNAUTHENTICATED' })
  })

  test('a person with a role that starts tomorrow, or ended last week, still counts as holding it', async () => {
    const cadre = await actorAt('community_cadre', t.fixtures.communityId)
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('明日街道管理员') RETURNING id::text`)
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, 'resident', ${t.fixtures.buildingId})`)
    const manage = () => refusal(requireAccessOne(t.database.db, cadre, { permission: 'person.manage', id: p!.id }))
    assert.equal(await manage(), null, 'a resident of the community is managed by its cadre')
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${p!.id}, 'street_admin', ${t.fixtures.streetId}, CURRENT_DATE + 1)`)
    assert.deepEqual(await manage(), { status: 403, code: 'FORBIDDEN' })
    await t.query(sql`UPDATE role_assignments SET valid_from = CURRENT_DATE - 60, valid_to = CURRENT_DATE - 7 WHERE person_id = ${p!.id} AND role = 'street_admin'`)
    assert.deepEqual(await manage(), { status: 403, code: 'FORBIDDEN' })
    await t.query(sql`UPDATE role_assignments SET valid_to = CURRENT_DATE - 45 WHERE person_id = ${p!.id} AND role = 'street_admin'`)
    assert.equal(await manage(), null, 'a role ended long ago no longer counts')
  })
})
