// Building leaders' 三亮 cards: the public card of a building's leader in post (photo, name,
// Party member or not, duties, commitments, how to reach them), its editing by the leader or the
// cadres over the building, the list of a node's buildings and leaders, and coverage figures.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import { can } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './building_leaders.repository.ts'
import type { BuildingSubject } from './building_leaders.policy.ts'
import { dutyWords } from './building_leaders.messages.ts'
import { leaderDutySchema, type LeaderCard } from './building_leaders.schemas.ts'
import type { z } from 'zod'
import type { leaderCardInputSchema } from './building_leaders.schemas.ts'
import './building_leaders.policy.ts'
import { loadBuildings } from './building_leaders.access.ts'

const ALL_DUTIES = leaderDutySchema.options

export function createBuildingLeaderService(deps: { db: Executor; pii: PiiKeyring; publicUrl?: string }) {
  const { db, pii } = deps

  async function card(ctx: RequestContext, ex: Executor, buildingId: string, subject: BuildingSubject): Promise<LeaderCard> {
    const leaderId = subject.leaderIds[0] ?? null
    const c = (await repo.cardOf(ex, buildingId, leaderId))!
    // The full phone is shown only when the leader chose to show it on the card; otherwise its mask.
    let phone: string | null = c.phoneMask
    const shown = c.showPhone === true && c.phoneEnc !== null
    if (shown) phone = pii.decrypt('phone', c.phoneEnc!)
    const duties = (c.hasCard ? c.duties ?? [] : ALL_DUTIES) as (keyof typeof dutyWords)[]
    return {
      building: { id: c.id, name: c.name, where: c.where, lng: c.lng, lat: c.lat },
      leader: c.leaderId === null ? null : {
        id: c.leaderId, name: c.leaderName!, photoUrl: c.photoSha ? `/api/v1/files/${c.photoSha}?size=thumb` : null, partyMember: c.partyMember,
        duties: ALL_DUTIES.filter((d) => duties.includes(d)).map((d) => ({ code: d, name: dutyWords[d] })),
        commitments: c.commitments ?? '', phone, phoneShown: shown, contactNote: c.contactNote,
      },
      cardUrl: `${deps.publicUrl ?? ''}/h5/building-leaders/${buildingId}`,
      canEdit: can(ctx.actor, 'leaderCard.edit', subject),
    }
  }

  return {
    async leaderCard(ctx: RequestContext, buildingId: string) {
      const subject = (await loadBuildings(db, [buildingId])).get(buildingId)
      if (!subject) throw notFound('BUILDING_NOT_FOUND')
      return card(ctx, db, buildingId, subject)
    },

    async saveCard(ctx: RequestContext, buildingId: string, input: z.infer<typeof leaderCardInputSchema>) {
      return inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<BuildingSubject>(tx, ctx.actor, { permission: 'leaderCard.edit', id: buildingId, entity: 'building' })
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', ids: [input.photoId], entity: 'attachment' })
        const leaderId = subject.leaderIds[0]
        if (!leaderId) throw notFound('BUILDING_LEADER_NOT_FOUND')
        await repo.saveCard(tx, { buildingId, personId: leaderId, photoId: input.photoId, duties: input.duties, commitments: input.commitments, showPhone: input.showPhone, contactNote: input.contactNote })
        await recordAudit(tx, ctx, { action: 'leader_card.update', entity: 'leader_card', entityId: buildingId, orgPath: subject.orgPath, after: { personId: leaderId, ...input } })
        return card(ctx, tx, buildingId, subject)
      })
    },

    async list(ctx: RequestContext, orgId: string) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'buildingLeaders.read', id: orgId, entity: 'org' })
      const found = await repo.buildingsUnder(db, org.path)
      return {
        items: found.map((b) => ({
          building: { id: b.id, name: b.name, where: b.where }, leader: b.leaderId ? { id: b.leaderId, name: b.leaderName ?? '' } : null,
          partyMember: b.leaderId !== null && b.partyMember, hasCard: b.hasCard,
        })),
      }
    },

    async coverage(ctx: RequestContext, orgId: string) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'buildingLeaders.read', id: orgId, entity: 'org' })
      if (!['city', 'district', 'street', 'community', 'village'].includes(org.kind)) throw unprocessable('LEADER_COVERAGE_ORG', {}, [{ path: 'orgId', message: '请选择区、街道或社区' }])
      const found = await repo.coverage(db, org.path)
      const row = (r: (typeof found)[number]) => ({ org: { id: r.id, name: r.name }, kind: r.kind, buildings: r.buildings, withLeader: r.withLeader, partyMemberLeader: r.partyMemberLeader })
      const [total, ...rest] = found
      return { total: row(total!), rows: rest.map(row) }
    },

    /** The leaders of the buildings the caller lives in (residents' "my building leader"). */
    async mine(ctx: RequestContext) {
      if (!ctx.actor.personId) return { items: [] }
      const homes = await repo.homesOf(db, ctx.actor.personId)
      const items: LeaderCard[] = []
      for (const h of homes) {
        const subject = await requireAccessOne<BuildingSubject>(db, ctx.actor, { permission: 'building.read', id: h.id, entity: 'building' })
        items.push(await card(ctx, db, h.id, subject))
      }
      return { items }
    },
  }
}

export type BuildingLeaderService = ReturnType<typeof createBuildingLeaderService>
