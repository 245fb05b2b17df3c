// SQL of study: courses of a subtree and year, a course with its sessions, a session with its
// attendance, attendance saved, and study hours per person and year.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import type { CourseKind, PartyRelation } from './party_life.kinds.ts'
import { iso } from './party_life.repository.ts'

export interface CourseRow { id: string; orgId: string; orgName: string; kind: CourseKind; title: string; description: string | null; year: number; sessions: number; hours: number }

const courseColumns = sql`c.id::text, c.org_id::text AS "orgId", o.name AS "orgName", c.kind, c.title, c.description, c.year,
  (SELECT count(*)::int FROM study_sessions s WHERE s.course_id = c.id) AS sessions,
  (SELECT coalesce(sum(s.hours), 0)::float8 FROM study_sessions s WHERE s.course_id = c.id) AS hours`

export async function coursesUnder(ex: Executor, scopes: string, year: number | null): Promise<CourseRow[]> {
  return rows<CourseRow>(ex, sql`SELECT ${courseColumns} FROM study_courses c JOIN ${orgTree} o ON o.id = c.org_id
    WHERE o.path <@ string_to_array(${scopes}, ',')::ltree[] ${year ? sql`AND c.year = ${year}` : sql``} ORDER BY c.year DESC, c.id DESC LIMIT 500`)
}

export async function findCourse(ex: Executor, id: string): Promise<CourseRow | undefined> {
  return (await rows<CourseRow>(ex, sql`SELECT ${courseColumns} FROM study_courses c JOIN ${orgTree} o ON o.id = c.org_id WHERE c.id = ${id}`))[0]
}

export async function insertCourse(tx: Executor, c: { orgId: string; kind: CourseKind; title: string; description: string | null; year: number; by: string }): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`INSERT INTO study_courses (org_id, kind, title, description, year, created_by)
    VALUES (${c.orgId}, ${c.kind}, ${c.title}, ${c.description}, ${c.year}, ${c.by}) RETURNING id::text`)
  return r!.id
}

export async function sessionsOf(ex: Executor, courseId: string) {
  return rows<{ id: string; title: string; startsAt: string; hours: number; place: string | null; teacher: string | null; present: number; absent: number }>(ex, sql`SELECT s.id::text, s.title,
      ${iso(sql`s.starts_at`)} AS "startsAt", s.hours::float8 AS hours, s.place, s.teacher,
      (SELECT count(*)::int FROM study_attendance a WHERE a.session_id = s.id AND a.present) AS present,
      (SELECT count(*)::int FROM study_attendance a WHERE a.session_id = s.id AND NOT a.present) AS absent
    FROM study_sessions s WHERE s.course_id = ${courseId} ORDER BY s.starts_at, s.id`)
}

export async function insertSession(tx: Executor, courseId: string, s: { title: string; startsAt: string; hours: number; place: string | null; teacher: string | null; by: string }): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`INSERT INTO study_sessions (course_id, title, starts_at, hours, place, teacher, created_by)
    VALUES (${courseId}, ${s.title}, ${s.startsAt}::timestamptz, ${s.hours}, ${s.place}, ${s.teacher}, ${s.by}) RETURNING id::text`)
  return r!.id
}

export async function findSession(ex: Executor, id: string) {
  return (await rows<{ id: string; courseId: string; course: string; title: string; startsAt: string; hours: number; place: string | null; teacher: string | null }>(ex, sql`SELECT s.id::text,
      s.course_id::text AS "courseId", c.title AS course, s.title, ${iso(sql`s.starts_at`)} AS "startsAt", s.hours::float8 AS hours, s.place, s.teacher
    FROM study_sessions s JOIN study_courses c ON c.id = s.course_id WHERE s.id = ${id}`))[0]
}

export async function attendanceOf(ex: Executor, sessionId: string) {
  return rows<{ personId: string; name: string; present: boolean; hours: number; absenceReason: string | null }>(ex, sql`SELECT a.person_id::text AS "personId", p.name, a.present,
      a.hours::float8 AS hours, a.absence_reason AS "absenceReason"
    FROM study_attendance a JOIN ${personNames} p ON p.id = a.person_id WHERE a.session_id = ${sessionId} ORDER BY a.present DESC, p.name`)
}

export async function saveAttendance(tx: Executor, sessionId: string, e: { personId: string; present: boolean; hours: number; absenceReason: string | null; by: string }) {
  await tx.execute(sql`INSERT INTO study_attendance (session_id, person_id, present, hours, absence_reason, recorded_by)
    VALUES (${sessionId}, ${e.personId}, ${e.present}, ${e.hours}, ${e.absenceReason}, ${e.by})
    ON CONFLICT (session_id, person_id) DO UPDATE SET present = EXCLUDED.present, hours = EXCLUDED.hours, absence_reason = EXCLUDED.absence_reason,
      recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`)
}

const yearOf = (year: number) => sql`s.starts_at >= (${`${year}-01-01`}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND s.starts_at < (${`${year + 1}-01-01`}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`

/** A person's study sessions of a year. */
export async function studyRecord(ex: Executor, personId: string, year: number) {
  return rows<{ sessionId: string; course: string; title: string; startsAt: string; present: boolean; hours: number; absenceReason: string | null }>(ex, sql`SELECT s.id::text AS "sessionId",
      c.title AS course, s.title, ${iso(sql`s.starts_at`)} AS "startsAt", a.present, a.hours::float8 AS hours, a.absence_reason AS "absenceReason"
    FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id JOIN study_courses c ON c.id = s.course_id
    WHERE a.person_id = ${personId} AND ${yearOf(year)} ORDER BY s.starts_at DESC LIMIT 500`)
}

/** Study hours of a Party organisation's members in a year (members without any listed with 0). */
export async function hoursOfMembers(ex: Executor, orgId: string, year: number) {
  return rows<{ personId: string; name: string; relation: PartyRelation; sessions: number; hours: number }>(ex, sql`SELECT m.person_id::text AS "personId", p.name, m.relation,
      coalesce(h.sessions, 0)::int AS sessions, coalesce(h.hours, 0)::float8 AS hours
    FROM party_org_members m JOIN ${personNames} p ON p.id = m.person_id
    LEFT JOIN LATERAL (SELECT count(*) AS sessions, sum(a.hours) AS hours FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
      WHERE a.person_id = m.person_id AND a.present AND ${yearOf(year)}) h ON true
    WHERE m.party_org_id = ${orgId} AND m.left_on IS NULL ORDER BY hours DESC, p.name`)
}
