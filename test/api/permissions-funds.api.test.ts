// The permission matrix of funds, projects, pledges and social organisations (issue 17): for every
// demo role, each request that names a fund, project, pledge, node, unit, resolution or photo
// outside the role's scope is refused (401/403/404, or 422 where a field is checked after its
// record loads) and writes nothing; lists and figures show nothing of another scope; the public
// page shows decided projects to anyone but never payees, receipts or pledgers' names.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const keeps: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }
const reads = keeps

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'unit' | 'socialOrg' | 'photo' | 'fund' | 'proposed' | 'live' | 'pledge' | 'resolution' | 'person', string>
let demoFund: string
let demoProject: string
let demoProposed: string
let demoLive: string
/** A social organisation of the demo community the demo member acts for (they propose projects for it). */
let demoSocialOrg: string
const YEAR = 2026

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM funds) || '/' || (SELECT count(*) FROM fund_projects) || '/' ||
  (SELECT count(*) FROM fund_expenses) || '/' || (SELECT count(*) FROM fund_pledges) || '/' || (SELECT count(*) FROM fund_project_events) || '/' ||
  (SELECT count(*) FROM social_orgs) || '/' || (SELECT count(*) FROM funds WHERE updated_at > created_at) || '/' ||
  (SELECT string_agg(state, ',' ORDER BY id) FROM fund_projects) || '/' || (SELECT coalesce(string_agg(state, ',' ORDER BY id), '') FROM fund_pledges) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.socialOrg = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的社会组织', 'social_organisation', ${far.community}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.fund = await one(sql`INSERT INTO funds (org_id, year, source, name, amount_yuan, governance_min_pct) VALUES (${far.community}, ${YEAR}, 'service', '矩阵外的经费', 100000, 20) RETURNING id::text`)
  far.proposed = await one(sql`INSERT INTO fund_projects (org_id, year, kind, state, title, proposed_by) VALUES (${far.community}, ${YEAR}, 'benefit', 'proposed', '矩阵外的提议', 'community') RETURNING id::text`)
  far.live = await one(sql`INSERT INTO fund_projects (org_id, year, kind, state, title, proposed_by, fund_id, budget_yuan, target_yuan, decided_at)
    VALUES (${far.community}, ${YEAR}, 'crowdfunding', 'budgeted', '矩阵外的众筹', 'community', ${far.fund}, 1000, 5000, now()) RETURNING id::text`)
  await t.query(sql`INSERT INTO fund_expenses (project_id, amount_yuan, spent_on, item, payee, receipt_photo_ids) VALUES (${far.live}, 100, '2026-03-01', '矩阵外的支出', '矩阵外的收款方', ARRAY[${far.photo}]::bigint[])`)
  far.pledge = await one(sql`INSERT INTO fund_pledges (project_id, person_id, amount_yuan) VALUES (${far.live}, ${far.person}, 200) RETURNING id::text`)
  const version = await one(sql`SELECT v.id::text FROM deliberation_template_versions v JOIN deliberation_templates d ON d.id = v.template_id WHERE d.code = 'six_steps'`)
  const topic = await one(sql`INSERT INTO topics (org_id, title, body, proposer_id, template_version_id, state, stage_index, stage_key)
    VALUES (${far.community}, '矩阵外的议题', '矩阵外', ${far.person}, ${version}, 'deliberating', 4, 'decide') RETURNING id::text`)
  far.resolution = await one(sql`INSERT INTO resolutions (topic_id, org_id, title, text, state) VALUES (${topic}, ${far.community}, '矩阵外的决议', '矩阵外', 'executing') RETURNING id::text`)
  demoSocialOrg = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵内的社会组织', 'social_organisation', ${t.fixtures.communityId}) RETURNING id::text`)
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) SELECT ${demoSocialOrg}, person_id, 'representative' FROM accounts WHERE username = 'member'`)
  const made = await as.cadre.post('/api/v1/funds', { orgId: t.fixtures.communityId, year: YEAR, source: 'special', name: '矩阵内的专项经费', amountYuan: 1_000_000 })
  assert.equal(made.statusCode, 201, made.body)
  demoFund = made.json().id
  const p = await as.cadre.post('/api/v1/projects', { orgId: t.fixtures.communityId, year: YEAR, kind: 'benefit', title: '矩阵内的项目', proposedBy: 'community' })
  assert.equal(p.statusCode, 201, p.body)
  demoProject = p.json().id
  await as.cadre.post(`/api/v1/projects/${demoProject}/decide`, {})
  demoProposed = (await as.cadre.post('/api/v1/projects', { orgId: t.fixtures.communityId, year: YEAR, kind: 'benefit', title: '矩阵内的提议', proposedBy: 'community' })).json().id
  demoLive = (await as.cadre.post('/api/v1/projects', { orgId: t.fixtures.communityId, year: YEAR, kind: 'benefit', title: '矩阵内实施中的项目', proposedBy: 'community' })).json().id
  await as.cadre.post(`/api/v1/projects/${demoLive}/decide`, {})
  assert.equal((await as.cadre.post(`/api/v1/projects/${demoLive}/budget`, { fundId: demoFund, budgetYuan: 1000 })).statusCode, 200)
})
after(() => t.close())

test('funds: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  const own = t.fixtures.communityId
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('funds.list.orgId', () => c.get(`/api/v1/funds?orgId=${far.community}&year=${YEAR}`), [403, 404]),
      refused('funds.figures.orgId', () => c.get(`/api/v1/funds/figures?orgId=${far.community}&year=${YEAR}`), [403, 404]),
      refused('funds.create.orgId', () => c.post('/api/v1/funds', { orgId: far.community, year: YEAR, source: 'special', name: '越权经费', amountYuan: 10 }), [403, 404]),
      refused('funds.create.unitId', () => c.post('/api/v1/funds', { orgId: own, year: YEAR, source: 'co_building', name: '越权共建', amountYuan: 10, unitId: far.unit }), [403, 404, 422]),
      refused('funds.update', () => c.patch(`/api/v1/funds/${far.fund}`, { amountYuan: 1 }), [403, 404]),
      refused('projects.list.orgId', () => c.get(`/api/v1/projects?orgId=${far.community}`), [403, 404]),
      refused('projects.list.fundId', () => c.get(`/api/v1/projects?orgId=${own}&fundId=${far.fund}`), [403, 404]),
      refused('projects.read', () => c.get(`/api/v1/projects/${far.live}`), [404]),
      refused('projects.create.orgId', () => c.post('/api/v1/projects', { orgId: far.community, kind: 'benefit', title: '越权的项目', proposedBy: 'community' }), [403, 404]),
      refused('projects.create.unitId', () => c.post('/api/v1/projects', { orgId: own, kind: 'venture', title: '越权的创投', proposedBy: 'social_organisation', unitId: far.socialOrg }), [403, 404]),
      refused('projects.create.byUnit.orgId', () => c.post('/api/v1/projects', { orgId: far.community, kind: 'venture', title: '越权的社会组织提议', proposedBy: 'social_organisation', unitId: demoSocialOrg }), [403, 404]),
      refused('projects.create.resolutionId', () => c.post('/api/v1/projects', { orgId: own, kind: 'benefit', title: '越权的决议项目', proposedBy: 'residents', resolutionId: far.resolution }), [403, 404, 422]),
      refused('projects.decide', () => c.post(`/api/v1/projects/${far.proposed}/decide`, {}), [403, 404]),
      refused('projects.decide.resolutionId', () => c.post(`/api/v1/projects/${demoProposed}/decide`, { resolutionId: far.resolution }), [403, 404, 422]),
      refused('projects.reject', () => c.post(`/api/v1/projects/${far.proposed}/reject`, { reason: '越权驳回' }), [403, 404]),
      refused('projects.budget', () => c.post(`/api/v1/projects/${far.proposed}/budget`, { fundId: far.fund, budgetYuan: 1 }), [403, 404]),
      refused('projects.budget.fundId', () => c.post(`/api/v1/projects/${demoProject}/budget`, { fundId: far.fund, budgetYuan: 1 }), [403, 404]),
      refused('projects.expenses', () => c.post(`/api/v1/projects/${far.live}/expenses`, { amountYuan: 1, spentOn: '2026-03-02', item: '越权支出' }), [403, 404]),
      refused('projects.expenses.receiptPhotoIds', () => c.post(`/api/v1/projects/${demoLive}/expenses`, { amountYuan: 1, spentOn: '2026-03-02', item: '越权票据', receiptPhotoIds: [far.photo] }), [403, 404]),
      refused('projects.complete.evidencePhotoIds', () => c.post(`/api/v1/projects/${demoLive}/complete`, { evidencePhotoIds: [far.photo], note: '越权照片' }), [403, 404]),
      refused('projects.progress', () => c.post(`/api/v1/projects/${far.live}/progress`, { progress: 50 }), [403, 404]),
      refused('projects.complete', () => c.post(`/api/v1/projects/${far.live}/complete`, { evidencePhotoIds: [far.photo], note: '越权完成' }), [403, 404]),
      refused('projects.cancel', () => c.post(`/api/v1/projects/${far.proposed}/cancel`, { reason: '越权取消' }), [403, 404]),
      refused('projects.pledges.unitId', () => c.post(`/api/v1/projects/${far.live}/pledges`, { amountYuan: 1, unitId: far.unit }), [403, 404]),
      refused('pledges.confirm', () => c.post(`/api/v1/pledges/${far.pledge}/confirm`), [403, 404]),
      refused('pledges.withdraw', () => c.post(`/api/v1/pledges/${far.pledge}/withdraw`), [403, 404]),
      refused('social-orgs.list.orgId', () => c.get(`/api/v1/social-orgs?orgId=${far.community}`), [403, 404]),
      refused('social-orgs.put', () => c.put(`/api/v1/social-orgs/${far.socialOrg}`, { services: ['越权'], stage: 'hatched' }), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the scope: staff read, cadres and above keep.
    const list = await c.get(`/api/v1/funds?orgId=${own}&year=${YEAR}`)
    assert.equal(list.statusCode, reads[r] ? 200 : 403, `funds.list (own) as ${r}: ${list.body.slice(0, 200)}`)
    const figures = await c.get(`/api/v1/funds/figures?orgId=${own}&year=${YEAR}`)
    assert.equal(figures.statusCode, reads[r] ? 200 : 403, `funds.figures (own) as ${r}`)
    const projects = await c.get(`/api/v1/projects?orgId=${own}&limit=200`)
    assert.equal(projects.statusCode, reads[r] ? 200 : 403, `projects.list (own) as ${r}`)
    if (reads[r]) assert.ok(!(projects.json().items as { id: string }[]).some((p) => p.id === far.live || p.id === far.proposed), `projects.list as ${r} shows a far project`)
    const created = await c.post('/api/v1/funds', { orgId: own, year: YEAR, source: 'special', name: `矩阵专项${r}`, amountYuan: 10 })
    assert.equal(created.statusCode, keeps[r] ? 201 : 403, `funds.create (own) as ${r}: ${created.body.slice(0, 200)}`)
    const project = await c.get(`/api/v1/projects/${demoProject}`)
    assert.equal(project.statusCode, reads[r] ? 200 : 404, `projects.read (own) as ${r}`)
  }
  assert.equal((await t.anonymous.get(`/api/v1/funds?orgId=${t.fixtures.communityId}`)).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/projects', { orgId: t.fixtures.communityId, kind: 'venture', title: '匿名的提议', proposedBy: 'social_organisation', unitId: demoSocialOrg })).statusCode, 401)
})

test('a social organisation\'s representative proposes at its own community only, reads its proposal, and decides nothing', async () => {
  const own = t.fixtures.communityId
  const proposed = await as.member.post('/api/v1/projects', { orgId: own, year: YEAR, kind: 'venture', title: '矩阵内社会组织的提议', proposedBy: 'social_organisation', unitId: demoSocialOrg })
  assert.equal(proposed.statusCode, 201, proposed.body)
  const id = proposed.json().id
  assert.equal((await as.member.get(`/api/v1/projects/${id}`)).statusCode, 200)
  for (const path of ['decide', 'reject', 'cancel']) {
    const before = await counts()
    assert.equal((await as.member.post(`/api/v1/projects/${id}/${path}`, path === 'decide' ? {} : { reason: '越权操作' })).statusCode, 403, path)
    assert.equal(await counts(), before)
  }
  assert.equal((await as.member.get(`/api/v1/projects?orgId=${own}`)).statusCode, 403, 'the staff list stays closed to them')
  // 我所代表的社会组织: one's own only.
  assert.equal((await t.anonymous.get('/api/v1/social-orgs/mine')).statusCode, 401)
  for (const r of ROLES) {
    const ids = ((await as[r].get('/api/v1/social-orgs/mine')).json().items as { unit: { id: string } }[]).map((s) => s.unit.id)
    assert.ok(!ids.includes(far.socialOrg), `social-orgs.mine as ${r} shows a far organisation`)
    assert.equal(ids.includes(demoSocialOrg), r === 'member', `social-orgs.mine as ${r}`)
  }
  // Others who do not act for the unit cannot propose in its name.
  for (const r of ['grid', 'resident'] as const) {
    const res = await as[r].post('/api/v1/projects', { orgId: own, kind: 'venture', title: '冒名的社会组织提议', proposedBy: 'social_organisation', unitId: demoSocialOrg })
    assert.ok([403, 404].includes(res.statusCode), `${r} → ${res.statusCode}`)
  }
  assert.equal((await t.anonymous.post(`/api/v1/projects/${far.live}/pledges`, { amountYuan: 1 })).statusCode, 401)
})

test('the public page shows decided projects to anyone, never payees, receipts or pledgers\' names, and anyone signed in may pledge', async () => {
  for (const c of [t.anonymous, ...ROLES.map((r) => as[r])]) {
    const res = await c.get(`/api/v1/public/projects?orgId=${far.community}&year=${YEAR}`)
    assert.equal(res.statusCode, 200, res.body)
    const page = res.json()
    assert.deepEqual(page.items.map((p: { id: string }) => p.id), [far.live], 'only decided projects')
    assert.deepEqual(page.items[0].expenses, [{ amountYuan: 100, spentOn: '2026-03-01', item: '矩阵外的支出' }])
    assert.doesNotMatch(res.body, /矩阵外的收款方|矩阵外的居民|receipts|payee|矩阵外的提议/)
  }
  assert.equal((await t.anonymous.get('/api/v1/public/projects?orgId=999999999')).statusCode, 404)
  const pledged = await as.resident.post(`/api/v1/projects/${far.live}/pledges`, { amountYuan: 10 })
  assert.equal(pledged.statusCode, 201, pledged.body)
  assert.equal((await as.resident.post(`/api/v1/projects/${far.proposed}/pledges`, { amountYuan: 10 })).statusCode, 404)
})
