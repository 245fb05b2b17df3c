// A past flood emergency (防汛) of the demo street (issue 17): declared by the street for the demo
// cadre's community about five months before the seeding day, a temporary Party branch of the
// members sent there, a Party shock team, a responsibility zone per grid (its boundary polygon,
// assigned to the grid leader), a duty post in each zone (embankment sections and the floodgate as
// 先锋岗, a shelter, a patrol; halfway between the grid's middle, where maps write its name, and a
// corner) with three 8-hour shifts a day for four days, filled and checked in (a few short or
// missed), hazards found on duty that became cases and were handled, and the end: the summary,
// the branch closed with its record kept, commendations proposed.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const DAYS = 4
const POSTS = [
  { name: '沿江堤段K1+200', kind: 'embankment', vanguard: true },
  { name: '抚河闸口卡点', kind: 'checkpoint', vanguard: true },
  { name: '翠岩小学临时安置点', kind: 'shelter', vanguard: false },
  { name: '低洼片区巡查点', kind: 'patrol', vanguard: false },
  { name: '沿江堤段K2+050', kind: 'embankment', vanguard: false },
]
const HAZARDS = [
  { post: 0, day: 1, text: '堤脚发现两处渗水点，水色浑浊，已插旗标记', result: '突击队连夜抢筑反滤围井，渗水变清，持续观察无异常' },
  { post: 1, day: 1, text: '闸门东侧止水带漏水，闸后积水上涨', result: '联系水务部门更换止水带，闸口恢复正常' },
  { post: 3, day: 2, text: '低洼小区地下车库进水约30厘米，有车辆未转移', result: '组织党员挨户通知挪车，调来两台水泵抽排完毕' },
]

