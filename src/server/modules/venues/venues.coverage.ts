// The 15-minute life circle (15分钟生活圈): for a node, which buildings reach a venue of a service
// type or kind within a tier's walk, the shares of buildings and of registered residents covered
// (per community too), the blind spots, and where k new venues would cover the most residents
// (maximal covering, solved exactly by HiGHS with a time limit, the greedy answer beside it).
// Distance is the straight line on the sphere times the detour factor, on both databases.
import type { Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { unprocessable } from '../../kernel/errors.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './venues.coverage.repository.ts'
import { coverSets, exact, greedy, TIERS, type Tier } from './venues.circle.ts'
import { networkCovered, networkSummary, replaceNetwork } from './venues.network.ts'
import type { CoverageQuery, Suggestion, SuggestionBody } from './venues.schemas.ts'
import './venues.policy.ts'

/** Demand points and candidate sites a suggestion considers at most. */
export const MAX_DEMAND = 5000
export const MAX_CANDIDATES = 2000
const MAX_UNCOVERED = 5000

const share = (covered: number, total: number) => ({ total, covered, share: total ? Math.round((covered / total) * 10000) / 10000 : 0 })

export function createCoverageService(deps: { db: Executor; config: Pick<Config, 'WALK_DETOUR_FACTOR' | 'LIFE_CIRCLE_METRES'> }) {
  const { db, config } = deps

  function methodOf(tier: number) {
    const walking = deps.config.LIFE_CIRCLE_METRES[([5, 10, 15] as const).indexOf(tier as Tier)] ?? TIERS[tier as Tier]
    return { kind: 'straight_line' as const, detourFactor: config.WALK_DETOUR_FACTOR, walkingMetres: walking, straightMetres: Math.round(walking / config.WALK_DETOUR_FACTOR) }
  }

  /** The node, for staff over it (the residents counted are theirs to read). */
  async function staffNode(ctx: RequestContext, orgId: string) {
    const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
    authorize(ctx.actor, 'coverage.read', { orgPath: org.path })
    return org
  }

  /** Which buildings reach the venues: on the walking network where there is one (and `network`), else in a straight line. */
  async function measure(org: OrgAccessSubject, q: { serviceType?: string; kind?: string; tier: number }, network: boolean) {
    const straight = methodOf(q.tier)
    const buildings = await repo.buildingsWithCover(db, org.path, straight.straightMetres, q)
    const onNetwork = network ? await networkCovered(db, org.path, straight.walkingMetres, q) : null
    if (!onNetwork) return { method: straight, buildings }
    return { method: { ...straight, kind: 'network' as const }, buildings: buildings.map((b) => ({ ...b, covered: onNetwork.has(b.id) })) }
  }

  return {
    async coverage(ctx: RequestContext, q: CoverageQuery) {
      const org = await staffNode(ctx, q.orgId)
      const { method, buildings } = await measure(org, q, true)
      const communities = (await repo.communitiesAround(db, org.path)).sort((a, b) => b.path.length - a.path.length)
      const communityOf = (path: string) => communities.find((c) => path === c.path || path.startsWith(c.path + '.'))
      const groups = new Map<string, { id: string; name: string; b: number; bc: number; r: number; rc: number }>()
      for (const b of buildings) {
        const c = communityOf(b.path)
        if (!c) continue
        const g = groups.get(c.id) ?? { id: c.id, name: c.name, b: 0, bc: 0, r: 0, rc: 0 }
        g.b++
        g.r += b.residents
        if (b.covered) { g.bc++; g.rc += b.residents }
        groups.set(c.id, g)
      }
      const uncovered = buildings.filter((b) => !b.covered)
      return {
        org: { id: org.id, name: org.name },
        tier: q.tier,
        serviceType: (q.serviceType ?? null) as never,
        kind: (q.kind ?? null) as never,
        method,
        buildings: share(buildings.length - uncovered.length, buildings.length),
        residents: share(buildings.reduce((s, b) => s + (b.covered ? b.residents : 0), 0), buildings.reduce((s, b) => s + b.residents, 0)),
        communities: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')).map((g) => ({ id: g.id, name: g.name, buildings: share(g.bc, g.b), residents: share(g.rc, g.r) })),
        uncovered: uncovered.slice(0, MAX_UNCOVERED).map((b) => ({ id: b.id, name: b.name, lng: b.lng, lat: b.lat, residents: b.residents })),
        uncoveredTotal: uncovered.length,
      }
    },

    async suggest(ctx: RequestContext, body: SuggestionBody): Promise<Suggestion> {
      const org = await staffNode(ctx, body.orgId)
      const measured = await measure(org, body, false)
      const { buildings } = measured
      const method = { ...measured.method, kind: 'straight_line' as const }
      const demandRows = buildings.filter((b) => !b.covered)
      if (demandRows.length > MAX_DEMAND) throw unprocessable('COVERAGE_TOO_LARGE', { max: MAX_DEMAND, count: demandRows.length })
      // Residents weigh; a building without registered residents still counts once.
      const weights = demandRows.map((b) => Math.max(1, b.residents))
      let candidates: { lng: number; lat: number; building: { id: string; name: string } | null }[]
      if (body.candidates === 'lattice') {
        candidates = await lattice(org.id, method.straightMetres / 2)
      } else {
        const step = Math.max(1, Math.ceil(buildings.length / MAX_CANDIDATES))
        candidates = buildings.filter((_, i) => i % step === 0).map((b) => ({ lng: b.lng, lat: b.lat, building: { id: b.id, name: b.name } }))
      }
      const sets = coverSets(demandRows, candidates, method.straightMetres)
      const g = greedy(weights, sets, body.k)
      const e = demandRows.length ? await exact(weights, sets, body.k, body.timeLimit) : { picked: [], objective: 0, bound: 0, gap: 0, status: 'Empty', seconds: 0 }
      const best = e.objective >= g.objective ? e : { ...e, picked: g.picked, objective: g.objective }
      const covered = new Set<number>()
      const sites = best.picked.map((j, rank) => {
        const fresh = sets[j]!.filter((i) => !covered.has(i))
        for (const i of fresh) covered.add(i)
        const c = candidates[j]!
        return {
          rank: rank + 1, lng: c.lng, lat: c.lat, building: c.building,
          newlyCovered: { buildings: fresh.length, residents: fresh.reduce((s, i) => s + demandRows[i]!.residents, 0), buildingIds: fresh.map((i) => demandRows[i]!.id) },
        }
      })
      return {
        org: { id: org.id, name: org.name },
        tier: body.tier,
        method: { ...method, solver: 'highs_mclp', status: e.status, seconds: Math.round(e.seconds * 1000) / 1000 },
        demand: { buildings: demandRows.length, weight: weights.reduce((s, w) => s + w, 0) },
        candidates: { kind: body.candidates, count: candidates.length },
        sites,
        objective: best.objective,
        bound: Number.isFinite(e.bound) ? e.bound : best.objective,
        gap: Math.round(e.gap * 10000) / 10000,
        greedy: { objective: g.objective, ratio: best.objective ? Math.round((g.objective / best.objective) * 10000) / 10000 : 1 },
      }
    },

    /** What one building reaches within each tier: the service types and venue kinds, and the venues nearest. */
    async building(ctx: RequestContext, id: string) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id })
      if (org.kind !== 'building') throw unprocessable('VENUE_INVALID', {}, [{ path: 'id', message: '请选择楼栋' }])
      authorize(ctx.actor, 'coverage.read', { orgPath: org.path })
      const methods = ([5, 10, 15] as const).map((tier) => ({ tier, ...methodOf(tier) }))
      const around = await repo.venuesAroundBuilding(db, id, Math.max(...methods.map((m) => m.straightMetres)))
      return {
        building: { id: org.id, name: org.name },
        method: { kind: 'straight_line' as const, detourFactor: config.WALK_DETOUR_FACTOR },
        tiers: methods.map((m) => {
          const within = around.filter((v) => v.distanceM <= m.straightMetres)
          return {
            tier: m.tier, walkingMetres: m.walkingMetres,
            serviceTypes: [...new Set(within.flatMap((v) => v.services))].sort(),
            kinds: [...new Set(within.map((v) => v.kind))].sort(),
          }
        }),
        nearest: around.slice(0, 10).map((v) => ({ venue: { id: v.id, name: v.name, kind: v.kind, stationKind: v.stationKind }, distanceM: Math.round(v.distanceM), walkMetres: Math.round(v.distanceM * config.WALK_DETOUR_FACTOR) })),
      }
    },

    /** The walking network's size, and whether the database can measure on it. */
    async network(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return networkSummary(db)
    },

    /** Replaces the walking network with the footways of a GeoJSON FeatureCollection (district admins and above). */
    async importNetwork(ctx: RequestContext, fc: { features: { geometry: { type: 'LineString' | 'MultiLineString'; coordinates: unknown } }[] }) {
      authorize(ctx.actor, 'walkNetwork.manage', null)
      const lines = fc.features.flatMap((f) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates as number[][]] : (f.geometry.coordinates as number[][][])))
        .map((line) => line.map((p) => [p[0]!, p[1]!] as [number, number]))
      return inTransaction(db, async (tx) => {
        const counts = await replaceNetwork(tx, lines)
        await recordAudit(tx, ctx, { action: 'walk_network.import', entity: 'walk_network', entityId: null, orgPath: null, after: counts })
        return { ...(await networkSummary(tx)) }
      })
    },

    /** A suggestion as an Excel workbook: one row per site. */
    async suggestionWorkbook(ctx: RequestContext, body: SuggestionBody): Promise<Buffer> {
      const s = await this.suggest(ctx, body)
      const ExcelJS = await loadExcel()
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('选址建议')
      sheet.columns = [
        { header: '序号', key: 'rank', width: 6 }, { header: '经度', key: 'lng', width: 14 }, { header: '纬度', key: 'lat', width: 14 },
        { header: '所在楼栋', key: 'building', width: 24 }, { header: '新覆盖楼栋数', key: 'buildings', width: 14 }, { header: '新覆盖居民数', key: 'residents', width: 14 },
      ]
      for (const site of s.sites) sheet.addRow({ rank: site.rank, lng: site.lng, lat: site.lat, building: site.building?.name ?? '', buildings: site.newlyCovered.buildings, residents: site.newlyCovered.residents })
      sheet.addRow({})
      sheet.addRow({ rank: `${s.org.name} · ${s.tier} 分钟生活圈（步行 ${s.method.walkingMetres} 米，直线 × 绕行系数 ${s.method.detourFactor}）；求解 ${s.method.status}，最优性差距 ${(s.gap * 100).toFixed(2)}%，贪心解为最优的 ${(s.greedy.ratio * 100).toFixed(1)}%` })
      return Buffer.from(await book.xlsx.writeBuffer())
    },
  }

  /** Points every `spacing` metres inside the node's outline, widened until at most MAX_CANDIDATES. */
  async function lattice(orgId: string, spacing: number) {
    const box = await repo.outlineBox(db, orgId)
    if (!box || box.west === null) return []
    let step = spacing
    for (;;) {
      const latStep = step / 111_320
      const lngStep = step / (111_320 * Math.cos(((box.south + box.north) / 2) * (Math.PI / 180)))
      const points: { lng: number; lat: number }[] = []
      for (let lat = box.south + latStep / 2; lat < box.north; lat += latStep) for (let lng = box.west + lngStep / 2; lng < box.east; lng += lngStep) points.push({ lng, lat })
      if (points.length > MAX_CANDIDATES * 4) { step *= 1.5; continue }
      const inside = await repo.insideOutline(db, orgId, points)
      const kept = points.filter((_, i) => inside[i])
      if (kept.length > MAX_CANDIDATES) { step *= 1.2; continue }
      return kept.map((p) => ({ lng: Math.round(p.lng * 1e7) / 1e7, lat: Math.round(p.lat * 1e7) / 1e7, building: null }))
    }
  }
}

export type CoverageService = ReturnType<typeof createCoverageService>
