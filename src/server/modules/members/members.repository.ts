// Queries of Party members, registrations, letters, posts, claims, targets, reminders and
// feedback cards. Scopes are comma-joined ltree paths; `units` are ids of the units the caller
// acts for. Unit and people names are joined in for display (never copied).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { CardContent, CardRating, MemberKind, RegistrationStatus } from './members.schemas.ts'

type Ref = { id: string; name: string }
const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
const underScopes = (column: SQL, scopes: string) => sql`${column} <@ string_to_array(${scopes}, ',')::ltree[]`
const unitRef = (alias: string) => sql.raw(`CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id::text, 'name', ${alias}.name) END`)

/** Default yearly target when no region above the community set one. */
export const DEFAULT_TARGET = { minProjects: 1, minHours: 24 }

export interface MemberRow {
  id: string
  person: Ref
  partyOrgName: string
  kind: MemberKind
  employerUnit: Ref | null
  community: Ref
  joinedOn: string | null
  publicWalls: ('signature' | 'commitment' | 'pioneer')[]
  commitment: string | null
  registrationStatus: RegistrationStatus | null
  createdAt: string
  personId: string
  communityPath: string
  employerUnitId: string | null
  projects: number
  posts: number
  minProjects: number
  minHours: string
}

const memberSelect = (year: number) => sql`SELECT pm.id::text, json_build_object('id', p.id::text, 'name', p.name) AS person,
    pm.party_org_name AS "partyOrgName", pm.kind, ${unitRef('u')} AS "employerUnit",
    json_build_object('id', c.id::text, 'name', c.name) AS community, pm.joined_on::text AS "joinedOn",
    pm.public_walls AS "publicWalls", pm.commitment,
    (SELECT r.status FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member') AS "registrationStatus",
    pm.created_at::text AS "createdAt", pm.person_id::text AS "personId", c.path::text AS "communityPath",
    pm.employer_unit_id::text AS "employerUnitId",
    COALESCE(cl.projects, 0)::int AS projects, COALESCE(cl.posts, 0)::int AS posts,
    COALESCE(tg.min_projects, ${DEFAULT_TARGET.minProjects})::int AS "minProjects", COALESCE(tg.min_hours, ${DEFAULT_TARGET.minHours})::text AS "minHours"
  FROM party_members pm
  JOIN people p ON p.id = pm.person_id
  JOIN orgs c ON c.id = pm.community_id
  LEFT JOIN units u ON u.id = pm.employer_unit_id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE cp.kind = 'project') AS projects, count(*) FILTER (WHERE cp.kind = 'post') AS posts
    FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id
    WHERE pc.member_id = pm.id AND pc.year = ${year} AND pc.released_at IS NULL) cl ON true
  LEFT JOIN LATERAL (
    SELECT t.min_projects, t.min_hours FROM member_targets t JOIN orgs o ON o.id = t.org_id
    WHERE t.year = ${year} AND o.path @> c.path ORDER BY nlevel(o.path) DESC LIMIT 1) tg ON true
  WHERE pm.deleted_at IS NULL`

export async function findMember(ex: Executor, id: string, year: number): Promise<MemberRow | undefined> {
  return firstRow<MemberRow>(ex, sql`${memberSelect(year)} AND pm.id = ${id}`)
}

export async function findMemberByPerson(ex: Executor, personId: string, year: number): Promise<MemberRow | undefined> {
  return firstRow<MemberRow>(ex, sql`${memberSelect(year)} AND pm.person_id = ${personId}`)
}

export interface MemberFilter {
  scopes: string
  personId: string | null
  /** Units the caller acts for: their employees are listed too. */
  units?: string[]
  underPath?: string
  unitId?: string
  kind?: MemberKind
  q?: string
  kinds?: MemberKind[]
}

