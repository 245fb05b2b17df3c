// 结对共建 of one community: the "5+X+Y" counter against its limit, its agreements (sign, end),
// the limit (street admins), and the part-time committee members who act for units.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Progress, Radio, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import { roleLabels } from '../../../shared/roles.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import type { Pairing, PairingLimit, Unit } from '@server/modules/units/units.schemas.ts'
import { EmptyText, errorMessage, StatusTag } from '../../common.tsx'
import { FormDrawer, FormError, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useUnitLabels } from './labels.ts'
import { CADRE, defaultCommunity, levelAt, STREET_ADMIN, tagOptions, TagList, useOrgsOfKind } from './parts.tsx'

interface PartTimeMember { person: { id: string; name: string }; role: string; org: { id: string; name: string }; validFrom: string; units: { id: string; name: string }[] }

export function Pairings() {
  const L = useUnitLabels()
  const me = useMe().data!
  const communities = useOrgsOfKind('community')
  const [chosen, setChosen] = useState<string | undefined>()
  const community = communities.find((c) => c.id === chosen) ?? defaultCommunity(me, communities)
  const [creating, setCreating] = useState(false)
  const [ending, setEnding] = useState<Pairing | null>(null)
  const [limitOpen, setLimitOpen] = useState(false)
  const id = community?.id
  const limit = useQuery({ queryKey: ['pairings', 'limit', id], queryFn: () => api<PairingLimit>(`/pairing-limits/${id}`), enabled: !!id })
  const pairings = useQuery({ queryKey: ['pairings', { communityId: id }], queryFn: () => api<Page<Pairing>>(`/pairings?communityId=${id}&limit=200`), enabled: !!id })
  const partTime = useQuery({ queryKey: ['part-time-members', id], queryFn: () => api<{ items: PartTimeMember[] }>(`/part-time-members?orgId=${id}`), enabled: !!id })
  const manage = !!community && levelAt(me, community.path) >= CADRE
  const setsLimit = !!community && levelAt(me, community.path) >= STREET_ADMIN
  const full = !!limit.data && limit.data.used !== null && limit.data.used >= limit.data.maxUnits

  const columns: ColumnsType<Pairing> = [
    { title: L.unit, key: 'unit', render: (_, p) => <>{p.unit.name}<div style={{ color: '#595959', fontSize: 12 }}>{L.kind[p.unit.kind]}</div></> },
    { title: L.pairingKindLabel, dataIndex: 'kind', width: 90, render: (k: string) => L.pairingKindShort[k] },
    { title: L.tags, key: 'tags', render: (_, p) => <TagList tags={p.tags} /> },
    { title: `${L.startsOn} – ${L.endsOn}`, key: 'dates', width: 200, render: (_, p) => `${p.startsOn} – ${p.endsOn ?? L.endsOpen}` },
    { title: L.statusLabel, dataIndex: 'status', width: 90, render: (s: string) => <StatusTag tone={s === 'active' ? 'success' : 'muted'}>{L.status[s]}</StatusTag> },
    ...(manage ? [{ title: L.actions, key: 'actions', width: 90, render: (_: unknown, p: Pairing) => (p.status === 'active' ? <Button size="small" onClick={() => setEnding(p)}>{L.end}</Button> : null) }] : []),
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.chooseCommunity} placeholder={L.chooseCommunity} value={community?.id} onChange={setChosen} style={{ width: 220 }}
          options={communities.map((c) => ({ value: c.id, label: c.name }))} showSearch={{ optionFilterProp: 'label' }} />
        {manage && <Button type="primary" onClick={() => setCreating(true)}>{L.newPairing}</Button>}
      </Flex>
      {limit.data && limit.data.used !== null && (
        <Card style={{ marginBottom: 16 }}>
          <Flex align="center" gap={24} wrap>
            <Progress type="circle" size={72} percent={Math.round((limit.data.used / limit.data.maxUnits) * 100)} format={() => `${limit.data!.used}/${limit.data!.maxUnits}`}
              status={full ? 'exception' : 'normal'} aria-label={L.limitCounter.replace('{used}', String(limit.data.used)).replace('{max}', String(limit.data.maxUnits))} />
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>{L.limitCounter.replace('{used}', String(limit.data.used)).replace('{max}', String(limit.data.maxUnits))}</Typography.Text>
              <div style={{ color: '#595959' }}>{limit.data.setAt ? L.limitSetAt.replace('{org}', limit.data.setAt.name) : L.limitDefault}</div>
              {full && <div style={{ color: '#a8071a' }}>{L.limitFull}</div>}
            </div>
            {setsLimit && <Button onClick={() => setLimitOpen(true)}>{L.setLimit}</Button>}
          </Flex>
        </Card>
      )}
      {pairings.error && <Alert type="error" showIcon title={errorMessage(pairings.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Pairing> rowKey="id" columns={columns} dataSource={pairings.data?.items ?? []} pagination={false} size="middle" scroll={{ x: 900 }}
        loading={pairings.isFetching} locale={{ emptyText: pairings.isPending ? ' ' : <EmptyText>{L.noPairings}</EmptyText> }}
        expandable={{ expandedRowRender: (p) => <div><strong>{p.title}</strong><p style={{ margin: '4px 0 0' }}>{p.terms}</p>{p.endReason && <p style={{ color: '#595959' }}>{L.reason}：{p.endReason}</p>}</div> }} />
      <PartTimeMembers items={partTime.data?.items ?? []} />
      {community && creating && <NewPairingDrawer communityId={community.id} onClose={() => setCreating(false)} />}
      {ending && <EndPairingModal pairing={ending} onClose={() => setEnding(null)} />}
      {community && limitOpen && limit.data && <LimitModal orgId={community.id} current={limit.data.maxUnits} onClose={() => setLimitOpen(false)} />}
    </div>
  )
}

function PartTimeMembers({ items }: { items: PartTimeMember[] }) {
  const L = useUnitLabels()
  const { lang } = useI18n()
  return (
    <Card title={L.partTime} style={{ marginTop: 16 }}>
      <Typography.Paragraph style={{ color: '#595959' }}>{L.partTimeIntro}</Typography.Paragraph>
      <List size="small" dataSource={items} locale={{ emptyText: L.noPartTime }} renderItem={(m) => (
        <List.Item>
          <Space wrap>
            <strong>{m.person.name}</strong>
            <span>{m.units.map((u) => u.name).join('、')}</span>
            <StatusTag tone="info">{L.servesAs} {roleLabels[m.role]?.[lang] ?? m.role} · {m.org.name}</StatusTag>
            <span style={{ color: '#595959' }}>{L.since.replace('{date}', m.validFrom)}</span>
          </Space>
        </List.Item>
      )} />
    </Card>
  )
}

interface PairingForm { unitId: string; kind: 'core' | 'area'; title: string; terms: string; tags: string[]; dates: [Dayjs, Dayjs | null] }

function NewPairingDrawer({ communityId, onClose }: { communityId: string; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<PairingForm>()
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => api<Page<Unit>>('/units?limit=200') })
  const { submit, error, busy } = useFormSubmit(form, () => ['unitId', 'kind', 'title', 'terms', 'tags', 'startsOn', 'endsOn'], async (v) => {
    await api('/pairings', {
      method: 'POST',
      body: { communityId, unitId: v.unitId, kind: v.kind, title: v.title, terms: v.terms, tags: v.tags, startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1] ? v.dates[1].format('YYYY-MM-DD') : null },
    })
    message.success(L.pairingCreated)
    await queryClient.invalidateQueries({ queryKey: ['pairings'] })
    await queryClient.invalidateQueries({ queryKey: ['units'] })
    onClose()
  })
  return (
    <FormDrawer title={L.newPairing} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'core', dates: [dayjs(), dayjs().add(3, 'year')] }}>
        <Form.Item name="unitId" label={L.unit} rules={[{ required: true, message: L.required.replace('{field}', L.unit) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${L.kind[u.kind]}）` }))} />
        </Form.Item>
        <Form.Item name="kind" label={L.pairingKindLabel}>
          <Radio.Group options={Object.entries(L.pairingKind).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label={L.titleLabel} rules={[{ required: true, message: L.required.replace('{field}', L.titleLabel) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="terms" label={L.terms} rules={[{ required: true, message: L.required.replace('{field}', L.terms) }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Form.Item name="tags" label={L.tags} rules={[{ required: true, message: L.required.replace('{field}', L.tags) }]}><Select mode="multiple" options={tagOptions(L)} /></Form.Item>
        <Form.Item name="dates" label={`${L.startsOn} – ${L.endsOn}`} rules={[{ required: true, message: L.required.replace('{field}', L.startsOn) }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}

function EndPairingModal({ pairing, onClose }: { pairing: Pairing; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ endedOn: Dayjs; reason: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['endedOn', 'reason'], async (v) => {
    await api(`/pairings/${pairing.id}/end`, { method: 'POST', body: { endedOn: v.endedOn.format('YYYY-MM-DD'), reason: v.reason } })
    message.success(L.ended)
    await queryClient.invalidateQueries({ queryKey: ['pairings'] })
    onClose()
  })
  return (
    <Modal title={`${L.endTitle}：${pairing.unit.name}`} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.end} cancelText={L.cancel}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ endedOn: dayjs() }}>
        <Form.Item name="endedOn" label={L.endedOn} rules={[{ required: true, message: L.required.replace('{field}', L.endedOn) }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label={L.reason} rules={[{ required: true, message: L.required.replace('{field}', L.reason) }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  )
}

function LimitModal({ orgId, current, onClose }: { orgId: string; current: number; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ maxUnits: number }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['maxUnits'], async (v) => {
    await api(`/pairing-limits/${orgId}`, { method: 'PUT', body: { maxUnits: v.maxUnits } })
    message.success(L.limitSaved)
    await queryClient.invalidateQueries({ queryKey: ['pairings', 'limit'] })
    onClose()
  })
  return (
    <Modal title={L.setLimit} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.save} cancelText={L.cancel}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ maxUnits: current }}>
        <Form.Item name="maxUnits" label={L.maxUnits} rules={[{ required: true, message: L.required.replace('{field}', L.maxUnits) }]}><InputNumber min={1} max={50} /></Form.Item>
      </Form>
    </Modal>
  )
}
