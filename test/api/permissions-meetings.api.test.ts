// The permission matrix of meetings (issue 16): for every demo role, each request that names a
// meeting, node, topic, unit, person or party outside the role's scope is refused (401/403/404,
// or 422 where a field is checked after its record loads) and writes nothing; inside the scope the
// cadres create meetings and the others are refused; the lists show only what the reader may read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { meetingBody, newTopic } from '../support/meetings.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const manages: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'unit' | 'topic' | 'meeting' | 'party', string>
let demoMeeting: string
let demoTopic: string

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM meetings) || '/' || (SELECT count(*) FROM meeting_agenda_items) || '/' ||
  (SELECT count(*) FROM meeting_parties) || '/' || (SELECT count(*) FROM meeting_invitees) || '/' || (SELECT count(*) FROM meeting_attendance) || '/' ||
  (SELECT count(*) FROM meeting_minutes) || '/' || (SELECT count(*) FROM meeting_decisions) || '/' || (SELECT count(*) FROM meetings WHERE updated_at > created_at) || '/' ||
  (SELECT count(*) FROM notifications WHERE kind = 'meeting') AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${far.person}, 'resident', ${far.community}, DATE '2026-01-01')`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.topic = await newTopic(t, far.community)
  far.meeting = await one(sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, place, state, created_by)
    VALUES (${far.community}, 'council_hall', '矩阵外的议事会', now() - interval '10 minutes', now() + interval '1 hour', '矩阵外', 'open', ${far.person}) RETURNING id::text`)
  far.party = await one(sql`INSERT INTO meeting_parties (meeting_id, kind, name) VALUES (${far.meeting}, 'school', '矩阵外的学校') RETURNING id::text`)
  await t.query(sql`INSERT INTO meeting_invitees (meeting_id, person_id) VALUES (${far.meeting}, ${far.person})`)
  demoTopic = await newTopic(t, t.fixtures.communityId)
  const made = await as.cadre.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { inviteeIds: [t.fixtures.personIds.resident] }))
  assert.equal(made.statusCode, 201, made.body)
  demoMeeting = made.json().id
})
after(() => t.close())

