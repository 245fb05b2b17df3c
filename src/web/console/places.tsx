// Picking a place by name, as people know it (issue 13): community → estate → building, the grids
// of the community beside its estates, and the buildings outside any estate in a group of their
// own. Any level may be chosen (a visit to a whole community or estate). The value is the path of
// ids; `placeId` is the node it names. Communities come from GET /orgs?kind=community (what the
// caller reads), the rest from GET /orgs/:id/places when a community is opened.
import { useState } from 'react'
import { useQueries, useQuery } from '@tanstack/react-query'
import { Cascader } from 'antd'
import type { CommunityPlaces, Org } from '@server/modules/orgs/orgs.schemas.ts'
import { api, type Page } from '../shared/api.ts'
import { useI18n } from '../shared/i18n.tsx'
import { useMe } from './auth.tsx'

interface Option { value: string; label: string; isLeaf?: boolean; children?: Option[] }

/** The prefix of the group of buildings outside any estate: not a node, so never the place. */
const OTHERS = 'others:'

/** The node a picked path names: its last real id (the "other buildings" group stands for its community). */
export function placeId(path: string[] | undefined): string | undefined {
  if (!path?.length) return undefined
  const last = path[path.length - 1]!
  return last.startsWith(OTHERS) ? path[path.length - 2] : last
}

export function usePlaces(communityId: string | undefined) {
  return useQuery({
    queryKey: ['orgs', 'places', communityId],
    queryFn: () => api<CommunityPlaces>(`/orgs/${communityId}/places`),
    enabled: !!communityId,
    staleTime: 300_000,
  })
}

/** The buildings a picked place covers: all of a community's, an estate's, one building's (a grid: none listed here). */
export function buildingsOf(places: CommunityPlaces | undefined, path: string[] | undefined) {
  if (!places || !path?.length) return []
  const all = [...places.estates.flatMap((e) => e.buildings), ...places.otherBuildings]
  if (path.length === 1) return all
  const second = path[1]!
  const group = second.startsWith(OTHERS) ? places.otherBuildings : places.estates.find((e) => e.id === second)?.buildings
  if (!group) return []
  return path.length >= 3 ? group.filter((b) => b.id === path[2]) : group
}

export function PlacePicker({ id, value, onChange, known = [], ...rest }: {
  id?: string
  value?: string[]
  onChange?: (path: string[] | undefined) => void
  /** Communities to offer even when the caller's search does not list them (a task's community). */
  known?: { id: string; name: string }[]
  'aria-label'?: string
  placeholder?: string
}) {
  const { lang } = useI18n()
  const zh = lang !== 'en'
  const communities = useQuery({
    queryKey: ['orgs', 'communities'],
    queryFn: () => api<Page<{ id: string; name: string }>>('/orgs?kind=community&limit=200'),
    staleTime: 300_000,
  })
  // The search lists the communities under the caller's nodes; one who works in a grid or a
  // building also gets the community above it.
  const roleOrgs = [...new Set((useMe().data?.roles ?? []).map((r) => r.orgId))]
  const above = useQueries({ queries: roleOrgs.map((o) => ({ queryKey: ['orgs', 'one', o], queryFn: () => api<Org>(`/orgs/${o}`), staleTime: 300_000 })) })
  const ownCommunities = above.flatMap((q) => (q.data ? [...q.data.ancestors, q.data].filter((a) => a.kind === 'community' || a.kind === 'village') : []))
  const [opened, setOpened] = useState<string[]>(value?.[0] ? [value[0]] : [])
  const wanted = [...new Set([...opened, ...(value?.[0] ? [value[0]] : [])])]
  const places = useQueries({ queries: wanted.map((c) => ({ queryKey: ['orgs', 'places', c], queryFn: () => api<CommunityPlaces>(`/orgs/${c}/places`), staleTime: 300_000 })) })
  const loaded = new Map(wanted.map((c, i) => [c, places[i]?.data] as const))

  // Computed each render: a few dozen options, and the places arrive one community at a time.
  const options: Option[] = (() => {
    const list = [...ownCommunities, ...(communities.data?.items ?? []), ...known]
    const seen = new Set<string>()
    return list.filter((c) => !seen.has(c.id) && seen.add(c.id)).map((c) => {
      const p = loaded.get(c.id)
      if (!p) return { value: c.id, label: c.name, isLeaf: false }
      const building = (b: { id: string; name: string }) => ({ value: b.id, label: b.name, isLeaf: true })
      return {
        value: c.id,
        label: c.name,
        children: [
          ...p.estates.map((e) => ({ value: e.id, label: zh ? `${e.name}（小区）` : `${e.name} (estate)`, isLeaf: e.buildings.length === 0, children: e.buildings.map(building) })),
          ...p.grids.map((g) => ({ value: g.id, label: zh ? `${g.name}（网格）` : `${g.name} (grid)`, isLeaf: true })),
          ...(p.otherBuildings.length ? [{ value: `${OTHERS}${c.id}`, label: zh ? '其他楼栋（不在小区内）' : 'Other buildings', children: p.otherBuildings.map(building) }] : []),
        ],
      }
    })
  })()

  return (
    <Cascader
      id={id}
      aria-label={rest['aria-label']}
      placeholder={rest.placeholder ?? (zh ? '社区 / 小区 / 楼栋' : 'Community / estate / building')}
      options={options}
      value={value}
      changeOnSelect
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }}
      loading={communities.isPending}
      loadData={(selected) => {
        const c = selected[0]?.value
        if (typeof c === 'string' && !opened.includes(c)) setOpened([...opened, c])
      }}
      onChange={(v) => onChange?.(v?.length ? (v as string[]) : undefined)}
      style={{ width: '100%' }}
    />
  )
}
