// What the units pages share: the caller's units and communities, level checks mirroring the
// server's rules (the server decides; these only hide buttons that would be refused), and tags.
import { useQuery } from '@tanstack/react-query'
import { Tag } from 'antd'
import { api, type Me, type Page } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import type { Unit } from '@server/modules/units/units.schemas.ts'
import type { OrgSummary } from '../../common.tsx'
import { useUnitLabels } from './labels.ts'

export const CADRE = roleLevels.community_cadre!
export const STREET_ADMIN = roleLevels.street_admin!

const isAncestorOrSelf = (a: string, b: string) => a === b || b.startsWith(a + '.')

export function levelAt(me: Me, path: string): number {
  return me.roles.reduce((best, r) => (isAncestorOrSelf(r.orgPath, path) ? Math.max(best, roleLevels[r.role] ?? 0) : best), 0)
}

/** The units the caller acts for (unit_people). */
export function useMyUnits() {
  return useQuery({ queryKey: ['units', 'mine'], queryFn: () => api<Page<Unit>>('/units?mine=true&limit=200'), staleTime: 60_000 }).data?.items ?? []
}

/** Communities (or streets) the caller can see, by name. */
export function useOrgsOfKind(kind: 'community' | 'street') {
  return useQuery({ queryKey: ['units', 'orgs', kind], queryFn: () => api<Page<OrgSummary>>(`/orgs?kind=${kind}&limit=500`), staleTime: 300_000 }).data?.items ?? []
}

/** The community the caller works in first (their own, for a cadre), else the first they see. */
export function defaultCommunity(me: Me, communities: OrgSummary[]): OrgSummary | undefined {
  return communities.find((c) => me.roles.some((r) => r.orgId === c.id)) ?? communities[0]
}

export function TagList({ tags }: { tags: string[] }) {
  const L = useUnitLabels()
  return <>{tags.map((t) => <Tag key={t} style={{ marginBlock: 2 }}>{L.tag[t] ?? t}</Tag>)}</>
}

export const kindOptions = (L: ReturnType<typeof useUnitLabels>) => Object.entries(L.kind).map(([value, label]) => ({ value, label }))
export const tagOptions = (L: ReturnType<typeof useUnitLabels>) => Object.entries(L.tag).map(([value, label]) => ({ value, label }))
