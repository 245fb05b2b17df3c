// The unit registry: filters by kind and Party organisation, the detail drawer (people,
// pairings, list items) and, for street admins, the drawer to register a unit.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, InputNumber, List, Select, Switch, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api, type Page } from '../../../shared/api.ts'
import type { ListItem, Pairing, Unit } from '@server/modules/units/units.schemas.ts'
import { EmptyText, errorMessage, OrgSelect, StatusTag } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { useLevel } from '../../auth.tsx'
import { useUnitLabels } from './labels.ts'
import { kindOptions, STREET_ADMIN, TagList } from './parts.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

export function UnitList() {
  const L = useUnitLabels()
  const level = useLevel()
  const [kind, setKind] = useState<string | undefined>()
  const [party, setParty] = useState<string | undefined>()
  const [q, setQ] = useState('')
  const [open, setOpen] = useState<Unit | null>(null)
  const [creating, setCreating] = useState(false)
  const list = useCursorPages<Unit>(['units', 'list', { kind, party, q }], '/units', (s) => {
    if (kind) s.set('kind', kind)
    if (party) s.set('hasPartyOrg', party)
    if (q.trim()) s.set('q', q.trim())
  })
  const rows = list.items
  const columns: ColumnsType<Unit> = [
    { title: L.name, dataIndex: 'name', render: (name: string, u) => <Button type="link" style={{ padding: 0, color: '#0958d9' }} onClick={() => setOpen(u)}>{name}</Button> },
    { title: L.kindLabel, dataIndex: 'kind', width: 110, render: (k: string) => L.kind[k] },
    { title: L.org, key: 'org', width: 130, render: (_, u) => u.org.name },
    { title: L.partyOrg, key: 'party', width: 130, render: (_, u) => (u.hasPartyOrg ? <StatusTag tone="success" title={u.partyOrgName ?? undefined}>{L.hasPartyOrg}</StatusTag> : <StatusTag tone="muted">{L.noPartyOrg}</StatusTag>) },
    { title: L.partyMembers, dataIndex: 'partyMemberCount', width: 80 },
    { title: L.residentUnit, dataIndex: 'residentUnit', width: 90, render: (v: boolean) => (v ? L.yes : L.no) },
    { title: L.pairingsCount, dataIndex: 'pairings', width: 110 },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Input.Search aria-label={L.search} placeholder={L.search} allowClear onSearch={setQ} style={{ width: 220 }} />
          <Select aria-label={L.filterKind} placeholder={L.allKinds} allowClear value={kind} onChange={setKind} style={{ width: 150 }} options={kindOptions(L)} />
          <Select aria-label={L.filterParty} placeholder={L.allParty} allowClear value={party} onChange={setParty} style={{ width: 160 }}
            options={[{ value: 'true', label: L.hasPartyOrg }, { value: 'false', label: L.noPartyOrg }]} />
        </Flex>
        {level >= STREET_ADMIN && <Button type="primary" onClick={() => setCreating(true)}>{L.newUnit}</Button>}
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Unit> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 900 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyUnits}</EmptyText> }} />
      {open && <UnitDrawer unit={open} onClose={() => setOpen(null)} />}
      <NewUnitDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}

