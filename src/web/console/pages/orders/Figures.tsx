// Figures of orders for a node (三率): orders, completion rate, response time, satisfaction, by
// item, by provider kind and by channel.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Flex, Row, Statistic, Table } from 'antd'
import type { z } from 'zod'
import type { figuresSchema } from '@server/modules/orders/orders.schemas.ts'
import { channelLabels } from '@server/modules/orders/orders.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, OrgSelect } from '../../common.tsx'
import { useOwnNode } from '../../auth.tsx'
import { fill, useOrderLabels } from './labels.ts'

type Figures = z.infer<typeof figuresSchema>
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)

export function FiguresTab() {
  const L = useOrderLabels()
  const { lang } = useI18n()
  const own = useOwnNode()
  const [orgId, setOrgId] = useState<string | undefined>(own?.value)
  const figures = useQuery({ queryKey: ['orders', 'figures', orgId], queryFn: () => api<Figures>(`/orders/figures${orgId ? `?orgId=${orgId}` : ''}`) })
  const f = figures.data
  const mins = (x: number | null) => (x === null ? '—' : fill(L.minutes, { n: Math.round(x) }))
  const rateColumns = [
    { title: L.orders, dataIndex: 'orders', width: 90 },
    { title: L.completionRate, key: 'c', width: 100, render: (_: unknown, r: Figures['total']) => pct(r.completionRate) },
    { title: L.responseP50, key: 'p50', width: 130, render: (_: unknown, r: Figures['total']) => mins(r.responseP50Minutes) },
    { title: L.satisfaction, key: 's', width: 100, render: (_: unknown, r: Figures['total']) => pct(r.satisfaction) },
  ]
  return (
    <div>
      <Flex gap={12} style={{ marginBottom: 16 }}><OrgSelect value={orgId} onChange={(v) => setOrgId(v as string | undefined)} style={{ width: 240 }} placeholder={L.org} known={own ? [own] : []} /></Flex>
      {figures.error && <Alert type="error" showIcon title={errorMessage(figures.error)} role="alert" />}
      {f && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}><Card><Statistic title={L.orders} value={f.total.orders} /></Card></Col>
            <Col span={5}><Card><Statistic title={L.completionRate} value={pct(f.total.completionRate)} /></Card></Col>
            <Col span={5}><Card><Statistic title={L.responseP50} value={mins(f.total.responseP50Minutes)} /></Card></Col>
            <Col span={5}><Card><Statistic title={L.responseP90} value={mins(f.total.responseP90Minutes)} /></Card></Col>
            <Col span={5}><Card><Statistic title={L.satisfaction} value={pct(f.total.satisfaction)} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col span={14}>
              <Card title={L.byItem} size="small">
                <Table rowKey={(r) => r.item.id} size="small" dataSource={f.byItem} pagination={{ pageSize: 10 }}
                  columns={[{ title: L.item, key: 'i', render: (_: unknown, r: Figures['byItem'][number]) => r.item.name }, ...rateColumns]} />
              </Card>
            </Col>
            <Col span={10}>
              <Card title={L.byKind} size="small" style={{ marginBottom: 16 }}>
                <Table rowKey="kind" size="small" dataSource={f.byProviderKind} pagination={false}
                  columns={[{ title: L.assignee, key: 'k', render: (_: unknown, r: Figures['byProviderKind'][number]) => L[r.kind] }, ...rateColumns]} />
              </Card>
              <Card title={L.byChannel} size="small">
                {Object.entries(f.byChannel).map(([k, n]) => <div key={k}>{channelLabels[k as keyof typeof channelLabels]?.[lang] ?? k}：{n}</div>)}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  )
}
