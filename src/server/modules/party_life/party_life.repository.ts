// SQL of organisation life: Party organisations under a node with their member counts, members,
// plans, meetings of a Party organisation (read through meetings' relations), the month counts the
// dashboard and the rollup tally, members absent in a row, and a member's record. No HTTP, no
// permission logic.
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { meetingPresence, partyMeetingRows } from '../meetings/meetings.read.ts'
import type { MeetingKind, MeetingState } from '../meetings/meetings.kinds.ts'
import type { Frequency, PartyPost, PartyRelation } from './party_life.kinds.ts'

export const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
/** The first instant of a China-time date. */
const chinaStart = (date: string) => sql`(${date}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`
const OPEN = sql`m.left_on IS NULL`
const counts = sql`count(*) FILTER (WHERE relation = 'direct')::int AS direct, count(*) FILTER (WHERE relation = 'participating')::int AS participating,
  count(*) FILTER (WHERE relation = 'assisting')::int AS assisting`

export interface PartyOrgRow { id: string; name: string; nodeName: string; partyKind: string; path: string; secretary: string | null; direct: number; participating: number; assisting: number }

/** Party organisations under the scopes (comma-separated paths), or all of them (null: the sweep). */
export async function partyOrgsUnder(ex: Executor, scopes: string | null): Promise<PartyOrgRow[]> {
  return rows<PartyOrgRow>(ex, sql`SELECT o.id::text, coalesce(o.party_org_name, o.name) AS name, o.name AS "nodeName", o.party_org_kind AS "partyKind", o.path::text,
      o.party_org_secretary AS secretary, coalesce(c.direct, 0) AS direct, coalesce(c.participating, 0) AS participating, coalesce(c.assisting, 0) AS assisting
    FROM ${orgTree} o LEFT JOIN (SELECT party_org_id, ${counts} FROM party_org_members m WHERE ${OPEN} GROUP BY party_org_id) c ON c.party_org_id = o.id
    WHERE o.party_org_kind IS NOT NULL AND o.deleted_at IS NULL ${scopes === null ? sql`` : sql`AND o.path <@ string_to_array(${scopes}, ',')::ltree[]`}
    ORDER BY o.path LIMIT ${scopes === null ? 100000 : 5000}`)
}

export async function memberCounts(ex: Executor, orgId: string) {
  const [c] = await rows<{ direct: number; participating: number; assisting: number }>(ex, sql`SELECT ${counts} FROM party_org_members m WHERE m.party_org_id = ${orgId} AND ${OPEN}`)
  return c ?? { direct: 0, participating: 0, assisting: 0 }
}

export interface MemberRow { personId: string; name: string; relation: PartyRelation; post: PartyPost; joinedOn: string }

export async function membersOf(ex: Executor, orgId: string): Promise<MemberRow[]> {
  return rows<MemberRow>(ex, sql`SELECT m.person_id::text AS "personId", p.name, m.relation, m.post, m.joined_on::text AS "joinedOn"
    FROM party_org_members m JOIN ${personNames} p ON p.id = m.person_id WHERE m.party_org_id = ${orgId} AND ${OPEN}
    ORDER BY array_position(ARRAY['secretary','deputy_secretary','committee_member','group_leader','member'], m.post), m.relation, m.id`)
}

