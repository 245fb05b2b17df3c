// Who a notice goes to. Each kind of audience is checked against the sender (staff over the node
// it names) and becomes one SELECT of (person_id, org_id) pairs, one per person, read through the
// relations the owning modules export: residents' homes, registered members, team members, the
// people of paired units. A hand-picked list is checked id by id: each person must be linked to
// a node under the sending node (a home, a registration, a role, a team or a unit there).
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { rows } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { notFound } from '../../kernel/errors.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { residentHomes } from '../residents/residents.read.ts'
import { registeredMembers } from '../members/members.read.ts'
import { teamMembers, teamRows } from '../volunteers/volunteers.read.ts'
import { activePairings, unitRows, unitStaff } from '../units/units.read.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { TeamAccessSubject } from '../volunteers/volunteers.access.ts'
import type { Audience } from './broadcasts.schemas.ts'
import './broadcasts.policy.ts'
// The loaders (and policies) of the ids an audience names, whoever loads this module first.
import '../orgs/orgs.policy.ts'
import '../orgs/orgs.access.ts'
import '../volunteers/volunteers.access.ts'

export interface ResolvedAudience {
  /** The node the notice is sent from. */
  orgId: string
  orgPath: string
  /** SELECT person_id, org_id: one row per recipient. */
  select: SQL
  label: string
}

const under = (path: string) => sql`o.path <@ ${path}::ltree`

/** The people linked to a node under `path`, each with the first such node (for the hand-picked list). */
const linkedUnder = (path: string, ids: SQL) => sql`SELECT DISTINCT ON (x.person_id) x.person_id, x.org_id FROM (
    SELECT r.person_id, r.org_id, 1 AS k FROM ${residentHomes} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.deleted_at IS NULL AND ${under(path)}
    UNION ALL SELECT m.person_id, m.community_id, 2 FROM ${registeredMembers} m JOIN ${orgTree} o ON o.id = m.community_id WHERE ${under(path)}
    UNION ALL SELECT g.person_id, g.org_id, 3 FROM ${currentRoles} g JOIN ${orgTree} o ON o.id = g.org_id WHERE ${under(path)}
    UNION ALL SELECT tm.person_id, t.org_id, 4 FROM ${teamMembers} tm JOIN ${teamRows} t ON t.id = tm.team_id JOIN ${orgTree} o ON o.id = t.org_id
      WHERE t.deleted_at IS NULL AND ${under(path)}
    UNION ALL SELECT s.person_id, u.org_id, 5 FROM ${unitStaff} s JOIN ${unitRows} u ON u.id = s.unit_id JOIN ${orgTree} o ON o.id = u.org_id
      WHERE u.deleted_at IS NULL AND ${under(path)}
  ) x JOIN ${personNames} p ON p.id = x.person_id AND p.deleted_at IS NULL
  WHERE x.person_id = ANY(${ids}) ORDER BY x.person_id, x.k, x.org_id`

export async function resolveAudience(ex: Executor, actor: Actor, a: Audience): Promise<ResolvedAudience> {
  if (a.kind === 'team') {
    const team = await requireAccessOne<TeamAccessSubject>(ex, actor, { permission: 'broadcast.send', entity: 'volunteer_team', id: a.teamId })
    const [t] = await rows<{ org_id: string; name: string }>(ex, sql`SELECT t.org_id::text, t.name FROM ${teamRows} t WHERE t.id = ${a.teamId}`)
    return {
      orgId: t!.org_id, orgPath: team.orgPath, label: `志愿服务队：${t!.name}`,
      select: sql`SELECT DISTINCT tm.person_id, t.org_id FROM ${teamMembers} tm JOIN ${teamRows} t ON t.id = tm.team_id
        JOIN ${personNames} p ON p.id = tm.person_id AND p.deleted_at IS NULL WHERE t.id = ${a.teamId}`,
    }
  }
  const org = await requireAccessOne<OrgAccessSubject>(ex, actor, { permission: 'broadcast.send', entity: 'org', id: a.orgId })
  const base = { orgId: org.id, orgPath: org.path }
  switch (a.kind) {
    case 'residents':
      // A person has one live home in the registry (its unique key on person_id), so no DISTINCT:
      // sorting 100,000 homes would cost more than writing them (were it ever broken, the
      // receipts' own unique key would refuse the notice, not send it twice).
      return {
        ...base, label: `${org.name}居民`,
        select: sql`SELECT r.person_id, r.org_id FROM ${residentHomes} r JOIN ${orgTree} o ON o.id = r.org_id
          JOIN ${personNames} p ON p.id = r.person_id AND p.deleted_at IS NULL
          WHERE r.deleted_at IS NULL AND ${under(org.path)}`,
      }
    case 'members':
      return {
        ...base, label: `${org.name}报到党员`,
        select: sql`SELECT DISTINCT ON (m.person_id) m.person_id, m.community_id AS org_id FROM ${registeredMembers} m JOIN ${orgTree} o ON o.id = m.community_id
          JOIN ${personNames} p ON p.id = m.person_id AND p.deleted_at IS NULL WHERE ${under(org.path)} ORDER BY m.person_id, m.id`,
      }
    case 'units':
      return {
        ...base, label: `${org.name}结对共建单位`,
        select: sql`SELECT DISTINCT ON (s.person_id) s.person_id, pa.community_id AS org_id FROM ${activePairings} pa JOIN ${orgTree} o ON o.id = pa.community_id
          JOIN ${unitRows} u ON u.id = pa.unit_id AND u.deleted_at IS NULL JOIN ${unitStaff} s ON s.unit_id = pa.unit_id
          JOIN ${personNames} p ON p.id = s.person_id AND p.deleted_at IS NULL WHERE ${under(org.path)} ORDER BY s.person_id, pa.id`,
      }
    case 'people': {
      const ids = sql`string_to_array(${a.personIds.join(',')}, ',')::bigint[]`
      const found = await rows<{ person_id: string }>(ex, sql`SELECT person_id::text FROM (${linkedUnder(org.path, ids)}) l`)
      // A person outside the sender's node answers as one that does not exist.
      if (found.length !== new Set(a.personIds).size) throw notFound('PERSON_NOT_FOUND')
      return { ...base, label: `${org.name}指定 ${found.length} 人`, select: linkedUnder(org.path, ids) }
    }
  }
}

/**
 * The volunteer teams the caller may address (teams of nodes under their staff scopes), searched
 * by name or by the node's name on the server, so a street with hundreds of teams finds any of
 * them (the console's picker). Deleted teams are left out.
 */
export async function teamsToAddress(ex: Executor, scopes: string[], q: { q?: string; limit: number }) {
  if (scopes.length === 0) return []
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  return rows<{ id: string; name: string; org: { id: string; name: string }; members: number }>(ex, sql`
    SELECT t.id::text, t.name, json_build_object('id', o.id::text, 'name', o.name) AS org,
      (SELECT count(*)::int FROM ${teamMembers} tm WHERE tm.team_id = t.id) AS members
    FROM ${teamRows} t JOIN ${orgTree} o ON o.id = t.org_id
    WHERE t.deleted_at IS NULL AND o.path <@ string_to_array(${scopes.join(',')}, ',')::ltree[]
      ${like ? sql`AND (t.name ILIKE ${like} OR o.name ILIKE ${like})` : sql``}
    ORDER BY t.name, t.id LIMIT ${q.limit}`)
}
