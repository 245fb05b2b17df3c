// The service catalogue (三张清单): public, social and volunteer services, each item offered in an
// org subtree and edited by its cadres. Items are versioned: an edit writes a new version, so an
// order placed earlier keeps the terms it was placed under; retiring an item takes it off the
// catalogue without touching the orders placed.
import type { RequestContext } from '../../kernel/context.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { can, LEVEL, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './orders.catalogue.repository.ts'
import { homeOf } from './orders.repository.ts'
import type { CatalogueTemplate, ServiceItem, ServiceItemInput, ServiceItemPatch } from './orders.schemas.ts'
import type { ServiceItemSubject } from './orders.policy.ts'

const ITEM_KINDS = ['city', 'district', 'street', 'community', 'village']

/** A service item written in the caller's transaction (the one way items are made). */
async function createIn(tx: Executor, ctx: RequestContext, input: ServiceItemInput): Promise<string> {
  const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: input.orgId })
  if (!can(ctx.actor, 'serviceItem.manage', { orgPath: org.path })) throw notFound('ORG_NOT_FOUND')
  if (!ITEM_KINDS.includes(org.kind)) throw unprocessable('SERVICE_ITEM_INVALID', {}, [{ path: 'orgId', message: 'orders.itemOrgKind' }])
  const { orgId: _, ...rest } = input
  const itemId = await repo.insertItem(tx, org.id, fieldsOf(rest), ctx.actor.personId)
  await recordAudit(tx, ctx, { action: 'service_item.create', entity: 'service_item', entityId: itemId, orgPath: org.path, after: { ...input } })
  return itemId
}

/** An item's terms, as a template carries them. */
const fieldsTemplateOf = (i: repo.ItemRow): CatalogueTemplate['items'][number] => ({
  list: i.list, name: i.name, description: i.description ?? undefined, icon: i.icon, providerKinds: i.providerKinds, skill: i.skill, audience: i.audience,
  audienceTags: i.audienceTags as CatalogueTemplate['items'][number]['audienceTags'], autoAccept: i.autoAccept, grab: i.grab, reviewHours: i.reviewHours, claimHours: i.claimHours, finishHours: i.finishHours,
  serviceHours: i.serviceHours, ratingRequired: i.ratingRequired, points: i.points, priceNote: i.priceNote, radiusM: i.radiusM,
})

export const presentItem = (i: repo.ItemRow): ServiceItem => ({
  id: i.id, version: i.version, versionId: i.versionId, org: { id: i.orgId, name: i.orgName }, list: i.list, name: i.name, description: i.description,
  icon: i.icon, providerKinds: i.providerKinds, skill: i.skill, audience: i.audience, audienceTags: i.audienceTags, autoAccept: i.autoAccept, grab: i.grab,
  reviewHours: i.reviewHours, claimHours: i.claimHours, finishHours: i.finishHours, serviceHours: i.serviceHours, ratingRequired: i.ratingRequired,
  points: i.points, priceNote: i.priceNote, radiusM: i.radiusM, retired: i.retiredAt !== null, updatedAt: i.updatedAt,
})

const fieldsOf = (i: Omit<ServiceItemInput, 'orgId'>): repo.VersionFields => ({
  list: i.list, name: i.name, description: i.description ?? null, icon: i.icon, providerKinds: i.providerKinds, skill: i.skill, audience: i.audience,
  audienceTags: i.audience === 'tagged' ? i.audienceTags : [], autoAccept: i.autoAccept, grab: i.grab, reviewHours: i.reviewHours, claimHours: i.claimHours,
  finishHours: i.finishHours, serviceHours: i.serviceHours, ratingRequired: i.ratingRequired, points: i.points, priceNote: i.priceNote, radiusM: i.radiusM,
})

export function createCatalogue(deps: { db: Executor }) {
  const { db } = deps

  async function loadItem(ex: Executor, ctx: RequestContext, id: string, permission = 'serviceItem.read') {
    await requireAccessOne<ServiceItemSubject>(ex, ctx.actor, { permission, entity: 'serviceItem', id })
    const item = await repo.findItem(ex, id)
    if (!item) throw notFound('SERVICE_ITEM_NOT_FOUND')
    return item
  }

  return {
    async list(ctx: RequestContext, q: { list?: ServiceItem['list']; orgId?: string; orderable?: boolean; retired?: boolean; q?: string }) {
      let offeredAt: string | undefined
      let definedUnder: string | undefined
      if (q.orgId) {
        const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })
        // Staff over the node see what is defined at and below it (the editor); anyone else what is offered there.
        if (can(ctx.actor, 'serviceItem.manage', { orgPath: org.path })) definedUnder = org.path
        else offeredAt = org.path
      } else if (q.orderable) {
        const home = ctx.actor.personId ? await homeOf(db, ctx.actor.personId) : undefined
        if (!home) return { items: [] }
        offeredAt = home.orgPath
      }
      const staff = scopesOf(ctx.actor, LEVEL.cadre).length > 0
      const found = await repo.searchItems(db, { offeredAt, definedUnder, list: q.list, retired: staff && q.retired, q: q.q, limit: 500 })
      return { items: found.map(presentItem) }
    },

    async get(ctx: RequestContext, id: string) {
      return presentItem(await loadItem(db, ctx, id))
    },

    async create(ctx: RequestContext, input: ServiceItemInput) {
      const id = await inTransaction(db, (tx) => createIn(tx, ctx, input))
      return presentItem((await repo.findItem(db, id))!)
    },

    createIn,

    /** The items defined at a node (not those above it), as a catalogue template's payload. */
    async catalogueOf(ex: Executor, ctx: RequestContext, orgId: string): Promise<CatalogueTemplate> {
      const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
      const found = (await repo.searchItems(ex, { definedUnder: org.path, retired: false, limit: 200 })).filter((i) => i.orgId === org.id).slice(0, 120)
      if (found.length === 0) throw unprocessable('SERVICE_ITEM_INVALID', {}, [{ path: 'template.sourceId', message: 'orders.catalogueEmpty' }])
      return { items: found.map((i) => fieldsTemplateOf(i)) }
    },

    async update(ctx: RequestContext, id: string, patch: ServiceItemPatch) {
      await inTransaction(db, async (tx) => {
        await repo.lockItem(tx, id)
        const item = await loadItem(tx, ctx, id, 'serviceItem.manage')
        const merged = { ...item, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as repo.ItemRow
        if (merged.audience === 'tagged' && merged.audienceTags.length === 0) {
          throw unprocessable('SERVICE_ITEM_INVALID', {}, [{ path: 'audienceTags', message: 'orders.tagsRequired' }])
        }
        await repo.newVersion(tx, item, fieldsOf({ ...merged, description: merged.description ?? undefined } as Omit<ServiceItemInput, 'orgId'>), ctx.actor.personId)
        await recordAudit(tx, ctx, { action: 'service_item.update', entity: 'service_item', entityId: id, orgPath: item.orgPath, before: presentItem(item), after: { ...patch } })
      })
      return presentItem((await repo.findItem(db, id))!)
    },

    async setRetired(ctx: RequestContext, id: string, retired: boolean) {
      await inTransaction(db, async (tx) => {
        await repo.lockItem(tx, id)
        const item = await loadItem(tx, ctx, id, 'serviceItem.manage')
        await repo.setRetired(tx, id, retired)
        await recordAudit(tx, ctx, { action: retired ? 'service_item.retire' : 'service_item.restore', entity: 'service_item', entityId: id, orgPath: item.orgPath })
      })
      return presentItem((await repo.findItem(db, id))!)
    },
  }
}

export type Catalogue = ReturnType<typeof createCatalogue>
