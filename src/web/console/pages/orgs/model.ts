// The org tree as the web page sees it: types mirroring orgs.schemas.ts, the queries (all under
// the ['orgs'] key so one invalidation after a write refreshes the tree, the detail and the map),
// and the permission mirror of orgs.policy.ts (the server decides; the page only hides what
// would be refused).
import { api, type Me, type Page } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { childKinds, manageLevelUnder, type OrgKind } from '@server/modules/orgs/orgs.kinds.ts'

export type { OrgKind }
export const orgKinds: OrgKind[] = ['city', 'district', 'street', 'community', 'village', 'grid', 'building', 'estate', 'department']
export type PartyOrgKind = 'committee' | 'general_branch' | 'branch' | 'group'
export const partyOrgKinds: PartyOrgKind[] = ['committee', 'general_branch', 'branch', 'group']

export type Position = [number, number]
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Position[][]
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}
export interface PointGeometry {
  type: 'Point'
  coordinates: Position
}
export type Geometry = PointGeometry | PolygonGeometry | MultiPolygonGeometry

export interface PartyOrg {
  kind: PartyOrgKind
  name: string
  secretary: string | null
}

export interface OrgSummary {
  id: string
  kind: OrgKind
  name: string
  path: string
  parentId: string | null
  divisionCode: string | null
  partyOrg: PartyOrg | null
  propertyFirm: string | null
  childCount: number
}

export interface OrgRef {
  id: string
  kind: OrgKind
  name: string
}

