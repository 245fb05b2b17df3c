// How ids that arrive in a path, query or body are checked: a Party organisation is an org node
// with a Party side (`party_org_kind`); a node without one answers 404 as a missing one. Study
// courses and sessions carry the path of the node that runs them.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray, requireAccessOne } from '../../kernel/access.ts'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { forbidden } from '../../kernel/errors.ts'
import { LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { PartyOrgSubject, StudySubject } from './party_life.policy.ts'

defineAccessLoader<PartyOrgSubject>('partyOrg', {
  notFound: 'PARTY_ORG_NOT_FOUND',
  read: 'partyOrg.read',
  async load(ex, ids) {
    const found = await rows<Omit<PartyOrgSubject, 'orgPath'>>(ex, sql`SELECT o.id::text, coalesce(o.party_org_name, o.name) AS name, o.path::text, o.party_org_kind AS "partyKind"
      FROM ${orgTree} o WHERE o.id = ANY(${idArray(ids)}) AND o.deleted_at IS NULL AND o.party_org_kind IS NOT NULL`)
    return new Map(found.map((o) => [o.id, { ...o, orgPath: o.path }]))
  },
})

defineAccessLoader<StudySubject>('studyCourse', {
  notFound: 'STUDY_COURSE_NOT_FOUND',
  read: 'study.read',
  async load(ex, ids) {
    const found = await rows<StudySubject>(ex, sql`SELECT c.id::text, o.path::text AS "orgPath" FROM study_courses c JOIN ${orgTree} o ON o.id = c.org_id WHERE c.id = ANY(${idArray(ids)})`)
    return new Map(found.map((s) => [s.id, s]))
  },
})

defineAccessLoader<StudySubject & { courseId: string }>('studySession', {
  notFound: 'STUDY_SESSION_NOT_FOUND',
  read: 'study.read',
  async load(ex, ids) {
    const found = await rows<StudySubject & { courseId: string }>(ex, sql`SELECT s.id::text, s.course_id::text AS "courseId", o.path::text AS "orgPath"
      FROM study_sessions s JOIN study_courses c ON c.id = s.course_id JOIN ${orgTree} o ON o.id = c.org_id WHERE s.id = ANY(${idArray(ids)})`)
    return new Map(found.map((s) => [s.id, s]))
  },
})

/** The paths a list or rollup covers: the node asked for (staff there), or the caller's staff scopes. */
export async function listScope(ex: Executor, ctx: RequestContext, orgId: string | undefined): Promise<string> {
  requireSignedIn(ctx.actor)
  const scopes = orgId
    ? (await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'partyLife.overviewAt', entity: 'org', id: orgId })).path
    : scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff))
  if (!scopes) throw forbidden()
  return scopes
}
