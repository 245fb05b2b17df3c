// Study (党史学习教育, 书记培训…): courses run by an org node, their sessions with hours, attendance
// by hand (present with the session's hours or fewer, or absent with a reason), and the study
// hours of a Party organisation's members in a year.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { PartyOrgSubject, StudySubject } from './party_life.policy.ts'
import { listScope } from './party_life.access.ts'
import * as repo from './party_life.study.repository.ts'
import type { CourseInput, SessionInput, StudyAttendanceInput } from './party_life.schemas.ts'

export function createStudyService(deps: { db: Executor }) {
  const { db } = deps
  const course = async (ex: Executor, ctx: RequestContext, id: string) => {
    const c = (await repo.findCourse(ex, id))!
    return {
      id: c.id, org: { id: c.orgId, name: c.orgName }, kind: c.kind, title: c.title, description: c.description, year: c.year,
      sessions: await repo.sessionsOf(ex, id),
    }
  }
  const session = async (ex: Executor, id: string) => {
    const s = (await repo.findSession(ex, id))!
    const attendance = await repo.attendanceOf(ex, id)
    return { ...s, attendance: attendance.map((a) => ({ person: { id: a.personId, name: a.name }, present: a.present, hours: a.hours, absenceReason: a.absenceReason })) }
  }

  return {
    async list(ctx: RequestContext, q: { orgId?: string; year?: number }) {
      const scopes = await listScope(db, ctx, q.orgId)
      return (await repo.coursesUnder(db, scopes, q.year ?? null)).map((c) => ({
        id: c.id, org: { id: c.orgId, name: c.orgName }, kind: c.kind, title: c.title, description: c.description, year: c.year, sessions: c.sessions, hours: c.hours,
      }))
    },

    async create(ctx: RequestContext, input: CourseInput) {
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'study.createAt', entity: 'org', id: input.orgId })
        const id = await repo.insertCourse(tx, { orgId: org.id, kind: input.kind, title: input.title, description: input.description || null, year: input.year, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'study.course_create', entity: 'study_course', entityId: id, orgPath: org.path, after: { ...input } })
        return course(tx, ctx, id)
      })
    },

    async detail(ctx: RequestContext, id: string) {
      await requireAccessOne<StudySubject>(db, ctx.actor, { permission: 'study.read', entity: 'studyCourse', id })
      return course(db, ctx, id)
    },

    async addSession(ctx: RequestContext, id: string, input: SessionInput) {
      return inTransaction(db, async (tx) => {
        const c = await requireAccessOne<StudySubject>(tx, ctx.actor, { permission: 'study.manage', entity: 'studyCourse', id })
        const sid = await repo.insertSession(tx, id, { title: input.title, startsAt: input.startsAt, hours: input.hours, place: input.place ?? null, teacher: input.teacher ?? null, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'study.session_create', entity: 'study_course', entityId: id, orgPath: c.orgPath, after: { sessionId: sid, ...input } })
        return course(tx, ctx, id)
      })
    },

    async session(ctx: RequestContext, id: string) {
      await requireAccessOne<StudySubject>(db, ctx.actor, { permission: 'study.read', entity: 'studySession', id })
      return session(db, id)
    },

    async record(ctx: RequestContext, id: string, input: StudyAttendanceInput) {
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<StudySubject>(tx, ctx.actor, { permission: 'study.manage', entity: 'studySession', id })
        const found = (await repo.findSession(tx, id))!
        for (const [i, e] of input.entries.entries()) {
          if (!e.present && !e.absenceReason) throw unprocessable('VALIDATION_FAILED', {}, [{ path: `entries.${i}.absenceReason`, message: 'partyLife.absenceReason' }])
          if (e.present && e.absenceReason) throw unprocessable('VALIDATION_FAILED', {}, [{ path: `entries.${i}.absenceReason`, message: 'partyLife.presentNoReason' }])
          if ((e.hours ?? 0) > found.hours) throw unprocessable('VALIDATION_FAILED', {}, [{ path: `entries.${i}.hours`, message: 'partyLife.hoursOverSession' }])
        }
        await requireAccess(tx, ctx.actor, { permission: 'person.read', entity: 'person', ids: [...new Set(input.entries.map((e) => e.personId))] })
        for (const e of input.entries) {
          await repo.saveAttendance(tx, id, { personId: e.personId, present: e.present, hours: e.present ? (e.hours ?? found.hours) : 0, absenceReason: e.present ? null : e.absenceReason!, by: ctx.actor.personId! })
        }
        await recordAudit(tx, ctx, { action: 'study.attendance', entity: 'study_course', entityId: found.courseId, orgPath: s.orgPath, after: { sessionId: id, entries: input.entries } })
        return session(tx, id)
      })
    },

    async hours(ctx: RequestContext, partyOrgId: string, year: number) {
      await requireAccessOne<PartyOrgSubject>(db, ctx.actor, { permission: 'partyOrg.read', entity: 'partyOrg', id: partyOrgId })
      const found = await repo.hoursOfMembers(db, partyOrgId, year)
      return { year, members: found.map((m) => ({ person: { id: m.personId, name: m.name }, relation: m.relation, sessions: m.sessions, hours: m.hours })) }
    },
  }
}
