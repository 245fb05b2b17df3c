// The 应急动员 page's forms, each posting to the mobilisation API and showing its errors on the
// fields (or above the form): declare an emergency, draw a responsibility zone, set up a duty post
// with its first shifts, add shifts to a post, end the emergency with its summary and the
// temporary branches' records.
import { useState, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Emergency, Post } from '@server/modules/mobilisation/mobilisation.schemas.ts'
import { emergencyKindWords, levelWords, postKindWords } from '@server/modules/mobilisation/mobilisation.messages.ts'
import { api } from '../../../shared/api.ts'
import { applyFieldErrors, OrgSelect, PersonSelect } from '../../common.tsx'
import { AreaPicker, PointPicker, type Polygon } from './emergencyMaps.tsx'

const options = (words: Record<string, string>) => Object.entries(words).map(([value, label]) => ({ value, label }))

/** A modal form that posts and, on an API error, marks the fields named in `fields` or shows the message above. */
function ApiModal<V>({ title, open, onClose, form, fields, send, okText = '提交', width = 640, children, initialValues }: {
  title: string; open: boolean; onClose: () => void; form: FormInstance<V>; fields: string[]; send: (v: V) => Promise<unknown>
  okText?: string; width?: number; children: ReactNode; initialValues?: Partial<V>
}) {
  const queryClient = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: V) => {
    setBusy(true)
    setError(null)
    try {
      await send(v)
      await queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('emergenc') })
      form.resetFields()
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, fields))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={title} onCancel={onClose} okText={okText} confirmLoading={busy} onOk={() => form.submit()} width={width} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initialValues as never}>{children}</Form>
    </Modal>
  )
}

interface DeclareValues { orgId: string; kind: string; name: string; level: string; tag?: string; description?: string }
export function DeclareModal({ open, onClose, onDeclared }: { open: boolean; onClose: () => void; onDeclared: (id: string) => void }) {
  const [form] = Form.useForm<DeclareValues>()
  return (
    <ApiModal title="发起应急动员" okText="发起" open={open} onClose={onClose} form={form} fields={['orgId', 'kind', 'name', 'level', 'tag', 'description']}
      initialValues={{ kind: 'flood', level: 'high' }}
      send={async (v) => onDeclared((await api<Emergency>('/emergencies', { method: 'POST', body: { ...v, tag: v.tag || undefined, description: v.description || undefined } })).id)}>
      <Form.Item name="orgId" label="范围（区、街道或社区）" rules={[{ required: true, message: '请选择范围' }]}><OrgSelect aria-label="范围" placeholder="搜索街道或社区" /></Form.Item>
      <Space size={16} wrap>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}><Select aria-label="类型" style={{ width: 160 }} options={options(emergencyKindWords)} /></Form.Item>
        <Form.Item name="level" label="响应等级" rules={[{ required: true }]}><Select aria-label="响应等级" style={{ width: 160 }} options={options(levelWords)} /></Form.Item>
        <Form.Item name="tag" label="事件标签（险情事件带此标签）"><Input placeholder="默认：防汛2026" maxLength={30} /></Form.Item>
      </Space>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="例如：2026年汛期沿江防汛应急响应" maxLength={100} /></Form.Item>
      <Form.Item name="description" label="说明"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    </ApiModal>
  )
}

interface ZoneValues { name: string; personId: string; teamId?: string; area: Polygon | null }
export function ZoneModal({ emergency, open, onClose }: { emergency: Emergency; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ZoneValues>()
  const teams = useQuery({ queryKey: ['emergency-teams', emergency.id], queryFn: () => api<{ items: { id: string; name: string }[] }>(`/emergencies/${emergency.id}/teams`), enabled: open })
  return (
    <ApiModal title="划定责任区" open={open} onClose={onClose} form={form} fields={['name', 'personId', 'teamId', 'area']} width={760}
      send={(v) => api(`/emergencies/${emergency.id}/zones`, { method: 'POST', body: { name: v.name, personId: v.personId, teamId: v.teamId || undefined, area: v.area } })}>
      <Space size={16} wrap>
        <Form.Item name="name" label="责任区名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="例如：沿江一片区" maxLength={100} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="personId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}><PersonSelect aria-label="责任人" placeholder="搜索姓名" style={{ width: 260 }} /></Form.Item>
        <Form.Item name="teamId" label="突击队"><Select aria-label="突击队" allowClear style={{ width: 160 }} options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))} /></Form.Item>
      </Space>
      <Form.Item name="area" label="范围" rules={[{ required: true, message: '请在地图上画出责任区' }]}><AreaPicker label="责任区范围" around={emergency.area} /></Form.Item>
    </ApiModal>
  )
}

interface ShiftPlan { firstStart: Dayjs; hours: number; count: number; needed: number }
/** Consecutive shifts: `count` of `hours` each from `firstStart`, `needed` people each. */
function shiftsOf(p: ShiftPlan) {
  return Array.from({ length: p.count }, (_, i) => ({
    startsAt: p.firstStart.add(i * p.hours, 'hour').toISOString(), endsAt: p.firstStart.add((i + 1) * p.hours, 'hour').toISOString(), needed: p.needed,
  }))
}
const nextHour = () => dayjs().add(1, 'hour').startOf('hour')
function ShiftPlanFields({ optional = false }: { optional?: boolean }) {
  return (
    <Space size={16} wrap>
      <Form.Item name="firstStart" label="第一班开始" rules={[{ required: !optional, message: '请选择时间' }]}><DatePicker aria-label="第一班开始" showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" /></Form.Item>
      <Form.Item name="hours" label="每班小时" rules={[{ required: true }]}><InputNumber aria-label="每班小时" min={1} max={24} /></Form.Item>
      <Form.Item name="count" label={optional ? '连排班次（0 为暂不排班）' : '连排班次'} rules={[{ required: true }]}><InputNumber aria-label="连排班次" min={optional ? 0 : 1} max={200} /></Form.Item>
      <Form.Item name="needed" label="每班人数" rules={[{ required: true }]}><InputNumber aria-label="每班人数" min={1} max={200} /></Form.Item>
    </Space>
  )
}

