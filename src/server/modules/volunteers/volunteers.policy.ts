// Who organises volunteering. Anyone signed in browses teams and published activities, becomes a
// volunteer, joins teams and signs up. Organisers of an activity are the staff of its area (grid
// staff for their grid, community cadres for their community and its grids, street admins above)
// and the leaders of the team running it; a team is managed by the staff of its area and its leaders.
// A person named in a body must be someone the caller can reach: of the caller's own area (to add
// to a team) or, for the time bank, of the area the caller is staff of.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'

export interface OrganiserSubject {
  orgPath: string
  /** The caller leads the team (of the activity, or the team itself). */
  leadsTeam: boolean
}

definePolicy<OrganiserSubject>('activity.manage', (actor, a) =>
  actor.kind === 'person' && (a.leadsTeam || levelAt(actor, a.orgPath) >= LEVEL.gridStaff),
)

/** Creating an activity or a team in an area: its staff (a team leader creates for their team, checked as activity.manage). */
definePolicy<{ orgPath: string }>('activity.create', (actor, s) => actor.kind === 'person' && levelAt(actor, s.orgPath) >= LEVEL.gridStaff)

definePolicy<OrganiserSubject>('volunteerTeam.manage', (actor, t) =>
  actor.kind === 'person' && (t.leadsTeam || levelAt(actor, t.orgPath) >= LEVEL.gridStaff),
)

/** Creating a team, or naming its leaders: the staff of its area only. */
definePolicy<{ orgPath: string }>('volunteerTeam.create', (actor, s) => actor.kind === 'person' && levelAt(actor, s.orgPath) >= LEVEL.gridStaff)

/** Recording a one-to-one service in the time bank. */
definePolicy<{ orgPath: string }>('timeBank.record', (actor, s) => actor.kind === 'person' && levelAt(actor, s.orgPath) >= LEVEL.gridStaff)

/** Signing up, checking in: people only (not API tokens). */
definePolicy<Record<string, never>>('activity.take', (actor) => actor.kind === 'person' && actor.personId !== null)

/** Teams, like published activities, are public to everyone signed in. */
definePolicy<{ orgPath: string }>('volunteerTeam.read', () => true)

/** A person as the volunteer routes see them: where they hold a role now and where the teams they serve in are. */
export interface VolunteerPersonSubject {
  personId: string
  paths: string[]
}

/** Adding someone else to a team: a person of the caller's area (a role or team at, above or below one of the caller's nodes). */
definePolicy<VolunteerPersonSubject>('volunteer.person.reach', (actor, p) =>
  actor.personId === p.personId || p.paths.some((path) => actor.roles.some((r) => isAncestorOrSelf(r.orgPath, path) || isAncestorOrSelf(path, r.orgPath))))

/** The giver and receiver of a time-bank service: people of an area where the recorder is staff. */
definePolicy<VolunteerPersonSubject>('timeBank.party', (actor, p) => p.paths.some((path) => levelAt(actor, path) >= LEVEL.gridStaff))
