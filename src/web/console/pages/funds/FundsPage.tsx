// 经费与项目: a community's (or street's) funds this year by source with the governance rule, a
// figures card per community (the 20 % rule in red when broken), the projects with their spending
// and the social organisations; one tab each (the tab in the address bar).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Flex, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd'
import type { Fund, FundFigures } from '@server/modules/funds/funds.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, OrgSelect, PageTheme } from '../../common.tsx'
import { useLevel, useOwnNode } from '../../auth.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { money, sourceWords, useFundLabels } from './labels.ts'
import { ProjectTable } from './ProjectTable.tsx'
import { SocialOrgTable } from './SocialOrgTable.tsx'
import { FundModal } from './FundModal.tsx'

const tabs = ['funds', 'projects', 'social'] as const
type Tab = (typeof tabs)[number]
const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()

export function RuleTag({ rule }: { rule: { pct: number; minPct: number; ok: boolean } | null }) {
  const L = useFundLabels()
  if (!rule) return <span>{L.noRule}</span>
  return <Tag color={rule.ok ? 'green' : 'red'}>{L.ruleText(rule.pct, rule.minPct)}</Tag>
}

function FiguresCards({ orgId, year }: { orgId: string; year: number }) {
  const L = useFundLabels()
  const figures = useQuery({ queryKey: ['funds', 'figures', orgId, year], queryFn: () => api<FundFigures>(`/funds/figures?orgId=${orgId}&year=${year}`) })
  if (figures.error) return <Alert type="error" showIcon title={errorMessage(figures.error)} role="alert" />
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {(figures.data?.communities ?? []).map((c) => (
        <Col key={c.org.id} xs={24} md={12} xl={8}>
          <Card size="small" title={c.org.name} extra={<RuleTag rule={c.rule} />} data-testid="fund-figures"
            styles={c.rule && !c.rule.ok ? { header: { borderBottom: '2px solid #cf1322' } } : undefined}>
            <Flex justify="space-between">
              <Statistic title={L.budgetCard} value={money(c.budgetYuan)} />
              <Statistic title={L.committedCard} value={money(c.committedYuan)} />
              <Statistic title={L.spentCard} value={money(c.spentYuan)} />
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  )
}

function FundTable({ orgId, year, canManage }: { orgId: string; year: number; canManage: boolean }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const funds = useQuery({ queryKey: ['funds', 'list', orgId, year], queryFn: () => api<{ items: Fund[] }>(`/funds?orgId=${orgId}&year=${year}`) })
  return (
    <div>
      {funds.error && <Alert type="error" showIcon title={errorMessage(funds.error)} role="alert" />}
      <Table<Fund> rowKey="id" size="middle" dataSource={funds.data?.items ?? []} loading={funds.isFetching} pagination={false}
        locale={{ emptyText: <EmptyText>{L.noFunds}</EmptyText> }}
        columns={[
          { title: L.community, key: 'org', render: (_, f) => f.org.name },
          { title: L.source, key: 'source', render: (_, f) => sourceWords[f.source][lang] },
          { title: L.name, dataIndex: 'name' },
          { title: L.amount, key: 'amount', align: 'right', render: (_, f) => money(f.amountYuan) },
          { title: L.committed, key: 'committed', align: 'right', render: (_, f) => money(f.committedYuan) },
          { title: L.spent, key: 'spent', align: 'right', render: (_, f) => money(f.spentYuan) },
          { title: L.left, key: 'left', align: 'right', render: (_, f) => money(f.leftYuan) },
          { title: L.projects, dataIndex: 'projects', align: 'right' },
          { title: L.rule, key: 'rule', render: (_, f) => <RuleTag rule={f.rule} /> },
          ...(canManage ? [{ title: L.actions, key: 'edit', render: (_: unknown, f: Fund) => <FundModal fund={f} /> }] : []),
        ]} />
    </div>
  )
}

export default function FundsPage() {
  const L = useFundLabels()
  const own = useOwnNode()
  const canManage = useLevel() >= roleLevels.community_cadre!
  const [params, setParams] = useSearchParams()
  const [picked, setPicked] = useState<string | undefined>()
  const [year, setYear] = useState(thisYear)
  const orgId = picked ?? own?.value
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'funds'
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Space wrap>
          <OrgSelect aria-label={L.scope} placeholder={own?.label ?? L.scope} style={{ width: 240 }} value={picked} onChange={setPicked} known={own ? [own] : []} />
          <Select aria-label={L.year} style={{ width: 110 }} value={year} onChange={setYear} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))} />
          {orgId && canManage && <FundModal orgId={orgId} year={year} />}
        </Space>
      </Flex>
      {orgId && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{L.figures}</Typography.Title>
          <FiguresCards orgId={orgId} year={year} />
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'funds' ? {} : { tab: k }, { replace: true })}
            destroyOnHidden
            items={[
              { key: 'funds', label: L.tabFunds, children: <FundTable orgId={orgId} year={year} canManage={canManage} /> },
              { key: 'projects', label: L.tabProjects, children: <ProjectTable orgId={orgId} year={year} canManage={canManage} /> },
              { key: 'social', label: L.tabSocial, children: <SocialOrgTable orgId={orgId} canManage={canManage} /> },
            ]}
          />
        </>
      )}
    </PageTheme>
  )
}