/** People with an open membership in the Party organisation or one under it (the invited of its meetings). */
export async function memberIdsUnder(ex: Executor, path: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT m.person_id::text AS id FROM party_org_members m JOIN ${orgTree} o ON o.id = m.party_org_id
    WHERE ${OPEN} AND o.path <@ ${path}::ltree ORDER BY 1`)).map((r) => r.id)
}

export async function addMember(tx: Executor, orgId: string, m: { personId: string; relation: PartyRelation; post: PartyPost; joinedOn: string; by: string | null }): Promise<boolean> {
  const made = await rows<{ id: string }>(tx, sql`INSERT INTO party_org_members (party_org_id, person_id, relation, post, joined_on, created_by)
    VALUES (${orgId}, ${m.personId}, ${m.relation}, ${m.post}, ${m.joinedOn}::date, ${m.by})
    ON CONFLICT (party_org_id, person_id) WHERE left_on IS NULL DO UPDATE SET relation = EXCLUDED.relation, post = EXCLUDED.post, updated_at = EXCLUDED.updated_at
    RETURNING (xmax = 0) AS id`)
  return Boolean(made[0]?.id)
}

export async function endMember(tx: Executor, orgId: string, personId: string, on: string): Promise<boolean> {
  const done = await rows<{ id: string }>(tx, sql`UPDATE party_org_members SET left_on = greatest(joined_on, ${on}::date), updated_at = now()
    WHERE party_org_id = ${orgId} AND person_id = ${personId} AND left_on IS NULL RETURNING id::text`)
  return done.length === 1
}

export async function plansOf(ex: Executor, orgIds: string[], year: number) {
  if (!orgIds.length) return []
  return rows<{ orgId: string; kind: MeetingKind; frequency: Frequency; note: string | null }>(ex, sql`SELECT party_org_id::text AS "orgId", kind, frequency, note
    FROM party_life_plans WHERE party_org_id = ANY(string_to_array(${orgIds.join(',')}, ',')::bigint[]) AND year = ${year}`)
}

export async function replacePlan(tx: Executor, orgId: string, year: number, items: { kind: string; frequency: Frequency; note?: string }[], by: string | null) {
  await tx.execute(sql`DELETE FROM party_life_plans WHERE party_org_id = ${orgId} AND year = ${year}`)
  for (const i of items) {
    await tx.execute(sql`INSERT INTO party_life_plans (party_org_id, year, kind, frequency, note, updated_by) VALUES (${orgId}, ${year}, ${i.kind}, ${i.frequency}, ${i.note || null}, ${by})`)
  }
}

/** One organisation's meetings of one kind in a year: the China-time month (1–12) of each held, planned (or open) and cancelled meeting. */
export interface MonthRow { orgId: string; kind: MeetingKind; held: number[]; planned: number[]; cancelled: number[] }

/**
 * Party meetings of a year by organisation and kind, one pass: the month of each held, still
 * planned or open, and cancelled meeting (a district's 1,000 organisations answer ~2,000 rows,
 * not one per meeting; the caller counts the months).
 */
export async function monthCounts(ex: Executor, where: SQL, year: number): Promise<MonthRow[]> {
  const month = sql`extract(month FROM m.starts_at AT TIME ZONE 'Asia/Shanghai')::int`
  const found = await rows<MonthRow>(ex, sql`SELECT m.org_id::text AS "orgId", m.kind,
      array_agg(${month}) FILTER (WHERE m.state IN ('held', 'minutes_approved')) AS held,
      array_agg(${month}) FILTER (WHERE m.state IN ('planned', 'open')) AS planned,
      array_agg(${month}) FILTER (WHERE m.state = 'cancelled') AS cancelled
    FROM ${partyMeetingRows} m JOIN ${orgTree} o ON o.id = m.org_id
    WHERE ${where} AND m.starts_at >= ${chinaStart(`${year}-01-01`)} AND m.starts_at < ${chinaStart(`${year + 1}-01-01`)}
    GROUP BY m.org_id, m.kind`)
  const ints = (a: unknown) => (a === null || a === undefined ? [] : (Array.isArray(a) ? a : String(a).replace(/[{}]/g, '').split(',')).map(Number))
  return found.map((r) => ({ orgId: r.orgId, kind: r.kind, held: ints(r.held), planned: ints(r.planned), cancelled: ints(r.cancelled) }))
}

export interface PartyMeetingRow { id: string; kind: MeetingKind; title: string; state: MeetingState; startsAt: string; endsAt: string; invited: number; present: number; absent: number }

export async function meetingsOf(ex: Executor, orgId: string, from: string, to: string): Promise<PartyMeetingRow[]> {
  return rows<PartyMeetingRow>(ex, sql`SELECT m.id::text, m.kind, m.title, m.state, ${iso(sql`m.starts_at`)} AS "startsAt", ${iso(sql`m.ends_at`)} AS "endsAt",
      coalesce(a.invited, 0) AS invited, coalesce(a.present, 0) AS present, coalesce(a.absent, 0) AS absent
    FROM ${partyMeetingRows} m LEFT JOIN (SELECT meeting_id, count(*) FILTER (WHERE role <> 'observer')::int AS invited, count(*) FILTER (WHERE present)::int AS present,
      count(*) FILTER (WHERE present = false)::int AS absent FROM ${meetingPresence} x GROUP BY meeting_id) a ON a.meeting_id = m.id
    WHERE m.org_id = ${orgId} AND m.starts_at >= ${chinaStart(from)} AND m.starts_at < ${chinaStart(to)}
    ORDER BY m.starts_at, m.id LIMIT 1000`)
}

/** Members absent (or not recorded present) at the last three or more held meetings of the organisation they were invited to, in a row. */
export async function missedInARow(ex: Executor, orgId: string) {
  return rows<{ personId: string; name: string; relation: PartyRelation; streak: number; lastAbsenceReason: string | null }>(ex, sql`WITH held AS (
      SELECT id, starts_at FROM ${partyMeetingRows} m WHERE m.org_id = ${orgId} AND m.state IN ('held', 'minutes_approved')),
    seen AS (SELECT x.person_id, coalesce(x.present, false) AS present, x.absence_reason, row_number() OVER (PARTITION BY x.person_id ORDER BY h.starts_at DESC, h.id DESC) AS rn
      FROM held h JOIN ${meetingPresence} x ON x.meeting_id = h.id WHERE x.role <> 'observer'),
    streaks AS (SELECT person_id, coalesce(min(rn) FILTER (WHERE present) - 1, count(*))::int AS streak,
      (array_agg(absence_reason ORDER BY rn) FILTER (WHERE NOT present))[1] AS reason FROM seen GROUP BY person_id)
    SELECT s.person_id::text AS "personId", p.name, m.relation, s.streak, s.reason AS "lastAbsenceReason"
    FROM streaks s JOIN party_org_members m ON m.person_id = s.person_id AND m.party_org_id = ${orgId} AND ${OPEN} JOIN ${personNames} p ON p.id = s.person_id
    WHERE s.streak >= 3 ORDER BY s.streak DESC, p.name`)
}

export async function membershipsOf(ex: Executor, personId: string) {
  return rows<{ id: string; name: string; path: string; relation: PartyRelation; post: PartyPost }>(ex, sql`SELECT o.id::text, coalesce(o.party_org_name, o.name) AS name, o.path::text, m.relation, m.post
    FROM party_org_members m JOIN ${orgTree} o ON o.id = m.party_org_id WHERE m.person_id = ${personId} AND ${OPEN} ORDER BY o.path`)
}

/** The Party meetings a person was invited to in a year, with their attendance. */
export async function meetingRecord(ex: Executor, personId: string, year: number) {
  return rows<{ id: string; kind: MeetingKind; title: string; state: MeetingState; startsAt: string; orgId: string; orgName: string; present: boolean | null; absenceReason: string | null }>(ex, sql`SELECT m.id::text, m.kind, m.title, m.state,
      ${iso(sql`m.starts_at`)} AS "startsAt", o.id::text AS "orgId", coalesce(o.party_org_name, o.name) AS "orgName", x.present, x.absence_reason AS "absenceReason"
    FROM ${meetingPresence} x JOIN ${partyMeetingRows} m ON m.id = x.meeting_id JOIN ${orgTree} o ON o.id = m.org_id
    WHERE x.person_id = ${personId} AND m.starts_at >= ${chinaStart(`${year}-01-01`)} AND m.starts_at < ${chinaStart(`${year + 1}-01-01`)}
    ORDER BY m.starts_at DESC LIMIT 500`)
}

/** Who is reminded for an organisation: its secretaries and committee members. */
export async function committeeOf(ex: Executor, orgId: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT person_id::text AS id FROM party_org_members m
    WHERE m.party_org_id = ${orgId} AND ${OPEN} AND m.post IN ('secretary', 'deputy_secretary', 'committee_member') ORDER BY 1`)).map((r) => r.id)
}
