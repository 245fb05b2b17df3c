// 党员报到: the community's review queue of registrations, members with their target progress
// and the behind list, posts and projects, feedback cards (generate, review, send, PDF) and the
// four generated ledgers with Excel export.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Progress, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api, type Page } from '../../../shared/api.ts'
import type { CommunityPost, FeedbackCard, Ledger, Member, Registration } from '@server/modules/members/members.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PageTheme } from '../../common.tsx'
import { LoadMore } from '../visits/parts.tsx'
import { fill, useMemberLabels } from './labels.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

const THIS_YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()

function usePaged<T>(key: unknown[], path: string, params: Record<string, string | undefined>) {
  return useCursorList<T, Page<T> & { total?: number }>(key, path, (s) => {
    for (const [k, v] of Object.entries(params)) if (v) s.set(k, v)
  })
}

export default function MembersPage() {
  const L = useMemberLabels()
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{L.intro}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'review', label: L.tabReview, children: <ReviewQueue /> },
          { key: 'members', label: L.tabMembers, children: <MemberProgress /> },
          { key: 'posts', label: L.tabPosts, children: <Posts /> },
          { key: 'cards', label: L.tabCards, children: <Cards /> },
          { key: 'ledgers', label: L.tabLedgers, children: <Ledgers /> },
        ]}
      />
    </PageTheme>
  )
}