export interface Org extends OrgSummary {
  geometry: Geometry | null
  ancestors: OrgRef[]
  deletedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface OrgFeature {
  type: 'Feature'
  id: string
  geometry: Geometry
  properties: { id: string; kind: OrgKind; name: string; childCount: number }
}
export interface OrgFeatureCollection {
  type: 'FeatureCollection'
  features: OrgFeature[]
}

export interface Counts {
  streets: number
  communities: number
  grids: number
  buildings: number
  estates: number
}
export interface OrgStats extends Counts {
  org: OrgRef
}

export interface Person {
  id: string
  name: string
  roles: { id: string; role: string; orgId: string; orgPath: string; orgName: string; active: boolean }[]
}

/** Overlap details of a GRID_OVERLAPS_SIBLING refusal. */
export interface OverlapDetails {
  siblings: { id: string; name: string; overlapM2: number; overlap: Geometry }[]
}

export const orgKeys = {
  all: ['orgs'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  children: (id: string) => ['orgs', 'children', id] as const,
  geojson: (id: string) => ['orgs', 'geojson', id] as const,
  stats: (id: string) => ['orgs', 'stats', id] as const,
  people: (id: string) => ['orgs', 'people', id] as const,
  search: (q: string, kind?: string) => ['orgs', 'search', q, kind ?? ''] as const,
}

export const fetchOrg = (id: string) => api<Org>(`/orgs/${id}`)

/** Every child of a node, following nextCursor (500 a page). */
export async function fetchAllChildren(id: string): Promise<OrgSummary[]> {
  const items: OrgSummary[] = []
  let cursor: string | null = null
  do {
    const qs: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const page: Page<OrgSummary> = await api<Page<OrgSummary>>(`/orgs/${id}/children?${qs}`)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

export const fetchGeoJson = (id: string) => api<OrgFeatureCollection>(`/orgs/${id}/children.geojson`)
export const fetchStats = (id: string) => api<OrgStats>(`/orgs/${id}/stats`)
export const fetchPeople = (id: string) => api<Page<Person>>(`/people?orgId=${id}&limit=50`)

export function searchOrgs(q: string, kind?: OrgKind, limit = 20): Promise<Page<OrgSummary>> {
  const params = new URLSearchParams({ limit: String(limit) })
  if (q.trim()) params.set('q', q.trim())
  if (kind) params.set('kind', kind)
  return api<Page<OrgSummary>>(`/orgs?${params.toString()}`)
}

// ---- permissions, from the same tables as src/server/modules/orgs/orgs.policy.ts ----

export { childKinds }

export const isAncestorOrSelf = (a: string, b: string) => a === b || b.startsWith(a + '.')

export function levelAt(me: Me, path: string): number {
  return me.roles.reduce((best, r) => (isAncestorOrSelf(r.orgPath, path) ? Math.max(best, roleLevels[r.role] ?? 0) : best), 0)
}

export function mayManageChildrenOf(me: Me, parent: { path: string; kind: OrgKind } | null): boolean {
  if (parent === null) return me.roles.some((r) => r.role === 'admin')
  return levelAt(me, parent.path) >= manageLevelUnder[parent.kind]
}

/** The parent of a node as the policy sees it (path from the node's own path, kind from its ancestors). */
export function parentRefOf(org: Org): { path: string; kind: OrgKind } | null {
  const parent = org.ancestors.at(-1)
  if (!org.parentId || !parent) return null
  return { path: org.path.split('.').slice(0, -1).join('.'), kind: parent.kind }
}

export interface Permissions {
  createChild: boolean
  edit: boolean
  /** Change the outline: the manager of the parent only (a cadre cannot redraw their own community). */
  redraw: boolean
  remove: boolean
  move: boolean
}

export function permissionsFor(me: Me, org: Org): Permissions {
  const parent = parentRefOf(org)
  const managesParent = mayManageChildrenOf(me, parent)
  return {
    createChild: childKinds[org.kind].length > 0 && mayManageChildrenOf(me, org),
    edit: managesParent || levelAt(me, org.path) >= roleLevels.community_cadre!,
    redraw: managesParent,
    // The top of the deployment's tree holds everything below it: it is neither deleted nor moved
    // from the console (issue 13: the city offered 删除).
    remove: managesParent && org.parentId !== null,
    move: managesParent && org.parentId !== null,
  }
}

/** The caller's subtree roots: the nodes of their roles, less those inside another one. */
export function rootsOf(me: Me): { orgId: string; orgPath: string }[] {
  const unique = [...new Map(me.roles.map((r) => [r.orgId, { orgId: r.orgId, orgPath: r.orgPath }])).values()]
  return unique.filter((r) => !unique.some((o) => o.orgId !== r.orgId && isAncestorOrSelf(o.orgPath, r.orgPath)))
}

// ---- geometry helpers ----

export const round7 = (n: number) => Math.round(n * 1e7) / 1e7

/** A polygon with every coordinate rounded to 7 decimals and each ring closed. */
export function roundPolygon(g: PolygonGeometry): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: g.coordinates.map((ring) => {
      const r = ring.map(([x, y]) => [round7(x), round7(y)] as Position)
      const first = r[0]
      const last = r[r.length - 1]
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0], first[1]])
      return r
    }),
  }
}

function positionsOf(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates]
  if (g.type === 'Polygon') return g.coordinates.flat()
  return g.coordinates.flat(2)
}

export type BBox = [number, number, number, number]

export function bboxOf(geoms: Geometry[]): BBox | null {
  let b: BBox | null = null
  for (const g of geoms) {
    for (const [x, y] of positionsOf(g)) {
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y]
    }
  }
  return b
}

/** Where to put a label: the area centroid of the largest outer ring (the bbox centre if degenerate). */
export function labelPoint(g: Geometry): Position {
  if (g.type === 'Point') return g.coordinates
  const rings = g.type === 'Polygon' ? [g.coordinates[0] ?? []] : g.coordinates.map((p) => p[0] ?? [])
  let best: { area: number; c: Position } | null = null
  for (const ring of rings) {
    let a = 0
    let cx = 0
    let cy = 0
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!
      const [x1, y1] = ring[i + 1]!
      const f = x0 * y1 - x1 * y0
      a += f
      cx += (x0 + x1) * f
      cy += (y0 + y1) * f
    }
    if (Math.abs(a) < 1e-14) continue
    const c: Position = [cx / (3 * a), cy / (3 * a)]
    if (!best || Math.abs(a) > best.area) best = { area: Math.abs(a), c }
  }
  if (best) return best.c
  const b = bboxOf([g])!
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]
}
