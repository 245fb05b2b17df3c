// One errand at its desk: what is asked and by whom, the actions open to the caller, the checklist
// of documents (received or not), the steps (owner, deadline, done; add, move up, complete) and the
// timeline. Every change answers the errand as it is afterwards.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Checkbox, DatePicker, Descriptions, Drawer, Flex, Form, Input, Modal, Rate, Space, Table, Tag, Timeline, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { ErrandAction, ErrandDetail, ErrandStep } from '@server/modules/errands/errands.schemas.ts'
import { errandActionWords, errandEventWords, errandLevelWords, errandMatterWords, errandStateWords } from '@server/modules/errands/errands.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, OrgSelect, PersonSelect, StatusTag } from '../../common.tsx'
import { stateTone, useErrandLabels } from './labels.ts'

type Ask = { action: ErrandAction; field: 'reason' | 'note' | 'result' | null; required: boolean; org?: boolean }
const ASKS: Partial<Record<ErrandAction, Ask>> = {
  accept: { action: 'accept', field: 'note', required: false },
  reject: { action: 'reject', field: 'reason', required: true },
  start: { action: 'start', field: 'note', required: false },
  handoff: { action: 'handoff', field: 'note', required: true, org: true },
  done: { action: 'done', field: 'result', required: true },
}

