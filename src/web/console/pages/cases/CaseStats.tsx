// The cases' figures for the caller's scope (GET /cases/stats?orgId=): totals, overdue, the
// on-time rate and the "小事不出网格" shares (closed at grid level, at community level or below).
// On the dashboard and above the inbox.
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Card, Col, Flex, Row, Statistic, Tooltip } from 'antd'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { useMe } from '../../auth.tsx'
import { caseStates, openStates, type CaseStats } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'
import { StateTag } from './parts.tsx'

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`)

export function CaseStatsCard({ compact = false }: { compact?: boolean }) {
  const { L } = useCaseLabels()
  const me = useMe().data!
  const home = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  const stats = useQuery({
    queryKey: ['cases', 'stats', home?.orgId],
    queryFn: () => api<CaseStats>(`/cases/stats?orgId=${home!.orgId}`),
    enabled: !!home,
  })
  const s = stats.data
  if (!s) return null
  const open = openStates.reduce((n, st) => n + (s.byState[st] ?? 0), 0)
  const figures: { title: string; value: string | number; hint?: string; danger?: boolean }[] = [
    { title: L.statsTotal, value: s.total },
    { title: L.statsOpen, value: open },
    { title: L.statsOverdue, value: s.overdue, danger: s.overdue > 0 },
    { title: L.statsOnTime, value: percent(s.onTimeRate) },
    { title: L.statsGrid, value: percent(s.gridShare), hint: L.statsGridHint },
    { title: L.statsCommunity, value: percent(s.communityShare), hint: L.statsCommunityHint },
    { title: L.statsRating, value: s.avgRating === null ? '—' : s.avgRating.toFixed(1) },
  ]
  return (
    <Card
      title={compact ? undefined : <Link to="/cases" style={{ color: 'inherit' }}>{L.stats}{home?.orgName ? ` · ${home.orgName}` : ''}</Link>}
      size={compact ? 'small' : 'default'}
      style={{ marginBottom: 16 }}
      aria-label={L.stats}
      role="region"
    >
      <Row gutter={[16, 12]}>
        {figures.map((x) => (
          <Col key={x.title} xs={12} md={6} xl={compact ? 3 : 6} xxl={3}>
            <Tooltip title={x.hint}>
              <div>
                <Statistic title={x.title} value={x.value} styles={{ content: { fontSize: compact ? 20 : 24, color: x.danger ? '#a8071a' : undefined } }} />
              </div>
            </Tooltip>
          </Col>
        ))}
      </Row>
      {!compact && (
        <Flex wrap gap={4} style={{ marginTop: 12 }} aria-label={L.statsByState}>
          {caseStates
            .filter((st) => (s.byState[st] ?? 0) > 0)
            .map((st) => (
              <span key={st}>
                <StateTag state={st} /> {s.byState[st]}
              </span>
            ))}
        </Flex>
      )}
    </Card>
  )
}
