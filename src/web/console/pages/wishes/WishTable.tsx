// The wishes in the caller's area (GET /wishes?view=manage): the moderation queue (pending, oldest
// concerns first in the list order the API gives) or every wish with filters by state, category,
// area and title. A row opens the wish drawer; the queue approves in one click.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Input, Select, Space, Table } from 'antd'
import type { Wish, WishCategory, WishState } from '@server/modules/wishes/wishes.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, StatusTag } from '../../common.tsx'
import { beneficiaryWords, categoryWords, stateWords, useWishLabels } from './labels.ts'
import { WishDrawer } from './WishDrawer.tsx'
import { DecisionModal, type Decision } from './DecisionModal.tsx'

export function WishTable({ queue = false }: { queue?: boolean }) {
  const L = useWishLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [state, setState] = useState<WishState | undefined>()
  const [category, setCategory] = useState<WishCategory | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [q, setQ] = useState('')
  const [openId, setOpenId] = useState<string | null>(null)
  const [decision, setDecision] = useState<Decision | null>(null)
  const list = useCursorPages<Wish>(['wishes', 'manage', queue, state, category, orgId, q], '/wishes', (s) => {
    s.set('view', 'manage')
    if (queue) s.set('state', 'pending')
    else if (state) s.set('state', state)
    if (category) s.set('category', category)
    if (orgId) s.set('orgId', orgId)
    if (q.trim()) s.set('q', q.trim())
  })
  const approve = async (w: Wish) => {
    try {
      await api(`/wishes/${w.id}/approve`, { method: 'POST', body: {} })
      await queryClient.invalidateQueries({ queryKey: ['wishes'] })
      void message.success(`${L.approve}：${w.title}`)
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        {!queue && (
          <Select allowClear aria-label={L.state} placeholder={L.allStates} style={{ width: 140 }} value={state} onChange={setState}
            options={Object.entries(stateWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        )}
        <Select allowClear aria-label={L.category} placeholder={L.allCategories} style={{ width: 140 }} value={category} onChange={setCategory}
          options={Object.entries(categoryWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <OrgSelect allowClear aria-label={L.scope} placeholder={L.scope} style={{ width: 240 }} value={orgId} onChange={setOrgId} />
        <Input.Search allowClear aria-label={L.search} placeholder={L.search} style={{ width: 220 }} onSearch={setQ} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Wish> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{queue ? L.noPending : L.noWishes}</EmptyText> }}
        onRow={(w) => ({ onClick: () => setOpenId(w.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.wish, key: 'title', render: (_, w) => (
            <Button type="link" style={{ ...linkStyle, padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={(e) => { e.stopPropagation(); setOpenId(w.id) }}>{w.title}</Button>
          ) },
          { title: L.wisher, key: 'wisher', width: 150, render: (_, w) => `${w.wisher.name}（${beneficiaryWords[w.beneficiary][lang]}）` },
          { title: L.community, key: 'community', width: 140, render: (_, w) => w.community.name },
          { title: L.category, key: 'category', width: 100, render: (_, w) => categoryWords[w.category][lang] },
          { title: L.value, dataIndex: 'valueYuan', width: 100, align: 'right' },
          { title: L.state, key: 'state', width: 90, render: (_, w) => <StatusTag tone={stateWords[w.state].tone}>{stateWords[w.state][lang]}</StatusTag> },
          { title: L.claimant, key: 'claimant', width: 160, render: (_, w) => w.claimantUnit?.name ?? w.claimant?.name ?? '—' },
          { title: L.postedAt, key: 'createdAt', width: 150, render: (_, w) => formatTime(w.createdAt) },
          ...(queue ? [{ title: '', key: 'actions', width: 150, render: (_: unknown, w: Wish) => (
            <Space onClick={(e) => e.stopPropagation()}>
              <Button type="primary" size="small" onClick={() => void approve(w)}>{L.approve}</Button>
              <Button size="small" danger onClick={() => setDecision({ wish: w, action: 'reject' })}>{L.reject}</Button>
            </Space>
          ) }] : []),
        ]} />
      <WishDrawer id={openId} onClose={() => setOpenId(null)} />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} />
    </div>
  )
}
