// 居民信息: the resident registry of the caller's area with masked ID numbers and phones, a 查看
// action that asks for a reason (audited) and shows one full value, register/edit, Excel import
// with the per-row error table, export (full values for street admins with a reason), and the
// import template.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { maxLevel, roleLevels } from '../../../shared/roles.ts'
import { useHomeScope, useMe } from '../../auth.tsx'
import { ImportModal } from '../../ImportModal.tsx'
import { applyFieldErrors, download, EmptyText, errorMessage, OrgSelect, PageTheme } from '../../common.tsx'
import { genderLabels, relationLabels, residentRelations, residentTags, tagLabels, type Resident } from '@server/modules/residents/residents.schemas.ts'
import { useResidentLabels } from './labels.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const PAGE_SIZE = 50
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k] ?? ''))


export default function ResidentsPage() {
  return (
    <PageTheme>
      <Residents />
    </PageTheme>
  )
}


function Residents() {
  const L = useResidentLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const me = useMe().data!
  const [q, setQ] = useState('')
  const [text, setText] = useState('')
  // Someone who works in several places starts on their own (issue 13); clearing shows them all.
  const home = useHomeScope()
  const [orgId, setOrgId] = useState<string | undefined>(home?.id)
  const [tag, setTag] = useState<string | undefined>()
  const [revealing, setRevealing] = useState<{ r: Resident; field: 'idNumber' | 'phone' } | null>(null)
  const [editing, setEditing] = useState<Resident | 'new' | null>(null)
  const [importing, setImporting] = useState(false)
  const [exporting, setExporting] = useState(false)
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh)
  const streetAdmin = maxLevel(me.roles) >= roleLevels.street_admin!
  // Someone who works in one place (a community's cadre, a grid's worker) exports it without
  // filtering first (issue 13: the export was a dead end for a one-community cadre).
  const workNodes = [...new Set(me.roles.filter((r) => (roleLevels[r.role] ?? 0) >= roleLevels.grid_worker!).map((r) => r.orgId))]
  const exportOrgId = orgId ?? (workNodes.length === 1 ? workNodes[0] : undefined)

  const list = useCursorPages<Resident>(['residents', 'list', { q, orgId, tag }], '/residents', (s) => {
    if (q) s.set('q', q)
    if (orgId) s.set('orgId', orgId)
    if (tag) s.set('tag', tag)
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['residents'] })

  const masked = (r: Resident, field: 'idNumber' | 'phone') =>
    r[field] ? (
      <Space size={4}>
        <span style={{ fontFamily: 'monospace' }}>{r[field]}</span>
        {r.masked && <Button size="small" type="link" style={{ color: '#0958d9' }} aria-label={`${L.reveal}${field === 'idNumber' ? L.idNumber : L.phone} ${r.name}`} onClick={() => setRevealing({ r, field })}>{L.reveal}</Button>}
      </Space>
    ) : '—'

  const columns: ColumnsType<Resident> = [
    { title: L.name, dataIndex: 'name', width: 100 },
    { title: L.gender, dataIndex: 'gender', width: 60, render: (g: Resident['gender']) => (g ? label(genderLabels[g]) : '—') },
    { title: L.birthYear, dataIndex: 'birthYear', width: 80, render: (y: number | null) => y ?? '—' },
    { title: L.idNumber, key: 'idNumber', width: 250, render: (_, r) => masked(r, 'idNumber') },
    { title: L.phone, key: 'phone', width: 170, render: (_, r) => masked(r, 'phone') },
    { title: L.building, key: 'org', render: (_, r) => `${r.community?.name ?? ''} ${r.grid?.name ?? ''} ${r.org.name}` },
    { title: L.household, key: 'household', width: 130, render: (_, r) => [r.household, r.relation && label(relationLabels[r.relation])].filter(Boolean).join(' · ') || '—' },
    { title: L.tags, dataIndex: 'tags', render: (tags: Resident['tags']) => tags.map((t) => label(tagLabels[t])).join('、') || '—' },
    { title: L.actions, key: 'actions', width: 80, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>{L.edit}</Button> },
  ]

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{L.title}</Typography.Title>
        <Space wrap>
          <Button onClick={() => download('/residents/import-template', '居民导入模板.xlsx').catch((e) => message.error(errorMessage(e)))}>{L.template}</Button>
          <Button onClick={() => setImporting(true)}>{L.importFile}</Button>
          <Button onClick={() => setExporting(true)}>{L.export}</Button>
          <Button type="primary" onClick={() => setEditing('new')}>{L.create}</Button>
        </Space>
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search aria-label={L.search} placeholder={L.search} allowClear value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => setQ(v.trim())} style={{ width: 320 }} />
        <OrgSelect aria-label={L.org} placeholder={L.org} allowClear value={orgId} onChange={(v: string | undefined) => setOrgId(v)} style={{ width: 260 }} />
        <Select aria-label={L.tag} placeholder={L.anyTag} allowClear value={tag} onChange={setTag} style={{ width: 160 }} options={residentTags.map((t) => ({ value: t, label: label(tagLabels[t]) }))} />
      </Flex>
      {list.error && <Alert type="error" showIcon message={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<Resident> rowKey="id" columns={columns} dataSource={rows} loading={list.isFetching} pagination={list.pagination} size="middle" scroll={{ x: 1100 }} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {revealing && <RevealModal {...revealing} onClose={() => setRevealing(null)} />}
      {editing && <EditModal resident={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); refresh(); message.success(L.saved) }} />}
      {importing && <ImportModal endpoint="/residents/import" rowsInvalidCode="RESIDENT_IMPORT_ROWS_INVALID" labels={L} defaultOrgId={orgId} onClose={() => setImporting(false)} onImported={(n) => { setImporting(false); refresh(); message.success(fill(L.imported, { n })) }} />}
      {exporting && <ExportModal orgId={exportOrgId} q={q} tag={tag} fullAllowed={streetAdmin} onClose={() => setExporting(false)} />}
    </div>
  )
}

