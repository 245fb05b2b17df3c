// 热点问题: recurring problems among the cases and service orders under my node (or a node I pick)
// over the last N weeks: the clusters on a map (hulls and points), the list of clusters with their
// counts and "转为议题" (每月一题), and the categories growing fastest per street.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Badge, Button, Card, Col, Empty, Flex, Form, Input, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd'
import { ArrowUpOutlined, FireOutlined } from '@ant-design/icons'
import type { HotspotCluster, HotspotGrowth, Hotspots } from '@server/modules/hotspots/hotspots.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, OrgSelect, PageTheme } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { useHotspotLabels } from './labels.ts'
import { HotspotMap, SOURCE_COLORS } from './HotspotMap.tsx'
import { RaiseProjectButton } from '../secretary-projects/RaiseProjectButton.tsx'
import { stateWords as projectStateWords } from '../secretary-projects/labels.ts'

const WEEK_CHOICES = [4, 8, 12, 26, 52]

export default function HotspotsPage() {
  const L = useHotspotLabels()
  const { lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const weeks = Number(params.get('weeks') ?? 8) || 8
  const orgId = params.get('orgId') ?? undefined
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
  }
  const query = new URLSearchParams({ weeks: String(weeks), ...(orgId ? { orgId } : {}) })
  const hotspots = useQuery({ queryKey: ['hotspots', orgId, weeks], queryFn: () => api<Hotspots>(`/hotspots?${query}`) })
  const data = hotspots.data
  const [selected, setSelected] = useState<number | null>(null)
  const [raising, setRaising] = useState<HotspotCluster | null>(null)
  const day = (t: string) => new Date(t).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', { timeZone: 'Asia/Shanghai' })

  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}{data ? ` · ${data.org.name}` : ''}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={L.weeks} style={{ width: 140 }} value={weeks} onChange={(v) => { setSelected(null); set({ weeks: v === 8 ? undefined : String(v) }) }}
          options={WEEK_CHOICES.map((n) => ({ value: n, label: L.weeksOf(n) }))} />
        <OrgSelect aria-label={L.scope} placeholder={data?.org.name ?? L.scope} style={{ width: 240 }} value={orgId} onChange={(v) => { setSelected(null); set({ orgId: v ?? undefined }) }} allowClear />
        {orgId && <Button icon={<ArrowUpOutlined />} onClick={() => set({ orgId: undefined })}>{L.up}</Button>}
      </Space>
      {hotspots.error && <Alert type="error" showIcon title={errorMessage(hotspots.error)} role="alert" style={{ marginBottom: 16 }} />}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {L.rule(data.epsMetres, data.minPoints, data.weeks)}{data.unlocated > 0 ? ` ${L.unlocated(data.unlocated)}` : ''}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={L.map} style={{ marginBottom: 16 }} extra={<Space><Tag color={SOURCE_COLORS.case}>{L.caseSource}</Tag><Tag color={SOURCE_COLORS.order}>{L.orderSource}</Tag></Space>}>
            {data ? <HotspotMap clusters={data.clusters} selected={selected} onSelect={setSelected} label={L.map} /> : <div style={{ height: 520 }} />}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={<span><FireOutlined style={{ color: '#cf1322' }} /> {L.clusters}{data ? `（${data.clusters.length}）` : ''}</span>} style={{ marginBottom: 16 }}
            styles={{ body: { maxHeight: 520, overflowY: 'auto', padding: '0 12px' } }}>
            <List<HotspotCluster>
              aria-label={L.clusters}
              loading={hotspots.isFetching}
              dataSource={data?.clusters ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.noClusters} /> }}
              renderItem={(c, i) => (
                <List.Item
                  style={{ cursor: 'pointer', background: i === selected ? '#fff1f0' : undefined, paddingInline: 8 }}
                  onClick={() => setSelected(i)}
                  actions={c.raisedAs
                    ? [<RaisedMark key="raised" raised={c.raisedAs} />]
                    : [<Button key="raise" size="small" type="primary" ghost onClick={(e) => { e.stopPropagation(); setRaising(c) }}>{L.raise}</Button>, <RaiseProjectButton key="project" cluster={c} orgId={data!.org.id} />]}
                >
                  <List.Item.Meta
                    avatar={<Badge count={c.count} color={SOURCE_COLORS[c.source]} overflowCount={999} />}
                    title={<Space size={4}><span>{c.categoryName}</span><Tag bordered={false}>{c.source === 'case' ? L.caseSource : L.orderSource}</Tag></Space>}
                    description={<span>{L.count(c.count)} · {L.span(day(c.firstAt), day(c.lastAt))}{c.raisedAs ? <><br />{c.raisedAs.title}</> : null}</span>}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <GrowthTable rows={data?.growth ?? []} weeks={data?.weeks ?? weeks} loading={hotspots.isFetching} />
      {raising && data && <RaiseModal cluster={raising} orgId={data.org.id} onClose={() => setRaising(null)} />}
    </PageTheme>
  )
}

