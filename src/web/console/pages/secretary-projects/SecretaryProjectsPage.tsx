// 书记项目与责任清单: the secretaries' projects and responsibility-list items of my node (or a node I
// pick, with its lower levels), with progress bars and state tags; a drawer for one item.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Input, Progress, Select, Space, Switch, Table, Typography } from 'antd'
import { ArrowUpOutlined, PlusOutlined } from '@ant-design/icons'
import type { SecretaryProject } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, OrgSelect, PageTheme, StatusTag } from '../../common.tsx'
import { stateWords, useProjectLabels } from './labels.ts'
import { ProjectDrawer } from './ProjectDrawer.tsx'
import { ProjectForm } from './ProjectForm.tsx'

type Page = { items: SecretaryProject[]; nextCursor: string | null; total?: number }

export default function SecretaryProjectsPage() {
  const L = useProjectLabels()
  const { lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const get = (k: string) => params.get(k) ?? undefined
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
  }
  const filters = { orgId: get('orgId'), below: get('below') ?? 'true', kind: get('kind'), state: get('state'), year: get('year'), q: get('q') }
  const query = new URLSearchParams(Object.entries({ ...filters, limit: '200' }).filter((e): e is [string, string] => !!e[1]))
  const list = useQuery({ queryKey: ['secretary-projects', 'list', query.toString()], queryFn: () => api<Page>(`/secretary-projects?${query}`) })
  const [creating, setCreating] = useState(false)
  const open = get('id') ?? null
  const year = new Date().getFullYear()
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgSelect aria-label={L.scope} placeholder={L.scope} style={{ width: 220 }} value={filters.orgId} onChange={(v) => set({ orgId: v ?? undefined })} allowClear />
        {filters.orgId && <Button icon={<ArrowUpOutlined />} onClick={() => set({ orgId: undefined })}>{L.up}</Button>}
        <Space size={4}><Switch aria-label={L.below} checked={filters.below === 'true'} onChange={(v) => set({ below: v ? undefined : 'false' })} /><span>{L.below}</span></Space>
        <Select aria-label={L.kind} placeholder={L.kind} allowClear style={{ width: 160 }} value={filters.kind} onChange={(v) => set({ kind: v })}
          options={Object.entries(L.kinds).map(([value, label]) => ({ value, label }))} />
        <Select aria-label={L.state} placeholder={L.state} allowClear style={{ width: 120 }} value={filters.state} onChange={(v) => set({ state: v })}
          options={Object.entries(stateWords).map(([value, w]) => ({ value, label: w[lang] }))} />
        <Select aria-label={L.year} placeholder={L.year} allowClear style={{ width: 110 }} value={filters.year} onChange={(v) => set({ year: v })}
          options={[year - 2, year - 1, year, year + 1].map((y) => ({ value: String(y), label: String(y) }))} />
        <Input.Search aria-label={L.search} placeholder={L.search} allowClear style={{ width: 200 }} defaultValue={filters.q} onSearch={(v) => set({ q: v.trim() || undefined })} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.create}</Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" style={{ marginBottom: 16 }} />}
      <Card size="small">
        <Table<SecretaryProject>
          aria-label={L.title}
          size="middle"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: L.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => (lang === 'zh' ? `共 ${n} 项` : `${n} items`) }}
          onRow={(r) => ({ onClick: () => set({ id: r.id }), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'title', title: L.item, render: (_, r) => (
              <div>
                <Typography.Link onClick={(e) => { e.stopPropagation(); set({ id: r.id }) }}>{r.title}</Typography.Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{L.kinds[r.kind]}{r.source?.kind === 'hotspot' ? ' · 每月一题' : ''}</Typography.Text></div>
              </div>
            ) },
            { key: 'org', title: L.org, width: 140, render: (_, r) => r.org.name },
            { key: 'years', title: L.years, width: 110, render: (_, r) => L.yearsOf(r.yearFrom, r.yearTo) },
            { key: 'owner', title: L.owner, width: 150, render: (_, r) => <div>{r.owner.name}{(r.unit || r.department) && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unit?.name ?? r.department}</Typography.Text></div>}</div> },
            { key: 'progress', title: L.progress, width: 200, render: (_, r) => <Progress aria-label={`${r.title} ${L.progress} ${r.progress}%`} percent={r.progress} size="small" status={r.state === 'overdue' ? 'exception' : r.state === 'done' ? 'success' : 'normal'} /> },
            { key: 'milestones', title: L.milestones, width: 90, align: 'center', render: (_, r) => L.milestonesOf(r.milestonesDone, r.milestonesTotal) },
            { key: 'next', title: L.nextDue, width: 120, render: (_, r) => r.nextDueOn ?? '—' },
            { key: 'state', title: L.state, width: 100, render: (_, r) => <StatusTag tone={stateWords[r.state]!.tone}>{stateWords[r.state]![lang]}</StatusTag> },
          ]}
        />
      </Card>
      {creating && <ProjectForm orgId={filters.orgId} onClose={() => setCreating(false)} onSaved={(id) => set({ id })} />}
      <ProjectDrawer id={open} onClose={() => set({ id: undefined })} />
    </PageTheme>
  )
}
