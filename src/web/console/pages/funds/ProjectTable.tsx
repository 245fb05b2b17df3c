// The projects under the node (GET /projects): kind, state, fund, budget, spent and progress; a row
// opens the project drawer with its expenses (payees and receipts), pledges and timeline.
import { useState } from 'react'
import { Alert, Progress, Select, Space, Table, Tag } from 'antd'
import type { Project } from '@server/modules/funds/funds.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, linkStyle } from '../../common.tsx'
import { kindWords, money, stateWords, useFundLabels } from './labels.ts'
import { ProjectDrawer } from './ProjectDrawer.tsx'

const stateColour: Record<string, string> = { proposed: 'default', decided: 'blue', budgeted: 'processing', done: 'green', rejected: 'red', cancelled: 'default' }

export function ProjectTable({ orgId, year, canManage }: { orgId: string; year: number; canManage: boolean }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const [kind, setKind] = useState<string | undefined>()
  const [state, setState] = useState<string | undefined>()
  const [openId, setOpenId] = useState<string | null>(null)
  const list = useCursorPages<Project>(['funds', 'projects', orgId, year, kind, state], '/projects', (s) => {
    s.set('orgId', orgId)
    s.set('year', String(year))
    if (kind) s.set('kind', kind)
    if (state) s.set('state', state)
  })
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear aria-label={L.kind} placeholder={L.kind} style={{ width: 140 }} value={kind} onChange={setKind} options={Object.entries(kindWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <Select allowClear aria-label={L.state} placeholder={L.state} style={{ width: 140 }} value={state} onChange={setState} options={Object.entries(stateWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Table<Project> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noProjects}</EmptyText> }}
        onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.name, key: 'title', render: (_, p) => <span style={linkStyle}>{p.title}{p.governance && <Tag color="purple" style={{ marginLeft: 6 }}>{L.governance}</Tag>}</span> },
          { title: L.community, key: 'org', render: (_, p) => p.org.name },
          { title: L.kind, key: 'kind', render: (_, p) => kindWords[p.kind][lang] },
          { title: L.state, key: 'state', render: (_, p) => <Tag color={stateColour[p.state]}>{stateWords[p.state][lang]}</Tag> },
          { title: L.fund, key: 'fund', render: (_, p) => p.fund?.name ?? '—' },
          { title: L.budget, key: 'budget', align: 'right', render: (_, p) => (p.kind === 'crowdfunding' ? `${money(p.receivedYuan)} / ${money(p.targetYuan ?? 0)}` : money(p.budgetYuan)) },
          { title: L.spent, key: 'spent', align: 'right', render: (_, p) => money(p.spentYuan) },
          { title: L.progress, key: 'progress', width: 140, render: (_, p) => <Progress percent={p.progress} size="small" /> },
        ]} />
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} canManage={canManage} />
    </div>
  )
}