const memberWhere = (f: MemberFilter) => sql`
    AND (${f.personId !== null ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.units?.length ? sql`pm.employer_unit_id = ANY(${idList(f.units)}) OR` : sql``}
         ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND pm.employer_unit_id = ${f.unitId}` : sql``}
    ${f.kind ? sql`AND pm.kind = ${f.kind}` : sql``}
    ${f.kinds ? sql`AND pm.kind = ANY(string_to_array(${f.kinds.join(',')}, ','))` : sql``}
    ${f.q ? sql`AND p.name LIKE ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}` : sql``}`

export async function searchMembers(ex: Executor, f: MemberFilter & { year: number; afterId?: string; limit?: number }): Promise<MemberRow[]> {
  return rows<MemberRow>(ex, sql`${memberSelect(f.year)} ${memberWhere(f)}
    ${f.afterId ? sql`AND pm.id > ${f.afterId}` : sql``}
    ORDER BY pm.id ${f.limit ? sql`LIMIT ${f.limit + 1}` : sql``}`)
}

export async function insertMember(ex: Executor, m: { personId: string; partyOrgName: string; kind: string; employerUnitId: string | null; communityId: string; joinedOn: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO party_members (person_id, party_org_name, kind, employer_unit_id, community_id, joined_on)
    VALUES (${m.personId}, ${m.partyOrgName}, ${m.kind}, ${m.employerUnitId}, ${m.communityId}, ${m.joinedOn}) RETURNING id::text`))!.id
}

export async function memberExistsFor(ex: Executor, personId: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM party_members WHERE person_id = ${personId} AND deleted_at IS NULL`))
}

export async function updateMember(ex: Executor, id: string, set: { partyOrgName?: string; kind?: string; employerUnitId?: string | null; publicWalls?: string[]; commitment?: string | null }): Promise<void> {
  const parts: SQL[] = [sql`updated_at = now()`]
  if (set.partyOrgName !== undefined) parts.push(sql`party_org_name = ${set.partyOrgName}`)
  if (set.kind !== undefined) parts.push(sql`kind = ${set.kind}`)
  if (set.employerUnitId !== undefined) parts.push(sql`employer_unit_id = ${set.employerUnitId}`)
  if (set.publicWalls !== undefined) parts.push(sql`public_walls = string_to_array(${set.publicWalls.join(',')}, ',')::text[]`)
  if (set.commitment !== undefined) parts.push(sql`commitment = ${set.commitment}`)
  await ex.execute(sql`UPDATE party_members SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`)
}

export interface OrgRefRow { id: string; name: string; kind: string; path: string }
export async function findOrg(ex: Executor, id: string): Promise<OrgRefRow | undefined> {
  return firstRow<OrgRefRow>(ex, sql`SELECT id::text, name, kind, path::text FROM orgs WHERE id = ${id} AND deleted_at IS NULL`)
}

// Letters -------------------------------------------------------------------------------------

export interface LetterRow { id: string; number: string; unit: Ref; member: Ref; community: Ref; issuedBy: Ref; createdAt: string; memberId: string; unitId: string; communityId: string }

const letterSelect = sql`SELECT l.id::text, l.number, json_build_object('id', u.id::text, 'name', u.name) AS unit,
    json_build_object('id', pm.id::text, 'name', p.name) AS member, json_build_object('id', c.id::text, 'name', c.name) AS community,
    json_build_object('id', ib.id::text, 'name', ib.name) AS "issuedBy", l.created_at::text AS "createdAt",
    l.member_id::text AS "memberId", l.unit_id::text AS "unitId", l.community_id::text AS "communityId"
  FROM introduction_letters l JOIN units u ON u.id = l.unit_id JOIN party_members pm ON pm.id = l.member_id
  JOIN people p ON p.id = pm.person_id JOIN orgs c ON c.id = l.community_id JOIN people ib ON ib.id = l.issued_by`

export async function findLetter(ex: Executor, id: string): Promise<LetterRow | undefined> {
  return firstRow<LetterRow>(ex, sql`${letterSelect} WHERE l.id = ${id}`)
}

/** Numbers the letter within its unit and year under a lock on the unit's row, so two issues never share a serial. */
export async function insertLetter(ex: Executor, l: { unitId: string; memberId: string; communityId: string; year: number; issuedBy: string }): Promise<string> {
  await ex.execute(sql`SELECT 1 FROM units WHERE id = ${l.unitId} FOR UPDATE`)
  const next = (await firstRow<{ n: number }>(ex, sql`SELECT COALESCE(max(serial), 0)::int + 1 AS n FROM introduction_letters WHERE unit_id = ${l.unitId} AND year = ${l.year}`))!.n
  const number = `报到介绍信 ${l.year}-U${l.unitId}-${String(next).padStart(4, '0')}`
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO introduction_letters (unit_id, member_id, community_id, year, serial, number, issued_by)
    VALUES (${l.unitId}, ${l.memberId}, ${l.communityId}, ${l.year}, ${next}, ${number}, ${l.issuedBy}) RETURNING id::text`))!.id
}

