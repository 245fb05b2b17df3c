// Issue 16's remaining gaps in deliberation: "转为议题" from a visit (checked by visits' access
// loader), the overdue-stage reminder of the minute sweep, and the evidence photos of done tasks
// on the public board.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { deliberationWorld, topicBody } from '../../../../test/support/deliberation.ts'
import { plainJpeg } from '../../../../test/support/images.ts'
import type { Client } from '../../../../test/support/app.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
let seed = 0
const upload = async (who: Client) => {
  const res = await who.request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: ++seed }), headers: { 'content-type': 'image/jpeg' } })
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string; url: string }
}

/** A topic carried to the committee stage (two households support it). */
async function deliberating(w: Awaited<ReturnType<typeof deliberationWorld>>, title = '楼道堆物清理') {
  const id = (await w.residents[0]!.client.post('/api/v1/topics', topicBody(w.community.id, { title }))).json().id as string
  assert.equal((await w.residents[1]!.client.post(`/api/v1/topics/${id}/support`)).json().stageKey, 'committee')
  return id
}

describe('"转为议题" from a visit', () => {
  test('the visit must be readable by the caller (visits\' access loader); the topic links it', async () => {
    const w = await deliberationWorld(t, f, 0)
    const worker = await f.newPerson({ role: 'grid_worker', orgId: w.grid.id })
    const visit = await worker.client.post('/api/v1/visits', { kind: 'night', mode: 'active', orgId: w.grid.id, households: 3, people: 4, note: '夜访发现楼道堆物严重' })
    assert.equal(visit.statusCode, 201, visit.body)
    const visitId = visit.json().id as string
    const outsider = (await deliberationWorld(t, f, 0)).cadre
    assert.equal(codeOf(await outsider.client.post('/api/v1/topics', topicBody(outsider.orgId, { source: { kind: 'visit', id: visitId } }))), 'TOPIC_SOURCE_NOT_FOUND')
    assert.equal(codeOf(await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { source: { kind: 'visit', id: '999999999' } }))), 'TOPIC_SOURCE_NOT_FOUND')
    assert.equal((await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { source: { kind: 'visit', id: 'abc' } }))).statusCode, 400)
    const made = await w.cadre.client.post('/api/v1/topics', topicBody(w.community.id, { title: '楼道堆物清理办法', source: { kind: 'visit', id: visitId } }))
    assert.equal(made.statusCode, 201, made.body)
    const linked = await w.cadre.client.get(`/api/v1/topics?sourceKind=visit&sourceId=${visitId}`)
    assert.deepEqual(linked.json().items.map((x: { id: string }) => x.id), [made.json().id])
    assert.equal((await outsider.client.get(`/api/v1/topics?sourceKind=visit&sourceId=${visitId}`)).statusCode, 404)
    // The visit itself still reads as before, through the same rule.
    assert.equal((await worker.client.get(`/api/v1/visits/${visitId}`)).statusCode, 200)
    assert.equal((await outsider.client.get(`/api/v1/visits/${visitId}`)).statusCode, 404)
  })
})

describe('"转为议题" on the phone from a resident\'s own case', () => {
  test('the reporter raises a topic from their own case; a neighbour cannot name it', async () => {
    const w = await deliberationWorld(t, f, 2)
    const [me, neighbour] = w.residents
    const kase = await f.newCase(w.grid, { by: me, description: '楼下路灯坏了一个月' })
    assert.equal(codeOf(await neighbour!.client.post('/api/v1/topics', topicBody(w.community.id, { source: { kind: 'case', id: kase.id } }))), 'TOPIC_SOURCE_NOT_FOUND')
    const made = await me!.client.post('/api/v1/topics', topicBody(w.community.id, { title: '小区路灯维护责任', source: { kind: 'case', id: kase.id } }))
    assert.equal(made.statusCode, 201, made.body)
    assert.deepEqual((await me!.client.get(`/api/v1/topics/${made.json().id}`)).json().source, { kind: 'case', id: kase.id })
  })
})

describe('the minute sweep reminds the owners of an overdue stage once', () => {
  test('once per stage, idempotent, and again for the next stage when it is overdue', async () => {
    const w = await deliberationWorld(t, f, 2)
    const street = await f.newPerson({ role: 'street_admin', orgId: w.community.parentId ?? w.community.id })
    const id = await deliberating(w)
    const remind = () => t.app.services.deliberation.remindOverdue(t.database.db, new Date())
    const told = async () => t.query<{ person_id: string; title: string }>(sql`SELECT person_id::text, title FROM notifications WHERE kind = 'topic.overdue' AND link->>'topicId' = ${id} ORDER BY id`)
    // Not overdue yet: nothing.
    await remind()
    assert.equal((await told()).length, 0)
    await t.query(sql`UPDATE topics SET stage_due_at = now() - interval '1 hour' WHERE id = ${id}`)
    const first = await remind()
    assert.ok(first.topics >= 1)
    const once = await told()
    assert.deepEqual(once.map((n) => n.person_id), [w.cadre.id], 'the stage\'s role (community cadre) is told, not residents or the street')
    assert.match(once[0]!.title, /“两委”商议.*超期/)
    assert.ok(!once.some((n) => n.person_id === street.id))
    await remind()
    await remind()
    assert.equal((await told()).length, 1, 'a second and third sweep send nothing again')
    // The next stage is reminded afresh once it is overdue.
    assert.equal((await w.cadre.client.post(`/api/v1/topics/${id}/advance`, { output: '两委会议纪要' })).json().stageKey, 'council')
    await remind()
    assert.equal((await told()).length, 1, 'the new stage is not overdue yet')
    await t.query(sql`UPDATE topics SET stage_due_at = now() - interval '1 minute' WHERE id = ${id}`)
    await remind()
    await remind()
    const twice = await told()
    assert.equal(twice.length, 2)
    assert.match(twice[1]!.title, /理事会复议/)
    // A settled or rejected topic is never reminded.
    await w.cadre.client.post(`/api/v1/topics/${id}/reject`, { reason: '已另行处理' })
    await t.query(sql`UPDATE topics SET stage_due_at = now() - interval '1 minute', overdue_reminded_stage = NULL WHERE id = ${id}`)
    await remind()
    assert.equal((await told()).length, 2)
  })
})

