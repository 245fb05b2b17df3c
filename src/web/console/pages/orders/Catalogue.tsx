// The catalogue editor (三张清单): the items offered at and below the reader's node, by list; add,
// edit (a new version: orders already placed keep their terms), retire and restore.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, InputNumber, Segmented, Select, Space, Switch, Table, Tag } from 'antd'
import type { ServiceItem, ServiceItemInput } from '@server/modules/orders/orders.schemas.ts'
import { listLabels, providerKindLabels } from '@server/modules/orders/orders.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, OrgSelect, StatusTag } from '../../common.tsx'
import { useOwnNode } from '../../auth.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { useOrderLabels } from './labels.ts'

const TAGS = ['elderly_alone', 'empty_nest', 'disabled', 'low_income', 'veteran', 'left_behind_child', 'serious_illness', 'tenant'] as const
const TAG_WORDS: Record<(typeof TAGS)[number], string> = { elderly_alone: '独居老人', empty_nest: '空巢老人', disabled: '残疾人', low_income: '低收入', veteran: '退役军人', left_behind_child: '留守儿童', serious_illness: '大病', tenant: '租户' }

export function Catalogue() {
  const L = useOrderLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const own = useOwnNode()
  const [list, setList] = useState<ServiceItem['list'] | 'all'>('all')
  const [q, setQ] = useState('')
  const [editing, setEditing] = useState<ServiceItem | 'new' | null>(null)
  const orgId = own?.value
  const items = useQuery({
    queryKey: ['service-items', 'editor', orgId, list, q],
    queryFn: () => api<{ items: ServiceItem[] }>(`/service-items?retired=true${orgId ? `&orgId=${orgId}` : ''}${list !== 'all' ? `&list=${list}` : ''}${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`),
  })
  const retire = async (i: ServiceItem) => {
    try {
      await api(`/service-items/${i.id}/${i.retired ? 'restore' : 'retire'}`, { method: 'POST' })
      await queryClient.invalidateQueries({ queryKey: ['service-items'] })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <div>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <Segmented<ServiceItem['list'] | 'all'> value={list} onChange={setList}
          options={[{ value: 'all', label: L.all }, ...(['public', 'social', 'volunteer'] as const).map((k) => ({ value: k, label: listLabels[k][lang] }))]} />
        <Input.Search allowClear style={{ width: 220 }} placeholder={L.search} aria-label={L.search} onSearch={setQ} />
        <div style={{ flex: 1 }} />
        <Button type="primary" onClick={() => setEditing('new')}>{L.newItem}</Button>
      </Flex>
      {items.error && <Alert type="error" showIcon title={errorMessage(items.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<ServiceItem> rowKey="id" size="middle" loading={items.isFetching} dataSource={items.data?.items ?? []} pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: items.isPending ? ' ' : <EmptyText>{L.noOrders}</EmptyText> }}
        columns={[
          { title: L.name, dataIndex: 'name', render: (n: string, i) => <Space>{n}{i.retired && <StatusTag tone="muted">{L.retired}</StatusTag>}</Space> },
          { title: L.list, key: 'list', width: 100, render: (_, i) => listLabels[i.list][lang] },
          { title: L.providerKinds, key: 'kinds', render: (_, i) => i.providerKinds.map((k) => <Tag key={k}>{providerKindLabels[k][lang]}</Tag>) },
          { title: L.org, key: 'org', width: 140, render: (_, i) => i.org.name },
          { title: L.points, dataIndex: 'points', width: 80 },
          { title: L.version, dataIndex: 'version', width: 70 },
          { title: '', key: 'actions', width: 140, render: (_, i) => (
            <Space>
              <Button size="small" onClick={() => setEditing(i)}>{L.save === '保存' ? '修改' : 'Edit'}</Button>
              <Button size="small" danger={!i.retired} onClick={() => void retire(i)}>{i.retired ? L.restore : L.retire}</Button>
            </Space>
          ) },
        ]} />
      {editing && <ItemForm item={editing === 'new' ? null : editing} defaultOrgId={orgId} onClose={() => setEditing(null)}
        onSaved={async () => { setEditing(null); void message.success(L.saved); await queryClient.invalidateQueries({ queryKey: ['service-items'] }) }} />}
    </div>
  )
}

type Values = ServiceItemInput

function ItemForm({ item, defaultOrgId, onClose, onSaved }: { item: ServiceItem | null; defaultOrgId?: string; onClose: () => void; onSaved: () => Promise<void> }) {
  const own = useOwnNode()
  const L = useOrderLabels()
  const { lang } = useI18n()
  const [form] = Form.useForm<Values>()
  const audience = Form.useWatch('audience', form)
  const fields = ['orgId', 'list', 'name', 'description', 'providerKinds', 'skill', 'audience', 'audienceTags', 'reviewHours', 'claimHours', 'finishHours', 'serviceHours', 'points', 'priceNote', 'radiusM']
  const { submit, error, busy } = useFormSubmit(form, () => fields, async (v) => {
    const body = { ...v, description: v.description?.trim() || undefined, skill: v.skill?.trim() || null, priceNote: v.priceNote?.trim() || null }
    if (item) {
      const { orgId: _, ...patch } = body
      await api(`/service-items/${item.id}`, { method: 'PATCH', body: patch })
    } else await api('/service-items', { method: 'POST', body })
    await onSaved()
  })
  const initial = item ? { ...item, orgId: item.org.id } : { orgId: defaultOrgId, list: 'volunteer', providerKinds: ['member', 'volunteer'], audience: 'everyone', audienceTags: [], autoAccept: false, grab: true, reviewHours: 24, claimHours: 24, finishHours: 72, serviceHours: 1, ratingRequired: true, points: 10, radiusM: 3000 }
  return (
    <FormDrawer title={item ? L.editItem : L.newItem} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" initialValues={initial as never} onFinish={(v) => void submit(v)}>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true }]}><OrgSelect known={item ? [{ value: item.org.id, label: item.org.name }] : own ? [own] : []} /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="list" label={L.list} rules={[{ required: true }]} style={{ width: 160 }}>
            <Select options={(['public', 'social', 'volunteer'] as const).map((k) => ({ value: k, label: listLabels[k][lang] }))} />
          </Form.Item>
          <Form.Item name="name" label={L.name} rules={[{ required: true, min: 2, max: 40 }]} style={{ flex: 1 }}><Input maxLength={40} /></Form.Item>
        </Flex>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Form.Item name="providerKinds" label={L.providerKinds} rules={[{ required: true }]}>
          <Select mode="multiple" options={Object.entries(providerKindLabels).map(([k, w]) => ({ value: k, label: w[lang] }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="skill" label={L.skill} style={{ flex: 1 }}><Input maxLength={20} /></Form.Item>
          <Form.Item name="audience" label={L.audience} style={{ flex: 1 }}>
            <Select options={[{ value: 'everyone', label: L.everyone }, { value: 'elderly', label: L.elderly }, { value: 'tagged', label: L.tagged }]} />
          </Form.Item>
        </Flex>
        {audience === 'tagged' && (
          <Form.Item name="audienceTags" label={L.audienceTags} rules={[{ required: true }]}>
            <Select mode="multiple" options={TAGS.map((t) => ({ value: t, label: TAG_WORDS[t] }))} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="reviewHours" label={L.reviewHours}><InputNumber min={0.5} max={720} /></Form.Item>
          <Form.Item name="claimHours" label={L.claimHours}><InputNumber min={0.5} max={720} /></Form.Item>
          <Form.Item name="finishHours" label={L.finishHours}><InputNumber min={0.5} max={2160} /></Form.Item>
          <Form.Item name="serviceHours" label={L.serviceHours}><InputNumber min={0} max={24} step={0.5} /></Form.Item>
          <Form.Item name="points" label={L.points}><InputNumber min={0} max={1000} /></Form.Item>
          <Form.Item name="radiusM" label={L.radiusM}><InputNumber min={100} max={50000} step={500} /></Form.Item>
        </Flex>
        <Flex gap={24} wrap>
          <Form.Item name="autoAccept" label={L.autoAccept} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="grab" label={L.grab} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="ratingRequired" label={L.ratingRequired} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
        <Form.Item name="priceNote" label={L.priceNote}><Input maxLength={100} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}
