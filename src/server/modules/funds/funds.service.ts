// Funds (经费) per community and year by source, with the governance rule of service funds; the
// figures per community and street; the public page ("公开") of a community's projects; social
// organisations with their services, incubation stage, projects and the money they received.
// Projects themselves are in funds.projects.ts.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './funds.repository.ts'
import * as projects from './funds.projects.repository.ts'
import { presentFund, presentPublic, ruleOf } from './funds.present.ts'
import { PUBLIC_PROJECT_STATES } from './funds.policy.ts'
import type { FundNotifier } from './funds.notices.ts'
import type { FundCreate, FundFigures, FundPatch, FundSource, ProjectKind, SocialOrgPut } from './funds.schemas.ts'
import { fundSourceSchema, projectKindSchema } from './funds.schemas.ts'
import './funds.policy.ts'
import './funds.access.ts'

const FUND_ORG_KINDS = ['street', 'community', 'village']
/** The share of service funds that goes to governance unless a fund says otherwise (001 西湖). */
export const DEFAULT_GOVERNANCE_PCT = 20

/** The year in China (UTC+8). */
export const chinaYear = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear()
const round = (n: number) => Math.round(n * 100) / 100

export type FundDeps = { db: Executor; clock?: () => Date; notifications?: FundNotifier }

