// The minutes in versions, newest first, each with its approvals (who approved, who objected and
// why) and the count against the majority of those present; the secretary or a cadre submits a
// new version; those present approve or object here too. Then the decisions, each may name a topic.
import { useState } from 'react'
import { Link } from 'react-router'
import { Button, Card, Flex, Form, Input, List, Modal, Space, Typography } from 'antd'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { EmptyText, formatTime, StatusTag } from '../../common.tsx'
import { useMeetingLabels } from './labels.ts'
import { useMeetingAction } from './actions.ts'

const minutesTone = { pending: 'warning', approved: 'success', superseded: 'muted' } as const
const minutesWords = { pending: { zh: '待确认', en: 'pending' }, approved: { zh: '已通过', en: 'approved' }, superseded: { zh: '已被新版本取代', en: 'superseded' } }

function MinutesEditor({ m, onDone }: { m: Meeting; onDone: () => void }) {
  const L = useMeetingLabels()
  const act = useMeetingAction(m.id)
  const [body, setBody] = useState(m.minutes[0]?.body ?? '')
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Input.TextArea aria-label={L.minutes} rows={10} value={body} onChange={(e) => setBody(e.target.value)} maxLength={50000} showCount />
      <Typography.Text type="secondary">{L.minutesHint}</Typography.Text>
      <Space><Button type="primary" disabled={body.trim().length < 10} onClick={async () => { if (await act('/minutes', { body: body.trim() })) onDone() }}>{L.newVersion}</Button></Space>
    </Flex>
  )
}

export function MeetingMinutes({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const act = useMeetingAction(m.id)
  const [editing, setEditing] = useState(false)
  const [objecting, setObjecting] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [decisionForm] = Form.useForm<{ text: string; topicId?: string }>()
  const drafting = m.can.draftMinutes && (m.state === 'open' || m.state === 'held')
  return (
    <>
      <Card title={L.minutes} size="small" extra={drafting && !editing && <Button size="small" type="primary" onClick={() => setEditing(true)}>{m.minutes.length ? L.newVersion : L.draft}</Button>}>
        {editing && <MinutesEditor m={m} onDone={() => setEditing(false)} />}
        {m.minutes.length === 0 && !editing && <Typography.Text type="secondary">{L.noMinutes}</Typography.Text>}
        {m.minutes.map((n) => (
          <Card key={n.version} type="inner" size="small" style={{ marginBottom: 12 }}
            title={<Space>{L.version.replace('{v}', String(n.version))}<StatusTag tone={minutesTone[n.state]}>{minutesWords[n.state].zh}</StatusTag></Space>}
            extra={<Typography.Text type="secondary">{n.draftedBy.name} · {formatTime(n.draftedAt)}</Typography.Text>}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
            <Typography.Text strong>{L.approvals.replace('{a}', String(n.approveCount)).replace('{n}', String(n.needed)).replace('{o}', String(n.objectCount))}</Typography.Text>
            {n.approvals.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {n.approvals.map((a) => <li key={a.person.id}>{a.person.name}：{a.verdict === 'approve' ? L.approve : `${L.object}（${a.note}）`}</li>)}
              </ul>
            )}
            {n.state === 'pending' && m.can.approveMinutes && (
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" onClick={() => void act(`/minutes/${n.version}/approval`, { verdict: 'approve' })}>{L.approve}</Button>
                <Button onClick={() => { setNote(''); setObjecting(n.version) }}>{L.object}</Button>
              </Space>
            )}
          </Card>
        ))}
      </Card>
      <Card title={L.decisions} size="small">
        {drafting && (
          <Form form={decisionForm} layout="inline" style={{ rowGap: 8, marginBottom: 12 }} onFinish={async (v) => {
            if (await act('/decisions', { text: v.text, topicId: v.topicId?.trim() || undefined })) decisionForm.resetFields()
          }}>
            <Form.Item name="text" rules={[{ required: true, min: 2, message: L.decisionText }]}><Input placeholder={L.decisionText} aria-label={L.decisionText} style={{ width: 380 }} /></Form.Item>
            <Form.Item name="topicId"><Input placeholder={L.topicId} aria-label={L.topicId} style={{ width: 180 }} /></Form.Item>
            <Button type="primary" htmlType="submit">{L.addDecision}</Button>
          </Form>
        )}
        <List size="small" dataSource={m.decisions} locale={{ emptyText: <EmptyText>{L.noDecisions}</EmptyText> }} renderItem={(d) => (
          <List.Item actions={drafting ? [<Button key="del" size="small" danger onClick={() => void act(`/decisions/${d.id}`, undefined, 'DELETE')}>{L.remove}</Button>] : []}>
            {d.position}. {d.text}{d.topicId && <Link to={`/deliberation?topic=${d.topicId}`} style={{ marginInlineStart: 8 }}>{L.topic} #{d.topicId}</Link>}
          </List.Item>
        )} />
      </Card>
      <Modal open={objecting !== null} title={L.object} okText={L.ok} okButtonProps={{ disabled: note.trim().length < 2 }} onCancel={() => setObjecting(null)}
        onOk={async () => { if (objecting !== null && await act(`/minutes/${objecting}/approval`, { verdict: 'object', note: note.trim() })) setObjecting(null) }}>
        <Input.TextArea rows={3} aria-label={L.objectionNote} placeholder={L.objectionNote} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </Modal>
    </>
  )
}
