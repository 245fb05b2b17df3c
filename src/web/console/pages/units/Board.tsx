// The four co-building lists as one board: a column per state, filters by community and list,
// and the two-way steps (claim, report progress, confirm, withdraw) offered to whoever may take
// them: the community's cadres for the community side, a unit's people for the unit side.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Row, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { api, type Me, type Page } from '../../../shared/api.ts'
import type { ListItem, ListItemDetail, Pairing, Unit } from '@server/modules/units/units.schemas.ts'
import { errorMessage, formatTime } from '../../common.tsx'
import { FormDrawer, FormError, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useUnitLabels } from './labels.ts'
import { CADRE, levelAt, tagOptions, useMyUnits, useOrgsOfKind } from './parts.tsx'
import type { OrgSummary } from '../../common.tsx'

const COLUMNS = ['open', 'claimed', 'in_progress', 'completed', 'withdrawn'] as const

interface Abilities { communityPath: (id: string) => string | undefined; me: Me; myUnits: Unit[] }

/** What the caller may do with an item now (the server checks again). */
function stepsFor(item: ListItem, a: Abilities) {
  const path = a.communityPath(item.community.id)
  const cadre = !!path && levelAt(a.me, path) >= CADRE
  const mine = (u: { id: string } | null) => !!u && a.myUnits.some((m) => m.id === u.id)
  const publisherSide = item.publisherUnit ? mine(item.publisherUnit) : cadre
  const claimantSide = item.claimantUnit ? mine(item.claimantUnit) : item.publisherUnit ? cadre : false
  return {
    claimForUnit: item.state === 'open' && !item.publisherUnit && a.myUnits.length > 0,
    claimAsCommunity: item.state === 'open' && !!item.publisherUnit && cadre && !mine(item.publisherUnit),
    report: (item.state === 'claimed' || item.state === 'in_progress') && claimantSide,
    confirm: item.state === 'in_progress' && publisherSide,
    withdraw: (item.state === 'open' || item.state === 'claimed' || item.state === 'in_progress') && publisherSide,
  }
}