function RevealModal({ r, field, onClose }: { r: Resident; field: 'idNumber' | 'phone'; onClose: () => void }) {
  const L = useResidentLabels()
  const [form] = Form.useForm<{ reason: string }>()
  const [value, setValue] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const fieldName = field === 'idNumber' ? L.idNumber : L.phone
  async function submit({ reason }: { reason: string }) {
    try {
      setValue((await api<{ value: string }>(`/residents/${r.id}/reveal`, { method: 'POST', body: { field, reason } })).value)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['reason']))
    }
  }
  return (
    <Modal open title={`${fill(L.revealTitle, { field: fieldName })} · ${r.name}`} onCancel={onClose}
      footer={value ? <Button onClick={onClose}>{L.close}</Button> : [<Button key="c" onClick={onClose}>{L.cancel}</Button>, <Button key="s" type="primary" onClick={() => form.submit()}>{L.reveal}</Button>]}>
      {value ? (
        <Typography.Paragraph copyable={{ text: value }} style={{ fontSize: 18, fontFamily: 'monospace' }} data-testid="revealed-value">{value}</Typography.Paragraph>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form.Item name="reason" label={L.revealReason} extra={L.revealReasonExtra} rules={[{ required: true, min: 4, message: fill(L.required, { field: L.revealReason }) }]}>
            <Input.TextArea rows={2} maxLength={200} autoFocus />
          </Form.Item>
        </Form>
      )}
    </Modal>
  )
}

type EditValues = { name?: string; phone?: string; idNumber?: string; gender?: string; birthYear?: number; orgId?: string; household?: string; relation?: string; address?: string; tags?: string[]; note?: string; consentContact?: boolean; consentServices?: boolean }

