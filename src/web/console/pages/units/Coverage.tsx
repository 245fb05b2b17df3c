// Party-organisation coverage (党组织覆盖率) of 两新组织: the figures of the chosen node, a chart
// and a table of its child streets or communities.
import { useMemo, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Flex, Row, Statistic, Table } from 'antd'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import type { Coverage as CoverageFigures } from '@server/modules/units/units.schemas.ts'
import { errorMessage, OrgSelect } from '../../common.tsx'
import { useMe } from '../../auth.tsx'
import { useUnitLabels } from './labels.ts'
import { barOption, useECharts } from '../../../shared/useECharts.ts'


const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)

export function Coverage() {
  const L = useUnitLabels()
  const me = useMe().data!
  const top = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  const [orgId, setOrgId] = useState<string | undefined>(top?.orgId)
  const figures = useQuery({ queryKey: ['units', 'coverage', orgId], queryFn: () => api<CoverageFigures>(`/units/coverage?orgId=${orgId}`), enabled: !!orgId })
  const data = figures.data
  return (
    <div>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <span>{L.coverageOf}</span>
        <OrgSelect aria-label={L.coverageOf} value={orgId} onChange={setOrgId} style={{ width: 260 }} known={top ? [{ value: top.orgId, label: top.orgName ?? top.orgId }] : []} />
      </Flex>
      {figures.error && <Alert type="error" showIcon title={errorMessage(figures.error)} style={{ marginBottom: 16 }} role="alert" />}
      {data && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card><Statistic title={L.coverageRate} value={percent(data.coverageRate)} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={L.newEconomy} value={data.newEconomyOrgs} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={L.newEconomyWithParty} value={data.newEconomyWithPartyOrg} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={`${L.withParty} / ${L.units}`} value={`${data.withPartyOrg} / ${data.units}`} /></Card></Col>
          </Row>
          {data.children.length > 0 && <CoverageChart data={data} title={L.chartTitle} />}
          <Card title={L.byCommunity} style={{ marginTop: 16 }}>
            <Table rowKey={(r) => r.org.id} size="small" pagination={false} dataSource={data.children}
              columns={[
                { title: L.community, key: 'org', render: (_, r) => r.org.name },
                { title: L.units, dataIndex: 'units' },
                { title: L.withParty, dataIndex: 'withPartyOrg' },
                { title: L.newEconomy, dataIndex: 'newEconomyOrgs' },
                { title: L.newEconomyWithParty, dataIndex: 'newEconomyWithPartyOrg' },
                { title: L.coverageRate, key: 'rate', render: (_, r) => percent(r.coverageRate) },
                { title: L.partyMembers, dataIndex: 'partyMembers' },
              ]} />
          </Card>
        </>
      )}
    </div>
  )
}

function CoverageChart({ data, title }: { data: CoverageFigures; title: string }) {
  const L = useUnitLabels()
  const option = useMemo(() => barOption(
    data.children.map((c) => c.org.name),
    [
      { name: L.newEconomy, data: data.children.map((c) => c.newEconomyOrgs) },
      { name: L.newEconomyWithParty, data: data.children.map((c) => c.newEconomyWithPartyOrg) },
    ],
    { color: ['#f0a020', '#c8102e'], yAxis: { minInterval: 1 } },
  ), [data, L])
  const ref = useECharts(option)
  return (
    <Card title={title}>
      <div ref={ref} style={{ height: 300 }} role="img" aria-label={title} />
    </Card>
  )
}
