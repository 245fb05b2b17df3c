// One practice: the latest text with photos and tags, its template, the history of versions, the
// nodes that adopted it, comments, and the actions: revise (a new version), mark adopted at one's
// node (optionally importing the template there or at another node), withdraw the mark.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Checkbox, Descriptions, Divider, Drawer, Empty, Form, Image, Input, List, Modal, Space, Tabs, Tag, Timeline, Typography } from 'antd'
import type { Practice } from '@server/modules/library/library.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, formatTime, OrgSelect } from '../../common.tsx'
import { useLibraryLabels } from './labels.ts'
import { DocumentList, DocumentsField } from './DocumentsField.tsx'
import type { DocumentFile } from '../../../shared/documents.ts'

interface Version { version: number; title: string; note: string | null; editedBy: { name: string } | null; createdAt: string }
interface Comment { id: string; body: string; author: { name: string }; org: { name: string } | null; createdAt: string; mayDelete: boolean }
interface Adoption { id: string; org: { name: string }; street: { name: string } | null; createdAt: string; imports: { label: string; org: { name: string } }[] }

export function PracticeDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useLibraryLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [adopting, setAdopting] = useState(false)
  const [revising, setRevising] = useState(false)
  const [comment, setComment] = useState('')
  const [adoptForm] = Form.useForm<{ orgId: string; note?: string; importToo?: boolean; importOrgId?: string }>()
  const [reviseForm] = Form.useForm<{ title: string; body: string; files: DocumentFile[]; note: string }>()
  const importToo = Form.useWatch('importToo', adoptForm)
  const p = useQuery({ queryKey: ['library', 'practice', id], queryFn: () => api<Practice>(`/library/practices/${id}`), enabled: id !== null })
  const versions = useQuery({ queryKey: ['library', 'versions', id], queryFn: () => api<{ items: Version[] }>(`/library/practices/${id}/versions`), enabled: id !== null })
  const comments = useQuery({ queryKey: ['library', 'comments', id], queryFn: () => api<{ items: Comment[] }>(`/library/practices/${id}/comments`), enabled: id !== null })
  const adoptions = useQuery({ queryKey: ['library', 'adoptions', id], queryFn: () => api<{ items: Adoption[] }>(`/library/practices/${id}/adoptions`), enabled: id !== null })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['library'] })
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn()
      await refresh()
      void message.success(done)
      return true
    } catch (err) {
      void message.error(errorMessage(err))
      return false
    }
  }
  const d = p.data
  const adopt = async () => {
    const v = await adoptForm.validateFields()
    const body = { orgId: v.orgId, ...(v.note ? { note: v.note } : {}), ...(v.importToo ? { import: v.importOrgId ? { orgId: v.importOrgId } : {} } : {}) }
    if (await run(() => api(`/library/practices/${id}/adopt`, { method: 'POST', body }), L.adopted)) setAdopting(false)
  }
  const revise = async () => {
    const { files, ...v } = await reviseForm.validateFields()
    if (await run(() => api(`/library/practices/${id}`, { method: 'PATCH', body: { ...v, fileIds: files.map((f) => f.id) } }), L.save)) setRevising(false)
  }
  return (
    <Drawer open={id !== null} onClose={onClose} width={760} title={d ? `${d.title}  ·  v${d.version}` : ' '} loading={p.isPending && id !== null}
      extra={d && (
        <Space>
          {d.mayEdit && <Button onClick={() => { reviseForm.setFieldsValue({ title: d.title, body: d.body, files: d.files, note: '' }); setRevising(true) }}>{L.revise}</Button>}
          <Button type="primary" onClick={() => setAdopting(true)}>{L.adopt}</Button>
        </Space>
      )}>
      {p.error && <Typography.Text type="danger">{errorMessage(p.error)}</Typography.Text>}
      {d && (
        <>
          <Descriptions size="small" column={2} items={[
            { key: 'org', label: L.org, children: d.org.name }, { key: 'street', label: L.street, children: d.street?.name ?? '—' },
            { key: 'adopt', label: L.adoptions, children: d.adoptions }, { key: 'at', label: L.updatedAt, children: formatTime(d.updatedAt) },
            { key: 'mine', label: L.adopted, span: 2, children: d.adoptedAt.length ? d.adoptedAt.map((o) => <Tag key={o.id} color="green">{o.name}</Tag>) : '—' },
          ]} />
          <Space size={4} wrap style={{ margin: '8px 0' }}>{d.tags.map((t) => <Tag key={t}>{t}</Tag>)}</Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }}>{d.body}</Typography.Paragraph>
          {d.photos.length > 0 && <Image.PreviewGroup><Space wrap>{d.photos.map((ph) => <Image key={ph.id} src={ph.thumbUrl} preview={{ src: ph.url }} width={120} />)}</Space></Image.PreviewGroup>}
          {d.files.length > 0 && (
            <section aria-label={L.files} style={{ marginTop: 12 }}>
              <Typography.Title level={5}>{L.files}</Typography.Title>
              <DocumentList files={d.files} />
            </section>
          )}
          {d.template && (
            <>
              <Divider titlePlacement="start">{L.template}：{d.template.label}</Divider>
              <Typography.Text type="secondary">{d.template.importAt}</Typography.Text>
              <pre style={{ background: '#fafafa', padding: 12, borderRadius: 6, fontSize: 12 }}>{JSON.stringify(d.template.payload, null, 2)}</pre>
            </>
          )}
          <Tabs items={[
            { key: 'comments', label: `${L.comments} ${d.comments}`, children: (
              <>
                <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
                  <Input aria-label={L.comment} placeholder={L.comment} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
                  <Button type="primary" disabled={comment.trim().length < 2} onClick={() => void run(() => api(`/library/practices/${id}/comments`, { method: 'POST', body: { body: comment.trim() } }), L.send).then((ok) => ok && setComment(''))}>{L.send}</Button>
                </Space.Compact>
                <List size="small" dataSource={comments.data?.items ?? []} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  renderItem={(c) => (
                    <List.Item actions={c.mayDelete ? [<Button key="d" type="link" size="small" danger onClick={() => void run(() => api(`/library/comments/${c.id}`, { method: 'DELETE' }), L.delete)}>{L.delete}</Button>] : []}>
                      <List.Item.Meta title={<span>{c.author.name}{c.org && <Tag style={{ marginLeft: 8 }}>{c.org.name}</Tag>}<Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{formatTime(c.createdAt)}</Typography.Text></span>} description={c.body} />
                    </List.Item>
                  )} />
              </>
            ) },
            { key: 'adoptions', label: `${L.adoptedBy} ${d.adoptions}`, children: (
              <List size="small" dataSource={adoptions.data?.items ?? []} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                renderItem={(a) => <List.Item>{a.org.name}{a.street && <Typography.Text type="secondary">（{a.street.name}）</Typography.Text>} · {formatTime(a.createdAt)}{a.imports.map((i, k) => <Tag key={k} color="gold" style={{ marginLeft: 8 }}>{L.imported}：{i.label}</Tag>)}</List.Item>} />
            ) },
            { key: 'history', label: L.history, children: (
              <Timeline items={(versions.data?.items ?? []).map((v) => ({ children: <div><b>v{v.version}</b> {v.title}<div style={{ color: '#595959' }}>{v.note ?? '首次发布'} · {v.editedBy?.name ?? '—'} · {formatTime(v.createdAt)}</div></div> }))} />
            ) },
          ]} />
        </>
      )}
      <Modal open={adopting} title={L.adopt} onCancel={() => setAdopting(false)} onOk={() => void adopt()} okText={L.adopt} destroyOnHidden>
        <Form form={adoptForm} layout="vertical">
          <Form.Item name="orgId" label={L.adoptAt} rules={[{ required: true }]}><OrgSelect placeholder={L.adoptAt} /></Form.Item>
          <Form.Item name="note" label={L.adoptNote}><Input maxLength={200} /></Form.Item>
          {d?.template?.importable && <Form.Item name="importToo" valuePropName="checked"><Checkbox>{L.importToo}（{d.template.label}：{d.template.importAt}）</Checkbox></Form.Item>}
          {importToo && <Form.Item name="importOrgId" label={L.importAt}><OrgSelect allowClear placeholder={L.adoptAt} /></Form.Item>}
        </Form>
      </Modal>
      <Modal open={revising} title={L.revise} width={720} onCancel={() => setRevising(false)} onOk={() => void revise()} okText={L.save} destroyOnHidden>
        <Form form={reviseForm} layout="vertical">
          <Form.Item name="title" label={L.titleField} rules={[{ required: true, min: 4 }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="body" label={L.body} rules={[{ required: true, min: 20 }]}><Input.TextArea rows={8} /></Form.Item>
          <Form.Item name="files" label={L.files}><DocumentsField /></Form.Item>
          <Form.Item name="note" label={L.reviseNote} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Drawer>
  )
}