test('meetings: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const fm = `/api/v1/meetings/${far.meeting}`
    const dm = `/api/v1/meetings/${demoMeeting}`
    const rows = [
      refused('meetings.create', () => c.post('/api/v1/meetings', meetingBody(far.community)), [403, 404]),
      refused('meetings.create.topicId', () => c.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { agenda: [{ text: '议题', topicId: far.topic }] })), [403, 404]),
      refused('meetings.create.unitId', () => c.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { parties: [{ kind: 'unit', unitId: far.unit }] })), [403, 404]),
      refused('meetings.create.representativeIds', () => c.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { parties: [{ kind: 'school', name: '学校', representativeIds: [far.person] }] })), [403, 404]),
      refused('meetings.create.inviteeIds', () => c.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { inviteeIds: [far.person] })), [403, 404]),
      refused('meetings.read', () => c.get(fm), [404]),
      refused('meetings.update', () => c.patch(fm, { title: '改名' }), [403, 404]),
      refused('meetings.agenda', () => c.put(`${fm}/agenda`, { items: [{ text: '议程' }] }), [403, 404]),
      refused('meetings.agenda.topicId', () => c.put(`${dm}/agenda`, { items: [{ text: '议程', topicId: far.topic }] }), [403, 404]),
      refused('meetings.parties', () => c.post(`${fm}/parties`, { kind: 'school', name: '学校' }), [403, 404]),
      refused('meetings.parties.unitId', () => c.post(`${dm}/parties`, { kind: 'unit', unitId: far.unit }), [403, 404]),
      refused('meetings.parties.representativeIds', () => c.post(`${dm}/parties`, { kind: 'school', name: '学校', representativeIds: [far.person] }), [403, 404]),
      refused('meetings.parties.delete', () => c.delete(`${fm}/parties/${far.party}`), [403, 404]),
      refused('meetings.invitees', () => c.post(`${fm}/invitees`, { personIds: [t.fixtures.personIds.resident] }), [403, 404]),
      refused('meetings.invitees.personIds', () => c.post(`${dm}/invitees`, { personIds: [far.person] }), [403, 404]),
      refused('meetings.invitees.partyId', () => c.post(`${dm}/invitees`, { personIds: [t.fixtures.personIds.resident], partyId: far.party }), [403, 404, 422]),
      refused('meetings.invitees.delete', () => c.delete(`${fm}/invitees/${far.person}`), [403, 404]),
      refused('meetings.registration', () => c.post(`${fm}/registration`, { attending: true }), [403, 404]),
      refused('meetings.checkin-code', () => c.get(`${fm}/checkin-code`), [403, 404]),
      refused('meetings.checkin', () => c.post(`${fm}/checkin`, { code: '1.0000000000000000' }), [403, 404]),
      refused('meetings.attendance', () => c.post(`${fm}/attendance`, { entries: [{ personId: far.person, present: true }] }), [403, 404]),
      refused('meetings.attendance.personId', () => c.post(`${dm}/attendance`, { entries: [{ personId: far.person, present: false, absenceReason: '请假' }] }), [403, 404, 422]),
      refused('meetings.open', () => c.post(`${fm}/open`), [403, 404]),
      refused('meetings.close', () => c.post(`${fm}/close`), [403, 404]),
      refused('meetings.cancel', () => c.post(`${fm}/cancel`, { reason: '矩阵取消' }), [403, 404]),
      refused('meetings.minutes', () => c.post(`${fm}/minutes`, { body: '矩阵外的会议纪要内容。' }), [403, 404]),
      refused('meetings.minutes.approval', () => c.post(`${fm}/minutes/1/approval`, { verdict: 'approve' }), [403, 404]),
      refused('meetings.decisions', () => c.post(`${fm}/decisions`, { text: '矩阵外的决定' }), [403, 404]),
      refused('meetings.decisions.topicId', () => c.post(`${dm}/decisions`, { text: '决定', topicId: far.topic }), [403, 404]),
      refused('meetings.decisions.delete', () => c.delete(`${fm}/decisions/1`), [403, 404]),
      refused('meetings.list.orgId', () => c.get(`/api/v1/meetings?orgId=${far.community}`), [403, 404]),
      refused('meetings.list.topicId', () => c.get(`/api/v1/meetings?orgId=${t.fixtures.communityId}&topicId=${far.topic}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the scope: cadres and above create and manage, the others are refused.
    const created = await c.post('/api/v1/meetings', meetingBody(t.fixtures.communityId, { agenda: [{ text: '本社区的议题', topicId: demoTopic }] }))
    assert.equal(created.statusCode, manages[r] ? 201 : 403, `meetings.create (own) as ${r}: ${created.body.slice(0, 200)}`)
    const agenda = await c.put(`/api/v1/meetings/${demoMeeting}/agenda`, { items: [{ text: '通报情况' }] })
    // The invited resident reads it but may not change it; the others do not learn it exists.
    assert.equal(agenda.statusCode, manages[r] ? 200 : r === 'resident' ? 403 : 404, `meetings.agenda (own) as ${r}: ${agenda.body.slice(0, 200)}`)
    const listed = await c.get(`/api/v1/meetings?orgId=${t.fixtures.communityId}`)
    assert.ok(manages[r] ? listed.statusCode === 200 : [403, 404].includes(listed.statusCode), `meetings.list (own) as ${r}: ${listed.statusCode}`)
  }
  assert.equal((await t.anonymous.get(`/api/v1/meetings/${demoMeeting}`)).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/meetings', meetingBody(t.fixtures.communityId))).statusCode, 401)
})

test('derived views: the lists and my meetings show only what the reader may read record by record', async () => {
  for (const r of ROLES) {
    const listed = await as[r].get('/api/v1/meetings?limit=200')
    if (listed.statusCode === 200) assert.ok(!(listed.json().items as { id: string }[]).some((m) => m.id === far.meeting), `list as ${r} shows the far meeting`)
    else assert.equal(listed.statusCode, 403, `list as ${r}`)
    const mine = (await as[r].get('/api/v1/meetings/mine?limit=200')).json().items as { id: string }[]
    assert.ok(!mine.some((m) => m.id === far.meeting), `mine as ${r} shows the far meeting`)
    // The invited resident, and the cadre who organised it (its chair).
    assert.equal(mine.some((m) => m.id === demoMeeting), r === 'resident' || r === 'cadre', `mine as ${r}`)
  }
  // The invited resident reads the meeting, the names of the invited included; a member who is not invited does not.
  const seen = await as.resident.get(`/api/v1/meetings/${demoMeeting}`)
  assert.equal(seen.statusCode, 200)
  assert.ok(seen.json().invitees.length > 0)
  assert.equal((await as.member.get(`/api/v1/meetings/${demoMeeting}`)).statusCode, 404)
})