export async function searchLetters(ex: Executor, f: { units: string[]; scopes: string; personId: string | null; memberId?: string }): Promise<LetterRow[]> {
  return rows<LetterRow>(ex, sql`${letterSelect} WHERE (${f.units.length ? sql`l.unit_id = ANY(${idList(f.units)}) OR` : sql``}
      ${f.personId ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.memberId ? sql`AND l.member_id = ${f.memberId}` : sql``} ORDER BY l.id DESC LIMIT 200`)
}

// Registrations -------------------------------------------------------------------------------

export interface RegistrationRow {
  id: string
  kind: 'member' | 'unit'
  member: Ref | null
  unit: Ref | null
  community: Ref
  status: RegistrationStatus
  letterAttachment: { id: string; url: string } | null
  letter: { id: string; number: string } | null
  note: string | null
  returnReason: string | null
  submissions: number
  submittedBy: Ref
  submittedAt: string
  reviewedBy: Ref | null
  reviewedAt: string | null
  personId: string | null
  communityPath: string
  unitId: string | null
  memberId: string | null
}

const registrationSelect = sql`SELECT r.id::text, r.kind,
    CASE WHEN pm.id IS NULL THEN NULL ELSE json_build_object('id', pm.id::text, 'name', mp.name) END AS member,
    ${unitRef('u')} AS unit, json_build_object('id', c.id::text, 'name', c.name) AS community, r.status,
    CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256) END AS "letterAttachment",
    CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('id', l.id::text, 'number', l.number) END AS letter,
    r.note, r.return_reason AS "returnReason", r.submissions,
    json_build_object('id', sb.id::text, 'name', sb.name) AS "submittedBy", r.submitted_at::text AS "submittedAt",
    CASE WHEN rb.id IS NULL THEN NULL ELSE json_build_object('id', rb.id::text, 'name', rb.name) END AS "reviewedBy",
    r.reviewed_at::text AS "reviewedAt", pm.person_id::text AS "personId", c.path::text AS "communityPath",
    r.unit_id::text AS "unitId", r.member_id::text AS "memberId"
  FROM registrations r
  LEFT JOIN party_members pm ON pm.id = r.member_id
  LEFT JOIN people mp ON mp.id = pm.person_id
  LEFT JOIN units u ON u.id = r.unit_id
  JOIN orgs c ON c.id = r.community_id
  LEFT JOIN attachments a ON a.id = r.letter_attachment_id
  LEFT JOIN introduction_letters l ON l.id = r.letter_id
  JOIN people sb ON sb.id = r.submitted_by
  LEFT JOIN people rb ON rb.id = r.reviewed_by`

export async function findRegistration(ex: Executor, id: string, lock = false): Promise<RegistrationRow | undefined> {
  if (lock) await ex.execute(sql`SELECT 1 FROM registrations WHERE id = ${id} FOR UPDATE`)
  return firstRow<RegistrationRow>(ex, sql`${registrationSelect} WHERE r.id = ${id}`)
}

export async function registrationOfMember(ex: Executor, memberId: string): Promise<{ id: string; status: RegistrationStatus } | undefined> {
  return firstRow(ex, sql`SELECT id::text, status FROM registrations WHERE member_id = ${memberId} AND kind = 'member'`)
}