export function createFundService(deps: FundDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  async function orgAt(ex: Executor, ctx: RequestContext, orgId: string, permission: string) {
    return requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id: orgId })
  }

  return {
    async list(ctx: RequestContext, q: { orgId: string; year?: number }) {
      const org = await orgAt(db, ctx, q.orgId, 'fund.readAt')
      const year = q.year ?? chinaYear(now())
      return { org: { id: org.id, name: org.name }, year, items: (await repo.listFunds(db, org.path, year)).map(presentFund) }
    },

    async create(ctx: RequestContext, input: FundCreate) {
      return inTransaction(db, async (tx) => {
        const org = await orgAt(tx, ctx, input.orgId, 'fund.manageAt')
        const details: { path: string; message: string }[] = []
        if (!FUND_ORG_KINDS.includes(org.kind)) details.push({ path: 'orgId', message: 'funds.orgKind' })
        if (input.source === 'co_building' && !input.unitId) details.push({ path: 'unitId', message: 'funds.unitForCoBuilding' })
        if (input.source !== 'co_building' && input.unitId) details.push({ path: 'unitId', message: 'funds.unitOnlyCoBuilding' })
        if (input.source !== 'service' && input.governanceMinPct !== undefined && input.governanceMinPct !== null) details.push({ path: 'governanceMinPct', message: 'funds.pctOnlyService' })
        if (details.length) throw unprocessable('FUND_INVALID', {}, details)
        if (input.unitId) {
          await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId })
          if (!(await repo.pairedWith(tx, input.unitId, org.path))) throw unprocessable('FUND_INVALID', {}, [{ path: 'unitId', message: 'funds.unitNotPaired' }])
        }
        const governanceMinPct = input.source === 'service' ? (input.governanceMinPct === undefined ? DEFAULT_GOVERNANCE_PCT : input.governanceMinPct) : null
        const id = await repo.insertFund(tx, {
          orgId: org.id, year: input.year, source: input.source, name: input.name, amountYuan: input.amountYuan, unitId: input.unitId ?? null,
          governanceMinPct, note: input.note || null, createdBy: ctx.actor.personId!,
        })
        await recordAudit(tx, ctx, { action: 'fund.create', entity: 'fund', entityId: id, orgPath: org.path, after: { year: input.year, source: input.source, name: input.name, amountYuan: input.amountYuan } })
        return presentFund((await repo.findFund(tx, id))!)
      })
    },

    async update(ctx: RequestContext, id: string, patch: FundPatch) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'fund.manage', entity: 'fund', id })
        const locked = (await repo.lockFund(tx, id))!
        const f = (await repo.findFund(tx, id))!
        if (f.source !== 'service' && patch.governanceMinPct !== undefined && patch.governanceMinPct !== null) throw unprocessable('FUND_INVALID', {}, [{ path: 'governanceMinPct', message: 'funds.pctOnlyService' }])
        const next = {
          name: patch.name ?? f.name, amountYuan: patch.amountYuan ?? f.amountYuan,
          governanceMinPct: patch.governanceMinPct === undefined ? f.governanceMinPct : patch.governanceMinPct, note: patch.note === undefined ? f.note : patch.note || null,
        }
        if (next.amountYuan < locked.committedYuan) throw conflict('FUND_BELOW_COMMITTED', { committed: locked.committedYuan })
        await repo.updateFund(tx, id, next)
        await recordAudit(tx, ctx, { action: 'fund.update', entity: 'fund', entityId: id, orgPath: f.orgPath, before: { name: f.name, amountYuan: f.amountYuan, governanceMinPct: f.governanceMinPct }, after: next })
        return presentFund((await repo.findFund(tx, id))!)
      })
    },

    /** Budget, committed and spent per community under a node, by source and by project kind; the governance rule checked. */
    async figures(ctx: RequestContext, q: { orgId: string; year?: number }): Promise<FundFigures> {
      const org = await orgAt(db, ctx, q.orgId, 'fund.readAt')
      const year = q.year ?? chinaYear(now())
      const [communities, funds, money] = await Promise.all([repo.communitiesUnder(db, org.path), repo.listFunds(db, org.path, year), repo.projectMoney(db, org.path, year)])
      const under = (c: { path: string }, path: string) => path === c.path || path.startsWith(`${c.path}.`)
      const rowOf = (fs: repo.FundRow[], ps: typeof money) => {
        const committed = (list: typeof money) => round(list.filter((p) => PUBLIC_LIVE.includes(p.state)).reduce((s, p) => s + p.budgetYuan, 0))
        const spent = (list: typeof money) => round(list.reduce((s, p) => s + p.spentYuan, 0))
        const service = fs.filter((f) => f.source === 'service' && f.governanceMinPct !== null)
        const rule = service.length ? ruleOf(Math.max(...service.map((f) => f.governanceMinPct!)), service.reduce((s, f) => s + f.amountYuan, 0), service.reduce((s, f) => s + f.governanceYuan, 0)) : null
        return {
          budgetYuan: round(fs.reduce((s, f) => s + f.amountYuan, 0)),
          committedYuan: committed(ps),
          spentYuan: spent(ps),
          bySource: fundSourceSchema.options.map((source: FundSource) => {
            const mine = fs.filter((f) => f.source === source)
            return { source, budgetYuan: round(mine.reduce((s, f) => s + f.amountYuan, 0)), committedYuan: round(mine.reduce((s, f) => s + f.committedYuan, 0)), spentYuan: round(mine.reduce((s, f) => s + f.spentYuan, 0)) }
          }),
          byKind: projectKindSchema.options.map((kind: ProjectKind) => {
            const mine = ps.filter((p) => p.kind === kind)
            return { kind, projects: mine.length, committedYuan: committed(mine), spentYuan: spent(mine) }
          }),
          rule: rule ? { ...rule, serviceYuan: round(service.reduce((s, f) => s + f.amountYuan, 0)) } : null,
        }
      }
      const { rule: _r, ...total } = rowOf(funds, money)
      return {
        org: { id: org.id, name: org.name }, year, total,
        communities: communities.map((c) => ({ org: { id: c.id, name: c.name }, ...rowOf(funds.filter((f) => under(c, f.orgPath)), money.filter((p) => under(c, p.path))) })),
      }
    },

    /** The public page of a node's projects (no login): decided, under way and done ones, with what residents may see. */
    async publicPage(_ctx: RequestContext, q: { orgId: string; year?: number }) {
      // A public filter: the node need only exist (the org tree's names are public).
      const org = await projects.orgOf(db, q.orgId)
      if (!org) throw notFound('ORG_NOT_FOUND')
      const year = q.year ?? chinaYear(now())
      const found = await projects.listProjects(db, { underPath: org.path, year, states: PUBLIC_PROJECT_STATES as never }, undefined, 500)
      const ids = found.map((p) => p.id)
      const [expenses, pledges] = await Promise.all([projects.expensesOf(db, ids), projects.pledgesOf(db, ids)])
      const items = found.map((p) => presentPublic(p, expenses.filter((e) => e.projectId === p.id), pledges.filter((g) => g.projectId === p.id)))
      const sum = (f: (p: (typeof items)[number]) => number) => round(items.reduce((s, p) => s + f(p), 0))
      return {
        org: { id: org.id, name: org.name }, year,
        totals: { projects: items.length, budgetYuan: sum((p) => (p.state === 'decided' ? 0 : p.budgetYuan)), spentYuan: sum((p) => p.spentYuan), receivedYuan: sum((p) => p.receivedYuan) },
        items,
      }
    },

    async socialOrgs(ctx: RequestContext, q: { orgId: string }) {
      const org = await orgAt(db, ctx, q.orgId, 'fund.readAt')
      const found = await repo.socialOrgs(db, org.path)
      const runs = await repo.projectsOfUnits(db, found.map((s) => s.unitId))
      return {
        items: found.map((s) => {
          const mine = runs.filter((p) => p.unitId === s.unitId)
          return {
            unit: { id: s.unitId, name: s.unitName }, org: { id: s.orgId, name: s.orgName }, services: s.services ?? [], stage: s.stage,
            incubatedOn: s.incubatedOn, hatchedOn: s.hatchedOn, note: s.note,
            projects: mine.map(({ unitId: _u, ...p }) => p),
            receivedYuan: round(mine.filter((p) => PUBLIC_LIVE.includes(p.state)).reduce((sum, p) => sum + p.budgetYuan, 0)),
          }
        }),
      }
    },

    /** The social organisations the caller acts for (where they may propose projects themselves). */
    async mySocialOrgs(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      const found = me ? await repo.socialOrgsOf(db, me) : []
      return { items: found.map((s) => ({ unit: { id: s.unitId, name: s.unitName }, org: { id: s.orgId, name: s.orgName } })) }
    },

    async putSocialOrg(ctx: RequestContext, unitId: string, input: SocialOrgPut) {
      return inTransaction(db, async (tx) => {
        const unit = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: unitId })
        authorize(ctx.actor, 'socialOrg.manage', { orgPath: unit.orgPath })
        const details: { path: string; message: string }[] = []
        if (unit.kind !== 'social_organisation') details.push({ path: 'unitId', message: 'projects.unitNotSocialOrg' })
        if (input.incubatedOn && input.hatchedOn && input.hatchedOn < input.incubatedOn) details.push({ path: 'hatchedOn', message: 'socialOrgs.hatchedOrder' })
        if (details.length) throw unprocessable('SOCIAL_ORG_INVALID', {}, details)
        const row = { services: [...new Set(input.services)], stage: input.stage, incubatedOn: input.incubatedOn ?? null, hatchedOn: input.hatchedOn ?? null, note: input.note || null }
        await repo.upsertSocialOrg(tx, unitId, row)
        await recordAudit(tx, ctx, { action: 'social_org.update', entity: 'social_org', entityId: unitId, orgPath: unit.orgPath, after: row })
        return { unit: { id: unit.id, name: unit.name }, ...row }
      })
    },
  }
}

const PUBLIC_LIVE: string[] = ['budgeted', 'done']
