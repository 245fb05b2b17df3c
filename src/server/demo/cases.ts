// A year of activity in the demo street (the `street` account's street, 2025-11-25 → 2026-11-25):
// ~1,500 cases with timelines that match their state, the visit logs of its cadres, a monthly
// night-visit schedule for its seven departments with its tasks, and quarterly five-colour
// ratings of its estates, seeded here because the three tie together (visits find cases, and the
// one red rating opens a rectification case); a case's life is cases.lifecycle.ts, the types and
// the clock cases.model.ts, the words cases.words.ts.
//
// Deterministic: a seeded PRNG and a fixed clock (the year ends 2026-11-25 16:00 China time),
// never Math.random or now(). Everything is built in memory first, then written with one
// INSERT … SELECT FROM json_to_recordset per table, so seeding stays fast on PGlite.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { colorOf, totalOf } from '../modules/estates/estates.rating.ts'
import { createNameGenerator, createRandom, type DemoOrg, type Position } from './geography/city.ts'
import {
  CST, type CaseEvent, type CaseRow, type Category, DAY, DEMO_CASE_COUNT, DEMO_NOW, DEMO_YEAR_START, type DemoActivityInput,
  type DemoActivityResult, HOUR, type Person, type Place, RESIDENTS, type Spec, between, chance, iso, jitter, localDate,
  localHour, localMidnight, pick, rectOf, weighted,
} from './cases.model.ts'
import { CATEGORY_WEIGHTS, DESCRIPTIONS, FLOORS, STREET_DEPARTMENTS, VISIT_TOPICS } from './cases.words.ts'
import { createLifecycle } from './cases.lifecycle.ts'