export async function unitRegistrationExists(ex: Executor, unitId: string, communityId: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM registrations WHERE unit_id = ${unitId} AND community_id = ${communityId} AND kind = 'unit'`))
}

export async function letterUsed(ex: Executor, letterId: string, exceptRegistration?: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM registrations WHERE letter_id = ${letterId} ${exceptRegistration ? sql`AND id <> ${exceptRegistration}` : sql``}`))
}

export async function insertRegistration(ex: Executor, r: { kind: 'member' | 'unit'; memberId: string | null; unitId: string | null; communityId: string; letterAttachmentId: string | null; letterId: string | null; note: string | null; submittedBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO registrations (kind, member_id, unit_id, community_id, letter_attachment_id, letter_id, note, submitted_by)
    VALUES (${r.kind}, ${r.memberId}, ${r.unitId}, ${r.communityId}, ${r.letterAttachmentId}, ${r.letterId}, ${r.note}, ${r.submittedBy}) RETURNING id::text`))!.id
}

export async function reviewRegistration(ex: Executor, id: string, to: 'accepted' | 'returned', by: string, reason: string | null): Promise<void> {
  await ex.execute(sql`UPDATE registrations SET status = ${to}, return_reason = ${reason}, reviewed_by = ${by}, reviewed_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function resubmitRegistration(ex: Executor, id: string, r: { letterAttachmentId: string | null; letterId: string | null; note: string | null; by: string }): Promise<void> {
  await ex.execute(sql`UPDATE registrations SET status = 'submitted', letter_attachment_id = ${r.letterAttachmentId}, letter_id = ${r.letterId},
      note = ${r.note}, submissions = submissions + 1, submitted_by = ${r.by}, submitted_at = now(), updated_at = now() WHERE id = ${id}`)
}

export interface RegistrationFilter { scopes: string; personId: string | null; units: string[]; underPath?: string; unitId?: string; status?: RegistrationStatus; kind?: 'member' | 'unit' }

export async function searchRegistrations(ex: Executor, f: RegistrationFilter & { afterId?: string; limit: number }): Promise<RegistrationRow[]> {
  return rows<RegistrationRow>(ex, sql`${registrationSelect}
    WHERE (${f.personId ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.units.length ? sql`r.unit_id = ANY(${idList(f.units)}) OR` : sql``}
           ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``}
    ${f.status ? sql`AND r.status = ${f.status}` : sql``}
    ${f.kind ? sql`AND r.kind = ${f.kind}` : sql``}
    ${f.afterId ? sql`AND r.id > ${f.afterId}` : sql``}
    ORDER BY r.id LIMIT ${f.limit + 1}`)
}

// Posts and claims ----------------------------------------------------------------------------

export interface PostRow { id: string; community: Ref; kind: 'post' | 'project'; title: string; description: string | null; capacity: number; taken: number; active: boolean; myClaimId: string | null; createdAt: string; communityPath: string }

const postSelect = (memberId: string | null) => sql`SELECT cp.id::text, json_build_object('id', c.id::text, 'name', c.name) AS community, cp.kind, cp.title,
    cp.description, cp.capacity, (SELECT count(*)::int FROM post_claims pc WHERE pc.post_id = cp.id AND pc.released_at IS NULL) AS taken,
    cp.active, ${memberId ? sql`(SELECT pc.id::text FROM post_claims pc WHERE pc.post_id = cp.id AND pc.member_id = ${memberId} AND pc.released_at IS NULL)` : sql`NULL::text`} AS "myClaimId",
    cp.created_at::text AS "createdAt", c.path::text AS "communityPath"
  FROM community_posts cp JOIN orgs c ON c.id = cp.community_id`

export async function findPost(ex: Executor, id: string, memberId: string | null = null, lock = false): Promise<PostRow | undefined> {
  // The row lock serialises claims of one post: the seat count is read after it is held.
  if (lock) await ex.execute(sql`SELECT 1 FROM community_posts WHERE id = ${id} FOR UPDATE`)
  return firstRow<PostRow>(ex, sql`${postSelect(memberId)} WHERE cp.id = ${id}`)
}

export async function searchPosts(ex: Executor, f: { communityId?: string; scopePaths: string; kind?: string; active?: boolean; memberId: string | null; afterId?: string; limit: number }): Promise<PostRow[]> {
  return rows<PostRow>(ex, sql`${postSelect(f.memberId)} WHERE true
    ${f.communityId ? sql`AND cp.community_id = ${f.communityId}` : sql``}
    ${f.scopePaths ? sql`AND ${underScopes(sql`c.path`, f.scopePaths)}` : sql`AND false`}
    ${f.kind ? sql`AND cp.kind = ${f.kind}` : sql``}
    ${f.active !== undefined ? sql`AND cp.active = ${f.active}` : sql``}
    ${f.afterId ? sql`AND cp.id > ${f.afterId}` : sql``}
    ORDER BY cp.id LIMIT ${f.limit + 1}`)
}

export async function insertPost(ex: Executor, p: { communityId: string; kind: string; title: string; description: string | null; capacity: number; createdBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO community_posts (community_id, kind, title, description, capacity, created_by)
    VALUES (${p.communityId}, ${p.kind}, ${p.title}, ${p.description}, ${p.capacity}, ${p.createdBy}) RETURNING id::text`))!.id
}

export async function updatePost(ex: Executor, id: string, set: { title?: string; description?: string | null; capacity?: number; active?: boolean }): Promise<void> {
  const parts: SQL[] = [sql`updated_at = now()`]
  if (set.title !== undefined) parts.push(sql`title = ${set.title}`)
  if (set.description !== undefined) parts.push(sql`description = ${set.description}`)
  if (set.capacity !== undefined) parts.push(sql`capacity = ${set.capacity}`)
  if (set.active !== undefined) parts.push(sql`active = ${set.active}`)
  await ex.execute(sql`UPDATE community_posts SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`)
}

export interface ClaimRow { id: string; post: Ref & { kind: 'post' | 'project' }; member: Ref; community: Ref; year: number; releasedAt: string | null; createdAt: string; personId: string; communityPath: string; memberId: string }

const claimSelect = sql`SELECT pc.id::text, json_build_object('id', cp.id::text, 'name', cp.title, 'kind', cp.kind) AS post,
    json_build_object('id', pm.id::text, 'name', p.name) AS member, json_build_object('id', c.id::text, 'name', c.name) AS community,
    pc.year, pc.released_at::text AS "releasedAt", pc.created_at::text AS "createdAt", pm.person_id::text AS "personId",
    c.path::text AS "communityPath", pm.id::text AS "memberId"
  FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN orgs c ON c.id = cp.community_id
  JOIN party_members pm ON pm.id = pc.member_id JOIN people p ON p.id = pm.person_id`

export async function findClaim(ex: Executor, id: string): Promise<ClaimRow | undefined> {
  return firstRow<ClaimRow>(ex, sql`${claimSelect} WHERE pc.id = ${id}`)
}

export async function searchClaims(ex: Executor, f: { scopes: string; personId: string | null; memberId?: string; postId?: string; live?: boolean; afterId?: string; limit: number }): Promise<ClaimRow[]> {
  return rows<ClaimRow>(ex, sql`${claimSelect}
    WHERE (${f.personId ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.memberId ? sql`AND pc.member_id = ${f.memberId}` : sql``}
    ${f.postId ? sql`AND pc.post_id = ${f.postId}` : sql``}
    ${f.live === true ? sql`AND pc.released_at IS NULL` : f.live === false ? sql`AND pc.released_at IS NOT NULL` : sql``}
    ${f.afterId ? sql`AND pc.id > ${f.afterId}` : sql``}
    ORDER BY pc.id LIMIT ${f.limit + 1}`)
}

export async function insertClaim(ex: Executor, c: { postId: string; memberId: string; year: number; claimedBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO post_claims (post_id, member_id, year, claimed_by)
    VALUES (${c.postId}, ${c.memberId}, ${c.year}, ${c.claimedBy}) RETURNING id::text`))!.id
}

export async function releaseClaim(ex: Executor, id: string): Promise<boolean> {
  return (await rows(ex, sql`UPDATE post_claims SET released_at = now(), updated_at = now() WHERE id = ${id} AND released_at IS NULL RETURNING id`)).length === 1
}

export async function claimsOfMember(ex: Executor, memberId: string, year: number): Promise<{ title: string; kind: 'post' | 'project' }[]> {
  return rows(ex, sql`SELECT cp.title, cp.kind FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id
    WHERE pc.member_id = ${memberId} AND pc.year = ${year} AND pc.released_at IS NULL ORDER BY pc.id`)
}

// Targets and reminders -----------------------------------------------------------------------

export interface TargetRow { id: string; org: Ref; year: number; minProjects: number; minHours: string; updatedAt: string; orgPath: string }

export async function searchTargets(ex: Executor, f: { scopes: string; underPath?: string; year?: number }): Promise<TargetRow[]> {
  return rows<TargetRow>(ex, sql`SELECT t.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, t.year, t.min_projects AS "minProjects",
      t.min_hours::text AS "minHours", t.updated_at::text AS "updatedAt", o.path::text AS "orgPath"
    FROM member_targets t JOIN orgs o ON o.id = t.org_id
    WHERE (${f.scopes ? sql`o.path <@ string_to_array(${f.scopes}, ',')::ltree[] OR o.path @> ANY(string_to_array(${f.scopes}, ',')::ltree[])` : sql`false`})
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``} ${f.year ? sql`AND t.year = ${f.year}` : sql``}
    ORDER BY t.year DESC, nlevel(o.path), t.id LIMIT 500`)
}

export async function upsertTarget(ex: Executor, t: { orgId: string; year: number; minProjects: number; minHours: number }): Promise<{ id: string; created: boolean }> {
  return (await firstRow<{ id: string; created: boolean }>(ex, sql`INSERT INTO member_targets (org_id, year, min_projects, min_hours)
    VALUES (${t.orgId}, ${t.year}, ${t.minProjects}, ${t.minHours})
    ON CONFLICT (org_id, year) DO UPDATE SET min_projects = EXCLUDED.min_projects, min_hours = EXCLUDED.min_hours, updated_at = now()
    RETURNING id::text, (xmax = 0) AS created`))!
}

export async function findTarget(ex: Executor, id: string): Promise<TargetRow | undefined> {
  return firstRow<TargetRow>(ex, sql`SELECT t.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, t.year, t.min_projects AS "minProjects",
      t.min_hours::text AS "minHours", t.updated_at::text AS "updatedAt", o.path::text AS "orgPath"
    FROM member_targets t JOIN orgs o ON o.id = t.org_id WHERE t.id = ${id}`)
}

/** Members with an accepted registration and no reminder in the week before `now`. */
export async function remindable(ex: Executor, now: Date, year: number, limit: number, afterId?: string): Promise<MemberRow[]> {
  return rows<MemberRow>(ex, sql`${memberSelect(year)}
    AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted')
    AND NOT EXISTS (SELECT 1 FROM member_reminders mr WHERE mr.member_id = pm.id AND mr.sent_at > ${now.toISOString()}::timestamptz - interval '7 days')
    ${afterId ? sql`AND pm.id > ${afterId}` : sql``}
    ORDER BY pm.id LIMIT ${limit}`)
}

export async function insertReminders(ex: Executor, memberIds: string[], year: number, at: Date): Promise<void> {
  if (memberIds.length === 0) return
  await ex.execute(sql`INSERT INTO member_reminders (member_id, year, sent_at) SELECT unnest(${idList(memberIds)}), ${year}, ${at.toISOString()}::timestamptz`)
}

// Feedback cards ------------------------------------------------------------------------------

export interface CardRow {
  id: string; member: Ref; period: string; community: Ref; unit: Ref | null; status: 'draft' | 'reviewed' | 'sent'
  content: CardContent; rating: CardRating | null; comment: string | null; reviewedBy: Ref | null; reviewedAt: string | null
  sentAt: string | null; createdAt: string; personId: string; communityPath: string; unitId: string | null
}

const cardSelect = sql`SELECT fc.id::text, json_build_object('id', pm.id::text, 'name', p.name) AS member, fc.period,
    json_build_object('id', c.id::text, 'name', c.name) AS community, ${unitRef('u')} AS unit, fc.status, fc.content, fc.rating, fc.comment,
    CASE WHEN rb.id IS NULL THEN NULL ELSE json_build_object('id', rb.id::text, 'name', rb.name) END AS "reviewedBy",
    fc.reviewed_at::text AS "reviewedAt", fc.sent_at::text AS "sentAt", fc.created_at::text AS "createdAt",
    pm.person_id::text AS "personId", c.path::text AS "communityPath", fc.unit_id::text AS "unitId"
  FROM feedback_cards fc JOIN party_members pm ON pm.id = fc.member_id JOIN people p ON p.id = pm.person_id
  JOIN orgs c ON c.id = fc.community_id LEFT JOIN units u ON u.id = fc.unit_id LEFT JOIN people rb ON rb.id = fc.reviewed_by`

export async function findCard(ex: Executor, id: string, lock = false): Promise<CardRow | undefined> {
  if (lock) await ex.execute(sql`SELECT 1 FROM feedback_cards WHERE id = ${id} FOR UPDATE`)
  return firstRow<CardRow>(ex, sql`${cardSelect} WHERE fc.id = ${id}`)
}

export async function cardExists(ex: Executor, memberId: string, period: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM feedback_cards WHERE member_id = ${memberId} AND period = ${period}`))
}

export async function insertCard(ex: Executor, c: { memberId: string; period: string; communityId: string; unitId: string | null; content: CardContent; generatedBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO feedback_cards (member_id, period, community_id, unit_id, content, generated_by)
    VALUES (${c.memberId}, ${c.period}, ${c.communityId}, ${c.unitId}, ${JSON.stringify(c.content)}::jsonb, ${c.generatedBy}) RETURNING id::text`))!.id
}