export function Board() {
  const L = useUnitLabels()
  const me = useMe().data!
  const myUnits = useMyUnits()
  const communities = useOrgsOfKind('community')
  const [communityId, setCommunityId] = useState<string | undefined>()
  const [list, setList] = useState<string>('all')
  const [open, setOpen] = useState<string | null>(null)
  const [publishing, setPublishing] = useState(false)
  const items = useQuery({
    queryKey: ['list-items', 'board', { communityId, list }],
    queryFn: () => {
      const s = new URLSearchParams({ limit: '200' })
      if (communityId) s.set('communityId', communityId)
      if (list !== 'all') s.set('list', list)
      return api<Page<ListItem>>(`/list-items?${s}`)
    },
  })
  const pathOf = (id: string) => communities.find((c) => c.id === id)?.path
  const abilities: Abilities = { communityPath: pathOf, me, myUnits }
  const canPublish = myUnits.length > 0 || communities.some((c) => levelAt(me, c.path) >= CADRE)
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Select aria-label={L.chooseCommunity} placeholder={L.chooseCommunity} allowClear value={communityId} onChange={setCommunityId} style={{ width: 200 }}
            options={communities.map((c) => ({ value: c.id, label: c.name }))} showSearch={{ optionFilterProp: 'label' }} />
          <Segmented aria-label={L.listLabel} value={list} onChange={(v) => setList(String(v))}
            options={[{ value: 'all', label: L.allLists }, ...Object.entries(L.list).map(([value, label]) => ({ value, label }))]} />
        </Flex>
        {canPublish && <Button type="primary" onClick={() => setPublishing(true)}>{L.publish}</Button>}
      </Flex>
      {items.error && <Alert type="error" showIcon title={errorMessage(items.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
        {COLUMNS.map((state) => {
          const inColumn = (items.data?.items ?? []).filter((i) => i.state === state)
          return (
            <Col key={state} flex="1 0 230px">
              <section aria-label={L.state[state]} style={{ background: '#fafafa', borderRadius: 8, padding: 8, minHeight: 200 }}>
                <Typography.Title level={2} style={{ fontSize: 15, margin: '4px 4px 8px' }}>{L.state[state]}（{inColumn.length}）</Typography.Title>
                {inColumn.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.emptyColumn} />}
                {inColumn.map((item) => <ItemCard key={item.id} item={item} abilities={abilities} onOpen={() => setOpen(item.id)} />)}
              </section>
            </Col>
          )
        })}
      </Row>
      {open && <ItemDrawer id={open} abilities={abilities} onClose={() => setOpen(null)} />}
      {publishing && <PublishDrawer communities={communities.filter((c) => levelAt(me, c.path) >= CADRE)} myUnits={myUnits} onClose={() => setPublishing(false)} />}
    </div>
  )
}

function ItemCard({ item, abilities, onOpen }: { item: ListItem; abilities: Abilities; onOpen: () => void }) {
  const L = useUnitLabels()
  return (
    <Card size="small" style={{ marginBottom: 8 }} hoverable onClick={onOpen}>
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <Tag color={item.publisherUnit ? 'blue' : 'red'}>{L.list[item.list]}</Tag>
        {item.tag && <Tag>{L.tag[item.tag]}</Tag>}
      </Space>
      <div style={{ fontWeight: 600 }}>{item.title}</div>
      <div style={{ fontSize: 12, color: '#595959' }}>{item.community.name} · {item.publisherUnit ? item.publisherUnit.name : L.side.community}</div>
      {(item.claimantUnit || item.claimedBy) && <div style={{ fontSize: 12, color: '#595959' }}>{L.claimant}：{item.claimantUnit?.name ?? item.community.name}</div>}
      {item.progress !== null && item.state !== 'open' && <Progress percent={item.progress} size="small" aria-label={L.progress} />}
      <div onClick={(e) => e.stopPropagation()}><ItemSteps item={item} abilities={abilities} compact /></div>
    </Card>
  )
}

function ItemSteps({ item, abilities, compact }: { item: ListItem; abilities: Abilities; compact?: boolean }) {
  const L = useUnitLabels()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [reporting, setReporting] = useState(false)
  const [claiming, setClaiming] = useState(false)
  const steps = stepsFor(item, abilities)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list-items'] })
  const run = async (path: string, body: unknown, done: string) => {
    try {
      await api(`/list-items/${item.id}/${path}`, { method: 'POST', body })
      message.success(done)
      await refresh()
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const size = compact ? 'small' : 'middle'
  return (
    <Space wrap size={4} style={{ marginTop: 6 }}>
      {steps.claimForUnit && <Button size={size} type="primary" onClick={() => (abilities.myUnits.length === 1 ? void run('claims', { unitId: abilities.myUnits[0]!.id }, L.claimed) : setClaiming(true))}>{L.claim}</Button>}
      {steps.claimAsCommunity && <Button size={size} type="primary" onClick={() => void run('claims', {}, L.claimed)}>{L.claimAsCommunity}</Button>}
      {steps.report && <Button size={size} onClick={() => setReporting(true)}>{L.report}</Button>}
      {steps.confirm && <Button size={size} type="primary" onClick={() => void run('confirm', {}, L.confirmed)}>{L.confirm}</Button>}
      {steps.withdraw && <Button size={size} danger onClick={() => modal.confirm({ title: L.withdrawConfirm.replace('{title}', item.title), okText: L.withdraw, cancelText: L.cancel, onOk: () => run('withdraw', {}, L.withdrawn) })}>{L.withdraw}</Button>}
      {reporting && <ProgressModal item={item} onClose={() => setReporting(false)} />}
      {claiming && <ClaimModal item={item} units={abilities.myUnits} onClose={() => setClaiming(false)} />}
    </Space>
  )
}

function ClaimModal({ item, units, onClose }: { item: ListItem; units: Unit[]; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ unitId: string; note?: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['unitId', 'note'], async (v) => {
    await api(`/list-items/${item.id}/claims`, { method: 'POST', body: { unitId: v.unitId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } })
    message.success(L.claimed)
    await queryClient.invalidateQueries({ queryKey: ['list-items'] })
    onClose()
  })
  return (
    <Modal title={L.claimFor} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.claim} cancelText={L.cancel}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="unitId" label={L.unit} rules={[{ required: true, message: L.required.replace('{field}', L.unit) }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Form.Item name="note" label={L.note}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  )
}

function ProgressModal({ item, onClose }: { item: ListItem; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ note: string; progress?: number }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['note', 'progress'], async (v) => {
    await api(`/list-items/${item.id}/progress`, { method: 'POST', body: { note: v.note, ...(v.progress !== undefined && v.progress !== null ? { progress: v.progress } : {}) } })
    message.success(L.reported)
    await queryClient.invalidateQueries({ queryKey: ['list-items'] })
    onClose()
  })
  return (
    <Modal title={L.reportTitle.replace('{title}', item.title)} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.save} cancelText={L.cancel}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ progress: item.progress ?? undefined }}>
        <Form.Item name="note" label={L.note} rules={[{ required: true, message: L.required.replace('{field}', L.note) }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="progress" label={`${L.progress} (%)`}><InputNumber min={0} max={100} /></Form.Item>
      </Form>
    </Modal>
  )
}

function ItemDrawer({ id, abilities, onClose }: { id: string; abilities: Abilities; onClose: () => void }) {
  const L = useUnitLabels()
  const detail = useQuery({ queryKey: ['list-items', 'detail', id], queryFn: () => api<ListItemDetail>(`/list-items/${id}`) })
  const item = detail.data
  return (
    <Drawer title={item?.title ?? ''} open onClose={onClose} size="large">
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} role="alert" />}
      {item && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Tag color={item.publisherUnit ? 'blue' : 'red'}>{L.list[item.list]}</Tag>
            <Tag>{L.state[item.state]}</Tag>
            {item.tag && <Tag>{L.tag[item.tag]}</Tag>}
          </Space>
          <Typography.Paragraph>{item.description}</Typography.Paragraph>
          <Typography.Paragraph style={{ color: '#595959' }}>
            {L.publisher}：{item.publisherUnit?.name ?? item.community.name}（{item.publishedBy.name}）
            {item.claimedBy && <><br />{L.claimant}：{item.claimantUnit?.name ?? item.community.name}（{item.claimedBy.name}）</>}
            {item.dueOn && <><br />{L.dueOn}：{item.dueOn}</>}
          </Typography.Paragraph>
          <ItemSteps item={item} abilities={abilities} />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.timeline}</Typography.Title>
          <Timeline items={item.events.map((e) => ({
            key: e.id,
            children: (
              <div>
                <strong>{L.action[e.action]}</strong> · {e.actor.name}{e.actingUnit ? `（${e.actingUnit.name}）` : ''} · {formatTime(e.at)}
                {e.progress !== null && <span> · {e.progress}%</span>}
                {e.note && <div style={{ color: '#595959' }}>{e.note}</div>}
              </div>
            ),
          }))} />
        </>
      )}
    </Drawer>
  )
}