function UnitDrawer({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const L = useUnitLabels()
  const people = useQuery({ queryKey: ['units', unit.id, 'people'], queryFn: () => api<{ items: { person: { id: string; name: string }; role: string }[] }>(`/units/${unit.id}/people`), retry: false })
  const pairings = useQuery({ queryKey: ['pairings', { unitId: unit.id }], queryFn: () => api<Page<Pairing>>(`/pairings?unitId=${unit.id}&limit=200`) })
  const items = useQuery({ queryKey: ['list-items', { unitId: unit.id }], queryFn: () => api<Page<ListItem>>(`/list-items?unitId=${unit.id}&limit=200`) })
  return (
    <Drawer title={unit.name} open onClose={onClose} size="large">
      <Descriptions column={1} size="small" bordered items={[
        { key: 'kind', label: L.kindLabel, children: `${L.kind[unit.kind]}${unit.residentUnit ? ` · ${L.residentUnit}` : ''}` },
        { key: 'code', label: L.creditCode, children: unit.creditCode ?? '—' },
        { key: 'org', label: L.org, children: unit.org.name },
        { key: 'party', label: L.partyOrg, children: unit.hasPartyOrg ? `${unit.partyOrgName ?? L.hasPartyOrg}（${L.partyMembers} ${unit.partyMemberCount}）` : L.noPartyOrg },
        { key: 'staff', label: L.staff, children: unit.staffCount ?? '—' },
        { key: 'address', label: L.address, children: unit.address ?? '—' },
      ]} />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.people}</Typography.Title>
      {people.isError ? <EmptyText>—</EmptyText> : (
        <List size="small" dataSource={people.data?.items ?? []} locale={{ emptyText: L.noPeople }}
          renderItem={(p) => <List.Item>{p.person.name} · {L.role[p.role]}</List.Item>} />
      )}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.pairings}</Typography.Title>
      <List size="small" dataSource={pairings.data?.items ?? []} locale={{ emptyText: L.noPairings }}
        renderItem={(p) => (
          <List.Item>
            <div>
              <div>{p.community.name} · {L.pairingKindShort[p.kind]} · <StatusTag tone={p.status === 'active' ? 'success' : 'muted'}>{L.status[p.status]}</StatusTag></div>
              <div style={{ color: '#595959' }}>{p.startsOn} – {p.endsOn ?? L.endsOpen}</div>
              <TagList tags={p.tags} />
            </div>
          </List.Item>
        )} />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.items}</Typography.Title>
      <List size="small" dataSource={items.data?.items ?? []} locale={{ emptyText: L.noItems }}
        renderItem={(i) => <List.Item>{L.list[i.list]} · {i.title} · {i.community.name} · {L.state[i.state]}</List.Item>} />
    </Drawer>
  )
}

interface UnitForm {
  name: string; kind: string; creditCode?: string; orgId: string; residentUnit?: boolean; hasPartyOrg?: boolean; partyOrgName?: string
  partyMemberCount?: number; staffCount?: number; address?: string
}

function NewUnitDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<UnitForm>()
  const hasParty = Form.useWatch('hasPartyOrg', form)
  const { submit, error, busy } = useFormSubmit(form, () => ['name', 'kind', 'creditCode', 'orgId', 'partyOrgName', 'partyMemberCount', 'staffCount', 'address'], async (v) => {
    await api('/units', {
      method: 'POST',
      body: {
        name: v.name, kind: v.kind, orgId: v.orgId, residentUnit: !!v.residentUnit, hasPartyOrg: !!v.hasPartyOrg,
        ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim() } : {}),
        ...(v.hasPartyOrg && v.partyOrgName?.trim() ? { partyOrgName: v.partyOrgName.trim() } : {}),
        partyMemberCount: v.partyMemberCount ?? 0,
        ...(v.staffCount !== undefined && v.staffCount !== null ? { staffCount: v.staffCount } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      },
    })
    message.success(L.unitCreated)
    await queryClient.invalidateQueries({ queryKey: ['units'] })
    form.resetFields()
    onClose()
  })
  return (
    <FormDrawer title={L.newUnit} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ residentUnit: false, hasPartyOrg: false, partyMemberCount: 0 }}>
        <Form.Item name="name" label={L.name} rules={[{ required: true, message: L.required.replace('{field}', L.name) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={L.kindLabel} rules={[{ required: true, message: L.required.replace('{field}', L.kindLabel) }]}><Select options={kindOptions(L)} /></Form.Item>
        <Form.Item name="creditCode" label={L.creditCode} extra={L.creditCodeExtra}><Input maxLength={18} style={{ textTransform: 'uppercase' }} /></Form.Item>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: L.required.replace('{field}', L.org) }]}><OrgSelect aria-label={L.org} /></Form.Item>
        <Form.Item name="residentUnit" label={L.residentUnit} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="hasPartyOrg" label={L.hasPartyOrg} valuePropName="checked"><Switch /></Form.Item>
        {hasParty && <Form.Item name="partyOrgName" label={L.partyOrgName}><Input maxLength={100} /></Form.Item>}
        <Form.Item name="partyMemberCount" label={L.partyMembers}><InputNumber min={0} max={100000} /></Form.Item>
        <Form.Item name="staffCount" label={L.staff}><InputNumber min={0} max={1000000} /></Form.Item>
        <Form.Item name="address" label={L.address}><Input maxLength={200} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}