export async function reviewCard(ex: Executor, id: string, r: { rating: CardRating; comment: string; by: string }): Promise<void> {
  await ex.execute(sql`UPDATE feedback_cards SET status = 'reviewed', rating = ${r.rating}, comment = ${r.comment}, reviewed_by = ${r.by}, reviewed_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function sendCard(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE feedback_cards SET status = 'sent', sent_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function searchCards(ex: Executor, f: { scopes: string; personId: string | null; units: string[]; memberId?: string; underPath?: string; unitId?: string; period?: string; status?: string; afterId?: string; limit: number }): Promise<CardRow[]> {
  return rows<CardRow>(ex, sql`${cardSelect}
    WHERE (${f.personId ? sql`(pm.person_id = ${f.personId} AND fc.status <> 'draft') OR` : sql``}
           ${f.units.length ? sql`(fc.unit_id = ANY(${idList(f.units)}) AND fc.status = 'sent') OR` : sql``}
           ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.memberId ? sql`AND fc.member_id = ${f.memberId}` : sql``}
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND fc.unit_id = ${f.unitId}` : sql``}
    ${f.period ? sql`AND fc.period = ${f.period}` : sql``}
    ${f.status ? sql`AND fc.status = ${f.status}` : sql``}
    ${f.afterId ? sql`AND fc.id < ${f.afterId}` : sql``}
    ORDER BY fc.id DESC LIMIT ${f.limit + 1}`)
}

