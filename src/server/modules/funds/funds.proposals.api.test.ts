// A social organisation proposes a project itself (its representative, with no staff role), and who
// is told what: the cadres of a proposal and of spending past the budget, the proposer when the
// project is decided, rejected or completed, the pledgers when a crowdfunding target is reached.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { uploadPhoto } from '../../../../test/support/wishes.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const YEAR = 2026
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
/** The notifications about a project: "kind:personId" sorted. */
const told = async (projectId: string) => (await t.query<{ k: string }>(sql`SELECT kind || ':' || person_id::text AS k FROM notifications WHERE link->>'projectId' = ${projectId} ORDER BY 1`)).map((r) => r.k)

interface World { community: Org; cadre: Person; cadre2: Person; rep: Person; socialOrg: string }

async function world(): Promise<World> {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const cadre2 = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const rep = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(community))).id })
  const socialOrg = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('邻里互助社', 'social_organisation', ${community.id}) RETURNING id::text`)
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${socialOrg}, ${rep.id}, 'representative')`)
  return { community, cadre, cadre2, rep, socialOrg }
}

describe('projects proposed by social organisations, and notices', () => {
  test('a social organisation\'s representative proposes a project at its community; it starts proposed and the cadres are told; decided, rejected and completed tell the proposer', async () => {
    const w = await world()
    const mine = await w.rep.client.get('/api/v1/social-orgs/mine')
    assert.equal(mine.statusCode, 200, mine.body)
    assert.deepEqual(mine.json().items, [{ unit: { id: w.socialOrg, name: '邻里互助社' }, org: { id: w.community.id, name: w.community.name } }])
    assert.deepEqual((await w.cadre.client.get('/api/v1/social-orgs/mine')).json().items, [])
    const made = await w.rep.client.post('/api/v1/projects', { orgId: w.community.id, year: YEAR, kind: 'venture', title: '红色创投·四点半课堂', summary: '放学后的作业辅导', proposedBy: 'social_organisation', unitId: w.socialOrg })
    assert.equal(made.statusCode, 201, made.body)
    const id = made.json().id as string
    assert.equal(made.json().state, 'proposed')
    assert.equal(made.json().unit.id, w.socialOrg)
    assert.deepEqual(await told(id), [`project.proposed:${w.cadre.id}`, `project.proposed:${w.cadre2.id}`].sort())
    const [n] = await t.query<{ title: string; body: string }>(sql`SELECT title, body FROM notifications WHERE link->>'projectId' = ${id} LIMIT 1`)
    assert.deepEqual(n, { title: '新的项目提议：红色创投·四点半课堂', body: '邻里互助社提出，请审议' })
    assert.equal((await w.rep.client.get(`/api/v1/projects/${id}`)).statusCode, 200, 'the organisation reads its proposal')
    // The representative cannot decide it.
    assert.equal((await w.rep.client.post(`/api/v1/projects/${id}/decide`, {})).statusCode, 403)
    const decided = await w.cadre.client.post(`/api/v1/projects/${id}/decide`, { note: '两委会议通过' })
    assert.equal(decided.statusCode, 200, decided.body)
    assert.ok((await told(id)).includes(`project.decided:${w.rep.id}`))
    assert.ok(!(await told(id)).includes(`project.decided:${w.cadre.id}`), 'the actor is not told of their own act')
    const fund = (await w.cadre.client.post('/api/v1/funds', { orgId: w.community.id, year: YEAR, source: 'party_work', name: '党建工作经费', amountYuan: 50_000 })).json().id
    assert.equal((await w.cadre.client.post(`/api/v1/projects/${id}/budget`, { fundId: fund, budgetYuan: 10_000 })).statusCode, 200)
    const done = await w.cadre.client.post(`/api/v1/projects/${id}/complete`, { evidencePhotoIds: [await uploadPhoto(w.cadre, 3)], note: '课堂办了 40 次' })
    assert.equal(done.statusCode, 200, done.body)
    assert.ok((await told(id)).includes(`project.done:${w.rep.id}`))
    // A second proposal, rejected.
    const other = (await w.rep.client.post('/api/v1/projects', { orgId: w.community.id, year: YEAR, kind: 'benefit', title: '楼道读书角建设', proposedBy: 'social_organisation', unitId: w.socialOrg })).json().id
    assert.equal((await w.cadre2.client.post(`/api/v1/projects/${other}/reject`, { reason: '与已有项目重复' })).statusCode, 200)
    const [r] = await t.query<{ title: string; body: string }>(sql`SELECT title, body FROM notifications WHERE link->>'projectId' = ${other} AND kind = 'project.rejected' AND person_id = ${w.rep.id}`)
    assert.deepEqual(r, { title: '项目不予实施：楼道读书角建设', body: '与已有项目重复' })
  })

  test('what a representative may not propose: another proposer, a resolution, a community the unit is not of, a unit they do not act for; nothing is written', async () => {
    const w = await world()
    const elsewhere = await f.newCommunity()
    const stranger = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(w.community))).id })
    const firm = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('某商户', 'merchant', ${w.community.id}) RETURNING id::text`)
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${firm}, ${w.rep.id}, 'representative')`)
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM fund_projects`))[0]!.n
    const base = { orgId: w.community.id, year: YEAR, kind: 'benefit', title: '楼道读书角建设', proposedBy: 'social_organisation', unitId: w.socialOrg }
    const community = await w.rep.client.post('/api/v1/projects', { ...base, proposedBy: 'community' })
    assert.equal(codeOf(community), 'PROJECT_INVALID')
    assert.match(community.json().error.details[0].message, /提出方须为社会组织/)
    assert.equal((await w.rep.client.post('/api/v1/projects', { ...base, proposedBy: 'residents', resolutionId: '1' })).statusCode, 422)
    assert.equal((await w.rep.client.post('/api/v1/projects', { ...base, orgId: elsewhere.id })).statusCode, 403, 'a community the unit is neither in nor paired with')
    assert.equal((await w.rep.client.post('/api/v1/projects', { ...base, unitId: firm })).statusCode, 403, 'a unit that is not a social organisation')
    assert.ok([403, 404].includes((await stranger.client.post('/api/v1/projects', base)).statusCode), 'someone who does not act for the unit')
    assert.equal((await stranger.client.post('/api/v1/projects', { ...base, unitId: undefined })).statusCode, 403)
    assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM fund_projects`))[0]!.n, before)
    // A community the unit is paired with is allowed.
    await t.query(sql`INSERT INTO pairing_agreements (community_id, unit_id, title, terms, tags, starts_on, created_by) VALUES (${elsewhere.id}, ${w.socialOrg}, '结对共建', '共建', '{party_work}', '2026-01-01', ${w.cadre.id})`)
    const paired = await w.rep.client.post('/api/v1/projects', { ...base, orgId: elsewhere.id })
    assert.equal(paired.statusCode, 201, paired.body)
  })

  test('crowdfunding: the pledge that reaches the target tells every pledger; spending past the budget from received pledges tells the cadres', async () => {
    const w = await world()
    const donor = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(w.community))).id })
    const id = (await w.cadre.client.post('/api/v1/projects', { orgId: w.community.id, year: YEAR, kind: 'crowdfunding', title: '微公益·困难老人助餐', proposedBy: 'community', targetYuan: 1_000 })).json().id as string
    await w.cadre.client.post(`/api/v1/projects/${id}/decide`, {})
    assert.equal((await w.cadre.client.post(`/api/v1/projects/${id}/budget`, { budgetYuan: 0 })).statusCode, 200)
    const first = await donor.client.post(`/api/v1/projects/${id}/pledges`, { amountYuan: 600 })
    assert.equal(first.statusCode, 201)
    assert.ok(!(await told(id)).some((k) => k.startsWith('project.targetReached')), 'not yet')
    const second = await w.rep.client.post(`/api/v1/projects/${id}/pledges`, { amountYuan: 500 })
    assert.equal(second.statusCode, 201)
    assert.deepEqual((await told(id)).filter((k) => k.startsWith('project.targetReached')), [`project.targetReached:${donor.id}`, `project.targetReached:${w.rep.id}`].sort())
    // Another pledge past the target tells nobody again.
    await w.cadre2.client.post(`/api/v1/projects/${id}/pledges`, { amountYuan: 10 })
    assert.equal((await told(id)).filter((k) => k.startsWith('project.targetReached')).length, 2)
    await w.cadre.client.post(`/api/v1/pledges/${first.json().id}/confirm`)
    const spent = await w.cadre.client.post(`/api/v1/projects/${id}/expenses`, { amountYuan: 300, spentOn: '2026-06-01', item: '助餐 30 份' })
    assert.equal(spent.statusCode, 201, spent.body)
    assert.deepEqual((await told(id)).filter((k) => k.startsWith('project.overBudget')), [`project.overBudget:${w.cadre2.id}`])
  })
})
