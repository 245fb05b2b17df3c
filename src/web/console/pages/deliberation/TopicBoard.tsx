// The topics board (GET /topics/board): one column per stage of 协商六议 (and of other templates in
// use), then the closing states; each card shows support, stage deadline and source. The table
// (GET /topics) lists every topic with filters.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Badge, Card, Flex, Input, Progress, Select, Space, Spin, Table, Typography } from 'antd'
import type { TopicState, TopicSummary } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, StatusTag } from '../../common.tsx'
import { sourceWords, topicStateWords, useDelibLabels } from './labels.ts'

interface Board { columns: { key: string; name: string; count: number; items: TopicSummary[] }[] }

export function TopicBoard({ onOpen }: { onOpen: (id: string) => void }) {
  const L = useDelibLabels()
  const [orgId, setOrgId] = useState<string | undefined>()
  const board = useQuery({ queryKey: ['topics', 'board', orgId], queryFn: () => api<Board>(`/topics/board${orgId ? `?orgId=${orgId}` : ''}`) })
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <OrgSelect value={orgId} onChange={setOrgId} allowClear placeholder={L.scope} style={{ width: 260 }} aria-label={L.scope} />
      </Space>
      {board.error && <Alert type="error" showIcon title={errorMessage(board.error)} role="alert" />}
      {board.isPending && <Spin />}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
        {board.data?.columns.map((c) => (
          <section key={c.key} aria-label={c.name} style={{ flex: '0 0 236px', background: '#f5f5f5', borderRadius: 8, padding: 8 }}>
            <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
              <Typography.Text strong>{c.name}</Typography.Text>
              <Badge count={c.count} showZero color={c.count ? '#1677ff' : '#8c8c8c'} overflowCount={9999} />
            </Flex>
            <Flex vertical gap={8}>
              {c.items.map((t) => <TopicCard key={t.id} t={t} onOpen={onOpen} />)}
              {c.count > c.items.length && <Typography.Text style={{ color: '#595959', fontSize: 12, textAlign: 'center' }}>…{c.count - c.items.length}</Typography.Text>}
            </Flex>
          </section>
        ))}
      </div>
    </>
  )
}

function TopicCard({ t, onOpen }: { t: TopicSummary; onOpen: (id: string) => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  return (
    <Card size="small" hoverable onClick={() => onOpen(t.id)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen(t.id)} styles={{ body: { padding: 10 } }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>{t.title}</Typography.Text>
      <Typography.Text style={{ color: '#595959', fontSize: 12 }}>{t.org.name}{t.source ? ` · ${sourceWords[t.source.kind]![lang]}` : ''}</Typography.Text>
      {t.state === 'proposed' && (
        <Progress percent={Math.min(100, Math.round((100 * t.supportCount) / t.supportNeeded))} size="small" format={() => `${t.supportCount}/${t.supportNeeded}`} aria-label={L.support} />
      )}
      <Flex justify="space-between" style={{ marginTop: 4 }}>
        {t.overdue ? <StatusTag tone="danger">{L.overdue}</StatusTag> : t.stageDueAt ? <span style={{ fontSize: 12, color: '#595959' }}>{L.due} {t.stageDueAt.slice(0, 10)}</span> : <span />}
        {!['proposed', 'deliberating'].includes(t.state) && <StatusTag tone={topicStateWords[t.state].tone}>{topicStateWords[t.state][lang]}</StatusTag>}
      </Flex>
    </Card>
  )
}

export function TopicTable({ onOpen }: { onOpen: (id: string) => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const [state, setState] = useState<TopicState | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [q, setQ] = useState('')
  const list = useCursorPages<TopicSummary>(['topics', 'list', state, orgId, q], '/topics', (s) => {
    if (state) s.set('state', state)
    if (orgId) s.set('orgId', orgId)
    if (q.trim()) s.set('q', q.trim())
  })
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={L.search} onSearch={setQ} style={{ width: 240 }} aria-label={L.search} />
        <Select allowClear placeholder={L.allStates} value={state} onChange={setState} style={{ width: 140 }} aria-label={L.state}
          options={Object.entries(topicStateWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <OrgSelect value={orgId} onChange={setOrgId} allowClear placeholder={L.scope} style={{ width: 240 }} aria-label={L.scope} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Table<TopicSummary> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.items} pagination={list.pagination}
        locale={{ emptyText: <EmptyText>{L.noTopics}</EmptyText> }}
        columns={[
          { title: L.topic, key: 'title', render: (_, t) => <a style={linkStyle} onClick={() => onOpen(t.id)}>{t.title}</a> },
          { title: L.community, key: 'org', render: (_, t) => t.org.name, width: 160 },
          { title: L.stage, key: 'stage', render: (_, t) => `${t.stageIndex + 1}/${t.stageCount} ${t.stageName}`, width: 170 },
          { title: L.state, key: 'state', width: 110, render: (_, t) => <StatusTag tone={topicStateWords[t.state].tone}>{topicStateWords[t.state][lang]}</StatusTag> },
          { title: L.support, key: 'support', width: 100, render: (_, t) => `${t.supportCount}/${t.supportNeeded}` },
          { title: L.createdAt, key: 'at', width: 170, render: (_, t) => formatTime(t.createdAt) },
        ]} />
    </>
  )
}
