// 我的待办 (issue 13, defects 1 and 3): box=todo holds exactly what waits for the caller, to
// accept, to handle, to verify or close, to revisit, and the counts say the same; the community's
// cadres are told of a new case in their grids and of a case waiting for their verification.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'

let t: TestApp
let make: Factories
let community: Org
let grid: Org
let otherGrid: Org
let worker: Person
let leader: Person
let cadre: Person
let street: Person
before(async () => {
  t = await startTestApp()
  make = factories(t)
  community = await make.newCommunity()
  grid = await make.newGrid(community)
  otherGrid = await make.newGrid(await make.newCommunity())
  worker = await make.newPerson({ role: 'grid_worker', orgId: grid.id })
  leader = await make.newPerson({ role: 'grid_leader', orgId: grid.id })
  cadre = await make.newPerson({ role: 'community_cadre', orgId: community.id })
  street = await make.newPerson({ role: 'street_admin', orgId: community.parentId })
})
after(() => t.close())

const todoIds = async (p: Person) => ((await p.client.get('/api/v1/cases?box=todo&limit=200')).json().items as { id: string }[]).map((c) => c.id)
const counts = async (p: Person) => (await p.client.get('/api/v1/cases/todo-counts')).json()
const act = (p: Person, id: string, action: string, body: unknown = {}) => p.client.post(`/api/v1/cases/${id}/${action}`, body)
const told = async (p: Person, caseId: string) =>
  ((await p.client.get('/api/v1/notifications')).json().items as { link: { caseId?: string }; title: string }[]).filter((n) => n.link.caseId === caseId).map((n) => n.title)

describe('the to-do list of each role follows the case through its loop', () => {
  test('reported → handled → verified → closed: each step is in the to-do of exactly those who take it', async () => {
    const c = await make.newCase(grid)
    const other = await make.newCase(otherGrid)
    // Reported: the grid's staff and the community's cadres accept it; the street does not see it as its to-do.
    for (const p of [worker, leader, cadre]) assert.ok((await todoIds(p)).includes(c.id), `${p.role} should accept it`)
    assert.ok(!(await todoIds(street)).includes(c.id), "a grid's new case is not the street's to-do")
    assert.ok(!(await todoIds(cadre)).includes(other.id), "another community's case is not in the cadre's to-do")
    assert.equal((await counts(worker)).accept >= 1, true)
    // The cadre heard of it (defect 3), as the grid worker did.
    assert.ok((await told(cadre, c.id)).some((title) => title.includes('新事件')), 'the cadre is told of a new case in the community')

    assert.equal((await act(worker, c.id, 'take')).statusCode, 200)
    // Taken: only the assignee has it to do.
    assert.ok((await todoIds(worker)).includes(c.id))
    for (const p of [leader, cadre]) assert.ok(!(await todoIds(p)).includes(c.id), `${p.role}: someone else is handling it`)

    assert.equal((await act(worker, c.id, 'handle', { result: '已清理完毕' })).statusCode, 200)
    // Handled: it waits for verification by the leader or the cadre, not by its handler.
    assert.ok(!(await todoIds(worker)).includes(c.id), 'the handler does not verify their own work')
    for (const p of [leader, cadre]) assert.ok((await todoIds(p)).includes(c.id), `${p.role} verifies it`)
    const before = await counts(cadre)
    assert.ok(before.verify >= 1)
    assert.equal(before.total, before.accept + before.handle + before.verify + before.revisit)
    assert.ok((await told(cadre, c.id)).some((title) => title.includes('待验收')), 'the cadre is told it waits for verification')
    assert.deepEqual((await told(worker, c.id)).filter((title) => title.includes('待验收')), [], 'not its handler')

    assert.equal((await act(cadre, c.id, 'verify')).statusCode, 200)
    assert.ok((await todoIds(cadre)).includes(c.id), 'verified: to be closed')
    assert.equal((await act(cadre, c.id, 'close')).statusCode, 200)
    // Closed: 回访 is offered at once to the staff near the case, and is all that is left.
    assert.ok((await todoIds(cadre)).includes(c.id), 'closed: waits for its 回访')
    assert.equal((await counts(cadre)).verify, before.verify - 1)
    assert.equal((await act(cadre, c.id, 'revisit', { fixed: true, satisfaction: 'satisfied', method: 'phone' })).statusCode, 200)
    for (const p of [worker, leader, cadre, street]) assert.ok(!(await todoIds(p)).includes(c.id), `${p.role}: closed and called back`)
  })

  test('each step is a tab of its own whose list matches its count (the inbox tabs)', async () => {
    const accept = await make.newCase(grid)
    const handled = await make.newCase(grid)
    await act(worker, handled.id, 'take')
    await act(worker, handled.id, 'handle', { result: '已处理' })
    const ids = async (p: Person, step: string) => ((await p.client.get(`/api/v1/cases?box=todo&step=${step}&limit=200`)).json().items as { id: string }[]).map((c) => c.id)
    const n = await counts(cadre)
    for (const step of ['accept', 'handle', 'verify', 'revisit'] as const) assert.equal((await ids(cadre, step)).length, n[step], step)
    assert.ok((await ids(cadre, 'accept')).includes(accept.id))
    assert.ok(!(await ids(cadre, 'accept')).includes(handled.id))
    assert.ok((await ids(cadre, 'verify')).includes(handled.id))
    assert.ok(!(await ids(cadre, 'verify')).includes(accept.id))
    assert.equal((await cadre.client.get('/api/v1/cases?box=todo&step=sleep')).statusCode, 400)
  })

  test('a revisit is in the to-do of the staff near the case right after closing, unless its category has none', async () => {
    const c = await make.newCase(grid)
    await act(worker, c.id, 'take')
    await act(worker, c.id, 'handle', { result: '已修好' })
    await act(leader, c.id, 'verify')
    const before = (await counts(worker)).revisit
    await act(leader, c.id, 'close')
    const revisits = (await worker.client.get('/api/v1/cases?box=todo&step=revisit&limit=200')).json().items as { id: string }[]
    assert.ok(revisits.some((x) => x.id === c.id), 'in 待回访 at once')
    assert.equal((await counts(worker)).revisit, before + 1)
    // A category without 回访 (revisit days 0) leaves no revisit due.
    await t.query(sql`UPDATE cases SET revisit_due_at = NULL WHERE id = ${c.id}`)
    assert.ok(!(await todoIds(worker)).includes(c.id))
  })

  test('the to-do needs a login and shows nothing a caller may not read', async () => {
    assert.equal((await t.anonymous.get('/api/v1/cases/todo-counts')).statusCode, 401)
    const resident = await make.newPerson({ role: 'resident', orgId: (await make.newBuilding(grid)).id })
    assert.deepEqual(await todoIds(resident), [])
    assert.deepEqual(await counts(resident), { accept: 0, handle: 0, verify: 0, revisit: 0, total: 0 })
  })
})
