// Queries of community posts and projects (服务岗位 / 项目) and members' claims of them.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { underScopes } from './members.repository.ts'

// Posts and claims ----------------------------------------------------------------------------

export interface PostRow { id: string; community: Ref; kind: 'post' | 'project'; title: string; description: string | null; capacity: number; taken: number; active: boolean; myClaimId: string | null; createdAt: string; communityPath: string }

const postSelect = (memberId: string | null) => sql`SELECT cp.id::text, json_build_object('id', c.id::text, 'name', c.name) AS community, cp.kind, cp.title,
    cp.description, cp.capacity, (SELECT count(*)::int FROM post_claims pc WHERE pc.post_id = cp.id AND pc.released_at IS NULL) AS taken,
    cp.active, ${memberId ? sql`(SELECT pc.id::text FROM post_claims pc WHERE pc.post_id = cp.id AND pc.member_id = ${memberId} AND pc.released_at IS NULL)` : sql`NULL::text`} AS "myClaimId",
    cp.created_at::text AS "createdAt", c.path::text AS "communityPath"
  FROM community_posts cp JOIN ${orgTree} c ON c.id = cp.community_id`

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
  FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN ${orgTree} c ON c.id = cp.community_id
  JOIN party_members pm ON pm.id = pc.member_id JOIN ${personNames} p ON p.id = pm.person_id`

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
