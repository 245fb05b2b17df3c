// Five-colour rating (五色管理) of housing estates: score sheets per period against the rating
// criteria, the colour they add up to, each estate's history, the public list of current colours,
// and a rectification case for the property firm of an estate rated red.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { CaseService } from '../cases/cases.service.ts'
import * as repo from './estates.repository.ts'
import { colorOf, lowCriteria, periodStart, scoreSheetProblems, totalOf, type EstateColor } from './estates.rating.ts'
import type { RatingCreate } from './estates.schemas.ts'
import './estates.policy.ts'

/** The case category of a property firm's rectification (seeded with the taxonomy). */
export const RECTIFICATION_CATEGORY = 'property.rectification'

const chinaDate = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

function presentRating(r: repo.RatingRow) {
  return { ...r, total: Number(r.total), createdAt: isoTime(r.createdAt)! }
}

export function createEstateService(deps: { db: Executor; cases: Pick<CaseService, 'create'>; clock?: () => Date }) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  async function loadEstate(ctx: RequestContext, id: string) {
    requireSignedIn(ctx.actor)
    const estate = await repo.findEstate(db, id)
    if (!estate) throw notFound('ESTATE_NOT_FOUND')
    authorize(ctx.actor, 'estateRating.read', { estatePath: estate.path }, 'ESTATE_NOT_FOUND')
    return estate
  }

  /** "翠苑小区（物业：某某物业服务有限公司）五色评定为红色，需整改：环境卫生 8/20、安全管理 10/20" */
  function rectificationText(estate: repo.EstateRow, criteria: repo.CriterionRow[], scores: Record<string, number>) {
    const low = lowCriteria(criteria, scores).map((c) => `${c.name} ${c.score}/${c.maxScore}`).join('、')
    return `${estate.name}（物业：${estate.propertyFirm ?? '未登记'}）五色评定为红色，需整改：${low}`
  }

  return {
    async criteria() {
      return { items: await repo.listCriteria(db, true) }
    },

    async rate(ctx: RequestContext, estateId: string, input: RatingCreate) {
      const estate = await loadEstate(ctx, estateId)
      authorize(ctx.actor, 'estateRating.create', { estatePath: estate.path })
      if (periodStart(input.period) > chinaDate(now())) {
        throw unprocessable('ESTATE_RATING_PERIOD_IN_FUTURE', { period: input.period }, [{ path: 'period', message: 'estates.periodNotStarted' }])
      }
      const criteria = await repo.listCriteria(db, true)
      const problems = scoreSheetProblems(criteria, input.scores)
      if (problems.length) throw unprocessable('ESTATE_RATING_SCORES_INVALID', {}, problems)
      const total = totalOf(input.scores)
      const color = colorOf(total)
      const duplicate = () => conflict('ESTATE_RATING_EXISTS', { period: input.period }, [{ path: 'period', message: 'estates.periodRated' }])
      // A red rating and its rectification case commit together: a refused case leaves no rating.
      const id = await inTransaction(db, async (tx) => {
        if (await repo.ratingExists(tx, estate.id, input.period)) throw duplicate()
        const ratingId = await repo.insertRating(tx, { estateId: estate.id, period: input.period, scores: input.scores, total, color, note: input.note ?? null, ratedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'estate_rating.create', entity: 'estate_rating', entityId: ratingId, orgPath: estate.path, after: { estateId: estate.id, period: input.period, scores: input.scores, total, color } })
        if (color === 'red') await openRectification(tx, ctx, estate, criteria, input.scores, ratingId)
        return ratingId
      })
      return presentRating((await repo.findRating(db, id))!)
    },

    async history(ctx: RequestContext, estateId: string) {
      const estate = await loadEstate(ctx, estateId)
      return { items: (await repo.ratingsOf(db, estate.id)).map(presentRating) }
    },

    async list(ctx: RequestContext, q: { orgId?: string; color?: EstateColor; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.anyRole)
      const found = scopes.length === 0 ? [] : await repo.currentRatings(db, { scopes: scopeParam(scopes), underPath, color: q.color, ratedOnly: false, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (r) => ({ estate: r.estate, community: r.community, propertyFirm: r.propertyFirm, current: r.current ? presentRating(r.current) : null }), (r) => ({ id: r.id }))
    },

    /** The public board: each rated estate's current colour, no login. */
    async publicList(q: { orgId?: string; color?: EstateColor; cursor?: string; limit: number }) {
      let underPath: string | undefined
      if (q.orgId) {
        underPath = await repo.orgPath(db, q.orgId)
        if (!underPath) throw notFound('ORG_NOT_FOUND')
      }
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.currentRatings(db, { scopes: null, underPath, color: q.color, ratedOnly: true, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (r) => ({
        estate: r.estate, community: r.community, propertyFirm: r.propertyFirm,
        color: r.current!.color, total: Number(r.current!.total), period: r.current!.period, ratedAt: isoTime(r.current!.createdAt)!,
      }), (r) => ({ id: r.id }))
    },
  }

  /** A red rating opens a rectification case for the property firm, in the rating's transaction, and records it on the rating. */
  async function openRectification(tx: Executor, ctx: RequestContext, estate: repo.EstateRow, criteria: repo.CriterionRow[], scores: Record<string, number>, ratingId: string) {
    if (!estate.point) return
    const created = await deps.cases.create(
      tx,
      ctx,
      { categoryCode: RECTIFICATION_CATEGORY, description: rectificationText(estate, criteria, scores), location: estate.point },
      { channel: 'estate_rating', estateRatingId: ratingId },
    )
    await repo.setRatingCase(tx, ratingId, created.id)
    await recordAudit(tx, ctx, { action: 'estate_rating.case', entity: 'estate_rating', entityId: ratingId, orgPath: estate.path, after: { caseId: created.id } })
  }
}

export type EstateService = ReturnType<typeof createEstateService>
