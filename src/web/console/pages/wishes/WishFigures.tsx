// The figures of wishes per community under a node (GET /wishes/figures): posted, waiting for
// moderation, open, claimed, fulfilled, the average days from approval to fulfilment.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Row, Space, Statistic, Table } from 'antd'
import type { WishFigures as Figures } from '@server/modules/wishes/wishes.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, OrgSelect } from '../../common.tsx'
import { useWishLabels } from './labels.ts'

type Row = Figures['communities'][number]

export function WishFigures() {
  const L = useWishLabels()
  const [orgId, setOrgId] = useState<string | undefined>()
  const figures = useQuery({ queryKey: ['wishes', 'figures', orgId], queryFn: () => api<Figures>(`/wishes/figures${orgId ? `?orgId=${orgId}` : ''}`) })
  const total = figures.data?.total
  const days = (d: number | null) => (d === null ? '—' : `${d} ${L.days}`)
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <OrgSelect allowClear aria-label={L.scope} placeholder={figures.data?.org.name ?? L.scope} style={{ width: 260 }} value={orgId} onChange={setOrgId} />
      </Space>
      {figures.error && <Alert type="error" showIcon title={errorMessage(figures.error)} role="alert" />}
      {total && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {([[L.posted2, total.posted], [L.pending, total.pending], [L.open, total.open], [L.claimed, total.claimed], [L.fulfilled, total.fulfilled]] as const).map(([label, n]) => (
            <Col key={label} xs={12} md={4}><Card size="small"><Statistic title={label} value={n} /></Card></Col>
          ))}
          <Col xs={12} md={4}><Card size="small"><Statistic title={L.avgDays} value={days(total.avgDaysToFulfil)} /></Card></Col>
        </Row>
      )}
      <Table<Row> rowKey={(r) => r.community.id} size="middle" dataSource={figures.data?.communities ?? []} loading={figures.isFetching} pagination={false}
        columns={[
          { title: L.community, key: 'community', render: (_, r) => r.community.name },
          { title: L.posted2, dataIndex: 'posted', align: 'right', sorter: (a, b) => a.posted - b.posted },
          { title: L.pending, dataIndex: 'pending', align: 'right' },
          { title: L.open, dataIndex: 'open', align: 'right' },
          { title: L.claimed, dataIndex: 'claimed', align: 'right' },
          { title: L.fulfilled, dataIndex: 'fulfilled', align: 'right', sorter: (a, b) => a.fulfilled - b.fulfilled },
          { title: L.avgDays, key: 'avg', align: 'right', render: (_, r) => days(r.avgDaysToFulfil) },
          { title: L.valueFulfilled, dataIndex: 'valueFulfilledYuan', align: 'right' },
        ]} />
    </div>
  )
}