/** Mean card rating (5 excellent … 2 poor) per person, over cards of the year that were reviewed. */
export async function cardRatings(ex: Executor, memberIds: string[], year: number): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map()
  const found = await rows<{ member_id: string; rating: string }>(ex, sql`SELECT member_id::text, avg(CASE rating WHEN 'excellent' THEN 5 WHEN 'good' THEN 4 WHEN 'fair' THEN 3 ELSE 2 END)::text AS rating
    FROM feedback_cards WHERE member_id = ANY(${idList(memberIds)}) AND rating IS NOT NULL AND left(period, 4) = ${String(year)} GROUP BY member_id`)
  return new Map(found.map((r) => [r.member_id, Number(r.rating)]))
}

/** Cases each person reported in the (China-time) year that were verified or closed; anonymous reports are left out, since staff see the index and it would name their reporter. */
export async function verifiedReports(ex: Executor, personIds: string[], year: number): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map()
  const found = await rows<{ person_id: string; n: number }>(ex, sql`SELECT reporter_id::text AS person_id, count(*)::int AS n FROM cases
    WHERE reporter_id = ANY(${idList(personIds)}) AND state IN ('verified', 'closed') AND NOT anonymous
      AND created_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz AND created_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
    GROUP BY reporter_id`)
  return new Map(found.map((r) => [r.person_id, r.n]))
}