interface PostValues extends ShiftPlan { name: string; kind: string; vanguard: boolean; zoneId?: string; location: { lng: number; lat: number } | null; radiusM: number }
export function PostModal({ emergency, zones, open, onClose }: { emergency: Emergency; zones: { id: string; name: string }[]; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PostValues>()
  return (
    <ApiModal title="设立值守点位" open={open} onClose={onClose} form={form} width={760}
      fields={['name', 'kind', 'vanguard', 'zoneId', 'location', 'radiusM', 'shifts']}
      initialValues={{ kind: 'checkpoint', vanguard: false, radiusM: 200, firstStart: nextHour(), hours: 8, count: 3, needed: 2 }}
      send={(v) => api(`/emergencies/${emergency.id}/posts`, {
        method: 'POST',
        body: { name: v.name, kind: v.kind, vanguard: v.vanguard, zoneId: v.zoneId || undefined, location: v.location, radiusM: v.radiusM, shifts: v.count > 0 && v.firstStart ? shiftsOf(v) : [] },
      })}>
      <Space size={16} wrap>
        <Form.Item name="name" label="点位名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="例如：沿江堤段K1+200" maxLength={100} style={{ width: 240 }} /></Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}><Select aria-label="点位类型" style={{ width: 120 }} options={options(postKindWords)} /></Form.Item>
        <Form.Item name="zoneId" label="所属责任区"><Select aria-label="所属责任区" allowClear style={{ width: 180 }} options={zones.map((z) => ({ value: z.id, label: z.name }))} /></Form.Item>
        <Form.Item name="radiusM" label="签到范围（米）"><InputNumber aria-label="签到范围" min={20} max={5000} /></Form.Item>
        <Form.Item name="vanguard" label=" " valuePropName="checked"><Checkbox>党员先锋岗</Checkbox></Form.Item>
      </Space>
      <Form.Item name="location" label="位置" rules={[{ required: true, message: '请在地图上点出点位位置' }]}><PointPicker label="点位位置" around={emergency.area} /></Form.Item>
      <ShiftPlanFields optional />
    </ApiModal>
  )
}

export function ShiftsModal({ post, open, onClose }: { post: Post | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ShiftPlan>()
  const last = post?.shifts.at(-1)
  return (
    <ApiModal title={`添加班次：${post?.name ?? ''}`} open={open} onClose={onClose} form={form} fields={['shifts']}
      initialValues={{ firstStart: last && dayjs(last.endsAt).isAfter(dayjs()) ? dayjs(last.endsAt) : nextHour(), hours: 8, count: 3, needed: last?.needed ?? 2 }}
      send={(v) => api(`/emergency-posts/${post!.id}/shifts`, { method: 'POST', body: { shifts: shiftsOf(v) } })}>
      <ShiftPlanFields />
    </ApiModal>
  )
}

interface EndValues { summary: string; records?: Record<string, string> }
export function EndModal({ emergency, open, onClose }: { emergency: Emergency; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EndValues>()
  const branches = useQuery({ queryKey: ['emergency-branches', emergency.id], queryFn: () => api<{ items: { id: string; name: string; closedAt: string | null }[] }>(`/emergencies/${emergency.id}/branches`), enabled: open })
  const open_ = (branches.data?.items ?? []).filter((b) => !b.closedAt)
  return (
    <ApiModal title={`结束应急：${emergency.name}`} okText="结束应急" open={open} onClose={onClose} form={form} fields={['summary']}
      send={(v) => {
        const records = Object.fromEntries(Object.entries(v.records ?? {}).filter(([, t]) => t?.trim()))
        return api(`/emergencies/${emergency.id}/end`, { method: 'POST', body: { summary: v.summary, branchRecords: Object.keys(records).length ? records : undefined } })
      }}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="结束后不能再报名、签到和上报险情；临时党支部随之撤销，记录保留。" />
      <Form.Item name="summary" label="应急总结" rules={[{ required: true, message: '请填写总结' }]}><Input.TextArea rows={4} maxLength={2000} placeholder="历时、投入人员、处置险情、成效" /></Form.Item>
      {open_.map((b) => (
        <Form.Item key={b.id} name={['records', b.id]} label={`${b.name}：工作记录`}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      ))}
    </ApiModal>
  )
}

interface CommendValues { personId: string; reason: string }
export function CommendModal({ emergencyId, people, open, onClose }: { emergencyId: string; people: { id: string; name: string }[]; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CommendValues>()
  return (
    <ApiModal title="推荐表彰" open={open} onClose={onClose} form={form} fields={['personId', 'reason']} width={520}
      send={(v) => api(`/emergencies/${emergencyId}/commendations`, { method: 'POST', body: v })}>
      <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}><Select aria-label="表彰人员" showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.id, label: p.name }))} /></Form.Item>
      <Form.Item name="reason" label="推荐理由" rules={[{ required: true, message: '请填写推荐理由' }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
    </ApiModal>
  )
}
