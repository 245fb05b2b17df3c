// 党员: a Party organisation's members by relation (直管 / 参管 / 协管) and post; cadres add and
// remove them; a member's record (meetings with reasons for absence, study hours) in a drawer.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Drawer, Form, Popconfirm, Select, Space, Statistic, Table, Typography } from 'antd'
import type { z } from 'zod'
import type { memberSchema, recordSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds } from '@server/modules/meetings/meetings.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, formatTime, linkStyle, PersonSelect, StatusTag } from '../../common.tsx'
import { partyPostWords, partyRelationWords, usePartyLifeLabels } from './labels.ts'

type Member = z.infer<typeof memberSchema>
type Record_ = z.infer<typeof recordSchema>

function RecordDrawer({ partyOrgId, person, year, onClose }: { partyOrgId: string; person: { id: string; name: string }; year: number; onClose: () => void }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const found = useQuery({ queryKey: ['party-life', 'record', partyOrgId, person.id, year], queryFn: () => api<Record_>(`/party-orgs/${partyOrgId}/members/${person.id}/record?year=${year}`) })
  const r = found.data
  return (
    <Drawer open title={`${person.name} · ${L.record} · ${year}`} onClose={onClose} size={760}>
      {found.error && <Alert type="error" showIcon title={errorMessage(found.error)} role="alert" />}
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space size={32}><Statistic title={L.attended} value={r.attended} /><Statistic title={L.absent} value={r.absent} /><Statistic title={L.studyHours} value={r.studyHours} precision={1} /></Space>
          <Table rowKey="id" size="small" pagination={false} dataSource={r.meetings}
            columns={[
              { title: L.time, key: 't', width: 150, render: (_, m) => formatTime(m.startsAt) },
              { title: L.kind, key: 'k', width: 100, render: (_, m) => meetingKinds[m.kind][lang] },
              { title: L.meetingTitle, key: 'title', render: (_, m) => <a href={`/meetings/${m.id}`} style={linkStyle}>{m.title}</a> },
              { title: L.attended, key: 'p', width: 150, render: (_, m) => (m.present === true ? <StatusTag tone="success">{L.present}</StatusTag> : m.present === false ? <StatusTag tone="danger">{L.absent}{m.absenceReason ? `：${m.absenceReason}` : ''}</StatusTag> : '—') },
            ]} />
          <Table rowKey="sessionId" size="small" pagination={false} dataSource={r.study}
            columns={[
              { title: L.courses, key: 'c', render: (_, s) => `${s.course} · ${s.title}` },
              { title: L.hours, key: 'h', width: 160, render: (_, s) => (s.present ? s.hours : <StatusTag tone="muted">{L.absent}{s.absenceReason ? `：${s.absenceReason}` : ''}</StatusTag>) },
            ]} />
        </Space>
      )}
    </Drawer>
  )
}

export function MembersTab({ partyOrgId, year, canManage }: { partyOrgId: string; year: number; canManage: boolean }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ personId: string; relation: string; post: string }>()
  const [viewing, setViewing] = useState<{ id: string; name: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const found = useQuery({ queryKey: ['party-life', 'members', partyOrgId], queryFn: () => api<Member[]>(`/party-orgs/${partyOrgId}/members`) })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['party-life'] })
  const add = async (v: { personId: string; relation: string; post: string }) => {
    setError(null)
    try {
      await api(`/party-orgs/${partyOrgId}/members`, { method: 'POST', body: v })
      form.resetFields(['personId'])
      await refresh()
    } catch (err) { setError(errorMessage(err)) }
  }
  const remove = async (personId: string) => {
    try {
      await api(`/party-orgs/${partyOrgId}/members/${personId}`, { method: 'DELETE' })
      await refresh()
    } catch (err) { void message.error(errorMessage(err)) }
  }
  return (
    <>
      {canManage && (
        <Form form={form} layout="inline" style={{ marginBottom: 16 }} initialValues={{ relation: 'direct', post: 'member' }} onFinish={(v) => void add(v)}>
          <Form.Item name="personId" rules={[{ required: true, message: L.person }]}><PersonSelect placeholder={L.person} style={{ width: 260 }} aria-label={L.person} /></Form.Item>
          <Form.Item name="relation"><Select aria-label={L.relation} style={{ width: 110 }} options={Object.entries(partyRelationWords).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
          <Form.Item name="post"><Select aria-label={L.post} style={{ width: 120 }} options={Object.entries(partyPostWords).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
          <Button type="primary" htmlType="submit">{L.addMember}</Button>
        </Form>
      )}
      {(error || found.error) && <Alert type="error" showIcon title={error ?? errorMessage(found.error)} role="alert" style={{ marginBottom: 12 }} />}
      <Table rowKey={(m) => m.person.id} size="middle" dataSource={found.data ?? []} loading={found.isFetching} pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: found.isPending ? ' ' : <EmptyText>—</EmptyText> }}
        columns={[
          { title: L.person, key: 'name', render: (_, m) => <Button type="link" style={{ ...linkStyle, padding: 0 }} onClick={() => setViewing(m.person)}>{m.person.name}</Button> },
          { title: L.relation, key: 'rel', width: 100, render: (_, m) => <StatusTag tone={m.relation === 'direct' ? 'info' : 'muted'}>{partyRelationWords[m.relation][lang]}</StatusTag> },
          { title: L.post, key: 'post', width: 110, render: (_, m) => partyPostWords[m.post][lang] },
          { title: L.joinedOn, dataIndex: 'joinedOn', width: 120 },
          ...(canManage ? [{ title: '', key: 'x', width: 80, render: (_: unknown, m: Member) => (
            <Popconfirm title={L.removeConfirm} onConfirm={() => void remove(m.person.id)}><Button size="small" danger type="link">{L.remove}</Button></Popconfirm>
          ) }] : []),
        ]} />
      <Typography.Text type="secondary">{L.direct} {found.data?.filter((m) => m.relation === 'direct').length ?? 0} · {L.participating} {found.data?.filter((m) => m.relation === 'participating').length ?? 0} · {L.assisting} {found.data?.filter((m) => m.relation === 'assisting').length ?? 0}</Typography.Text>
      {viewing && <RecordDrawer partyOrgId={partyOrgId} person={viewing} year={year} onClose={() => setViewing(null)} />}
    </>
  )
}
