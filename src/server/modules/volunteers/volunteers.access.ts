// How the ids the volunteer routes are handed are checked (kernel/access.ts): teams (public to
// everyone signed in, so a missing one and a deleted one answer alike) and the people named in a
// body (added to a team, or giving and receiving in the time bank), seen through where they hold a
// role today (people.read.ts `currentRoles`: up to, not including, `valid_to`) and the areas of the
// teams they serve in.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { VolunteerPersonSubject } from './volunteers.policy.ts'
import './volunteers.policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'

export interface TeamAccessSubject {
  id: string
  orgPath: string
}

defineAccessLoader<TeamAccessSubject>('volunteer_team', {
  notFound: 'VOLUNTEER_TEAM_NOT_FOUND',
  read: 'volunteerTeam.read',
  async load(ex, ids) {
    const found = await rows<TeamAccessSubject>(ex, sql`SELECT t.id::text, o.path::text AS "orgPath"
      FROM volunteer_teams t JOIN ${orgTree} o ON o.id = t.org_id WHERE t.id = ANY(${idArray(ids)}) AND t.deleted_at IS NULL`)
    return new Map(found.map((t) => [t.id, t]))
  },
})

defineAccessLoader<VolunteerPersonSubject>('volunteer_person', {
  notFound: 'PERSON_NOT_FOUND',
  async load(ex, ids) {
    const found = await rows<VolunteerPersonSubject>(ex, sql`SELECT p.id::text AS "personId",
        coalesce((SELECT json_agg(DISTINCT x.path) FROM (
          SELECT o.path::text AS path FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id
            WHERE r.person_id = p.id AND o.deleted_at IS NULL
          UNION SELECT o.path::text FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id JOIN ${orgTree} o ON o.id = t.org_id
            WHERE m.person_id = p.id AND t.deleted_at IS NULL) x), '[]'::json) AS paths
      FROM ${personNames} p WHERE p.id = ANY(${idArray(ids)}) AND p.deleted_at IS NULL`)
    return new Map(found.map((p) => [p.personId, p]))
  },
})
