// The public walls of a community (签名墙、承诺墙、先锋墙: consenting members with accepted
// registrations, names only) and the pioneer index (先锋指数) of gig-worker members, per person and
// per team (employer unit), from their hours, claims, verified reports and card ratings.
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { notFound } from '../../kernel/errors.ts'
import { searchMembers } from './members.repository.ts'
import { cardRatings } from './members.cards.repository.ts'
import { claimCounts, verifiedReports, wallMembers } from './members.ledgers.repository.ts'
import { pioneerIndex, teamIndex } from './members.pioneer.ts'
import { chinaYear, COMMUNITY_KINDS, type Hours, type MemberLookups } from './members.lookups.ts'

export function createWalls(l: MemberLookups) {
  const { db, deps, now, cadreScopes, filterNode } = l

  async function indexesOf(members: { memberId: string; personId: string }[], year: number) {
    const personIds = members.map((m) => m.personId)
    const memberIds = members.map((m) => m.memberId)
    const [hours, reports, services, ratings] = await Promise.all([
      personIds.length ? deps.volunteers.hoursByPerson(db, personIds, year) : new Map() as Hours,
      verifiedReports(db, personIds, year),
      claimCounts(db, memberIds, year),
      cardRatings(db, memberIds, year),
    ])
    return new Map(members.map((m) => {
      const h = hours.get(m.personId)
      const record = { hours: Math.round((h?.hours ?? 0) * 10) / 10, activities: h?.activities ?? 0, services: services.get(m.memberId) ?? 0, reports: reports.get(m.personId) ?? 0, rating: ratings.get(m.memberId) ?? null }
      return [m.memberId, { ...record, index: pioneerIndex(record) }]
    }))
  }

  return {
    /** 签名墙、承诺墙、先锋墙: consenting members of a community with accepted registrations, names only. */
    async walls(communityId: string) {
      const c = await deps.orgs.findRef(db, communityId)
      if (!c || !COMMUNITY_KINDS.includes(c.kind)) throw notFound('ORG_NOT_FOUND')
      const year = chinaYear(now())
      const found = await wallMembers(db, c.id)
      const pioneers = found.filter((m) => m.walls.includes('pioneer'))
      const indexes = await indexesOf(pioneers.map((m) => ({ memberId: m.memberId, personId: m.personId })), year)
      return {
        community: { id: c.id, name: c.name },
        signature: found.filter((m) => m.walls.includes('signature')).map((m) => ({ name: m.name })),
        commitment: found.filter((m) => m.walls.includes('commitment') && m.commitment).map((m) => ({ name: m.name, commitment: m.commitment! })),
        pioneer: pioneers.map((m) => ({ name: m.name, hours: indexes.get(m.memberId)!.hours, pioneerIndex: indexes.get(m.memberId)!.index }))
          .sort((a, b) => b.pioneerIndex - a.pioneerIndex).slice(0, 50),
      }
    },

    /** 先锋指数 of gig-worker members in the caller's scope, per person and per team (employer unit). */
    async pioneer(ctx: RequestContext, q: { communityId?: string; year?: number }) {
      requireSignedIn(ctx.actor)
      const year = q.year ?? chinaYear(now())
      const underPath = await filterNode(ctx, q.communityId)
      const scopes = cadreScopes(ctx)
      const found = scopes ? await searchMembers(db, { scopes, personId: null, underPath, year, kinds: ['gig_worker'] }) : []
      const indexes = await indexesOf(found.map((m) => ({ memberId: m.id, personId: m.personId })), year)
      const people = found.map((m) => ({ member: { id: m.id, name: m.person.name }, team: m.employerUnit, ...indexes.get(m.id)! })).sort((a, b) => b.index - a.index)
      const teams = new Map<string, { team: { id: string; name: string }; indexes: number[]; hours: number }>()
      for (const p of people) {
        if (!p.team) continue
        const t = teams.get(p.team.id) ?? { team: p.team, indexes: [], hours: 0 }
        t.indexes.push(p.index)
        t.hours += p.hours
        teams.set(p.team.id, t)
      }
      return {
        year,
        people,
        teams: [...teams.values()].map((t) => ({ team: t.team, members: t.indexes.length, hours: Math.round(t.hours * 10) / 10, index: teamIndex(t.indexes) })).sort((a, b) => b.index - a.index),
      }
    },
  }
}
