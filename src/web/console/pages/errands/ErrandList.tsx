// The errands table: filters by state, level and desk, overdue steps and missing documents
// marked; a row opens the errand drawer; "代为登记" registers an errand for someone who came in.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Checkbox, Flex, Form, Input, Select, Space, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import type { Errand, ErrandCreate } from '@server/modules/errands/errands.schemas.ts'
import { errandLevelWords, errandMatterWords, errandStateWords } from '@server/modules/errands/errands.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { applyFieldErrors, OrgSelect, PersonSelect, StatusTag } from '../../common.tsx'
import { useHomeScope, useOwnNode } from '../../auth.tsx'
import { FormDrawer } from '../visits/parts.tsx'
import { ErrandDrawer } from './ErrandDrawer.tsx'
import { format, stateTone, useErrandLabels } from './labels.ts'

export function ErrandList() {
  const L = useErrandLabels()
  const { lang } = useI18n()
  const home = useHomeScope()
  const [state, setState] = useState<string | undefined>()
  const [level, setLevel] = useState<string | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>(home?.id)
  const [overdue, setOverdue] = useState(false)
  const [open, setOpen] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const list = useCursorPages<Errand>(['errands', 'list', { state, level, orgId, overdue }], '/errands', (s) => {
    if (state) s.set('state', state)
    if (level) s.set('level', level)
    if (orgId) s.set('orgId', orgId)
    if (overdue) s.set('overdue', 'true')
  })
  const columns: ColumnsType<Errand> = [
    { title: L.errandTitle, key: 'title', render: (_, e) => (
      <Space direction="vertical" size={0}>
        <Button type="link" style={{ padding: 0, color: '#0958d9', height: 'auto' }} onClick={() => setOpen(e.id)}>{e.title}</Button>
        <span style={{ color: '#595959', fontSize: 12 }}>{errandMatterWords[e.matter][lang]}</span>
      </Space>
    ) },
    { title: L.requester, key: 'requester', width: 200, render: (_, e) => e.unit ? <span>{e.unit.name}<br /><span style={{ color: '#595959', fontSize: 12 }}>{e.requester.name}</span></span> : e.requester.name },
    { title: L.desk, key: 'desk', width: 190, render: (_, e) => <Space size={4}><StatusTag tone={e.level === 'centre' ? 'danger' : e.level === 'station' ? 'warning' : 'info'}>{errandLevelWords[e.level][lang]}</StatusTag>{e.org.name}</Space> },
    { title: L.state, key: 'state', width: 100, render: (_, e) => <StatusTag tone={stateTone[e.state]}>{errandStateWords[e.state][lang]}</StatusTag> },
    { title: L.steps, key: 'steps', width: 150, render: (_, e) => (
      <Space size={4} wrap>
        {e.steps.total > 0 && <span>{format(L.stepsOf, e.steps)}</span>}
        {e.steps.overdue > 0 && <StatusTag tone="danger">{format(L.overdue, { n: e.steps.overdue })}</StatusTag>}
        {e.missingDocuments > 0 && ['submitted', 'accepted', 'in_progress'].includes(e.state) && <StatusTag tone="warning">{format(L.missing, { n: e.missingDocuments })}</StatusTag>}
      </Space>
    ) },
    { title: L.owner, key: 'owner', width: 100, render: (_, e) => e.owner?.name ?? L.none },
    { title: L.createdAt, key: 'createdAt', width: 120, render: (_, e) => dayjs(e.createdAt).format('YYYY-MM-DD') },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Select aria-label={L.state} placeholder={L.allStates} allowClear value={state} onChange={setState} style={{ width: 130 }}
            options={Object.entries(errandStateWords).map(([value, w]) => ({ value, label: w[lang] }))} />
          <Select aria-label={L.level} placeholder={L.allLevels} allowClear value={level} onChange={setLevel} style={{ width: 130 }}
            options={Object.entries(errandLevelWords).map(([value, w]) => ({ value, label: w[lang] }))} />
          <OrgSelect aria-label={L.desk} placeholder={L.desk} allowClear value={orgId} onChange={(v) => setOrgId(v ?? undefined)} style={{ width: 200 }} known={home ? [{ value: home.id, label: home.name }] : []} />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>{L.overdueOnly}</Checkbox>
        </Flex>
        <Button type="primary" onClick={() => setCreating(true)}>{L.newErrand}</Button>
      </Flex>
      <Table<Errand> rowKey="id" columns={columns} dataSource={list.items} pagination={list.pagination} size="middle" scroll={{ x: 1000 }} loading={list.isLoading}
        locale={{ emptyText: L.empty }} rowClassName={(e) => (e.steps.overdue > 0 ? 'errand-overdue' : '')} />
      {open && <ErrandDrawer id={open} onClose={() => setOpen(null)} />}
      {creating && <CreateForm onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); setOpen(id) }} />}
    </div>
  )
}

function CreateForm({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const L = useErrandLabels()
  const { lang } = useI18n()
  const own = useOwnNode()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: { orgId: string; requesterId: string; matter: string; title: string; description?: string; documents?: string }) => {
    setSaving(true)
    try {
      const body: ErrandCreate = {
        orgId: v.orgId, requesterId: v.requesterId, matter: v.matter as ErrandCreate['matter'], title: v.title, description: v.description || undefined,
        checklist: (v.documents ?? '').split(/[,，、\n]/).map((s) => s.trim()).filter(Boolean).map((name) => ({ name, required: true, received: false, fileIds: [] })),
      }
      const made = await api<{ id: string }>('/errands', { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['errands'] })
      onCreated(made.id)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['orgId', 'requesterId', 'matter', 'title', 'description']))
    } finally {
      setSaving(false)
    }
  }
  return (
    <FormDrawer title={L.newErrand} open onClose={onClose} busy={saving} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId: own?.value, matter: 'business_licence' }}>
        <Form.Item name="orgId" label={L.deskToHandle} rules={[{ required: true }]}><OrgSelect known={own ? [own] : []} /></Form.Item>
        <Form.Item name="requesterId" label={L.forPerson} rules={[{ required: true }]}><PersonSelect /></Form.Item>
        <Form.Item name="matter" label={L.matter} rules={[{ required: true }]}>
          <Select options={Object.entries(errandMatterWords).map(([value, w]) => ({ value, label: w[lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={L.errandTitle} rules={[{ required: true, max: 80 }]}><Input /></Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="documents" label={L.checklist} extra="身份证、营业执照…（用顿号或逗号分隔）"><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}
