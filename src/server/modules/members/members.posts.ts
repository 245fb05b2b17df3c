// Community posts and projects (服务岗位 / 项目) that cadres publish, and members' claims of them
// once their registration is accepted: a seat each, while seats last.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, requireSignedIn } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { findMemberByPerson } from './members.repository.ts'
import { registrationOfMember } from './members.registrations.repository.ts'
import * as repo from './members.posts.repository.ts'
import { chinaYear, type MemberLookups } from './members.lookups.ts'
import type { PostCreate, PostUpdate } from './members.schemas.ts'

const presentPost = (p: repo.PostRow) => ({ id: p.id, community: p.community, kind: p.kind, title: p.title, description: p.description, capacity: p.capacity, taken: p.taken, active: p.active, myClaimId: p.myClaimId, createdAt: isoTime(p.createdAt)! })
const presentClaim = (c: repo.ClaimRow) => ({ id: c.id, post: c.post, member: c.member, community: c.community, year: c.year, releasedAt: isoTime(c.releasedAt), createdAt: isoTime(c.createdAt)! })

export function createPosts(l: MemberLookups) {
  const { db, now, cadreScopes, loadMember, communityFor, existingOrg } = l

  async function loadPost(ctx: RequestContext, ex: Executor, id: string, lock = false) {
    requireSignedIn(ctx.actor)
    const post = await repo.findPost(ex, id, null, lock)
    if (!post) throw notFound('POST_NOT_FOUND')
    return post
  }

  return {
    async listPosts(ctx: RequestContext, q: { communityId?: string; kind?: 'post' | 'project'; active?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId ? await findMemberByPerson(db, ctx.actor.personId, chinaYear(now())) : undefined
      if (q.communityId) await existingOrg(db, q.communityId)
      // A community filter narrows what the caller sees (their cadre scope, their own community), never widens it.
      const scopePaths = [cadreScopes(ctx), me?.communityPath].filter(Boolean).join(',')
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchPosts(db, { ...q, scopePaths, memberId: me?.id ?? null, afterId: after?.id })
      return toPage(found, q.limit, presentPost, (p) => ({ id: p.id }))
    },

    async createPost(ctx: RequestContext, input: PostCreate) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const c = await communityFor(ctx, tx, input.communityId, 'post.manage')
        const postId = await repo.insertPost(tx, { ...input, description: input.description ?? null, createdBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'community_post.create', entity: 'community_post', entityId: postId, orgPath: c.path, after: { ...input } })
        return postId
      })
      return presentPost((await repo.findPost(db, id))!)
    },

    async updatePost(ctx: RequestContext, id: string, input: PostUpdate) {
      await inTransaction(db, async (tx) => {
        const post = await loadPost(ctx, tx, id, true)
        authorize(ctx.actor, 'post.manage', { orgPath: post.communityPath })
        if (input.capacity !== undefined && input.capacity < post.taken) {
          throw unprocessable('POST_CAPACITY_BELOW_TAKEN', { taken: post.taken }, [{ path: 'capacity', message: 'members.postTaken', params: { taken: post.taken } }])
        }
        await repo.updatePost(tx, id, input)
        await recordAudit(tx, ctx, { action: 'community_post.update', entity: 'community_post', entityId: id, orgPath: post.communityPath, before: presentPost(post), after: { ...input } })
      })
      return presentPost((await repo.findPost(db, id))!)
    },

    /** Takes a seat on a post or project; the post's row lock makes the last seat go to one claim only. */
    async claim(ctx: RequestContext, input: { postId: string; memberId?: string }) {
      requireSignedIn(ctx.actor)
      const year = chinaYear(now())
      const id = await inTransaction(db, async (tx) => {
        const m = input.memberId ? await loadMember(ctx, tx, input.memberId, year, 'post.claim') : ctx.actor.personId ? await findMemberByPerson(tx, ctx.actor.personId, year) : undefined
        if (!m) throw notFound('MEMBER_NOT_FOUND')
        authorize(ctx.actor, 'post.claim', m)
        const post = await loadPost(ctx, tx, input.postId, true)
        if (post.community.id !== m.community.id) throw notFound('POST_NOT_FOUND')
        const registration = await registrationOfMember(tx, m.id)
        if (registration?.status !== 'accepted') throw unprocessable('REGISTRATION_NOT_ACCEPTED', {}, [{ path: 'postId', message: 'members.claimNeedsRegistration' }])
        if (!post.active) throw unprocessable('POST_INACTIVE', {}, [{ path: 'postId', message: 'members.postClosed' }])
        const live = await repo.searchClaims(tx, { scopes: '', personId: m.personId, memberId: m.id, postId: post.id, live: true, limit: 1 })
        if (live.length) throw conflict('POST_ALREADY_CLAIMED', {}, { claimId: live[0]!.id })
        if (post.taken >= post.capacity) throw conflict('POST_FULL', { capacity: post.capacity })
        const claimId = await repo.insertClaim(tx, { postId: post.id, memberId: m.id, year, claimedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'post_claim.create', entity: 'post_claim', entityId: claimId, orgPath: post.communityPath, after: { postId: post.id, memberId: m.id, year } })
        return claimId
      })
      return presentClaim((await repo.findClaim(db, id))!)
    },

    async release(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const c = await repo.findClaim(tx, id)
        // Released by the member or a cadre of their community; to anyone else the claim does not exist.
        if (!c || !can(ctx.actor, 'post.claim', c)) throw notFound('CLAIM_NOT_FOUND')
        if (!(await repo.releaseClaim(tx, id))) throw conflict('CLAIM_RELEASED')
        await recordAudit(tx, ctx, { action: 'post_claim.release', entity: 'post_claim', entityId: id, orgPath: c.communityPath, before: presentClaim(c) })
      })
    },

    async listClaims(ctx: RequestContext, q: { memberId?: string; postId?: string; live?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchClaims(db, { ...q, scopes: cadreScopes(ctx), personId: ctx.actor.personId, afterId: after?.id })
      return toPage(found, q.limit, presentClaim, (c) => ({ id: c.id }))
    },
  }
}