/** "已转议题" or "已转书记项目": the mark of a raised cluster, linking to the topic or the project. */
function RaisedMark({ raised }: { raised: NonNullable<HotspotCluster['raisedAs']> }) {
  const L = useHotspotLabels()
  const { lang } = useI18n()
  const topic = raised.kind === 'topic'
  return (
    <Link to={topic ? `/deliberation?topic=${raised.id}` : `/secretary-projects?id=${raised.id}`} onClick={(e) => e.stopPropagation()}>
      <Tag color={topic ? 'green' : 'red'}>{topic ? L.raised : L.raisedProject}</Tag>{(topic ? L.topicState[raised.state] : projectStateWords[raised.state]?.[lang]) ?? raised.state}
    </Link>
  )
}

function GrowthTable({ rows, weeks, loading }: { rows: HotspotGrowth[]; weeks: number; loading: boolean }) {
  const L = useHotspotLabels()
  return (
    <Card size="small" title={L.growth} extra={<Typography.Text type="secondary">{L.growthHint(weeks)}</Typography.Text>}>
      <Table<HotspotGrowth>
        aria-label={L.growth}
        size="small"
        loading={loading}
        rowKey={(r) => `${r.street.id}:${r.category}`}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: L.noGrowth }}
        dataSource={rows}
        columns={[
          { key: 'street', title: L.street, render: (_, r) => r.street.name, onCell: (r, i) => ({ style: { verticalAlign: 'top', fontWeight: 500 }, rowSpan: i !== undefined && i > 0 && rows[i - 1]?.street.id === r.street.id ? 0 : rows.filter((x) => x.street.id === r.street.id).length }) },
          { key: 'category', title: L.category, render: (_, r) => <Space size={4}>{r.categoryName}<Tag bordered={false}>{r.category.startsWith('order:') ? L.orderSource : L.caseSource}</Tag></Space> },
          { key: 'current', title: L.current(weeks), dataIndex: 'current', align: 'right' },
          { key: 'previous', title: L.previous(weeks), dataIndex: 'previous', align: 'right' },
          { key: 'growth', title: L.change, align: 'right', render: (_, r) => <span style={{ color: '#cf1322' }}>+{r.growth}</span> },
          { key: 'rate', title: L.rate, align: 'right', render: (_, r) => (r.growthRate === null ? <Typography.Text strong style={{ color: '#cf1322' }}>{L.newRate}</Typography.Text> : `+${Math.round(r.growthRate * 100)}%`) },
        ]}
      />
    </Card>
  )
}

function RaiseModal({ cluster, orgId, onClose }: { cluster: HotspotCluster; orgId: string; onClose: () => void }) {
  const L = useHotspotLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [title, setTitle] = useState(L.defaultTitle(cluster.categoryName, cluster.count))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await api('/hotspots/topics', {
        method: 'POST',
        body: { orgId, category: cluster.category, caseIds: cluster.records.filter((r) => r.kind === 'case').map((r) => r.id), orderIds: cluster.records.filter((r) => r.kind === 'order').map((r) => r.id), title: title.trim() },
      })
      message.success(L.done)
      await qc.invalidateQueries({ queryKey: ['hotspots'] })
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={L.raiseTitle} okText={L.submit} cancelText={L.cancel} onOk={submit} onCancel={onClose} confirmLoading={busy} okButtonProps={{ disabled: title.trim().length < 4 }}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{L.raiseHint(cluster.count, cluster.categoryName)}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={L.topicTitle} htmlFor="hotspot-topic-title" required help={title.trim().length < 4 ? L.topicTitleRule : undefined} validateStatus={title.trim().length < 4 ? 'error' : undefined}>
            <Input id="hotspot-topic-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Flex>
    </Modal>
  )
}