describe('the public board shows the evidence photos of done tasks', () => {
  test('photos a manager attached when a task was done load for a visitor; open tasks and others\' photos do not show', async () => {
    const w = await deliberationWorld(t, f, 2)
    const id = await deliberating(w, '小区健身器材更新')
    const topic = (await w.cadre.client.get(`/api/v1/topics/${id}`)).json()
    assert.equal(topic.stageKey, 'committee')
    // Straight to a resolution (the test's template stages are not the point here).
    await t.query(sql`INSERT INTO resolutions (topic_id, org_id, title, text, state) VALUES (${id}, ${w.community.id}, '更新健身器材', '在中心花园更新健身器材。', 'executing')`)
    const [{ rid }] = await t.query<{ rid: string }>(sql`SELECT id::text AS rid FROM resolutions WHERE topic_id = ${id}`) as [{ rid: string }]
    const withTasks = await w.cadre.client.post(`/api/v1/resolutions/${rid}/tasks`, { title: '采购器材' })
    await w.cadre.client.post(`/api/v1/resolutions/${rid}/tasks`, { title: '安装验收' })
    const [buy, install] = (await w.cadre.client.get(`/api/v1/resolutions/${rid}`)).json().tasks as { id: string }[]
    assert.equal(withTasks.statusCode, 201, withTasks.body)

    // Bad input: a photo someone else uploaded, an unknown one, a malformed id, too many.
    const residentPhoto = await upload(w.residents[0]!.client)
    const photo = await upload(w.cadre.client)
    assert.equal((await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: [residentPhoto.id] })).statusCode, 404, 'a resident\'s photo cannot be published by the cadre')
    assert.equal((await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: ['999999999'] })).statusCode, 404)
    assert.equal((await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: ['abc'] })).statusCode, 400)
    assert.equal((await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: Array(10).fill(photo.id) })).statusCode, 400)
    assert.equal((await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { extra: 1 })).statusCode, 400)
    assert.equal((await w.residents[0]!.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: [residentPhoto.id] })).statusCode, 403, 'a resident may not mark a task done')
    let board = (await t.anonymous.get(`/api/v1/public/communities/${w.community.id}/deliberation`)).json()
    let r = board.resolutions.find((x: { id: string }) => x.id === rid)
    assert.deepEqual(r.tasks.map((k: { done: boolean }) => k.done), [false, false], 'refused requests wrote nothing')

    const done = await w.cadre.client.post(`/api/v1/resolution-tasks/${buy!.id}/done`, { photoIds: [photo.id], note: '器材已到货' })
    assert.equal(done.statusCode, 200, done.body)
    assert.deepEqual(done.json().tasks[0].photoIds, [photo.id])
    assert.equal(done.json().tasks[0].note, '器材已到货')
    // Without a body it still works (the console's one-click done).
    const bare = await w.cadre.client.post(`/api/v1/resolution-tasks/${install!.id}/done`)
    assert.equal(bare.statusCode, 200, bare.body)
    await t.query(sql`UPDATE resolution_tasks SET done_at = NULL, photo_ids = ${`{${photo.id}}`}::bigint[] WHERE id = ${install!.id}`)

    board = (await t.anonymous.get(`/api/v1/public/communities/${w.community.id}/deliberation`)).json()
    r = board.resolutions.find((x: { id: string }) => x.id === rid)
    assert.deepEqual(r.tasks[0].photos, [{ url: photo.url, thumbUrl: `${photo.url}?size=thumb` }])
    assert.deepEqual(r.tasks[1].photos, [], 'an open task shows no evidence')
    assert.deepEqual(r.photos, [])
    const loaded = await t.anonymous.get(r.tasks[0].photos[0].url)
    assert.equal(loaded.statusCode, 200)
    assert.equal(loaded.headers['content-type'], 'image/jpeg')
    assert.ok(!JSON.stringify(board).includes(residentPhoto.url), 'the resident\'s own photo is nowhere on the board')

    // The resolution's own evidence shows as addresses too.
    await w.cadre.client.patch(`/api/v1/resolutions/${rid}`, { photoIds: [photo.id] })
    board = (await t.anonymous.get(`/api/v1/public/communities/${w.community.id}/deliberation`)).json()
    assert.deepEqual(board.resolutions.find((x: { id: string }) => x.id === rid).photos.map((p: { url: string }) => p.url), [photo.url])
  })
})
