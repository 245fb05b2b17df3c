// Volunteers (志愿者) and their teams (志愿服务队): one's own profile and year, the volunteers of an
// area, and teams with their leaders and members. Teams are public to everyone signed in; their
// member lists only to those who manage them.
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './volunteers.repository.ts'
import { chinaYear, hoursByPerson, serviceRecords, type VolunteerLookups } from './volunteers.lookups.ts'
import type { TeamCreate, TeamMemberAdd, TeamsQuery, TeamUpdate, VolunteerProfileUpdate, VolunteersQuery } from './volunteers.schemas.ts'

export function createTeams(l: VolunteerLookups) {
  const { db, now, presentTeam, areaOf, requireAreaKind, loadTeam } = l

  const teams = {
    // ---- volunteers ----

    async me(ctx: RequestContext, year = chinaYear(now())) {
      requireSignedIn(ctx.actor)
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      const v = (await repo.findVolunteer(db, personId))!
      const hours = (await hoursByPerson(db, [personId], year)).get(personId)
      return {
        person: { id: v.personId, name: v.name }, isVolunteer: v.isVolunteer, skills: v.skills ?? [], intro: v.intro,
        teams: await repo.teamsOf(db, personId), year, hours: hours?.hours ?? 0, activityHours: hours?.activityHours ?? 0, serviceHours: hours?.serviceHours ?? 0,
        activities: hours?.activities ?? 0, services: hours?.services ?? 0,
        noShows: await repo.noShowCount(db, personId, year), records: await serviceRecords(db, personId, year),
      }
    },

    async updateMe(ctx: RequestContext, input: VolunteerProfileUpdate) {
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      await inTransaction(db, async (tx) => {
        const before = await repo.findVolunteer(tx, personId)
        const skills = [...new Set(input.skills)]
        await repo.upsertVolunteer(tx, personId, skills, input.intro)
        await recordAudit(tx, ctx, {
          action: before?.isVolunteer ? 'volunteer.update' : 'volunteer.create', entity: 'volunteer', entityId: personId, orgPath: null,
          before: before?.isVolunteer ? { skills: before.skills, intro: before.intro } : null, after: { skills, intro: input.intro ?? before?.intro ?? null },
        })
      })
      return teams.me(ctx)
    },

    async listVolunteers(ctx: RequestContext, q: VolunteersQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchVolunteers(db, {
        scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, year: q.year ?? chinaYear(now()), afterId: after?.id, limit: q.limit,
      })
      return toPage(found, q.limit, (v) => ({ ...v, skills: v.skills ?? [] }), (v) => ({ id: v.person.id }))
    },

    // ---- teams ----

    async listTeams(ctx: RequestContext, q: TeamsQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchTeams(db, { personId: ctx.actor.personId, underPath, function: q.function, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (t) => presentTeam(ctx, t), (t) => ({ id: t.id }))
    },

    async getTeam(ctx: RequestContext, id: string) {
      return presentTeam(ctx, await loadTeam(ctx, db, id))
    },

    async createTeam(ctx: RequestContext, input: TeamCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId, 'volunteerTeam.create')
        requireAreaKind(org, 'VOLUNTEER_TEAM_ORG_KIND')
        if (await repo.teamNameTaken(tx, org.id, input.name)) throw conflict('VOLUNTEER_TEAM_NAME_TAKEN', {}, [{ path: 'name', message: 'volunteers.teamNameTaken' }])
        const skills = [...new Set(input.skills)]
        const id = await repo.insertTeam(tx, { orgId: org.id, name: input.name, function: input.function, skills, description: input.description ?? null })
        await recordAudit(tx, ctx, { action: 'volunteer_team.create', entity: 'volunteer_team', entityId: id, orgPath: org.path, after: { ...input, skills } })
        return presentTeam(ctx, (await repo.findTeam(tx, id, ctx.actor.personId))!)
      })
    },

    async updateTeam(ctx: RequestContext, id: string, input: TeamUpdate) {
      return inTransaction(db, async (tx) => {
        const team = await loadTeam(ctx, tx, id, true)
        authorize(ctx.actor, 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        if (input.name && (await repo.teamNameTaken(tx, team.org.id, input.name, id))) throw conflict('VOLUNTEER_TEAM_NAME_TAKEN', {}, [{ path: 'name', message: 'volunteers.teamNameTaken' }])
        const skills = input.skills ? [...new Set(input.skills)] : undefined
        await repo.updateTeam(tx, id, { ...input, skills })
        const after = (await repo.findTeam(tx, id, ctx.actor.personId))!
        const pick = (t: repo.TeamRow) => ({ name: t.name, function: t.function, skills: t.skills, description: t.description })
        await recordAudit(tx, ctx, { action: 'volunteer_team.update', entity: 'volunteer_team', entityId: id, orgPath: team.orgPath, before: pick(team), after: pick(after) })
        return presentTeam(ctx, after)
      })
    },

    /** Joining (no personId) or a manager adding someone; only the area's staff name leaders. */
    async addTeamMember(ctx: RequestContext, teamId: string, input: TeamMemberAdd) {
      authorize(ctx.actor, 'activity.take', {})
      return inTransaction(db, async (tx) => {
        const team = await loadTeam(ctx, tx, teamId, true)
        const personId = input.personId ?? ctx.actor.personId!
        const self = personId === ctx.actor.personId
        if (!self || input.role === 'leader') {
          authorize(ctx.actor, input.role === 'leader' ? 'volunteerTeam.create' : 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        }
        // Someone else is added only from the caller's own area; anyone further away answers as one who does not exist.
        if (!self) await requireAccess(tx, ctx.actor, { permission: 'volunteer.person.reach', entity: 'volunteer_person', ids: [personId], hide: true })
        await repo.ensureVolunteer(tx, personId)
        if (!(await repo.addTeamMember(tx, teamId, personId, input.role))) throw conflict('VOLUNTEER_TEAM_ALREADY_MEMBER')
        await recordAudit(tx, ctx, { action: 'volunteer_team.member_add', entity: 'volunteer_team', entityId: teamId, orgPath: team.orgPath, after: { personId, role: input.role } })
        return presentTeam(ctx, (await repo.findTeam(tx, teamId, ctx.actor.personId))!)
      })
    },

    /** Leaving (one's own id) or a manager removing a member. */
    async removeTeamMember(ctx: RequestContext, teamId: string, personId: string) {
      authorize(ctx.actor, 'activity.take', {})
      await inTransaction(db, async (tx) => {
        const team = await loadTeam(ctx, tx, teamId, true)
        if (personId !== ctx.actor.personId) authorize(ctx.actor, 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        if (!(await repo.removeTeamMember(tx, teamId, personId))) throw notFound('VOLUNTEER_TEAM_MEMBER_NOT_FOUND')
        await recordAudit(tx, ctx, { action: 'volunteer_team.member_remove', entity: 'volunteer_team', entityId: teamId, orgPath: team.orgPath, before: { personId } })
      })
    },
  }
  return teams
}
