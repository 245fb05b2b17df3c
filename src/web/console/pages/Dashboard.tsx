// Home: figures for the caller's scope (the node of their highest role), with a chart of grids
// and buildings per child node. Later capabilities add their cards here.
import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd'
import { api } from '../../shared/api.ts'
import { useI18n } from '../../shared/i18n.tsx'
import { roleLabels, roleLevels } from '../../shared/roles.ts'
import { useMe } from '../auth.tsx'
import { CaseStatsCard } from './cases/CaseStats.tsx'
import { barOption, useECharts } from '../../shared/useECharts.ts'


interface Counts {
  streets: number
  communities: number
  grids: number
  buildings: number
  estates: number
}
interface OrgStats extends Counts {
  org: { id: string; kind: string; name: string }
  byChild: (Counts & { id: string; name: string; kind: string })[]
}
interface PeopleStats {
  total: number
  byRole: { role: string; people: number }[]
}

const labels = {
  zh: { title: '工作概览', streets: '街道', communities: '社区', grids: '网格', buildings: '楼栋', estates: '小区', people: '在册人员', byChild: '各下级的网格与楼栋', byRole: '人员角色分布' },
  en: { title: 'Overview', streets: 'Streets', communities: 'Communities', grids: 'Grids', buildings: 'Buildings', estates: 'Estates', people: 'People with roles', byChild: 'Grids and buildings per child', byRole: 'People by role' },
}

function BarChartCard({ title, categories, series }: { title: string; categories: string[]; series: { name: string; data: number[] }[] }) {
  const option = useMemo(() => barOption(categories, series, { color: ['#c8102e', '#f0a020', '#3b7ddd'] }), [categories, series])
  const ref = useECharts(option)
  return (
    <Card title={title}>
      <div ref={ref} style={{ height: 320 }} role="img" aria-label={title} />
    </Card>
  )
}

export default function DashboardPage() {
  const { lang } = useI18n()
  const L = labels[lang]
  const me = useMe().data!
  const home = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  const orgStats = useQuery({ queryKey: ['orgStats', home?.orgId], queryFn: () => api<OrgStats>(`/orgs/${home!.orgId}/stats`), enabled: !!home })
  const peopleStats = useQuery({ queryKey: ['peopleStats', home?.orgId], queryFn: () => api<PeopleStats>(`/people/stats?orgId=${home!.orgId}`), enabled: !!home })
  const s = orgStats.data
  const figures: [string, number | undefined][] = s
    ? ([
        [L.streets, s.streets],
        [L.communities, s.communities],
        [L.grids, s.grids],
        [L.buildings, s.buildings],
        [L.estates, s.estates],
        [L.people, peopleStats.data?.total],
      ] as [string, number | undefined][]).filter(([, v], i) => i >= 2 || (v ?? 0) > 0)
    : []
  // A series that is zero everywhere (e.g. grids per grid under a community) says nothing: hide it.
  const byChildSeries = useMemo(
    () =>
      s
        ? [
            { name: L.grids, data: s.byChild.map((c) => c.grids) },
            { name: L.buildings, data: s.byChild.map((c) => c.buildings) },
          ].filter((series) => series.data.some((v) => v !== 0))
        : [],
    [s, L],
  )
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {L.title}{s ? ` · ${s.org.name}` : ''}
      </Typography.Title>
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {figures.map(([title, value]) => (
              <Col key={title} xs={12} md={8} xl={4}>
                <Card>
                  <Statistic title={title} value={value ?? '—'} />
                </Card>
              </Col>
            ))}
          </Row>
          <div style={{ marginTop: 16 }}>
            <CaseStatsCard />
          </div>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {byChildSeries.length > 0 && (
              <Col xs={24} xl={14}>
                <BarChartCard title={L.byChild} categories={s.byChild.map((c) => c.name)} series={byChildSeries} />
              </Col>
            )}
            {peopleStats.data && peopleStats.data.byRole.length > 0 && (
              <Col xs={24} xl={10}>
                <BarChartCard
                  title={L.byRole}
                  categories={peopleStats.data.byRole.map((r) => roleLabels[r.role]?.[lang] ?? r.role)}
                  series={[{ name: L.people, data: peopleStats.data.byRole.map((r) => r.people) }]}
                />
              </Col>
            )}
          </Row>
        </>
      )}
    </div>
  )
}