export async function seedDemoMobilisation(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ emergencies: number; signups: number }> {
  const random = createRandom(opts.seed + 91)
  const now = opts.now ?? new Date()
  const accounts = Object.fromEntries((await rows<{ username: string; id: string }>(tx, sql`SELECT username, person_id::text AS id FROM accounts WHERE username IN ('street', 'cadre', 'member')`)).map((a) => [a.username, a.id]))
  const community = await firstRow<{ id: string; name: string; streetId: string }>(tx, sql`SELECT c.id::text, c.name, c.parent_id::text AS "streetId"
    FROM role_assignments r JOIN orgs c ON c.id = r.org_id WHERE r.person_id = ${accounts.cadre ?? null} AND r.role = 'community_cadre' LIMIT 1`)
  if (!community || !accounts.street || !accounts.cadre) return { emergencies: 0, signups: 0 }
  const grids = await rows<{ id: string; path: string; name: string; leaderId: string | null }>(tx, sql`SELECT g.id::text, g.path::text, g.name,
      (SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = g.id AND r.role = 'grid_leader' ORDER BY r.id LIMIT 1) AS "leaderId"
    FROM orgs g WHERE g.parent_id = ${community.id} AND g.kind = 'grid' AND g.geometry IS NOT NULL AND g.deleted_at IS NULL ORDER BY g.path LIMIT ${POSTS.length}`)
  if (grids.length === 0) return { emergencies: 0, signups: 0 }
  // The people sent there: the community's Party members (the demo member among them), in-service ones with their unit.
  const members = await rows<{ personId: string; unitId: string | null }>(tx, sql`SELECT DISTINCT ON (pm.person_id) pm.person_id::text AS "personId", pm.employer_unit_id::text AS "unitId"
    FROM party_members pm WHERE pm.community_id = ${community.id} AND pm.deleted_at IS NULL ORDER BY pm.person_id LIMIT 40`)
  const pool = [...new Set([...(accounts.member ? [accounts.member] : []), ...members.map((m) => m.personId)])].slice(0, 30)
  if (pool.length < 3) return { emergencies: 0, signups: 0 }
  const unitOf = new Map(members.map((m) => [m.personId, m.unitId]))
  const teamLeader = grids[0]!.leaderId ?? accounts.cadre

  // Day 0 at 20:00 Beijing time, about five months back.
  const day0 = new Date(Math.floor((now.getTime() - 150 * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR + 20 * HOUR)
  const startedAt = day0.toISOString()
  const endedAt = new Date(day0.getTime() + DAYS * DAY + 12 * HOUR).toISOString()
  const year = new Date(day0.getTime() + 8 * HOUR).getUTCFullYear()
  const tag = `防汛${year}`
  const e = (await firstRow<{ id: string }>(tx, sql`INSERT INTO emergencies (kind, name, tag, level, org_id, area, description, declared_by, started_at, created_at)
    SELECT 'flood', ${`${year}年${community.name}防汛应急响应`}, ${tag}, 'urgent', ${community.streetId}, c.geometry,
      ${'受持续强降雨影响，赣江水位超警戒线，沿江堤段和低洼片区进入防汛Ⅱ级应急响应，党员干部下沉一线24小时值守。'}, ${accounts.street}, ${startedAt}, ${startedAt}
    FROM orgs c WHERE c.id = ${community.id} RETURNING id::text`))!.id

  const branch = (await firstRow<{ id: string }>(tx, sql`INSERT INTO emergency_branches (emergency_id, name, secretary_id, created_at)
    VALUES (${e}, ${`${community.name}防汛临时党支部`}, ${accounts.cadre}, ${startedAt}) RETURNING id::text`))!.id
  await tx.execute(sql`INSERT INTO emergency_branch_members (branch_id, person_id, unit_id, joined_at)
    SELECT ${branch}, x.p, x.u, ${startedAt}::timestamptz FROM json_to_recordset(${JSON.stringify(pool.slice(0, 12).map((p) => ({ p, u: unitOf.get(p) ?? null })))}::json) AS x(p bigint, u bigint)`)
  const team = (await firstRow<{ id: string }>(tx, sql`INSERT INTO emergency_teams (emergency_id, name, leader_id, created_at)
    VALUES (${e}, ${`${community.name}党员防汛突击队`}, ${teamLeader}, ${startedAt}) RETURNING id::text`))!.id
  await tx.execute(sql`INSERT INTO emergency_team_members (team_id, person_id, source, unit_id, joined_at)
    SELECT ${team}, x.p, x.s, x.u, ${startedAt}::timestamptz FROM json_to_recordset(${JSON.stringify(pool.filter((p) => p !== teamLeader).slice(0, 10).map((p) => ({ p, s: unitOf.get(p) ? 'unit' : 'member', u: unitOf.get(p) ?? null })))}::json) AS x(p bigint, s text, u bigint)`)

  const posts: { id: string; gridId: string; gridPath: string; leaderId: string }[] = []
  for (const [i, g] of grids.entries()) {
    const spec = POSTS[i]!
    const zone = (await firstRow<{ id: string }>(tx, sql`INSERT INTO emergency_zones (emergency_id, name, area, person_id, team_id, created_at)
      SELECT ${e}, ${`${g.name}责任区`}, g.geometry, ${g.leaderId ?? accounts.cadre}, ${team}, ${startedAt} FROM orgs g WHERE g.id = ${g.id} RETURNING id::text`))!.id
    const post = (await firstRow<{ id: string }>(tx, sql`INSERT INTO emergency_posts (emergency_id, name, kind, vanguard, location, radius_m, zone_id, team_id, created_at)
      SELECT ${e}, ${spec.name}, ${spec.kind}, ${spec.vanguard}, ST_LineInterpolatePoint(ST_MakeLine(ST_PointOnSurface(g.geometry), ST_PointN(ST_ExteriorRing(g.geometry), 1)), 0.5), 300, ${zone}, ${team}, ${startedAt} FROM orgs g WHERE g.id = ${g.id} RETURNING id::text`))!.id
    posts.push({ id: post, gridId: g.id, gridPath: g.path, leaderId: g.leaderId ?? accounts.cadre })
  }

  // Three 8-hour shifts a day (00–08, 08–16, 16–24 Beijing time) from the first midnight on.
  const first = new Date(day0.getTime() + 4 * HOUR)
  const shifts: { post: number; startsAt: number; needed: number }[] = []
  for (let k = 0; k < DAYS * 3; k++) {
    for (const [p] of posts.entries()) shifts.push({ post: p, startsAt: first.getTime() + k * 8 * HOUR, needed: POSTS[p]!.vanguard ? 3 : 2 })
  }
  const shiftIds = await rows<{ id: string }>(tx, sql`INSERT INTO emergency_shifts (post_id, starts_at, ends_at, needed, created_at)
    SELECT x.post_id, x.starts_at, x.starts_at + interval '8 hours', x.needed, ${startedAt}::timestamptz
    FROM json_to_recordset(${JSON.stringify(shifts.map((s) => ({ post_id: posts[s.post]!.id, starts_at: new Date(s.startsAt).toISOString(), needed: s.needed })))}::json)
      AS x(post_id bigint, starts_at timestamptz, needed int) RETURNING id::text`)

  // People take turns: each shift held by the next ones of the pool (a few shifts short, a few no-shows).
  let turn = 0
  const signups: Record<string, unknown>[] = []
  for (const [i, s] of shifts.entries()) {
    const held = random() < 0.1 ? s.needed - 1 : s.needed
    for (let k = 0; k < held; k++) {
      const personId = pool[turn++ % pool.length]!
      const shown = random() < 0.95
      const checkedAt = new Date(s.startsAt + Math.floor(random() * 20) * 60_000).toISOString()
      signups.push({
        shift_id: shiftIds[i]!.id, person_id: personId, source: random() < 0.6 ? 'self' : 'assigned', assigned_by: null,
        checked_in_at: shown ? checkedAt : null, checkin_method: shown ? (random() < 0.75 ? 'qr' : 'position') : null,
        hours: shown ? 8 : null, hours_recorded_at: shown ? new Date(s.startsAt + 8 * HOUR).toISOString() : null,
        created_at: new Date(Math.max(day0.getTime(), s.startsAt - 10 * HOUR)).toISOString(),
      })
    }
  }
  for (const s of signups) if (s.source === 'assigned') s.assigned_by = accounts.cadre
  await tx.execute(sql`INSERT INTO shift_signups (shift_id, person_id, source, assigned_by, checked_in_at, checkin_method, hours, hours_recorded_at, created_at)
    SELECT x.shift_id, x.person_id, x.source, x.assigned_by, x.checked_in_at, x.checkin_method, x.hours, x.hours_recorded_at, x.created_at
    FROM json_to_recordset(${JSON.stringify(signups)}::json) AS x(shift_id bigint, person_id bigint, source text, assigned_by bigint, checked_in_at timestamptz,
      checkin_method text, hours numeric, hours_recorded_at timestamptz, created_at timestamptz)`)

  // Hazards found on duty, each a case of the grid, accepted, handled and closed within hours.
  for (const [i, h] of HAZARDS.entries()) {
    const post = posts[h.post % posts.length]!
    const reporter = pool[(i * 5) % pool.length]!
    const at = day0.getTime() + h.day * DAY + (3 + i * 5) * HOUR
    const iso = (ms: number) => new Date(at + ms).toISOString()
    const made = (await firstRow<{ id: string; districtId: string }>(tx, sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, address, state, level,
        handling_org_id, handling_org_path, assignee_id, last_handler_id, reporter_id, channel, accepted_at, handled_at, closed_at, closed_level, handled_on_time, result, created_at, updated_at)
      SELECT linli_district_of(${post.gridId}), ${post.gridId}, ${post.gridPath}::ltree, 'safety', ${`【${tag}·紧急】${h.text}`}, p.location, ${POSTS[h.post]!.name}, 'closed', 'grid',
        ${post.gridId}, ${post.gridPath}::ltree, ${post.leaderId}, ${post.leaderId}, ${reporter}, 'h5', ${iso(10 * 60_000)}, ${iso(3 * HOUR)}, ${iso(5 * HOUR)}, 'grid', true, ${h.result}, ${iso(0)}, ${iso(5 * HOUR)}
      FROM emergency_posts p WHERE p.id = ${post.id} RETURNING id::text, district_id::text AS "districtId"`))!
    const caseId = made.id
    const d = made.districtId
    await tx.execute(sql`INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, note, at) VALUES
      (${caseId}, ${d}, 'report', NULL, 'reported', ${reporter}, NULL, ${iso(0)}),
      (${caseId}, ${d}, 'accept', 'reported', 'accepted', ${post.leaderId}, NULL, ${iso(10 * 60_000)}),
      (${caseId}, ${d}, 'take', 'accepted', 'assigned', ${post.leaderId}, NULL, ${iso(12 * 60_000)}),
      (${caseId}, ${d}, 'start', 'assigned', 'in_progress', ${post.leaderId}, NULL, ${iso(15 * 60_000)}),
      (${caseId}, ${d}, 'handle', 'in_progress', 'handled', ${post.leaderId}, ${h.result}, ${iso(3 * HOUR)}),
      (${caseId}, ${d}, 'verify', 'handled', 'verified', ${accounts.cadre}, NULL, ${iso(4 * HOUR)}),
      (${caseId}, ${d}, 'close', 'verified', 'closed', ${accounts.cadre}, NULL, ${iso(5 * HOUR)})`)
    await tx.execute(sql`INSERT INTO emergency_hazards (emergency_id, post_id, case_id, priority, reported_by, created_at)
      VALUES (${e}, ${post.id}, ${caseId}, 'urgent', ${reporter}, ${iso(0)})`)
  }

  // The end: summary, the branch closed with its record, commendations for the three who served most.
  await tx.execute(sql`UPDATE emergencies SET ended_at = ${endedAt}, ended_by = ${accounts.street}, updated_at = ${endedAt},
    summary = ${`${community.name}防汛应急响应历时${DAYS}天半，${pool.length}名党员干部编入临时党支部和突击队，${posts.length}个点位24小时轮班值守，处置险情${HAZARDS.length}处，无人员伤亡。`}
    WHERE id = ${e}`)
  await tx.execute(sql`UPDATE emergency_branches SET closed_at = ${endedAt}, updated_at = ${endedAt},
    record = '召开支部党员大会2次，设立党员先锋岗2个，组织党员带头巡堤查险、转移群众38人。' WHERE id = ${branch}`)
  const top = await rows<{ personId: string }>(tx, sql`SELECT g.person_id::text AS "personId" FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id
    JOIN emergency_posts p ON p.id = s.post_id WHERE p.emergency_id = ${e} AND g.checked_in_at IS NOT NULL GROUP BY g.person_id ORDER BY count(*) DESC, g.person_id LIMIT 3`)
  const reasons = ['连续值守先锋岗，带头发现并处置堤脚渗水险情', '主动请缨夜班巡堤，协助转移低洼片区群众', '带领突击队员抢排积水，表现突出']
  for (const [i, t] of top.entries()) {
    await tx.execute(sql`INSERT INTO emergency_commendations (emergency_id, person_id, reason, proposed_by, created_at) VALUES (${e}, ${t.personId}, ${reasons[i]!}, ${accounts.cadre}, ${endedAt})`)
  }
  return { emergencies: 1, signups: signups.length }
}
