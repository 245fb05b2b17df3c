// One secretary's project or responsibility-list item: its facts, the milestones as a timeline with
// completion and evidence, progress, 督查 comments, closing, and the item's own timeline of events.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Space, Spin, Timeline, Typography } from 'antd'
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons'
import type { UploadFile } from 'antd'
import type { Dayjs } from 'dayjs'
import type { SecretaryProjectDetail } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { PhotoUpload } from '../cases/CaseActions.tsx'
import { Photos } from '../cases/parts.tsx'
import { stateWords, useProjectLabels } from './labels.ts'
import { ProjectForm } from './ProjectForm.tsx'

type ActionDialog = { kind: 'complete'; milestoneId: string; title: string } | { kind: 'milestone' | 'progress' | 'comment' | 'close' }
type Dialog = ActionDialog | { kind: 'edit' }

export function ProjectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useProjectLabels()
  const { lang } = useI18n()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const one = useQuery({ queryKey: ['secretary-projects', 'one', id], queryFn: () => api<SecretaryProjectDetail>(`/secretary-projects/${id}`), enabled: !!id })
  const p = one.data
  const src = p?.source
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={p ? p.title : L.item}
      extra={p && (
        <Space wrap>
          {p.canManage && <Button onClick={() => setDialog({ kind: 'edit' })}>{L.edit}</Button>}
          {p.canManage && <Button onClick={() => setDialog({ kind: 'milestone' })}>{L.addMilestone}</Button>}
          {p.canReport && <Button onClick={() => setDialog({ kind: 'progress' })}>{L.setProgress}</Button>}
          {p.canComment && <Button onClick={() => setDialog({ kind: 'comment' })}>{L.comment}</Button>}
          {p.canManage && <Button type="primary" disabled={p.milestonesDone < p.milestonesTotal} onClick={() => setDialog({ kind: 'close' })}>{L.close}</Button>}
        </Space>
      )}>
      {one.error && <Alert type="error" showIcon title={errorMessage(one.error)} role="alert" />}
      {one.isPending && !!id && <Spin />}
      {p && (
        <>
          <Descriptions column={2} size="small" bordered styles={{ label: { width: 96, whiteSpace: "nowrap" } }} items={[
            { key: 'kind', label: L.kind, children: L.kinds[p.kind] },
            { key: 'state', label: L.state, children: <StatusTag tone={stateWords[p.state]!.tone}>{stateWords[p.state]![lang]}</StatusTag> },
            { key: 'org', label: L.org, children: p.org.name },
            { key: 'years', label: L.years, children: L.yearsOf(p.yearFrom, p.yearTo) },
            { key: 'owner', label: L.owner, children: p.owner.name },
            { key: 'unit', label: p.unit ? L.unit : L.department, children: p.unit?.name ?? p.department ?? '—' },
            { key: 'progress', label: L.progress, span: 2, children: <Space style={{ width: '100%' }}><Progress aria-label={`${L.progress} ${p.progress}%`} percent={p.progress} status={p.state === 'overdue' ? 'exception' : p.state === 'done' ? 'success' : 'active'} style={{ width: 260, margin: 0 }} />{p.progressManual && <Typography.Text type="secondary">{L.progressManual}</Typography.Text>}</Space> },
            ...(src ? [{ key: 'source', label: L.source, span: 2, children: src.kind === 'hotspot' ? L.sourceHotspot(src.categoryName ?? src.category ?? '', src.caseIds.length + src.orderIds.length, src.street?.name ?? null) : src.kind === 'case' ? L.sourceCase(src.caseId ?? '') : L.sourceTopic(src.topic?.name ?? '') }] : []),
            { key: 'description', label: L.description, span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description ?? '—'}</span> },
            ...(p.closeNote ? [{ key: 'close', label: L.closeNote, span: 2, children: `${p.closeNote}（${formatTime(p.closedAt)}）` }] : []),
          ]} />
          <Card size="small" title={`${L.milestones}（${L.milestonesOf(p.milestonesDone, p.milestonesTotal)}）`} style={{ marginTop: 16 }}>
            <Timeline items={p.milestones.map((m) => ({
              key: m.id,
              color: m.done ? 'green' : m.overdue ? 'red' : 'blue',
              icon: m.done ? <CheckCircleFilled /> : m.overdue ? <ExclamationCircleFilled /> : <ClockCircleOutlined />,
              content: (
                <div>
                  <Space wrap>
                    <Typography.Text strong>{m.title}</Typography.Text>
                    <Typography.Text type="secondary">{L.dueOn} {m.dueOn}</Typography.Text>
                    {m.overdue && <StatusTag tone="danger">{L.overdueTag}</StatusTag>}
                    {!m.done && p.canReport && <Button size="small" type="primary" ghost onClick={() => setDialog({ kind: 'complete', milestoneId: m.id, title: m.title })}>{L.complete}</Button>}
                  </Space>
                  {m.done && (
                    <div style={{ marginTop: 4 }}>
                      <Typography.Text type="secondary">{L.doneBy(m.doneBy?.name ?? '', formatTime(m.doneAt))}</Typography.Text>
                      {m.evidenceNote && <Typography.Paragraph style={{ margin: '4px 0' }}>{m.evidenceNote}</Typography.Paragraph>}
                      <Photos photos={m.photos} size={72} />
                    </div>
                  )}
                </div>
              ),
            }))} />
          </Card>
          <Card size="small" title={L.timeline} style={{ marginTop: 16 }}>
            <Timeline items={[...p.events].reverse().map((e) => ({
              key: e.id,
              color: e.action === 'comment' ? 'orange' : e.action === 'overdue' ? 'red' : e.action === 'closed' ? 'green' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{L.actions[e.action] ?? e.action}</Typography.Text>
                  <Typography.Text type="secondary"> · {e.actor?.name ?? L.system} · {formatTime(e.at)}</Typography.Text>
                  {e.toState && e.fromState && e.toState !== e.fromState && <> <StatusTag tone={stateWords[e.toState]?.tone ?? 'muted'}>{stateWords[e.toState]?.[lang] ?? e.toState}</StatusTag></>}
                  {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                </div>
              ),
            }))} />
          </Card>
        </>
      )}
      {p && dialog?.kind === 'edit' && <ProjectForm project={p} onClose={() => setDialog(null)} />}
      {p && dialog && dialog.kind !== 'edit' && <ActionModal p={p} dialog={dialog} onClose={() => setDialog(null)} />}
    </Drawer>
  )
}

