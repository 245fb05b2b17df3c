// Home: what waits for me (the to-do of each step, as cards that open the inbox tab), then the
// figures that make sense at the level of my highest role: a grid worker sees the buildings,
// residents, households and people needing care of the grid; a community its grids, buildings,
// estates, residents and households; a street or above its communities and grids. Charts below.
import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd'
import type { TodoCounts } from '@server/modules/cases/cases.schemas.ts'
import { tagLabels, type ResidentStats } from '@server/modules/residents/residents.schemas.ts'
import { api } from '../../shared/api.ts'
import { useI18n } from '../../shared/i18n.tsx'
import { consoleLevels, roleLabels, roleLevels } from '../../shared/roles.ts'
import { useLevel, useMe } from '../auth.tsx'
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
  zh: {
    title: '工作概览', todo: '我的待办', accept: '待受理', handle: '待办理', verify: '待验收', revisit: '待回访', open: '去处理',
    streets: '街道', communities: '社区', grids: '网格', buildings: '楼栋', estates: '小区', residents: '居民', households: '户数',
    care: '重点关爱人员', byChild: '各下级的网格与楼栋', byRole: '工作人员与志愿者等角色分布', byTag: '重点人群（按标签）', people: '人数',
  },
  en: {
    title: 'Overview', todo: 'My to-do', accept: 'To accept', handle: 'To handle', verify: 'To verify', revisit: 'To revisit', open: 'Open',
    streets: 'Streets', communities: 'Communities', grids: 'Grids', buildings: 'Buildings', estates: 'Estates', residents: 'Residents', households: 'Households',
    care: 'Residents needing care', byChild: 'Grids and buildings per child', byRole: 'People by role (staff, volunteers, …)', byTag: 'Residents by tag', people: 'People',
  },
}
type L = (typeof labels)['zh']

/** Tags of people who need the grid's attention (the rest, e.g. tenants, are not "care"). */
const CARE_TAGS = new Set(['elderly_alone', 'empty_nest', 'disabled', 'low_income', 'left_behind_child', 'serious_illness'])

/** Which figures a level's home shows, in order. */
function figuresFor(kind: string | undefined): (keyof Counts | 'residents' | 'households' | 'care')[] {
  if (kind === 'grid' || kind === 'building') return ['buildings', 'residents', 'households', 'care']
  if (kind === 'community' || kind === 'village') return ['grids', 'buildings', 'estates', 'residents', 'households', 'care']
  if (kind === 'street') return ['communities', 'grids', 'buildings', 'residents', 'households']
  return ['streets', 'communities', 'grids', 'buildings', 'residents']
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

function TodoCards({ L }: { L: L }) {
  const todo = useQuery({ queryKey: ['cases', 'todo-counts'], queryFn: () => api<TodoCounts>('/cases/todo-counts') })
  const steps = ['accept', 'handle', 'verify', 'revisit'] as const
  return (
    <section aria-label={L.todo} style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 8px' }}>{L.todo}</Typography.Title>
      <Row gutter={[16, 16]}>
        {steps.map((step) => {
          const n = todo.data?.[step]
          return (
            <Col key={step} xs={12} md={6}>
              <Link to={`/cases?tab=${step}`} aria-label={`${L[step]} ${n ?? ''}`} style={{ display: 'block' }}>
                <Card hoverable size="small">
                  <Statistic title={L[step]} value={n ?? '—'} styles={{ content: { color: n ? '#c8102e' : undefined } }} />
                </Card>
              </Link>
            </Col>
          )
        })}
      </Row>
    </section>
  )
}

export default function DashboardPage() {
  const { lang } = useI18n()
  const L = labels[lang]
  const me = useMe().data!
  const level = useLevel()
  const home = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  const orgStats = useQuery({ queryKey: ['orgStats', home?.orgId], queryFn: () => api<OrgStats>(`/orgs/${home!.orgId}/stats`), enabled: !!home })
  const residentStats = useQuery({
    queryKey: ['residentStats', home?.orgId],
    queryFn: () => api<ResidentStats>(`/residents/stats?orgId=${home!.orgId}`),
    enabled: !!home && level >= consoleLevels.residents,
  })
  const peopleStats = useQuery({
    queryKey: ['peopleStats', home?.orgId],
    queryFn: () => api<PeopleStats>(`/people/stats?orgId=${home!.orgId}`),
    enabled: !!home && level >= consoleLevels.people,
  })
  const s = orgStats.data
  const r = residentStats.data
  const care = r?.byTag.filter((t) => CARE_TAGS.has(t.tag)).reduce((sum, t) => sum + t.residents, 0)
  const value = (k: ReturnType<typeof figuresFor>[number]): number | undefined =>
    k === 'residents' ? r?.residents : k === 'households' ? r?.households : k === 'care' ? care : s?.[k]
  const figures = figuresFor(s?.org.kind).filter((k) => level >= consoleLevels.residents || !['residents', 'households', 'care'].includes(k))
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
      {level >= consoleLevels.cases && <TodoCards L={L} />}
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {figures.map((k) => (
              <Col key={k} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={L[k]} value={value(k) ?? '—'} />
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
            {r && r.byTag.length > 0 && (
              <Col xs={24} xl={10}>
                <BarChartCard
                  title={L.byTag}
                  categories={r.byTag.map((t) => tagLabels[t.tag][lang])}
                  series={[{ name: L.people, data: r.byTag.map((t) => t.residents) }]}
                />
              </Col>
            )}
            {peopleStats.data && peopleStats.data.byRole.length > 0 && (
              <Col xs={24} xl={10}>
                <BarChartCard
                  title={L.byRole}
                  categories={peopleStats.data.byRole.map((p) => roleLabels[p.role]?.[lang] ?? p.role)}
                  series={[{ name: L.people, data: peopleStats.data.byRole.map((p) => p.people) }]}
                />
              </Col>
            )}
          </Row>
        </>
      )}
    </div>
  )
}
