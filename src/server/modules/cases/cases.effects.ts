// What several transitions do besides moving the state: pay points, tell the followers, check the
// photos a caller attaches, write the row, follow a case. Each runs in the caller's transaction.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, type Executor } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { notFound } from '../../kernel/errors.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import * as repo from './cases.repository.ts'
import type { CaseKey } from './cases.repository.ts'

export const caseTitle = (c: Pick<repo.CaseRow, 'id' | 'categoryName'>) => `#${c.id} ${c.categoryName}`

export function createCaseEffects(deps: {
  notifications: Pick<NotificationService, 'notify'>
  /** The points ledger: a verified report pays its reporter, a five-star rating the last handler. */
  points?: Pick<PointsService, 'award'>
}) {
  const { notifications } = deps
  return {
    /**
     * Pays a rule's points inside the transition's transaction; once per key (a retry pays nothing).
     * `private`: the points ledger shows staff neither the memo nor the key (an anonymous report).
     */
    async pay(tx: Executor, c: repo.CaseRow, award: { ruleCode: string; personId: string | null; idempotencyKey: string; memo: string; private?: boolean }) {
      if (!deps.points || !award.personId) return
      await deps.points.award(tx, { ...award, personId: award.personId, quantity: 1, orgId: c.orgId })
    },

    /** Photo ids a caller attaches: each one theirs to attach (repo.usablePhotos), or 404 as if missing. */
    async assertPhotos(ex: Executor, actor: Actor, ids: string[] | undefined) {
      if (!ids?.length) return []
      const unique = [...new Set(ids)]
      const usable = await repo.usablePhotos(ex, unique, actor.personId)
      if (usable.length !== unique.length) throw notFound('PHOTO_NOT_FOUND', [{ path: 'photoIds', message: 'cases.photoMissing' }])
      return unique
    },

    /** Tells the reporter and the followers who may read the case about a public change. */
    async tellFollowers(tx: Executor, c: repo.CaseRow, actorId: string | null, title: string, body: string | null, withOrgFollowers = false) {
      const followers = await repo.followersOf(tx, c, withOrgFollowers)
      const now = followers.filter((f) => !f.digest).map((f) => f.personId)
      if (c.reporterId) now.push(c.reporterId)
      const later = followers.filter((f) => f.digest).map((f) => f.personId)
      const skip = (p: string) => p !== actorId
      await notifications.notify(tx, { personIds: now.filter(skip), digestPersonIds: later.filter(skip), kind: 'case.update', title, body, link: { caseId: c.id } })
    },

    /** Updates the case row, named by id and district (on Citus the district routes it to one shard). */
    async setCase(tx: Executor, c: CaseKey, sets: SQL[]) {
      await tx.execute(sql`UPDATE cases SET ${sql.join(sets, sql`, `)} WHERE id = ${c.id} AND district_id = ${c.districtId}`)
    },

    /** Follows a case (or changes digest); the follower count grows only for a new follow. */
    async follow(tx: Executor, personId: string, c: CaseKey, digest: boolean) {
      // The case's district comes with it (the follow is co-located with the case).
      const added = await firstRow<{ inserted: boolean }>(tx, sql`INSERT INTO follows (person_id, case_id, district_id, digest)
        VALUES (${personId}, ${c.id}, ${c.districtId}, ${digest})
        ON CONFLICT (person_id, case_id, district_id) WHERE case_id IS NOT NULL DO UPDATE SET digest = EXCLUDED.digest
        RETURNING (xmax = 0) AS inserted`)
      if (added?.inserted) await tx.execute(sql`UPDATE cases SET followers = followers + 1 WHERE id = ${c.id} AND district_id = ${c.districtId}`)
    },
  }
}

export type CaseEffects = ReturnType<typeof createCaseEffects>