/** Claims (posts and projects) per member in the year, for the pioneer index. */
export async function claimCounts(ex: Executor, memberIds: string[], year: number): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map()
  const found = await rows<{ member_id: string; n: number }>(ex, sql`SELECT member_id::text, count(*)::int AS n FROM post_claims
    WHERE member_id = ANY(${idList(memberIds)}) AND year = ${year} GROUP BY member_id`)
  return new Map(found.map((r) => [r.member_id, r.n]))
}

/** Consenting members of a community for the public walls: names only, plus what they chose to show. */
export async function wallMembers(ex: Executor, communityId: string): Promise<{ memberId: string; personId: string; name: string; walls: string[]; commitment: string | null }[]> {
  return rows(ex, sql`SELECT pm.id::text AS "memberId", pm.person_id::text AS "personId", p.name, pm.public_walls AS walls, pm.commitment
    FROM party_members pm JOIN people p ON p.id = pm.person_id
    WHERE pm.community_id = ${communityId} AND pm.deleted_at IS NULL AND cardinality(pm.public_walls) > 0
      AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted')
    ORDER BY pm.id LIMIT 2000`)
}

export async function unitServiceRows(ex: Executor, scopes: string, underPath: string | undefined, year: number): Promise<{ unitId: string; unitName: string; members: number; registered: number; posts: number; projects: number; unitRegistrations: number; personIds: string[] }[]> {
  return rows(ex, sql`SELECT u.id::text AS "unitId", u.name AS "unitName", count(DISTINCT pm.id)::int AS members,
      count(DISTINCT pm.id) FILTER (WHERE r.status = 'accepted')::int AS registered,
      (SELECT count(*)::int FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN party_members m2 ON m2.id = pc.member_id
        WHERE m2.employer_unit_id = u.id AND pc.year = ${year} AND pc.released_at IS NULL AND cp.kind = 'post') AS posts,
      (SELECT count(*)::int FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN party_members m2 ON m2.id = pc.member_id
        WHERE m2.employer_unit_id = u.id AND pc.year = ${year} AND pc.released_at IS NULL AND cp.kind = 'project') AS projects,
      (SELECT count(*)::int FROM registrations ur WHERE ur.kind = 'unit' AND ur.unit_id = u.id AND ur.status = 'accepted') AS "unitRegistrations",
      array_agg(DISTINCT pm.person_id::text) AS "personIds"
    FROM party_members pm JOIN orgs c ON c.id = pm.community_id JOIN units u ON u.id = pm.employer_unit_id
    LEFT JOIN registrations r ON r.member_id = pm.id AND r.kind = 'member'
    WHERE pm.deleted_at IS NULL AND ${scopes ? underScopes(sql`c.path`, scopes) : sql`false`}
      ${underPath ? sql`AND c.path <@ ${underPath}::ltree` : sql``}
    GROUP BY u.id, u.name ORDER BY u.id`)
}
