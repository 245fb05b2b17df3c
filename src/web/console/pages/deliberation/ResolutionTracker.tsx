// The resolution tracker (GET /resolutions): every resolution with its progress and tasks done,
// the roll-up per child node (communities of a street), one resolution in a drawer with its tasks
// (add, mark done), evidence and residents' comments (the process templates: TemplatesTab.tsx).
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, List, Progress, Row, Space, Table, Tag, Typography } from 'antd'
import type { z } from 'zod'
import type { resolutionRowSchema, resolutionSchema, rollupSchema } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, PersonSelect, StatusTag } from '../../common.tsx'
import { outputWords, resolutionStateWords, useDelibLabels } from './labels.ts'

type Row = z.infer<typeof resolutionRowSchema>
type Resolution = z.infer<typeof resolutionSchema>

export function ResolutionTracker({ onOpenTopic }: { onOpenTopic: (id: string) => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [open, setOpen] = useState<string | null>(null)
  const list = useQuery({ queryKey: ['resolutions', 'list', orgId], queryFn: () => api<Page<Row>>(`/resolutions?limit=200${orgId ? `&orgId=${orgId}` : ''}`) })
  const rollup = useQuery({ queryKey: ['resolutions', 'rollup', orgId], queryFn: () => api<z.infer<typeof rollupSchema>>(`/resolutions/rollup${orgId ? `?orgId=${orgId}` : ''}`) })
  return (
    <>
      <Space style={{ marginBottom: 12 }}><OrgSelect value={orgId} onChange={setOrgId} allowClear placeholder={L.scope} style={{ width: 260 }} aria-label={L.scope} /></Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Table<Row> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} pagination={{ pageSize: 20 }}
            locale={{ emptyText: <EmptyText>{L.noResolutions}</EmptyText> }}
            columns={[
              { title: L.resolutions, key: 't', render: (_, r) => <a style={linkStyle} onClick={() => setOpen(r.id)}>{r.title}</a> },
              { title: L.community, key: 'o', width: 140, render: (_, r) => r.org.name },
              { title: L.state, key: 's', width: 100, render: (_, r) => <StatusTag tone={resolutionStateWords[r.state].tone}>{resolutionStateWords[r.state][lang]}</StatusTag> },
              { title: L.progress, key: 'p', width: 160, render: (_, r) => <Progress percent={r.progress} size="small" aria-label={L.progress} /> },
              { title: L.tasks, key: 'k', width: 80, render: (_, r) => `${r.tasksDone}/${r.tasks}` },
              { title: L.topic, key: 'topic', width: 60, render: (_, r) => <a style={linkStyle} onClick={() => onOpenTopic(r.topic.id)} aria-label={r.topic.title}>↗</a> },
            ]} />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={`${L.rollup}${rollup.data ? `：${rollup.data.org.name}` : ''}`}>
            <Table size="small" pagination={false} rowKey={(r) => r.org.id} dataSource={rollup.data?.rows ?? []}
              columns={[
                { title: L.community, key: 'o', render: (_, r) => r.org.name },
                { title: L.resolutionsN, dataIndex: 'resolutions', width: 70 },
                { title: L.doneN, dataIndex: 'done', width: 70 },
                { title: L.avgProgress, key: 'p', width: 80, render: (_, r) => `${r.progress}%` },
              ]} />
          </Card>
        </Col>
      </Row>
      <ResolutionDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}

export function ResolutionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const one = useQuery({ queryKey: ['resolutions', 'one', id], queryFn: () => api<Resolution>(`/resolutions/${id}`), enabled: !!id })
  const r = one.data
  const act = async (path: string, body?: unknown) => {
    try {
      await api(path, { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['resolutions'] })
      form.resetFields()
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={r?.title ?? L.resolutions}>
      {r && (
        <>
          <Descriptions column={2} size="small" bordered items={[
            { key: 's', label: L.state, children: <StatusTag tone={resolutionStateWords[r.state].tone}>{resolutionStateWords[r.state][lang]}</StatusTag> },
            { key: 'o', label: L.community, children: r.org.name },
            { key: 'd', label: L.decidedAt, children: formatTime(r.decidedAt) },
            { key: 'p', label: L.progress, children: <Progress percent={r.progress} size="small" aria-label={L.progress} /> },
            { key: 't', label: outputWords.resolution![lang], span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span> },
          ]} />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.tasks}</Typography.Title>
          <Table size="small" rowKey="id" pagination={false} dataSource={r.tasks} columns={[
            { title: L.tasks, dataIndex: 'title' },
            { title: L.owner, key: 'o', render: (_, k) => k.owner?.name ?? L.none },
            { title: L.dueOn, key: 'd', render: (_, k) => k.dueOn ?? L.none },
            { title: L.done, key: 'x', render: (_, k) => k.doneAt ? <Tag color="green">{formatTime(k.doneAt)}</Tag> : r.manage ? <Button size="small" onClick={() => void act(`/resolution-tasks/${k.id}/done`)}>{L.done}</Button> : L.none },
          ]} />
          {r.manage && r.state === 'executing' && (
            <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => act(`/resolutions/${r.id}/tasks`, { title: v.title, ownerId: v.ownerId, dueOn: v.dueOn?.format('YYYY-MM-DD') })}>
              <Form.Item name="title" rules={[{ required: true }]}><Input placeholder={L.tasks} aria-label={L.tasks} maxLength={100} /></Form.Item>
              <Form.Item name="ownerId"><PersonSelect placeholder={L.owner} style={{ width: 160 }} aria-label={L.owner} /></Form.Item>
              <Form.Item name="dueOn"><DatePicker placeholder={L.dueOn} aria-label={L.dueOn} /></Form.Item>
              <Button htmlType="submit">{L.addTask}</Button>
            </Form>
          )}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.comments}</Typography.Title>
          <List size="small" dataSource={r.comments} locale={{ emptyText: <EmptyText>{L.none}</EmptyText> }}
            renderItem={(c) => <List.Item><span><strong>{c.author.name}</strong> · {formatTime(c.at)}<br />{c.body}</span></List.Item>} />
        </>
      )}
    </Drawer>
  )
}