function ActionModal({ p, dialog, onClose }: { p: SecretaryProjectDetail; dialog: ActionDialog; onClose: () => void }) {
  const L = useProjectLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const title = { complete: dialog.kind === 'complete' ? L.completeTitle(dialog.title) : '', milestone: L.addMilestone, progress: L.setProgress, comment: L.comment, close: L.close }[dialog.kind]
  const submit = async () => {
    const v = await form.validateFields() as { note?: string; title?: string; dueOn?: Dayjs; progress?: number | null; photoIds?: UploadFile[] }
    setBusy(true)
    setError(null)
    try {
      const base = `/secretary-projects/${p.id}`
      if (dialog.kind === 'complete') await api(`${base}/milestones/${dialog.milestoneId}/complete`, { method: 'POST', body: { note: v.note, photoIds: (v.photoIds ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id) } })
      if (dialog.kind === 'milestone') await api(`${base}/milestones`, { method: 'POST', body: { title: v.title, dueOn: v.dueOn!.format('YYYY-MM-DD') } })
      if (dialog.kind === 'progress') await api(`${base}/progress`, { method: 'POST', body: { progress: v.progress ?? null, note: v.note || undefined } })
      if (dialog.kind === 'comment') await api(`${base}/comments`, { method: 'POST', body: { note: v.note } })
      if (dialog.kind === 'close') await api(`${base}/close`, { method: 'POST', body: { note: v.note } })
      message.success(L.saved)
      await qc.invalidateQueries({ queryKey: ['secretary-projects'] })
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const noteLabel = dialog.kind === 'close' ? L.closeNote : dialog.kind === 'comment' ? L.comment : L.evidence
  return (
    <Modal open title={title} okText={L.save} cancelText={L.cancel} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ progress: p.progress }}>
        {dialog.kind === 'milestone' && (
          <>
            <Form.Item name="title" label={L.milestoneTitle} rules={[{ required: true, min: 2, message: L.titleRule }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="dueOn" label={L.dueOn} rules={[{ required: true, message: L.dueOn }]}><DatePicker /></Form.Item>
          </>
        )}
        {dialog.kind === 'progress' && <Form.Item name="progress" label={L.progress} extra={L.progressDerived + '：留空'}><InputNumber min={0} max={100} addonAfter="%" /></Form.Item>}
        {dialog.kind !== 'milestone' && (
          <Form.Item name="note" label={dialog.kind === 'progress' ? L.description : noteLabel} extra={dialog.kind === 'comment' ? L.commentHint : undefined}
            rules={dialog.kind === 'progress' ? [] : [{ required: true, min: 2, message: L.evidenceRule }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {dialog.kind === 'complete' && <Form.Item name="photoIds" label={L.photos} valuePropName="value"><PhotoUpload addLabel={L.addPhoto} id="sp-photos" /></Form.Item>}
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  )
}
