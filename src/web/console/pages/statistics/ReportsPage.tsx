// 上报审批: a node's report for a month (by default my own node and the last complete month): its
// state and, when locked, why; a community's form of manual figures, submitted after a look at
// the computed figures being frozen; a street's, district's or city's children with who acted and
// when, the waiting list named, the approval when nobody waits, and the lock exceptions.
import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Descriptions, Flex, Select, Space, Spin, Table, Typography } from 'antd'
import { LockOutlined } from '@ant-design/icons'
import type { ReportOverview } from '@server/modules/statistics/statistics.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { kindLabels, roleLevels } from '../../../shared/roles.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PageTheme, StatusTag } from '../../common.tsx'
import { useMe } from '../../auth.tsx'
import { lockText } from './labels.ts'
import { periodsOf, lastMonth } from './periods.ts'
import { useReportLabels } from './reportLabels.ts'
import { COMMUNITY, stateTone, Timeliness } from './reportParts.tsx'
import { SubmitForm } from './SubmitForm.tsx'
import { ChildrenCard } from './ChildrenCard.tsx'

/** The widest node where the caller is a cadre: the one whose report they make or approve. */
function useMyNode(): string | undefined {
  const me = useMe().data
  return useMemo(() => {
    const cadre = (me?.roles ?? []).filter((r) => (roleLevels[r.role] ?? 0) >= roleLevels.community_cadre!)
    return [...cadre].sort((a, b) => a.orgPath.length - b.orgPath.length)[0]?.orgId
  }, [me])
}

export default function ReportsPage() {
  const L = useReportLabels()
  const { lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const mine = useMyNode()
  const period = params.get('period') ?? lastMonth()
  const orgId = params.get('orgId') ?? mine
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
  }
  const overview = useQuery({
    queryKey: ['statistics', 'reports', orgId, period],
    queryFn: () => api<ReportOverview>(`/statistics/reports?${new URLSearchParams({ orgId: orgId!, period })}`),
    enabled: !!orgId,
  })
  const data = overview.data
  const community = data ? COMMUNITY.has(data.org.kind) : false

  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}{data ? ` · ${data.org.name}` : ''}</Typography.Title>
        <Link to={`/statistics?${new URLSearchParams({ period, ...(params.get('orgId') ? { orgId: params.get('orgId')! } : {}) })}`}>{L.toTable}</Link>
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={L.period} style={{ width: 140 }} value={period} onChange={(v) => set({ period: v })} options={periodsOf('month').map((p) => ({ value: p, label: p }))} />
        <OrgSelect aria-label={L.node} placeholder={data?.org.name ?? L.node} style={{ width: 240 }} value={params.get('orgId') ?? undefined} onChange={(v) => set({ orgId: v ?? undefined })} allowClear />
      </Space>
      {overview.error && <Alert type="error" showIcon title={errorMessage(overview.error)} role="alert" style={{ marginBottom: 16 }} />}
      {overview.isPending && !!orgId && <Spin />}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={[
              { key: 'node', label: L.node, children: lang === 'zh' ? `${data.org.name}（${kindLabels[data.org.kind]?.zh ?? data.org.kind}）` : `${data.org.name} (${kindLabels[data.org.kind]?.en ?? data.org.kind})` },
              { key: 'period', label: L.period, children: data.period },
              { key: 'state', label: L.state, children: <StatusTag tone={stateTone[data.state] ?? 'muted'}>{L.states[data.state]}</StatusTag> },
              { key: 'acted', label: L.actedBy, children: data.actedBy ? <span>{data.actedBy.name} · {formatTime(data.actedAt)} <Timeliness onTime={data.onTime} L={L} /></span> : <EmptyText>{L.notYet}</EmptyText> },
            ]} />
            {!data.ended && <Alert type="info" showIcon title={L.notEnded(data.period)} style={{ marginTop: 12 }} />}
            {data.ended && data.lock && (
              <Alert type={data.lock.unlockedUntil ? 'warning' : 'info'} showIcon icon={<LockOutlined />} style={{ marginTop: 12 }} role="status"
                title={`${L.locked}${lockText(data.lock, lang)}`}
                description={data.lock.unlockedUntil ? L.unlockedUntil(formatTime(data.lock.unlockedUntil)) : undefined} />
            )}
          </Card>
          {community ? <SubmitForm overview={data} /> : <ChildrenCard overview={data} />}
          <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.history}</Typography.Title>}>
            <Table size="small" rowKey="id" pagination={false} dataSource={data.unlocks} locale={{ emptyText: <EmptyText>{L.noHistory}</EmptyText> }} columns={[
              { key: 'reason', title: L.reason, dataIndex: 'reason' },
              { key: 'until', title: L.until, render: (_, u) => formatTime(u.until) },
              { key: 'by', title: L.grantedBy, render: (_, u) => u.grantedBy.name },
              { key: 'at', title: L.grantedAt, render: (_, u) => formatTime(u.grantedAt) },
            ]} />
          </Card>
        </Space>
      )}
    </PageTheme>
  )
}
