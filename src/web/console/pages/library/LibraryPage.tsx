// 经验库（云平台）: search practices of every community in Chinese full text (best match first),
// filter by tag and publisher, open one in the drawer (text, photos, template, history, comments,
// adoption with the one-click template import), publish one, and the adoption figures per street.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Flex, Input, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { PracticeCard } from '@server/modules/library/library.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, PageTheme } from '../../common.tsx'
import { useLibraryLabels } from './labels.ts'
import { PracticeDrawer } from './PracticeDrawer.tsx'
import { PublishModal } from './PublishModal.tsx'

function Browse() {
  const L = useLibraryLabels()
  const [q, setQ] = useState('')
  const [tag, setTag] = useState('')
  const [orgId, setOrgId] = useState<string | undefined>()
  const [openId, setOpenId] = useState<string | null>(null)
  const list = useCursorPages<PracticeCard>(['library', q, tag, orgId], '/library/practices', (s) => {
    if (q.trim()) s.set('q', q.trim())
    if (tag.trim()) s.set('tag', tag.trim())
    if (orgId) s.set('orgId', orgId)
  })
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear enterButton aria-label={L.search} placeholder={L.search} style={{ width: 360 }} onSearch={setQ} />
        <Input allowClear aria-label={L.tag} placeholder={L.tag} style={{ width: 140 }} onPressEnter={(e) => setTag(e.currentTarget.value)} onChange={(e) => !e.target.value && setTag('')} />
        <OrgSelect allowClear aria-label={L.node} placeholder={L.node} style={{ width: 240 }} value={orgId} onChange={setOrgId} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<PracticeCard> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.none}</EmptyText> }}
        onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.practice, key: 'title', render: (_, p) => (
            <div>
              <Button type="link" style={{ ...linkStyle, padding: 0, height: 'auto', fontWeight: 600 }} onClick={(e) => { e.stopPropagation(); setOpenId(p.id) }}>{p.title}</Button>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, maxWidth: 560 }}>{p.summary}</Typography.Paragraph>
              <Space size={4} wrap>{p.tags.map((t) => <Tag key={t}>{t}</Tag>)}{p.templateKind && <Tag color="gold">{L.template}</Tag>}</Space>
            </div>
          ) },
          { title: L.org, key: 'org', width: 150, render: (_, p) => p.org.name },
          { title: L.street, key: 'street', width: 130, render: (_, p) => p.street?.name ?? '—' },
          { title: L.version, dataIndex: 'version', width: 70, align: 'right', render: (v: number) => `v${v}` },
          { title: L.adoptions, dataIndex: 'adoptions', width: 70, align: 'right' },
          { title: L.comments, dataIndex: 'comments', width: 70, align: 'right' },
          { title: L.updatedAt, key: 'updatedAt', width: 150, render: (_, p) => formatTime(p.updatedAt) },
        ]} />
      <PracticeDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  )
}

interface Figures { practices: number; adoptions: number; byStreet: { street: { id: string; name: string }; published: number; adopted: number }[]; mostAdopted: { id: string; title: string; org: { name: string }; adoptions: number }[] }

function FiguresTab() {
  const L = useLibraryLabels()
  const [openId, setOpenId] = useState<string | null>(null)
  const f = useQuery({ queryKey: ['library', 'figures'], queryFn: () => api<Figures>('/library/figures') })
  if (f.error) return <Alert type="error" showIcon title={errorMessage(f.error)} />
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}><Card><Statistic title={L.total} value={f.data?.practices ?? 0} /></Card></Col>
      <Col xs={12} md={6}><Card><Statistic title={L.totalAdoptions} value={f.data?.adoptions ?? 0} /></Card></Col>
      <Col xs={24} lg={12}>
        <Card title={L.figures} size="small">
          <Table rowKey={(r) => r.street.id} size="small" pagination={false} dataSource={f.data?.byStreet ?? []} loading={f.isFetching}
            columns={[{ title: L.street, key: 's', render: (_, r) => r.street.name }, { title: L.published, dataIndex: 'published', align: 'right' }, { title: L.adoptions, dataIndex: 'adopted', align: 'right' }]} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={L.mostAdopted} size="small">
          <Table rowKey="id" size="small" pagination={false} dataSource={f.data?.mostAdopted ?? []}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            columns={[{ title: L.practice, dataIndex: 'title' }, { title: L.org, key: 'o', render: (_, r) => r.org.name }, { title: L.adoptions, dataIndex: 'adoptions', align: 'right' }]} />
        </Card>
      </Col>
      <PracticeDrawer id={openId} onClose={() => setOpenId(null)} />
    </Row>
  )
}

export default function LibraryPage() {
  const L = useLibraryLabels()
  const [params, setParams] = useSearchParams()
  const [publishing, setPublishing] = useState(false)
  const tab = params.get('tab') === 'figures' ? 'figures' : 'browse'
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>{L.publish}</Button>
      </Flex>
      <Tabs activeKey={tab} destroyOnHidden onChange={(k) => setParams(k === 'browse' ? {} : { tab: k }, { replace: true })}
        items={[{ key: 'browse', label: L.tabBrowse, children: <Browse /> }, { key: 'figures', label: L.tabFigures, children: <FiguresTab /> }]} />
      <PublishModal open={publishing} onClose={() => setPublishing(false)} />
    </PageTheme>
  )
}