function ReviewQueue() {
  const L = useMemberLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [status, setStatus] = useState<string | undefined>('submitted')
  const [returning, setReturning] = useState<Registration | null>(null)
  // Accepting needs the registration in view first (issue 13: it was one click in the list).
  const [reviewing, setReviewing] = useState<Registration | null>(null)
  const [form] = Form.useForm<{ reason: string }>()
  const list = usePaged<Registration>(['members', 'registrations', status], '/registrations', { status })
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const nameOf = (r: Registration) => r.member?.name ?? r.unit?.name ?? ''
  async function accept(r: Registration) {
    try {
      await api(`/registrations/${r.id}/accept`, { method: 'POST' })
      message.success(fill(L.accepted, { name: nameOf(r) }))
      setReviewing(null)
      await qc.invalidateQueries({ queryKey: ['members'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  async function sendBack() {
    const { reason } = await form.validateFields()
    try {
      await api(`/registrations/${returning!.id}/return`, { method: 'POST', body: { reason } })
      message.success(fill(L.returned, { name: nameOf(returning!) }))
      setReturning(null)
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['members'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<Registration> = [
    { title: L.who, key: 'who', render: (_, r) => <Space direction="vertical" size={0}><strong>{nameOf(r)}</strong><Typography.Text type="secondary">{L.regKind[r.kind]}</Typography.Text></Space> },
    { title: L.unit, key: 'unit', render: (_, r) => (r.kind === 'member' ? r.unit?.name ?? '—' : '—') },
    { title: L.community, key: 'community', render: (_, r) => r.community.name },
    { title: L.letter, key: 'letter', render: (_, r) => r.letter ? r.letter.number : r.letterAttachment ? <a href={r.letterAttachment.url} target="_blank" rel="noreferrer">{L.letterPhoto}</a> : '—' },
    { title: L.submittedAt, key: 'at', render: (_, r) => <>{formatTime(r.submittedAt)}{r.submissions > 1 && <Typography.Text type="secondary">（{fill(L.submissions, { n: r.submissions })}）</Typography.Text>}</> },
    { title: L.registration, key: 'status', render: (_, r) => <Tag color={r.status === 'accepted' ? 'green' : r.status === 'returned' ? 'orange' : 'blue'}>{L.status[r.status]}</Tag> },
    { title: L.reason, key: 'reason', render: (_, r) => r.returnReason ?? '' },
    {
      title: L.actions, key: 'actions', render: (_, r) => r.status === 'submitted' && (
        <Space>
          <Button size="small" type="primary" onClick={() => setReviewing(r)}>{L.review}</Button>
        </Space>
      ),
    },
  ]
  return (
    <>
      <Radio.Group value={status ?? 'all'} onChange={(e) => setStatus(e.target.value === 'all' ? undefined : e.target.value)} style={{ marginBottom: 16 }}
        options={[{ value: 'submitted', label: L.status.submitted }, { value: 'returned', label: L.status.returned }, { value: 'accepted', label: L.status.accepted }, { value: 'all', label: L.allStatuses }]}
        optionType="button" />
      <Table rowKey="id" columns={columns} dataSource={items} loading={list.isLoading} pagination={false} size="middle" locale={{ emptyText: <EmptyText>{L.empty}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      {reviewing && (
        <ReviewDrawer r={reviewing} name={nameOf(reviewing)} onClose={() => setReviewing(null)} onAccept={() => accept(reviewing)} onReturn={() => { setReturning(reviewing); setReviewing(null) }} />
      )}
      <Modal open={!!returning} title={returning ? fill(L.returnTitle, { name: nameOf(returning) }) : ''} onOk={() => void sendBack()} onCancel={() => setReturning(null)} okText={L.return} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={L.reason} rules={[{ required: true, min: 2, message: L.reasonRequired }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

/** One registration in full before it is accepted or returned: who, their Party organisation and employer, the letter. */
function ReviewDrawer({ r, name, onClose, onAccept, onReturn }: { r: Registration; name: string; onClose: () => void; onAccept: () => Promise<void>; onReturn: () => void }) {
  const L = useMemberLabels()
  const [busy, setBusy] = useState(false)
  const member = useQuery({ queryKey: ['members', 'one', r.member?.id], queryFn: () => api<Member>(`/members/${r.member!.id}`), enabled: r.kind === 'member' && !!r.member })
  const m = member.data
  return (
    <Drawer open title={fill(L.reviewRegistration, { name })} width={520} onClose={onClose} destroyOnHidden
      footer={r.status === 'submitted' && (
        <Flex gap={8} justify="end">
          <Button danger onClick={onReturn}>{L.returnWithReason}</Button>
          <Button type="primary" loading={busy} onClick={() => { setBusy(true); void onAccept().finally(() => setBusy(false)) }}>{L.acceptRegistration}</Button>
        </Flex>
      )}>
      <Descriptions column={1} size="small" bordered items={[
        { key: 'who', label: L.who, children: <>{name} <Typography.Text type="secondary">{L.regKind[r.kind]}</Typography.Text></> },
        ...(r.kind === 'member' ? [
          { key: 'kind', label: L.memberKindLabel, children: m ? L.memberKind[m.kind] : '…' },
          { key: 'party', label: L.partyOrg, children: m ? m.partyOrgName : '…' },
          { key: 'unit', label: L.unit, children: m ? (m.employerUnit?.name ?? '—') : '…' },
        ] : []),
        { key: 'community', label: L.community, children: r.community.name },
        { key: 'letter', label: L.letter, children: r.letter ? r.letter.number : r.letterAttachment
          ? <a href={r.letterAttachment.url} target="_blank" rel="noreferrer"><img src={r.letterAttachment.url} alt={L.letterPhoto} style={{ maxWidth: '100%', maxHeight: 240, display: 'block' }} /></a>
          : <Typography.Text type="warning">{L.noLetter}</Typography.Text> },
        { key: 'by', label: L.submittedBy, children: r.submittedBy.name },
        { key: 'at', label: L.submittedAt, children: <>{formatTime(r.submittedAt)}{r.submissions > 1 && <Typography.Text type="secondary">（{fill(L.submissionsN, { n: r.submissions })}）</Typography.Text>}</> },
        ...(r.returnReason ? [{ key: 'last', label: L.lastReturn, children: r.returnReason }] : []),
        ...(r.note ? [{ key: 'note', label: L.note, children: r.note }] : []),
      ]} />
    </Drawer>
  )
}

function MemberProgress() {
  const L = useMemberLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [onlyBehind, setOnlyBehind] = useState(false)
  const [carding, setCarding] = useState<Member | null>(null)
  const [form] = Form.useForm<{ period: string }>()
  const list = usePaged<Member>(['members', 'list', onlyBehind], onlyBehind ? '/members/behind' : '/members', { year: String(THIS_YEAR) })
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  async function makeCard() {
    const { period } = await form.validateFields()
    try {
      await api('/feedback-cards', { method: 'POST', body: { memberId: carding!.id, period } })
      message.success(fill(L.cardMade, { name: carding!.person.name }))
      setCarding(null)
      await qc.invalidateQueries({ queryKey: ['members', 'cards'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<Member> = [
    { title: L.name, key: 'name', render: (_, m) => <strong>{m.person.name}</strong> },
    { title: L.kind, key: 'kind', render: (_, m) => L.memberKind[m.kind] },
    { title: L.unit, key: 'unit', render: (_, m) => m.employerUnit?.name ?? '—' },
    { title: L.community, key: 'community', render: (_, m) => m.community.name },
    { title: L.registration, key: 'reg', render: (_, m) => (m.registrationStatus ? L.status[m.registrationStatus] : L.notRegistered) },
    { title: L.hours, key: 'hours', width: 180, render: (_, m) => <Progress percent={Math.min(100, Math.round((m.progress.hours / Math.max(m.progress.minHours, 1)) * 100))} size="small" format={() => `${m.progress.hours}/${m.progress.minHours}`} /> },
    { title: L.projects, key: 'projects', render: (_, m) => `${m.progress.projects}/${m.progress.minProjects}` },
    { title: L.posts, key: 'posts', render: (_, m) => m.progress.posts },
    { title: L.met, key: 'met', render: (_, m) => (m.progress.met ? <Tag color="green">{L.met}</Tag> : <Tag color="orange">{L.behind}</Tag>) },
    {
      title: L.actions, key: 'actions', render: (_, m) => (
        <Space>
          <a href={`/api/v1/members/${m.id}/handbook.xlsx?year=${THIS_YEAR}`}>{L.handbook}</a>
          {m.registrationStatus === 'accepted' && <Button size="small" onClick={() => { setCarding(m); form.setFieldsValue({ period: String(THIS_YEAR) }) }}>{L.makeCard}</Button>}
        </Space>
      ),
    },
  ]
  const total = list.data?.pages[0]?.total
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <Switch checked={onlyBehind} onChange={setOnlyBehind} aria-label={L.onlyBehind} />
        <span>{L.onlyBehind}</span>
        {onlyBehind && total !== undefined && <Typography.Text type="warning">{fill(L.behindTotal, { n: total })}</Typography.Text>}
      </Flex>
      <Table rowKey="id" columns={columns} dataSource={items} loading={list.isLoading} pagination={false} size="middle" locale={{ emptyText: <EmptyText>{L.empty}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      <Modal open={!!carding} title={carding ? `${L.makeCard}：${carding.person.name}` : ''} onOk={() => void makeCard()} onCancel={() => setCarding(null)} okText={L.create} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="period" label={L.period} extra={L.periodExtra} rules={[{ required: true, pattern: /^\d{4}(-H[12])?$/, message: L.periodBad }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function Posts() {
  const L = useMemberLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [creating, setCreating] = useState(false)
  const [form] = Form.useForm<{ communityId: string; kind: 'post' | 'project'; title: string; description?: string; capacity: number }>()
  const list = usePaged<CommunityPost>(['members', 'posts'], '/community-posts', {})
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  async function create() {
    const values = await form.validateFields()
    try {
      await api('/community-posts', { method: 'POST', body: { ...values, description: values.description || undefined } })
      setCreating(false)
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['members', 'posts'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  async function change(p: CommunityPost, body: Record<string, unknown>) {
    try {
      await api(`/community-posts/${p.id}`, { method: 'PATCH', body })
      await qc.invalidateQueries({ queryKey: ['members', 'posts'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<CommunityPost> = [
    { title: L.postTitle, key: 'title', render: (_, p) => <Space direction="vertical" size={0}><strong>{p.title}</strong><Typography.Text type="secondary">{p.description}</Typography.Text></Space> },
    { title: L.kind, key: 'kind', render: (_, p) => <Tag>{L.postKind[p.kind]}</Tag> },
    { title: L.community, key: 'community', render: (_, p) => p.community.name },
    { title: L.taken, key: 'taken', render: (_, p) => <Progress percent={Math.round((p.taken / p.capacity) * 100)} size="small" format={() => `${p.taken}/${p.capacity}`} style={{ width: 140 }} /> },
    { title: L.capacity, key: 'capacity', render: (_, p) => <InputNumber size="small" min={Math.max(1, p.taken)} max={10000} defaultValue={p.capacity} aria-label={`${L.capacity} ${p.title}`} onBlur={(e) => { const v = Number(e.target.value); if (v && v !== p.capacity) void change(p, { capacity: v }) }} /> },
    { title: L.active, key: 'active', render: (_, p) => (p.active ? <Tag color="green">{L.active}</Tag> : <Tag>{L.closed}</Tag>) },
    { title: L.actions, key: 'actions', render: (_, p) => <Button size="small" onClick={() => void change(p, { active: !p.active })}>{p.active ? L.close : L.reopen}</Button> },
  ]
  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>{L.newPost}</Button>
      <Table rowKey="id" columns={columns} dataSource={items} loading={list.isLoading} pagination={false} size="middle" locale={{ emptyText: <EmptyText>{L.empty}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      <Modal open={creating} title={L.newPost} onOk={() => void create()} onCancel={() => setCreating(false)} okText={L.create} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'post', capacity: 10 }}>
          <Form.Item name="communityId" label={L.community} rules={[{ required: true }]}><OrgSelect /></Form.Item>
          <Form.Item name="kind" label={L.kind}><Radio.Group options={[{ value: 'post', label: L.postKind.post }, { value: 'project', label: L.postKind.project }]} /></Form.Item>
          <Form.Item name="title" label={L.postTitle} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="description" label={L.description}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          <Form.Item name="capacity" label={L.capacity} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function Cards() {
  const L = useMemberLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [status, setStatus] = useState<string | undefined>()
  const [reviewing, setReviewing] = useState<FeedbackCard | null>(null)
  const [form] = Form.useForm<{ rating: string; comment: string }>()
  const list = usePaged<FeedbackCard>(['members', 'cards', status], '/feedback-cards', { status })
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  async function review() {
    const values = await form.validateFields()
    try {
      await api(`/feedback-cards/${reviewing!.id}/review`, { method: 'POST', body: values })
      setReviewing(null)
      await qc.invalidateQueries({ queryKey: ['members', 'cards'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  async function send(c: FeedbackCard) {
    try {
      await api(`/feedback-cards/${c.id}/send`, { method: 'POST' })
      message.success(fill(L.sent, { name: c.unit?.name ?? '' }))
      await qc.invalidateQueries({ queryKey: ['members', 'cards'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<FeedbackCard> = [
    { title: L.member, key: 'member', render: (_, c) => <strong>{c.member.name}</strong> },
    { title: L.period, key: 'period', render: (_, c) => c.period },
    { title: L.unit, key: 'unit', render: (_, c) => c.unit?.name ?? '—' },
    { title: L.hoursOfCard, key: 'hours', render: (_, c) => `${c.content.hours} / ${c.content.minHours}` },
    { title: L.posts, key: 'posts', render: (_, c) => c.content.posts.map((p) => p.title).join('、') || '—' },
    { title: L.cardRating, key: 'rating', render: (_, c) => (c.rating ? L.rating[c.rating] : '—') },
    { title: L.cardState, key: 'status', render: (_, c) => <Tag color={c.status === 'sent' ? 'green' : c.status === 'reviewed' ? 'blue' : 'default'}>{L.cardStatus[c.status]}</Tag> },
    {
      title: L.actions, key: 'actions', render: (_, c) => (
        <Space>
          {c.status !== 'sent' && <Button size="small" onClick={() => { setReviewing(c); form.setFieldsValue({ rating: c.rating ?? 'good', comment: c.comment ?? '' }) }}>{L.review}</Button>}
          {c.status === 'reviewed' && <Button size="small" type="primary" onClick={() => void send(c)}>{L.send}</Button>}
          <a href={`/api/v1/feedback-cards/${c.id}/pdf`} target="_blank" rel="noreferrer">{L.pdf}</a>
        </Space>
      ),
    },
  ]
  return (
    <>
      <Select allowClear placeholder={L.allStatuses} value={status} onChange={setStatus} style={{ width: 180, marginBottom: 16 }} aria-label={L.cardState}
        options={['draft', 'reviewed', 'sent'].map((s) => ({ value: s, label: L.cardStatus[s] }))} />
      <Table rowKey="id" columns={columns} dataSource={items} loading={list.isLoading} pagination={false} size="middle" locale={{ emptyText: <EmptyText>{L.empty}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      <Modal open={!!reviewing} title={reviewing ? fill(L.reviewTitle, { name: reviewing.member.name }) : ''} onOk={() => void review()} onCancel={() => setReviewing(null)} okText={L.review} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="rating" label={L.cardRating} rules={[{ required: true }]}>
            <Radio.Group options={['excellent', 'good', 'fair', 'poor'].map((r) => ({ value: r, label: L.rating[r] }))} optionType="button" />
          </Form.Item>
          <Form.Item name="comment" label={L.comment} rules={[{ required: true, min: 2, message: L.commentRequired }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function Ledgers() {
  const L = useMemberLabels()
  const [name, setName] = useState('member-database')
  const [year, setYear] = useState(THIS_YEAR)
  const ledger = useQuery({ queryKey: ['members', 'ledger', name, year], queryFn: () => api<Ledger>(`/ledgers/${name}?year=${year}`) })
  const columns = (ledger.data?.columns ?? []).map((c) => ({ title: c.label, dataIndex: c.key, key: c.key }))
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Radio.Group value={name} onChange={(e) => setName(e.target.value)} optionType="button"
          options={Object.entries(L.ledgers).map(([value, label]) => ({ value, label }))} />
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} aria-label={L.year} addonBefore={L.year} />
        <Button href={`/api/v1/ledgers/${name}.xlsx?year=${year}`}>{L.export}</Button>
      </Flex>
      {ledger.data && <Typography.Title level={5}>{ledger.data.title}</Typography.Title>}
      <Table rowKey={(_, i) => String(i)} columns={columns} dataSource={ledger.data?.rows ?? []} loading={ledger.isLoading} size="small" pagination={{ pageSize: 50 }} locale={{ emptyText: <EmptyText>{L.empty}</EmptyText> }} />
    </>
  )
}