export function ErrandDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const L = useErrandLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const key = ['errands', 'one', id]
  const q = useQuery({ queryKey: key, queryFn: () => api<ErrandDetail>(`/errands/${id}`) })
  const [ask, setAsk] = useState<Ask | null>(null)
  const [stepForm] = Form.useForm()
  const e = q.data

  const send = async (path: string, method: string, body: unknown, done?: () => void) => {
    try {
      const after = await api<ErrandDetail>(`/errands/${id}${path}`, { method, body })
      queryClient.setQueryData(key, after)
      await queryClient.invalidateQueries({ queryKey: ['errands', 'list'] })
      done?.()
      return true
    } catch (err) {
      void message.error(errorMessage(err))
      return false
    }
  }

  const stepColumns = [
    { title: L.stepTitle, key: 'title', render: (_: unknown, s: ErrandStep) => <span>{s.position}. {s.title}{s.note && <><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.note}</Typography.Text></>}</span> },
    { title: L.stepOwner, key: 'owner', width: 90, render: (_: unknown, s: ErrandStep) => s.owner?.name ?? L.none },
    { title: L.stepDue, key: 'due', width: 130, render: (_: unknown, s: ErrandStep) => s.dueAt ? <span style={{ color: s.overdue ? '#a8071a' : undefined }}>{dayjs(s.dueAt).format('MM-DD HH:mm')}{s.overdue && ' ⚠'}</span> : L.none },
    { title: L.stepDone, key: 'done', width: 150, render: (_: unknown, s: ErrandStep) => s.doneAt
      ? <StatusTag tone="success">{dayjs(s.doneAt).format('MM-DD HH:mm')} {s.doneBy?.name}</StatusTag>
      : e?.deskView && (e.state === 'accepted' || e.state === 'in_progress') && (
        <Space size={4}>
          {s.position > 1 && <Button size="small" onClick={() => void send(`/steps/${s.id}`, 'PATCH', { position: s.position - 1 })}>{L.moveUp}</Button>}
          <Button size="small" type="primary" onClick={() => {
            let note = ''
            Modal.confirm({ title: `${L.completeStep}：${s.title}`, content: <Input.TextArea aria-label={L.stepNote} placeholder={L.stepNote} onChange={(x) => { note = x.target.value }} />,
              onOk: () => send(`/steps/${s.id}/done`, 'POST', note.trim() ? { note: note.trim() } : {}) })
          }}>{L.completeStep}</Button>
        </Space>
      ) },
  ]

  return (
    <Drawer title={e ? e.title : ''} open onClose={onClose} size="large" destroyOnHidden
      extra={e && <Space wrap>{e.actions.filter((a) => ASKS[a]).map((a) => (
        <Button key={a} type={a === 'accept' || a === 'done' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => setAsk(ASKS[a]!)}>{L[a as 'accept']}</Button>
      ))}</Space>}>
      {e && (
        <Flex vertical gap={20}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 's', label: L.state, children: <StatusTag tone={stateTone[e.state]}>{errandStateWords[e.state][lang]}</StatusTag> },
            { key: 'd', label: L.desk, children: <span><Tag>{errandLevelWords[e.level][lang]}</Tag>{e.org.name}</span> },
            { key: 'm', label: L.matter, children: errandMatterWords[e.matter][lang] },
            { key: 'r', label: L.requester, children: e.unit ? `${e.unit.name}（${e.requester.name}）` : e.requester.name },
            { key: 'o', label: L.owner, children: e.owner?.name ?? L.none },
            { key: 'due', label: L.dueOn, children: e.dueOn ?? L.none },
            { key: 'c', label: L.createdBy, children: `${e.createdBy?.name ?? L.none} · ${dayjs(e.createdAt).format('YYYY-MM-DD HH:mm')}` },
            ...(e.rating ? [{ key: 'rt', label: L.rating, children: <span><Rate disabled value={e.rating} style={{ fontSize: 14 }} /> {e.feedback}</span> }] : []),
            ...(e.description ? [{ key: 'desc', label: L.description, span: 2, children: e.description }] : []),
            ...(e.result || e.reason ? [{ key: 'res', label: L.result_, span: 2, children: e.result ?? e.reason }] : []),
          ]} />

          <section aria-label={L.checklist}>
            <Typography.Title level={5}>{L.checklist}</Typography.Title>
            <Flex vertical gap={6}>
              {e.checklist.map((item, i) => (
                <Checkbox key={item.name} checked={item.received} disabled={!e.deskView || !['submitted', 'accepted', 'in_progress'].includes(e.state)}
                  onChange={(x) => void send('/checklist', 'PUT', { items: e.checklist.map((c, k) => ({ name: c.name, required: c.required, received: k === i ? x.target.checked : c.received, fileIds: c.fileIds })) })}>
                  {item.name} <Tag>{item.required ? L.required : L.optional}</Tag>
                  {item.files.map((f) => <a key={f.id} href={f.url} target="_blank" rel="noreferrer"><img src={f.thumbUrl} alt={item.name} style={{ height: 28, marginLeft: 4 }} /></a>)}
                </Checkbox>
              ))}
            </Flex>
          </section>

          <section aria-label={L.steps}>
            <Typography.Title level={5}>{L.steps}</Typography.Title>
            <Table<ErrandStep> rowKey="id" size="small" pagination={false} columns={stepColumns} dataSource={e.steps} locale={{ emptyText: L.none }} />
            {e.deskView && (e.state === 'accepted' || e.state === 'in_progress') && (
              <Form form={stepForm} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v: { title: string; ownerId?: string; dueAt?: Dayjs }) =>
                void send('/steps', 'POST', { title: v.title, ownerId: v.ownerId, dueAt: v.dueAt?.format() }, () => stepForm.resetFields())}>
                <Form.Item name="title" rules={[{ required: true, message: L.stepTitle }]}><Input aria-label={L.stepTitle} placeholder={L.stepTitle} style={{ width: 180 }} /></Form.Item>
                <Form.Item name="ownerId"><PersonSelect aria-label={L.stepOwner} placeholder={L.stepOwner} allowClear style={{ width: 200 }} /></Form.Item>
                <Form.Item name="dueAt"><DatePicker aria-label={L.stepDue} placeholder={L.stepDue} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
                <Button htmlType="submit">{L.addStep}</Button>
              </Form>
            )}
          </section>

          <section aria-label={L.timeline}>
            <Typography.Title level={5}>{L.timeline}</Typography.Title>
            <Timeline items={e.timeline.map((ev) => ({
              color: ev.action === 'step_overdue' || ev.action === 'reject' ? 'red' : ev.action === 'done' || ev.action === 'step_done' ? 'green' : 'blue',
              children: (
                <div>
                  <strong>{errandEventWords[ev.action]?.[lang] ?? ev.action}</strong>
                  {ev.action === 'handoff' && ` → ${(ev.data.to as { name: string }).name}`}
                  {ev.action === 'rate' && ` ${ev.data.rating} ★`}
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{dayjs(ev.at).format('YYYY-MM-DD HH:mm')} {ev.actor?.name ?? '系统'}</Typography.Text>
                  {ev.note && <div style={{ color: '#434343' }}>{ev.note}</div>}
                </div>
              ),
            }))} />
          </section>
        </Flex>
      )}
      {ask && e && <ActionModal ask={ask} title={`${errandActionWords[ask.action][lang]}：${e.title}`} onCancel={() => setAsk(null)}
        onOk={async (body) => { if (await send(`/${ask.action}`, 'POST', body)) setAsk(null) }} />}
    </Drawer>
  )
}

function ActionModal({ ask, title, onCancel, onOk }: { ask: Ask; title: string; onCancel: () => void; onOk: (body: Record<string, unknown>) => Promise<void> }) {
  const L = useErrandLabels()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const label = ask.field === 'reason' ? L.reason : ask.field === 'result' ? L.result : L.note
  return (
    <Modal open title={title} onCancel={onCancel} confirmLoading={busy} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={async (v: Record<string, string | undefined>) => {
        setBusy(true)
        const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''))
        await onOk(body).finally(() => setBusy(false))
      }}>
        {ask.org && <Form.Item name="orgId" label={L.handoffTo}><OrgSelect allowClear /></Form.Item>}
        {ask.action === 'accept' && <Form.Item name="ownerId" label={L.owner}><PersonSelect allowClear /></Form.Item>}
        {ask.field && <Form.Item name={ask.field} label={label} rules={[{ required: ask.required, message: label }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>}
      </Form>
    </Modal>
  )
}
