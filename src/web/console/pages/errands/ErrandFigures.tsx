// 帮办统计: errands done, open, average days from submission to done, steps past their deadline and
// the requesters' satisfaction, for a node and its subtree, by level and by desk.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Card, Col, Flex, Progress, Row, Statistic, Table, Tag } from 'antd'
import type { ErrandFigures } from '@server/modules/errands/errands.schemas.ts'
import { errandLevelWords } from '@server/modules/errands/errands.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, OrgSelect } from '../../common.tsx'
import { useOwnNode } from '../../auth.tsx'
import { format, useErrandLabels } from './labels.ts'

type Tally = ErrandFigures['byDesk'][number]

export function ErrandFiguresTab() {
  const L = useErrandLabels()
  const { lang } = useI18n()
  const own = useOwnNode()
  const [orgId, setOrgId] = useState<string | undefined>(own?.value)
  const q = useQuery({ queryKey: ['errands', 'figures', orgId], queryFn: () => api<ErrandFigures>(`/errands/figures${orgId ? `?orgId=${orgId}` : ''}`) })
  const f = q.data
  const days = (n: number | null) => (n === null ? L.none : format(L.days, { n }))
  const columns = [
    { title: L.total, dataIndex: 'total', width: 90 },
    { title: L.doneCount, dataIndex: 'done', width: 90 },
    { title: L.open, dataIndex: 'open', width: 90 },
    { title: L.avgDays, key: 'avgDays', width: 120, render: (_: unknown, r: Omit<Tally, 'org'>) => days(r.avgDays) },
    { title: L.overdueSteps, key: 'overdueSteps', width: 100, render: (_: unknown, r: Omit<Tally, 'org'>) => r.overdueSteps > 0 ? <span style={{ color: '#a8071a' }}>{r.overdueSteps}</span> : 0 },
    { title: L.avgRating, key: 'avgRating', width: 120, render: (_: unknown, r: Omit<Tally, 'org'>) => r.avgRating === null ? L.none : `${r.avgRating} ★（${r.rated}）` },
  ]
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center">
        <span>{L.node}</span>
        <OrgSelect aria-label={L.node} value={orgId} onChange={(v) => setOrgId(v ?? own?.value)} style={{ width: 240 }} known={own ? [own] : []} />
      </Flex>
      {q.error && <div role="alert">{errorMessage(q.error)}</div>}
      {f && (
        <>
          <Row gutter={16}>
            <Col span={4}><Card><Statistic title={L.total} value={f.total} /></Card></Col>
            <Col span={4}><Card><Statistic title={L.doneCount} value={f.done} /></Card></Col>
            <Col span={4}><Card><Statistic title={L.open} value={f.open} /></Card></Col>
            <Col span={4}><Card><Statistic title={L.avgDays} value={f.avgDays ?? '—'} suffix={f.avgDays === null ? undefined : '天'} /></Card></Col>
            <Col span={4}><Card><Statistic title={L.overdueSteps} value={f.overdueSteps} valueStyle={{ color: f.overdueSteps ? '#a8071a' : undefined }} /></Card></Col>
            <Col span={4}><Card><Statistic title={`${L.avgRating}（${format(L.rated, { n: f.rated })}）`} value={f.avgRating ?? '—'} suffix={f.avgRating === null ? undefined : '★'} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col span={16}>
              <Card title={L.byLevel} size="small">
                <Table rowKey="level" size="small" pagination={false} dataSource={f.byLevel}
                  columns={[{ title: L.level, key: 'level', width: 110, render: (_: unknown, r: { level: Tally['level'] }) => errandLevelWords[r.level][lang] }, ...columns]} />
              </Card>
            </Col>
            <Col span={8}>
              <Card title={L.avgRating} size="small">
                {[...f.ratings].reverse().map((r) => (
                  <Flex key={r.rating} gap={8} align="center"><span style={{ width: 36 }}>{r.rating} ★</span>
                    <Progress percent={f.rated ? Math.round((r.count / f.rated) * 100) : 0} format={() => r.count} style={{ flex: 1, margin: 0 }} /></Flex>
                ))}
              </Card>
            </Col>
          </Row>
          <Card title={L.byDesk} size="small">
            <Table rowKey={(r: Tally) => r.org.id} size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={f.byDesk}
              columns={[{ title: L.desk, key: 'org', render: (_: unknown, r: Tally) => <span><Tag>{errandLevelWords[r.level][lang]}</Tag>{r.org.name}</span> }, ...columns]} />
          </Card>
        </>
      )}
    </Flex>
  )
}