interface PublishForm { publisher: string; communityId: string; list: string; title: string; description: string; tag?: string; dueOn?: Dayjs }

/** The community publishes in its own name (cadres); a unit's people publish for it to a community it is paired with. */
function PublishDrawer({ communities, myUnits, onClose }: { communities: OrgSummary[]; myUnits: Unit[]; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<PublishForm>()
  const publisher = Form.useWatch('publisher', form)
  const unitPairings = useQuery({
    queryKey: ['pairings', { unitId: publisher }],
    queryFn: () => api<Page<Pairing>>(`/pairings?unitId=${publisher}&status=active&limit=200`),
    enabled: !!publisher && publisher !== 'community',
  })
  const targets = publisher && publisher !== 'community'
    ? (unitPairings.data?.items ?? []).map((p) => ({ value: p.community.id, label: p.community.name }))
    : communities.map((c) => ({ value: c.id, label: c.name }))
  const { submit, error, busy } = useFormSubmit(form, () => ['communityId', 'unitId', 'list', 'title', 'description', 'tag', 'dueOn'], async (v) => {
    await api('/list-items', {
      method: 'POST',
      body: {
        list: v.list, communityId: v.communityId, title: v.title, description: v.description,
        ...(v.publisher !== 'community' ? { unitId: v.publisher } : {}), ...(v.tag ? { tag: v.tag } : {}), ...(v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
      },
    })
    message.success(L.published)
    await queryClient.invalidateQueries({ queryKey: ['list-items'] })
    onClose()
  })
  const publishers = [...(communities.length ? [{ value: 'community', label: L.publishAsCommunity }] : []), ...myUnits.map((u) => ({ value: u.id, label: u.name }))]
  return (
    <FormDrawer title={L.publish} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ publisher: publishers[0]?.value, list: 'need' }}>
        <Form.Item name="publisher" label={L.publishFor}><Select options={publishers} onChange={() => form.setFieldValue('communityId', undefined)} /></Form.Item>
        <Form.Item name="communityId" label={L.community} rules={[{ required: true, message: L.required.replace('{field}', L.community) }]}><Select options={targets} /></Form.Item>
        <Form.Item name="list" label={L.listLabel}><Select options={Object.entries(L.list).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="title" label={L.titleLabel} rules={[{ required: true, message: L.required.replace('{field}', L.titleLabel) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label={L.description} rules={[{ required: true, message: L.required.replace('{field}', L.description) }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        <Form.Item name="tag" label={L.tagLabel}><Select allowClear options={tagOptions(L)} /></Form.Item>
        <Form.Item name="dueOn" label={L.dueOn}><DatePicker /></Form.Item>
      </Form>
    </FormDrawer>
  )
}
