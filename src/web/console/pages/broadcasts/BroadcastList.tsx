// The notices in the caller's area (GET /broadcasts): title, audience, channels, state, and how
// many of the recipients have opened and acknowledged it, as progress bars.
import { useState } from 'react'
import { Alert, Button, Input, Progress, Select, Space, Table } from 'antd'
import type { Broadcast } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, StatusTag } from '../../common.tsx'
import { channelWords, duration, stateWords, useBroadcastLabels } from './labels.ts'

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0)

export function BroadcastList({ onOpen }: { onOpen: (id: string) => void }) {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const [state, setState] = useState<Broadcast['state'] | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [q, setQ] = useState('')
  const list = useCursorPages<Broadcast>(['broadcasts', 'list', state, orgId, q], '/broadcasts', (s) => {
    if (state) s.set('state', state)
    if (orgId) s.set('orgId', orgId)
    if (q.trim()) s.set('q', q.trim())
  })
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear aria-label={L.state} placeholder={L.allStates} style={{ width: 140 }} value={state} onChange={setState}
          options={Object.entries(stateWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <OrgSelect allowClear aria-label={L.scope} placeholder={L.scope} style={{ width: 240 }} value={orgId} onChange={setOrgId} />
        <Input.Search allowClear aria-label={L.search} placeholder={L.search} style={{ width: 220 }} onSearch={setQ} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Broadcast> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.none}</EmptyText> }}
        onRow={(b) => ({ onClick: () => onOpen(b.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.notice, key: 'title', render: (_, b) => (
            <Button type="link" style={{ ...linkStyle, padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={(e) => { e.stopPropagation(); onOpen(b.id) }}>{b.title}</Button>
          ) },
          { title: L.audience, key: 'audience', width: 200, render: (_, b) => b.audienceLabel },
          { title: L.channels, key: 'channels', width: 150, render: (_, b) => b.channels.map((c) => channelWords[c][lang]).join('、') },
          { title: L.state, key: 'state', width: 90, render: (_, b) => <StatusTag tone={stateWords[b.state].tone}>{stateWords[b.state][lang]}</StatusTag> },
          { title: L.recipients, key: 'recipients', width: 90, align: 'right', render: (_, b) => b.counts.recipients },
          { title: L.opened, key: 'opened', width: 130, render: (_, b) => b.state === 'draft' ? '—' : <Progress size="small" percent={share(b.counts.opened, b.counts.recipients)} aria-label={`${L.opened} ${b.counts.opened}`} /> },
          { title: L.acknowledged, key: 'acked', width: 130, render: (_, b) => b.ackRequired && b.state !== 'draft'
            ? <Progress size="small" percent={share(b.counts.acknowledged, b.counts.recipients)} status="normal" strokeColor="#389e0d" aria-label={`${L.acknowledged} ${b.counts.acknowledged}`} />
            : '—' },
          { title: L.to80, key: 'to80', width: 110, align: 'right', render: (_, b) => duration(b.minutesTo80, lang) },
          { title: L.sentAt, key: 'sentAt', width: 150, render: (_, b) => formatTime(b.sentAt ?? b.createdAt) },
        ]} />
    </div>
  )
}
