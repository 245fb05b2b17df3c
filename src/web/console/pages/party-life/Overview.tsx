// 汇总: every Party organisation under a node with the periods due so far, held, late and missing
// this year (the district's rollup); the worst first; a row opens that organisation's dashboard.
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Progress, Row, Statistic, Table } from 'antd'
import type { z } from 'zod'
import type { overviewSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, linkStyle, StatusTag } from '../../common.tsx'
import { partyOrgKindWords, usePartyLifeLabels } from './labels.ts'

type Overview = z.infer<typeof overviewSchema>

export function OverviewTab({ orgId, year, onPick }: { orgId?: string; year: number; onPick: (id: string) => void }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const found = useQuery({
    queryKey: ['party-life', 'overview', orgId, year],
    queryFn: () => api<Overview>(`/party-life/overview?year=${year}${orgId ? `&orgId=${orgId}` : ''}`),
  })
  const t = found.data?.totals
  return (
    <>
      {found.error && <Alert type="error" showIcon title={errorMessage(found.error)} role="alert" style={{ marginBottom: 12 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={5}><Card size="small"><Statistic title={L.partyOrg} value={t?.orgs ?? 0} /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title={L.dueSoFar} value={t?.dueSoFar ?? 0} /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title={L.held} value={t?.held ?? 0} valueStyle={{ color: '#135200' }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={L.late} value={t?.late ?? 0} valueStyle={{ color: '#ad4e00' }} /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title={L.missing} value={t?.missing ?? 0} valueStyle={{ color: '#a8071a' }} /></Card></Col>
      </Row>
      <Table rowKey="id" size="middle" dataSource={found.data?.orgs ?? []} loading={found.isFetching} pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: found.isPending ? ' ' : <EmptyText>{L.noOrgs}</EmptyText> }}
        onRow={(o) => ({ onClick: () => onPick(o.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.partyOrg, key: 'name', render: (_, o) => <Button type="link" style={{ ...linkStyle, padding: 0 }} onClick={(e) => { e.stopPropagation(); onPick(o.id) }}>{o.name}</Button> },
          { title: L.kind, key: 'kind', width: 100, render: (_, o) => partyOrgKindWords[o.partyKind as keyof typeof partyOrgKindWords]?.[lang] ?? o.partyKind },
          { title: L.dueSoFar, dataIndex: 'dueSoFar', width: 80 },
          { title: L.held, dataIndex: 'held', width: 80 },
          { title: L.late, key: 'late', width: 100, render: (_, o) => (o.late ? <StatusTag tone="warning">{o.late}</StatusTag> : 0) },
          { title: L.missing, key: 'missing', width: 100, render: (_, o) => (o.missing ? <StatusTag tone="danger">{o.missing}</StatusTag> : 0) },
          { title: L.rate, key: 'rate', width: 180, render: (_, o) => <Progress aria-label={`${o.name} ${L.rate}`} percent={Math.round(o.rate * 100)} size="small" status={o.rate < 0.6 ? 'exception' : o.rate >= 0.9 ? 'success' : 'normal'} /> },
        ]} />
    </>
  )
}