export async function seedDemoActivity(tx: Executor, input: DemoActivityInput): Promise<DemoActivityResult> {
  const random = createRandom(input.seed ^ 0x0ca5e5)
  const nextName = createNameGenerator(createRandom(input.seed ^ 0x7e51d3))
  const { nodes, ids, streetKey } = input
  const id = (key: string) => ids.get(key)!
  const streetId = id(streetKey)
  const street = nodes.find((n) => n.key === streetKey)!
  const under = (parentKey: string, kind: DemoOrg['kind']) => nodes.filter((n) => n.parentKey === parentKey && n.kind === kind)
  const communities = under(streetKey, 'community')
  const grids = communities.flatMap((c) => under(c.key, 'grid'))
  const places: Place[] = grids.flatMap((g) => {
    const rect = rectOf(g)
    return under(g.key, 'building').map((b) => ({
      gridId: id(g.key), communityId: id(g.parentKey!), name: b.name, point: (b.geometry as { coordinates: Position }).coordinates, gridRect: rect,
    }))
  })
  const placesByGrid = new Map<string, Place[]>()
  for (const p of places) placesByGrid.set(p.gridId, [...(placesByGrid.get(p.gridId) ?? []), p])
  const communityName = new Map(communities.map((c) => [id(c.key), c.name]))

  // Staff as seeded, with the departments the street still lacks (seven in all).
  const existingDepartments = under(streetKey, 'department').map((d) => ({ id: id(d.key), name: d.name }))
  const addedDepartments = await rows<{ id: string; name: string }>(tx, sql`
    INSERT INTO orgs (parent_id, kind, name)
    SELECT ${streetId}, 'department', ${street.name}::text || n
    FROM json_array_elements_text(${JSON.stringify(STREET_DEPARTMENTS.slice(0, Math.max(0, 7 - existingDepartments.length)))}::json) WITH ORDINALITY AS x(n, i)
    ORDER BY i RETURNING id::text, name`)
  const departments = [...existingDepartments, ...addedDepartments]

  // One liaison per department (they make the department's visits) and residents who report.
  let phone = 0
  const liaisonNames = departments.map(() => nextName())
  const residentPlaces = Array.from({ length: RESIDENTS }, () => pick(random, places))
  const residentNames = residentPlaces.map(() => nextName())
  const buildingIdOf = new Map(grids.flatMap((g) => under(g.key, 'building').map((b) => [`${id(g.key)}|${b.name}`, id(b.key)] as const)))
  const newPeople = [
    ...departments.map((d, i) => ({ name: liaisonNames[i]!, role: 'member', org_id: d.id })),
    ...residentPlaces.map((p, i) => ({ name: residentNames[i]!, role: 'resident', org_id: buildingIdOf.get(`${p.gridId}|${p.name}`)! })),
  ]
  const personIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS id FROM generate_series(1, ${newPeople.length})`)
  const peoplePayload = newPeople.map((p, i) => ({ ...p, id: personIds[i]!.id, phone: input.pii.seal('phone', `136${String(10000000 + phone++).padStart(8, '0')}`) }))
  await tx.execute(sql`
    INSERT INTO people (id, name, phone_enc, phone_hash, phone_mask) OVERRIDING SYSTEM VALUE
    SELECT id, name, phone->>'enc', phone->>'hash', phone->>'mask' FROM json_to_recordset(${JSON.stringify(peoplePayload)}::json) AS x(id bigint, name text, phone json)`)
  await tx.execute(sql`
    INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT id, role, org_id, DATE '2025-01-01' FROM json_to_recordset(${JSON.stringify(peoplePayload)}::json) AS x(id bigint, role text, org_id bigint)`)
  const liaisons = departments.map((d, i) => ({ department: d, person: { id: personIds[i]!.id, name: liaisonNames[i]! } }))
  const residentsByGrid = new Map<string, Person[]>()
  residentPlaces.forEach((p, i) => {
    const person = { id: personIds[departments.length + i]!.id, name: residentNames[i]! }
    residentsByGrid.set(p.gridId, [...(residentsByGrid.get(p.gridId) ?? []), person])
  })

  const staff = await rows<{ person_id: string; name: string; role: string; org_id: string; username: string | null }>(tx, sql`
    SELECT r.person_id::text, p.name, r.role, r.org_id::text, a.username
    FROM role_assignments r JOIN people p ON p.id = r.person_id JOIN orgs o ON o.id = r.org_id
    LEFT JOIN accounts a ON a.person_id = p.id
    WHERE o.path <@ (SELECT path FROM orgs WHERE id = ${streetId})
    ORDER BY r.id`)
  const withRole = (role: string, orgId: string): Person[] =>
    staff.filter((s) => s.role === role && s.org_id === orgId).map((s) => ({ id: s.person_id, name: s.name }))
  const streetAdmin = withRole('street_admin', streetId)[0]!
  const gridTeam = new Map(grids.map((g) => {
    const leaders = withRole('grid_leader', id(g.key))
    const workers = withRole('grid_worker', id(g.key))
    return [id(g.key), { leader: leaders[0]!, workers: workers.length > 0 ? workers : leaders }]
  }))
  const cadres = new Map(communities.map((c) => [id(c.key), withRole('community_cadre', id(c.key))]))
  // The demo accounts that live in the street report some of their own grid's cases.
  for (const s of staff.filter((x) => x.role === 'resident' && x.username)) {
    const gridId = grids.find((g) => under(g.key, 'building').some((b) => id(b.key) === s.org_id))
    if (gridId) residentsByGrid.set(id(gridId.key), [...(residentsByGrid.get(id(gridId.key)) ?? []), ...Array(4).fill({ id: s.person_id, name: s.name })])
  }

  const categories = new Map((await rows<Category>(tx, sql`
    SELECT code, accept_hours, handle_days, revisit_days, working_days FROM case_categories WHERE parent_code IS NOT NULL`)).map((c) => [c.code, c]))
  const departmentFor = (code: string): Person => {
    const top = code.split('.')[0]!
    const wanted = top === 'dispute' || top === 'safety' ? '派出所' : top === 'order' || top === 'environment' ? '城管' : top === 'other' ? '社会事务' : '平安建设'
    return (liaisons.find((l) => l.department.name.includes(wanted)) ?? liaisons[0]!).person
  }

  // -------------------------------------------------------------------------
  // Cases: each one lived forward from its report; what happened after DEMO_NOW is cut off.

  const events: CaseEvent[] = []
  const cases: CaseRow[] = []
  const visitFound: { caseKey: number; place: Place; visitor: Person; at: number }[] = []

  function fill(template: string, place: Place): string {
    return template.replaceAll('{b}', place.name).replaceAll('{u}', String(1 + Math.floor(random() * 3))).replaceAll('{f}', pick(random, FLOORS))
  }

  const lifecycle = createLifecycle({ random, gridTeam, cadres, communityName, streetId, street, departmentFor, streetAdmin, cases, events })

  // Reports come in by day, more in daytime, a little more as the year goes on (the app is new).
  const reportTime = (): number => {
    const dayIndex = Math.floor(365 * Math.pow(random(), 0.85))
    const hour = weighted(random, [[7, 3], [8, 6], [9, 9], [10, 9], [11, 7], [12, 4], [13, 4], [14, 6], [15, 7], [16, 7], [17, 6], [18, 5], [19, 6], [20, 6], [21, 4], [22, 2], [23, 1], [0, 0.5], [6, 1.5]] as const)
    return DEMO_YEAR_START + dayIndex * DAY + hour * HOUR + Math.floor(random() * 60) * 60_000 + Math.floor(random() * 60) * 1000
  }
  const specs: Spec[] = []
  for (let k = 0; k < DEMO_CASE_COUNT; k++) {
    const code = weighted(random, CATEGORY_WEIGHTS)
    const category = categories.get(code)!
    const place = pick(random, places)
    const team = gridTeam.get(place.gridId)!
    const channel = weighted(random, [['h5', 55], ['console', 28], ['visit', 4], ['open311', 7], ['api', 6]] as const)
    let reporter: Person | null = null
    let anonymous = false
    let contact: Record<string, string> | null = null
    if (channel === 'console') reporter = pick(random, [team.leader, ...team.workers])
    else if (channel === 'visit') reporter = pick(random, [...cadres.get(place.communityId)!, team.leader])
    else if (channel === 'h5') {
      const neighbours = residentsByGrid.get(place.gridId) ?? []
      if (neighbours.length > 0 && chance(random, 0.8)) {
        reporter = pick(random, neighbours)
        anonymous = chance(random, 0.06)
      } else anonymous = true
    } else if (channel === 'open311') contact = { firstName: pick(random, ['先生', '女士']), lastName: nextName().slice(0, 1) }
    // As the service does: a report without a signed-in person is anonymous.
    if (reporter === null) anonymous = true
    const created = reportTime()
    specs.push({
      key: k, category, created, place, channel, reporter, anonymous, contact,
      description: fill(pick(random, DESCRIPTIONS[code]!), place),
      address: `${communityName.get(place.communityId)}${place.name}`,
      location: jitter(random, place, 30),
    })
  }

  // Estates: quarterly ratings, one of them red in the last quarter (rectification case).
  const estates = communities.flatMap((c) => under(c.key, 'estate').map((e) => ({ org: e, communityId: id(c.key) })))
  const criteria = await rows<{ code: string; max_score: number }>(tx, sql`SELECT code, max_score FROM estate_rating_criteria WHERE active ORDER BY sort`)
  const quarters = [
    { period: '2025-Q4', at: Date.UTC(2026, 0, 8, 2) },
    { period: '2026-Q1', at: Date.UTC(2026, 3, 9, 2) },
    { period: '2026-Q2', at: Date.UTC(2026, 6, 8, 2) },
    { period: '2026-Q3', at: Date.UTC(2026, 9, 13, 2) },
  ]
  const redEstate = Math.floor(random() * estates.length)
  const ratingIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('estate_ratings', 'id'))::text AS id FROM generate_series(1, ${estates.length * quarters.length})`)
  const ratings = estates.flatMap((estate, e) => {
    const base = between(random, 0.74, 0.97)
    return quarters.map((q, qi) => {
      const red = e === redEstate
      const quality = red ? [0.74, 0.68, 0.63, 0.52][qi]! : Math.min(1, base + between(random, -0.05, 0.05))
      const scores = Object.fromEntries(criteria.map((c) => [c.code, Math.round(Math.min(c.max_score, c.max_score * (quality + between(random, -0.06, 0.06))) * 2) / 2]))
      const total = totalOf(scores)
      const color = colorOf(total)
      return {
        id: ratingIds[e * quarters.length + qi]!.id, estate_id: id(estate.org.key), period: q.period, scores, total, color,
        note: color === 'red' ? '楼道堆物、消防设施缺失、门禁长期损坏，居民投诉集中，评为红色，限期整改。' : color === 'orange' ? '环境卫生和设施维护较差，需加强。' : null,
        rated_by: streetAdmin.id, at: iso(q.at + between(random, 0, 3) * DAY), estate, red: red && qi === quarters.length - 1,
      }
    })
  })
  const redRating = ratings.find((r) => r.red)!
  if (redRating.color !== 'red') throw new Error(`the red estate rated ${redRating.total}`)
  const redGrid = grids.find((g) => {
    const er = rectOf(redRating.estate.org)
    const gr = rectOf(g)
    const x = (er.west + er.east) / 2
    const y = (er.south + er.north) / 2
    return g.parentKey === redRating.estate.org.parentKey && x > gr.west && x < gr.east && y > gr.south && y < gr.north
  }) ?? under(redRating.estate.org.parentKey!, 'grid')[0]!
  const redPlace = (placesByGrid.get(id(redGrid.key)) ?? []).find((p) => p.name.startsWith(redRating.estate.org.name)) ?? placesByGrid.get(id(redGrid.key))![0]!
  const er = rectOf(redRating.estate.org)
  specs.push({
    key: DEMO_CASE_COUNT, category: categories.get('property.rectification')!, created: Date.parse(redRating.at) + 2 * HOUR, place: redPlace,
    channel: 'estate_rating', reporter: streetAdmin, anonymous: false, contact: null,
    description: `${redRating.estate.org.name}${redRating.period.replace('-Q', '年第')}季度五色评定为红色（${redRating.total}分），请督促${redRating.estate.org.propertyFirm ?? '物业公司'}限期整改：楼道堆物、消防设施缺失、门禁损坏。`,
    address: `${communityName.get(redRating.estate.communityId)}${redRating.estate.org.name}`,
    location: [Math.round((er.west + er.east) / 2 * 1e7) / 1e7, Math.round((er.south + er.north) / 2 * 1e7) / 1e7],
    estateRatingKey: 0, level: 'community', handlingOrgId: redRating.estate.communityId,
  })

  for (const spec of specs) {
    if (spec.channel === 'estate_rating') {
      lifecycle(spec, { rejected: false, stuckAt: null, escalations: 0, lateAccept: false, lateHandle: false })
      continue
    }
    const age = (DEMO_NOW - spec.created) / DAY
    lifecycle(spec, {
      rejected: chance(random, 0.025),
      // A few old cases stall; they are the overdue backlog on the dashboard.
      stuckAt: age > 20 && chance(random, 0.02) ? pick(random, ['reported', 'assigned', 'in_progress'] as const) : null,
      escalations: weighted(random, [[0, 90], [1, 8], [2, 2]] as const),
      lateAccept: chance(random, 0.06),
      lateHandle: chance(random, 0.09),
    })
    if (spec.channel === 'visit') visitFound.push({ caseKey: spec.key, place: spec.place, visitor: spec.reporter!, at: spec.created - between(random, 10, 50) * 60_000 })
  }

  // Ids follow the report time, as if they had been created one by one.
  cases.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.key - b.key)
  const caseIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('cases', 'id'))::text AS id FROM generate_series(1, ${cases.length})`)
  const caseIdOf = new Map(cases.map((c, i) => [c.key, caseIds[i]!.id]))
  for (const c of cases) c.id = caseIdOf.get(c.key)!

  // -------------------------------------------------------------------------
  // Visits: the department schedule's tasks, the visits that found cases, and everyday ones.

  interface VisitRow {
    id?: string; kind: 'night' | 'home'; mode: 'fixed' | 'appointed' | 'active' | 'return'; org_id: string; visitor_id: string
    visitor_org_id: string | null; task_id: string | null; visited_at: string; households: number; people_met: number
    lng: number; lat: number; note: string; caseKey?: number; taskIndex?: number
  }
  const visits: VisitRow[] = []
  const nightAt = (day: number) => localMidnight(day) + between(random, 19, 21.5) * HOUR
  const dayAt = (day: number) => localMidnight(day) + between(random, 9, 17) * HOUR

  const [schedule] = await rows<{ id: string }>(tx, sql`
    INSERT INTO visit_schedules (org_id, name, kind, day_of_month, grace_days, starts_on, created_by, created_at, updated_at)
    VALUES (${streetId}, '每月1日 七个部门联系社区夜访', 'night', 1, 7, DATE '2025-12-01', ${streetAdmin.id}, TIMESTAMPTZ '2025-11-26 09:30+08', TIMESTAMPTZ '2025-11-26 09:30+08')
    RETURNING id::text`)
  // Each department keeps one or two communities of its own all year.
  const targets = communities.map((c, i) => ({ community: c, liaison: liaisons[i % liaisons.length]! }))
  await tx.execute(sql`
    INSERT INTO visit_schedule_targets (schedule_id, visitor_org_id, community_id)
    SELECT ${schedule!.id}, visitor_org_id, community_id FROM json_to_recordset(${JSON.stringify(targets.map((t) => ({ visitor_org_id: t.liaison.department.id, community_id: id(t.community.key) })))}::json)
      AS x(visitor_org_id bigint, community_id bigint)`)
  const tasks: { visitor_org_id: string; community_id: string; due_on: string; deadline: string; created_at: string }[] = []
  for (let month = 0; month < 12; month++) {
    const due = Date.UTC(2025, 11 + month, 1) - CST
    if (due > DEMO_NOW) break
    for (const target of targets) {
      const deadline = due + 7 * DAY
      const communityPlaces = places.filter((p) => p.communityId === id(target.community.key))
      const done = deadline + DAY < DEMO_NOW ? !chance(random, 0.03) : chance(random, 0.7)
      if (done) {
        const late = chance(random, 0.08)
        const when = nightAt(late ? deadline + between(random, 1, 5) * DAY : due + Math.floor(between(random, 0, 7)) * DAY)
        if (when <= DEMO_NOW) {
          const place = pick(random, communityPlaces)
          const households = Math.round(between(random, 8, 30))
          const [lng, lat] = jitter(random, place, 20)
          visits.push({
            kind: 'night', mode: 'fixed', org_id: id(target.community.key), visitor_id: target.liaison.person.id, visitor_org_id: target.liaison.department.id,
            task_id: null, visited_at: iso(when), households, people_met: Math.round(households * between(random, 1.3, 2.5)), lng, lat,
            note: `${target.liaison.department.name}夜访${target.community.name}，走访${households}户，在${place.name}召开院落议事会，收集意见${1 + Math.floor(random() * 6)}条，关注${pick(random, VISIT_TOPICS)}。`,
            taskIndex: tasks.length,
          })
        }
      }
      tasks.push({ visitor_org_id: target.liaison.department.id, community_id: id(target.community.key), due_on: localDate(due), deadline: localDate(deadline), created_at: iso(due - 3 * DAY) })
    }
  }
  for (const found of visitFound) {
    const [lng, lat] = jitter(random, found.place, 15)
    const households = Math.round(between(random, 3, 20))
    visits.push({
      kind: localHour(found.at) >= 18 ? 'night' : 'home', mode: weighted(random, [['active', 3], ['appointed', 1], ['return', 1]] as const),
      org_id: found.place.gridId, visitor_id: found.visitor.id, visitor_org_id: null, task_id: null, visited_at: iso(found.at), households,
      people_met: Math.round(households * between(random, 1.2, 2)), lng, lat,
      note: `走访${found.place.name}一带${households}户，居民反映的问题已现场登记为事件跟进。`, caseKey: found.caseKey,
    })
  }
  const everyday = Math.max(0, 200 - visits.length)
  for (let v = 0; v < everyday; v++) {
    const place = pick(random, places)
    const team = gridTeam.get(place.gridId)!
    const visitor = pick(random, [...cadres.get(place.communityId)!, team.leader, ...team.workers])
    const kind = chance(random, 0.55) ? 'night' : 'home'
    const day = DEMO_YEAR_START + Math.floor(random() * 364) * DAY
    const households = kind === 'night' ? Math.round(between(random, 5, 25)) : 1 + Math.floor(random() * 3)
    const [lng, lat] = jitter(random, place, 15)
    visits.push({
      kind, mode: weighted(random, [['fixed', 2], ['appointed', 3], ['active', 4], ['return', 2]] as const),
      org_id: kind === 'night' ? place.gridId : buildingIdOf.get(`${place.gridId}|${place.name}`)!, visitor_id: visitor.id, visitor_org_id: null, task_id: null,
      visited_at: iso(kind === 'night' ? nightAt(day) : dayAt(day)), households, people_met: Math.round(households * between(random, 1.2, 2.2)), lng, lat,
      note: kind === 'night'
        ? `夜访${place.name}，走访${households}户，听取居民对${pick(random, VISIT_TOPICS)}的意见，现场答复${Math.floor(random() * 4)}件。`
        : `到${place.name}${pick(random, FLOORS)}楼家访${pick(random, ['独居老人', '困难家庭', '残疾人家庭', '新搬来的住户'])}，了解生活情况，提醒注意${pick(random, ['用电安全', '防范电信诈骗', '冬季防火'])}。`,
    })
  }
  visits.sort((a, b) => a.visited_at.localeCompare(b.visited_at))

  const taskIds = await rows<{ id: string }>(tx, sql`
    INSERT INTO visit_tasks (schedule_id, visitor_org_id, community_id, due_on, deadline, created_at)
    SELECT ${schedule!.id}, visitor_org_id, community_id, due_on, deadline, created_at
    FROM json_to_recordset(${JSON.stringify(tasks)}::json) AS x(visitor_org_id bigint, community_id bigint, due_on date, deadline date, created_at timestamptz)
    RETURNING id::text`)
  const visitIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('visits', 'id'))::text AS id FROM generate_series(1, ${visits.length})`)
  visits.forEach((v, i) => {
    v.id = visitIds[i]!.id
    if (v.taskIndex !== undefined) v.task_id = taskIds[v.taskIndex]!.id
    if (v.caseKey !== undefined) cases.find((c) => c.key === v.caseKey)!.visit_id = v.id
  })
  await tx.execute(sql`
    INSERT INTO visits (id, kind, mode, org_id, visitor_id, visitor_org_id, task_id, visited_at, households, people_met, location, note, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, kind, mode, org_id, visitor_id, visitor_org_id, task_id, visited_at, households, people_met,
           ST_SetSRID(ST_MakePoint(lng, lat), 4326), note, visited_at, visited_at
    FROM json_to_recordset(${JSON.stringify(visits)}::json)
      AS x(id bigint, kind text, mode text, org_id bigint, visitor_id bigint, visitor_org_id bigint, task_id bigint, visited_at timestamptz,
           households int, people_met int, lng float8, lat float8, note text)`)
  await tx.execute(sql`
    UPDATE visit_tasks t SET visit_id = v.id, done_at = v.visited_at FROM visits v WHERE v.task_id = t.id`)

  // -------------------------------------------------------------------------
  // Estate ratings, then the cases (the red one points at its rating), then the timelines.

  await tx.execute(sql`
    INSERT INTO estate_ratings (id, estate_id, period, scores, total, color, note, rated_by, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, estate_id, period, scores, total, color, note, rated_by, at, at
    FROM json_to_recordset(${JSON.stringify(ratings.map(({ estate: _e, red: _r, ...r }) => r))}::json)
      AS x(id bigint, estate_id bigint, period text, scores jsonb, total numeric, color text, note text, rated_by bigint, at timestamptz)`)
  const redCase = cases.find((c) => c.channel === 'estate_rating')!
  redCase.estate_rating_id = redRating.id

  await tx.execute(sql`
    INSERT INTO cases (id, district_id, org_id, org_path, category_code, description, location, address, state, level, handling_org_id, handling_org_path,
                       assignee_id, last_handler_id, reporter_id, anonymous, channel, contact, visit_id, estate_rating_id,
                       accept_due_at, handle_due_at, overdue_at, reminded_at, accepted_at, handled_at, closed_at, closed_level, handled_on_time,
                       result, reject_reason, escalations, reopens, rating, rating_comment, revisit_due_at, revisited_at, revisit_fixed, revisit_satisfaction,
                       created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT x.id, linli_district_of(x.org_id), x.org_id, g.path, x.category_code, x.description, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326), x.address, x.state, x.level,
           x.handling_org_id, h.path, x.assignee_id, x.last_handler_id, x.reporter_id, x.anonymous, x.channel, x.contact, x.visit_id,
           x.estate_rating_id, x.accept_due_at, x.handle_due_at, x.overdue_at, x.reminded_at, x.accepted_at, x.handled_at, x.closed_at, x.closed_level,
           x.handled_on_time, x.result, x.reject_reason, x.escalations, x.reopens, x.rating, x.rating_comment, x.revisit_due_at,
           x.revisited_at, x.revisit_fixed, x.revisit_satisfaction, x.created_at, x.updated_at
    FROM json_to_recordset(${JSON.stringify(cases)}::json) AS x(
      id bigint, org_id bigint, category_code text, description text, lng float8, lat float8, address text, state text, level text,
      handling_org_id bigint, assignee_id bigint, last_handler_id bigint, reporter_id bigint, anonymous boolean, channel text, contact jsonb,
      visit_id bigint, estate_rating_id bigint, accept_due_at timestamptz, handle_due_at timestamptz, overdue_at timestamptz, reminded_at timestamptz,
      accepted_at timestamptz, handled_at timestamptz, closed_at timestamptz, closed_level text, handled_on_time boolean, result text,
      reject_reason text, escalations smallint, reopens smallint, rating smallint, rating_comment text, revisit_due_at timestamptz,
      revisited_at timestamptz, revisit_fixed boolean, revisit_satisfaction text, created_at timestamptz, updated_at timestamptz)
    JOIN orgs g ON g.id = x.org_id JOIN orgs h ON h.id = x.handling_org_id
    ORDER BY x.id`)
  await tx.execute(sql`UPDATE estate_ratings SET case_id = ${redCase.id} WHERE id = ${redRating.id}`)

  events.sort((a, b) => a.at - b.at || a.caseKey - b.caseKey)
  const eventPayload = events.map((e, seq) => ({
    seq, case_id: caseIdOf.get(e.caseKey), action: e.action, from_state: e.from, to_state: e.to, actor_id: e.actor,
    actor_kind: e.actorKind, note: e.note, data: e.data, at: iso(e.at),
  }))
  await tx.execute(sql`
    INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, actor_kind, note, data, at)
    SELECT x.case_id, c.district_id, x.action, x.from_state, x.to_state, x.actor_id, x.actor_kind, x.note, x.data, x.at
    FROM json_to_recordset(${JSON.stringify(eventPayload)}::json)
      AS x(seq int, case_id bigint, action text, from_state text, to_state text, actor_id bigint, actor_kind text, note text, data jsonb, at timestamptz)
    JOIN cases c ON c.id = x.case_id
    ORDER BY x.seq`)

  return { cases: cases.length, events: events.length, visits: visits.length, visitTasks: tasks.length, estateRatings: ratings.length }
}