function EditModal({ resident, onClose, onSaved }: { resident: Resident | null; onClose: () => void; onSaved: () => void }) {
  const L = useResidentLabels()
  const { lang } = useI18n()
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh)
  const [form] = Form.useForm<EditValues>()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const fields = ['name', 'phone', 'idNumber', 'gender', 'birthYear', 'orgId', 'household', 'relation', 'address', 'tags', 'note']
  const initialValues: EditValues = resident ? {
    name: resident.name, gender: resident.gender ?? undefined, birthYear: resident.birthYear ?? undefined, orgId: resident.org.id, household: resident.household ?? undefined,
    relation: resident.relation ?? undefined, address: resident.address ?? undefined, tags: resident.tags, note: resident.note ?? undefined,
    consentContact: resident.consentContact, consentServices: resident.consentServices,
  } : { tags: [], consentContact: false, consentServices: false }
  async function submit(v: EditValues) {
    const body: Record<string, unknown> = {}
    const initial = initialValues as Record<string, unknown>
    for (const [k, value] of Object.entries(v)) {
      if (resident && (k === 'phone' || k === 'idNumber') && !value) continue // masked values stay unless retyped
      const next = value === undefined || value === '' ? null : value
      // An edit sends only what changed (the name and phone of someone with an account are theirs).
      if (resident && JSON.stringify(next) === JSON.stringify(initial[k] ?? null)) continue
      if (next !== null || resident) body[k] = next
    }
    if (resident && Object.keys(body).length === 0) return onClose()
    setSaving(true)
    try {
      if (resident) await api(`/residents/${resident.id}`, { method: 'PATCH', body })
      else await api('/residents', { method: 'POST', body })
      onSaved()
    } catch (err) {
      setError(applyFieldErrors(form, err, fields))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal open width={640} title={resident ? `${L.edit} · ${resident.name}` : L.create} onCancel={onClose} onOk={() => form.submit()} okText={L.save} cancelText={L.cancel} confirmLoading={saving}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Flex gap={12} wrap>
          <Form.Item name="name" label={L.name} rules={[{ required: true, message: fill(L.required, { field: L.name }) }]} style={{ width: 180 }}><Input maxLength={50} /></Form.Item>
          <Form.Item name="phone" label={L.phone} extra={resident?.phone ?? undefined} style={{ width: 180 }}><Input maxLength={11} inputMode="numeric" /></Form.Item>
          <Form.Item name="idNumber" label={L.idNumber} extra={resident?.idNumber ?? undefined} style={{ width: 220 }}><Input maxLength={18} /></Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="gender" label={L.gender} style={{ width: 120 }}><Select allowClear options={Object.entries(genderLabels).map(([k, l]) => ({ value: k, label: label(l) }))} /></Form.Item>
          <Form.Item name="birthYear" label={L.birthYear} style={{ width: 120 }}><InputNumber min={1900} max={2100} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="orgId" label={L.building} extra={L.buildingExtra} rules={[{ required: true, message: fill(L.required, { field: L.building }) }]} style={{ width: 300 }}>
            <OrgSelect known={resident ? [{ value: resident.org.id, label: resident.org.name }] : []} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="household" label={L.household} style={{ width: 140 }}><Input maxLength={30} /></Form.Item>
          <Form.Item name="relation" label={L.relation} style={{ width: 140 }}><Select allowClear options={residentRelations.map((k) => ({ value: k, label: label(relationLabels[k]) }))} /></Form.Item>
          <Form.Item name="address" label={L.address} style={{ width: 300 }}><Input maxLength={200} /></Form.Item>
        </Flex>
        <Form.Item name="tags" label={L.tags}><Select mode="multiple" options={residentTags.map((k) => ({ value: k, label: label(tagLabels[k]) }))} /></Form.Item>
        <Form.Item name="note" label={L.note}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Space>
          <Form.Item name="consentContact" valuePropName="checked" noStyle><Checkbox>{L.consentContact}</Checkbox></Form.Item>
          <Form.Item name="consentServices" valuePropName="checked" noStyle><Checkbox>{L.consentServices}</Checkbox></Form.Item>
        </Space>
      </Form>
    </Modal>
  )
}

function ExportModal({ orgId, q, tag, fullAllowed, onClose }: { orgId?: string; q: string; tag?: string; fullAllowed: boolean; onClose: () => void }) {
  const L = useResidentLabels()
  const { message } = App.useApp()
  const [full, setFull] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  async function submit() {
    setBusy(true)
    try {
      await download('/residents/export', '居民信息.xlsx', { orgId: orgId!, q: q || undefined, tag, full, reason: full ? reason : undefined })
      onClose()
    } catch (err) {
      message.error(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={L.export} onCancel={onClose} onOk={submit} okText={L.export} cancelText={L.cancel} confirmLoading={busy} okButtonProps={{ disabled: !orgId || (full && reason.trim().length < 4) }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {!orgId && <Alert type="warning" showIcon message={L.exportNeedsOrg} />}
        {fullAllowed && <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)}>{L.exportFull}</Checkbox>}
        {fullAllowed && full && <Input.TextArea aria-label={L.exportReason} placeholder={L.exportReason} rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Space>
    </Modal>
  )
}
