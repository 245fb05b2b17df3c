// One meeting (/meetings/:id): what, when, where (the room's booking state), quorum; the actions
// of its state (open, the check-in screen, close, cancel); then the agenda, the parties and people
// with attendance, the minutes with their approvals, and the decisions.
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Space, Typography } from 'antd'
import { QrcodeOutlined } from '@ant-design/icons'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, PageTheme, StatusTag } from '../../common.tsx'
import { bookingWords, kindWords, stateWords, useMeetingLabels } from './labels.ts'
import { useMeetingAction } from './actions.ts'
import { CheckInScreen } from './CheckInScreen.tsx'
import { MeetingPeople } from './MeetingPeople.tsx'
import { MeetingMinutes } from './MeetingMinutes.tsx'
import { placeOf } from './MeetingsPage.tsx'
import { MoveButton, PhotosCard, TopicPicker } from './MeetingExtras.tsx'

function AgendaCard({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const act = useMeetingAction(m.id)
  const [editing, setEditing] = useState(false)
  const [form] = Form.useForm<{ items: { text: string; topicId?: string }[] }>()
  const editable = m.can.manage && (m.state === 'planned' || m.state === 'open')
  return (
    <Card title={L.agenda} size="small" extra={editable && <Button size="small" onClick={() => { form.setFieldsValue({ items: m.agenda.map((a) => ({ text: a.text, topicId: a.topicId ?? undefined })) }); setEditing(true) }}>{L.editAgenda}</Button>}>
      {m.agenda.length === 0 ? <Typography.Text type="secondary">{L.noAgenda}</Typography.Text> : (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {m.agenda.map((a) => (
            <li key={a.id}>{a.text}{a.topicId && <Link to={`/deliberation?topic=${a.topicId}`} style={{ marginInlineStart: 8 }}>{L.topic}：{a.topicTitle ?? `#${a.topicId}`}</Link>}</li>
          ))}
        </ol>
      )}
      <Modal open={editing} title={L.editAgenda} onCancel={() => setEditing(false)} onOk={() => form.submit()} okText={L.ok} width={720} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={async (v) => {
          const items = (v.items ?? []).map((i) => ({ text: i.text, topicId: i.topicId || undefined }))
          if (await act('/agenda', { items }, 'PUT')) setEditing(false)
        }}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: L.agendaItem }]} style={{ width: 300 }}>
                      <Input placeholder={`${i + 1}. ${L.agendaItem}`} aria-label={`${L.agendaItem} ${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'topicId']} style={{ width: 280 }}>
                      <TopicPicker orgId={m.org.id} known={m.agenda.flatMap((a) => (a.topicId ? [{ id: a.topicId, title: a.topicTitle ?? `#${a.topicId}` }] : []))} aria-label={`${L.pickTopic} ${i + 1}`} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{L.remove}</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ text: '' })} block>{L.addItem}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  )
}

function StateActions({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const act = useMeetingAction(m.id)
  const [screen, setScreen] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  if (!m.can.manage) return null
  const live = m.state === 'planned' || m.state === 'open'
  return (
    <Space wrap>
      <MoveButton m={m} />
      {live && <Button icon={<QrcodeOutlined />} type="primary" onClick={() => setScreen(true)}>{L.checkInScreen}</Button>}
      {m.state === 'planned' && <Button onClick={() => void act('/open')}>{L.open}</Button>}
      {live && <Button onClick={() => void act('/close')}>{L.close}</Button>}
      {live && <Button danger onClick={() => setCancelling(true)}>{L.cancel}</Button>}
      <CheckInScreen meeting={m} open={screen} onClose={() => setScreen(false)} />
      <Modal open={cancelling} title={L.cancel} okText={L.ok} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }} onCancel={() => setCancelling(false)}
        onOk={async () => { if (await act('/cancel', { reason: reason.trim() })) setCancelling(false) }}>
        <Input.TextArea rows={3} aria-label={L.cancelReason} placeholder={L.cancelReason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
    </Space>
  )
}

export default function MeetingPage() {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const { id = '' } = useParams()
  const found = useQuery({
    queryKey: ['meetings', 'one', id],
    queryFn: () => api<Meeting>(`/meetings/${id}`),
    refetchInterval: (q) => (q.state.data?.state === 'open' || q.state.data?.state === 'planned' ? 10_000 : false),
  })
  const m = found.data
  if (found.error) return <Alert type="error" showIcon title={errorMessage(found.error)} role="alert" />
  if (!m) return null
  const q = m.quorum
  return (
    <PageTheme>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, marginBottom: 4 }}>
            {m.title} <StatusTag tone={stateWords[m.state].tone}>{stateWords[m.state][lang]}</StatusTag>
          </Typography.Title>
          <Typography.Text type="secondary">{kindWords[m.kind][lang]} · {m.org.name} · <Link to="/meetings">{L.back}</Link></Typography.Text>
        </div>
        <StateActions m={m} />
      </Flex>
      {m.cancelReason && <Alert type="warning" showIcon title={`${L.cancel}：${m.cancelReason}`} style={{ marginTop: 12 }} />}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }} items={[
        { key: 'time', label: L.time, children: `${formatTime(m.startsAt)} – ${formatTime(m.endsAt).slice(11)}` },
        { key: 'place', label: L.place, children: placeOf(m) },
        { key: 'booking', label: L.booking, children: m.booking ? `#${m.booking.id}（${bookingWords[m.booking.state]?.[lang] ?? m.booking.state}）` : '—' },
        { key: 'people', label: `${L.present} / ${L.invited}`, children: `${m.present} / ${m.invited}（${L.absent} ${m.absent}）` },
        { key: 'quorum', label: L.quorum, children: q.needed === 0 ? L.quorumNone : <StatusTag tone={q.reached ? 'success' : 'warning'}>{`${q.present}/${q.needed} ${q.reached ? L.quorumReached : L.quorumNotReached}`}</StatusTag> },
        { key: 'by', label: L.createdBy, children: m.createdBy.name },
        ...(m.description ? [{ key: 'desc', label: L.description, span: 3, children: m.description }] : []),
      ]} />
      <Flex vertical gap={16} style={{ marginTop: 16 }}>
        <AgendaCard m={m} />
        <MeetingPeople m={m} />
        <MeetingMinutes m={m} />
        <PhotosCard m={m} />
      </Flex>
    </PageTheme>
  )
}

