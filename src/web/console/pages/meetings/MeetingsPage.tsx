// 会议: the meetings of the caller's area as a month calendar (a day cell lists its meetings with
// their state) or a filtered list; a meeting opens its own page. Cadres start a new meeting here.
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Flex, Select, Space, Table, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { MeetingSummary } from '@server/modules/meetings/meetings.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, PageTheme, StatusTag } from '../../common.tsx'
import { useLevel } from '../../auth.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { kindWords, stateWords, useMeetingLabels } from './labels.ts'
import { CreateMeetingModal } from './CreateMeetingModal.tsx'
import { MeetingCalendar, useCalendarMonth } from '../../components/MeetingCalendar.tsx'

const tabs = ['calendar', 'list'] as const
type Tab = (typeof tabs)[number]

export const placeOf = (m: MeetingSummary) => (m.room ? `${m.room.venue.name}·${m.room.name}` : (m.place ?? '—'))

function MonthCalendar({ orgId }: { orgId?: string }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const { month, setMonth, key } = useCalendarMonth()
  const found = useQuery({
    queryKey: ['meetings', 'month', key, orgId],
    queryFn: () => api<Page<MeetingSummary>>(`/meetings?month=${key}&limit=200${orgId ? `&orgId=${orgId}` : ''}`),
  })
  const meetings = (found.data?.items ?? []).map((m) => ({ id: m.id, startsAt: m.startsAt, state: m.state, label: `${kindWords[m.kind][lang]}·${m.title}` }))
  return (
    <MeetingCalendar month={month} onMonth={setMonth} meetings={meetings} error={found.error}
      footer={<Typography.Text type="secondary">{L.title}：{found.data?.items.length ?? 0}</Typography.Text>} />
  )
}

function MeetingTable({ orgId }: { orgId?: string }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const [kind, setKind] = useState<string | undefined>()
  const [state, setState] = useState<string | undefined>()
  const list = useCursorPages<MeetingSummary>(['meetings', 'list', orgId, kind, state], '/meetings', (s) => {
    if (orgId) s.set('orgId', orgId)
    if (kind) s.set('kind', kind)
    if (state) s.set('state', state)
  })
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear aria-label={L.kind} placeholder={L.allKinds} style={{ width: 140 }} value={kind} onChange={setKind}
          options={Object.entries(kindWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <Select allowClear aria-label={L.state} placeholder={L.allStates} style={{ width: 140 }} value={state} onChange={setState}
          options={Object.entries(stateWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<MeetingSummary> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noMeetings}</EmptyText> }}
        onRow={(m) => ({ onClick: () => navigate(`/meetings/${m.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: L.meeting, key: 'title', render: (_, m) => <Button type="link" style={{ ...linkStyle, padding: 0 }} onClick={(e) => { e.stopPropagation(); navigate(`/meetings/${m.id}`) }}>{m.title}</Button> },
          { title: L.kind, key: 'kind', width: 100, render: (_, m) => kindWords[m.kind][lang] },
          { title: L.org, key: 'org', width: 140, render: (_, m) => m.org.name },
          { title: L.time, key: 'time', width: 160, render: (_, m) => formatTime(m.startsAt) },
          { title: L.place, key: 'place', width: 200, render: (_, m) => placeOf(m) },
          { title: `${L.present}/${L.invited}`, key: 'people', width: 100, render: (_, m) => `${m.present}/${m.invited}` },
          { title: L.state, key: 'state', width: 110, render: (_, m) => <StatusTag tone={stateWords[m.state].tone}>{stateWords[m.state][lang]}</StatusTag> },
        ]} />
    </>
  )
}

export default function MeetingsPage() {
  const L = useMeetingLabels()
  const level = useLevel()
  const [params, setParams] = useSearchParams()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [creating, setCreating] = useState(false)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'calendar'
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Space wrap>
          <OrgSelect allowClear aria-label={L.scope} placeholder={L.scope} style={{ width: 240 }} value={orgId} onChange={setOrgId} />
          {level >= roleLevels.community_cadre! && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.create}</Button>}
        </Space>
      </Flex>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'calendar' ? {} : { tab: k }, { replace: true })} destroyOnHidden
        items={[
          { key: 'calendar', label: L.tabCalendar, children: <MonthCalendar orgId={orgId} /> },
          { key: 'list', label: L.tabList, children: <MeetingTable orgId={orgId} /> },
        ]} />
      <CreateMeetingModal open={creating} onClose={() => setCreating(false)} />
    </PageTheme>
  )
}
