// The case page's action buttons: one for each action the server lists in `actions`, each
// opening a small form (fields per action below). A refused action (409 state conflict, 422
// invalid input) shows the server's own message in the form; nothing is guessed here.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { DownOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, DatePicker, Dropdown, Flex, Form, Input, Modal, Radio, Rate, Select, Typography, Upload, type UploadFile } from 'antd'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, formatTime, type Person } from '../../common.tsx'
import { useMe } from '../../auth.tsx'
import { ReporterPhone } from './parts.tsx'
import { caseLevels, revisitSatisfactions, uploadPhoto, type CaseAction, type CaseDetail } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'

type Field = 'note' | 'noteRequired' | 'reason' | 'assigneeId' | 'result' | 'photoIds' | 'intoId' | 'level' | 'heldAt' | 'participants' | 'conclusion' | 'rating' | 'comment' | 'fixed' | 'satisfaction' | 'method' | 'public'

const fieldsOf: Record<CaseAction, Field[]> = {
  accept: ['note'],
  reject: ['reason'],
  assign: ['assigneeId', 'note'],
  take: [],
  start: ['note'],
  handle: ['result', 'photoIds'],
  verify: ['note'],
  return: ['noteRequired'],
  close: ['note'],
  escalate: ['noteRequired', 'level'],
  reopen: ['noteRequired'],
  rate: ['rating', 'comment'],
  revisit: ['fixed', 'satisfaction', 'method', 'note'],
  update: ['noteRequired', 'photoIds', 'public'],
  merge: ['intoId'],
  meetings: ['heldAt', 'participants', 'conclusion'],
}

/** The steps a caller is expected to take next, in the order of the loop; the first one offered is the main button. */
const primary: CaseAction[] = ['accept', 'take', 'start', 'handle', 'verify', 'close', 'revisit', 'assign']
const danger: CaseAction[] = ['reject', 'return']

function PeoplePicker({ orgId, value, onChange, placeholder, id }: { orgId: string; value?: string; onChange?: (v: string) => void; placeholder: string; id?: string }) {
  const people = useQuery({
    queryKey: ['people', 'of-org', orgId],
    queryFn: () => api<Page<Person>>(`/people?orgId=${orgId}&limit=100`),
  })
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={people.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.roles.find((r) => r.active) ? `${p.name}（${p.roles.find((r) => r.active)!.orgName}）` : p.name }))}
    />
  )
}

/** Photos uploaded as they are picked (POST /attachments); the form keeps the upload list. */
export function PhotoUpload({ value, onChange, addLabel, id }: { value?: UploadFile[]; onChange?: (v: UploadFile[]) => void; addLabel: string; id?: string }) {
  const { lang } = useI18n()
  return (
    <Upload
      id={id}
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      multiple
      fileList={value ?? []}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadPhoto(file as Blob, lang === 'en' ? 'en' : 'zh-CN').then((a) => onSuccess?.(a), (e: Error) => onError?.(e))
      }}
      maxCount={9}
    >
      {(value?.length ?? 0) < 9 && <span>{addLabel}</span>}
    </Upload>
  )
}

function bodyOf(action: CaseAction, values: Record<string, unknown>): Record<string, unknown> {
  const v = { ...values }
  if ('noteRequired' in v) {
    v.note = v.noteRequired
    delete v.noteRequired
  }
  if (Array.isArray(v.photoIds)) v.photoIds = (v.photoIds as UploadFile[]).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id)
  if (v.heldAt && typeof v.heldAt === 'object') v.heldAt = (v.heldAt as { format(): string }).format()
  if (action === 'rate' && v.rating) v.rating = Number(v.rating)
  for (const k of Object.keys(v)) if (v[k] === undefined || v[k] === '') delete v[k]
  return v
}

function ActionForm({ c, action, onClose }: { c: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { L, f, action: actionName, level: levelName } = useCaseLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fields = fieldsOf[action]
  const req = (field: string) => [{ required: true, whitespace: true, message: f(L.required, { field }) }]

  async function submit(values: Record<string, unknown>) {
    setBusy(true)
    setError(null)
    try {
      const updated = await api<CaseDetail>(`/cases/${c.id}/${action}`, { method: 'POST', body: bodyOf(action, values) })
      queryClient.setQueryData(['case', c.id], updated)
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
      void queryClient.invalidateQueries({ queryKey: ['notifications'] })
      message.success(f(L.done, { action: actionName(action) }))
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, [...fields, 'note']))
    } finally {
      setBusy(false)
    }
  }

  const higher = caseLevels.slice(caseLevels.indexOf(c.level) + 1)
  return (
    <Modal open title={`${actionName(action)} · #${c.id}`} onCancel={onClose} onOk={() => form.submit()} okText={L.submit} cancelText={L.cancel} confirmLoading={busy} destroyOnHidden>
      {action === 'revisit' && <RevisitScript c={c} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ public: true, fixed: true, method: c.anonymous ? 'visit' : 'phone' }} name={`case-${action}`}>
        {fields.includes('reason') && (
          <Form.Item name="reason" label={L.reason} rules={req(L.reason)}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {fields.includes('assigneeId') && (
          <Form.Item name="assigneeId" label={L.assignTo} rules={[{ required: true, message: f(L.required, { field: L.assignTo }) }]}>
            <PeoplePicker orgId={c.handlingOrgId} placeholder={L.assignPlaceholder} />
          </Form.Item>
        )}
        {fields.includes('result') && (
          <Form.Item name="result" label={L.resultText} rules={req(L.resultText)}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
        {fields.includes('intoId') && (
          <Form.Item name="intoId" label={L.intoId} rules={req(L.intoId)}>
            <Input inputMode="numeric" />
          </Form.Item>
        )}
        {fields.includes('heldAt') && (
          <Form.Item name="heldAt" label={L.heldAt} rules={[{ required: true, message: f(L.required, { field: L.heldAt }) }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        )}
        {fields.includes('participants') && (
          <Form.Item name="participants" label={L.participants} extra={L.participantsHint} rules={[{ required: true, message: f(L.required, { field: L.participants }) }]}>
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
        )}
        {fields.includes('conclusion') && (
          <Form.Item name="conclusion" label={L.conclusion} rules={req(L.conclusion)}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
        {fields.includes('rating') && (
          <Form.Item name="rating" label={L.stars} rules={[{ required: true, message: f(L.required, { field: L.stars }) }]}>
            <Rate />
          </Form.Item>
        )}
        {fields.includes('comment') && (
          <Form.Item name="comment" label={L.comment}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {fields.includes('fixed') && (
          <Form.Item name="fixed" label={L.fixed}>
            <Radio.Group options={[{ value: true, label: L.yes }, { value: false, label: L.no }]} />
          </Form.Item>
        )}
        {fields.includes('satisfaction') && (
          <Form.Item name="satisfaction" label={L.satisfaction} extra={L.dissatisfiedReopens} rules={[{ required: true, message: f(L.required, { field: L.satisfaction }) }]}>
            <Radio.Group optionType="button" options={revisitSatisfactions.map((s) => ({ value: s, label: L.satisfactions[s] }))} />
          </Form.Item>
        )}
        {fields.includes('method') && (
          <Form.Item name="method" label={L.revisitMethod}>
            <Radio.Group options={(['phone', 'visit'] as const).map((m) => ({ value: m, label: L.revisitMethods[m] }))} />
          </Form.Item>
        )}
        {fields.includes('level') && higher.length > 1 && (
          <Form.Item name="level" label={L.toLevel}>
            <Select allowClear placeholder={L.nextLevel} options={higher.map((l) => ({ value: l, label: levelName(l) }))} />
          </Form.Item>
        )}
        {fields.includes('noteRequired') && (
          <Form.Item name="noteRequired" label={L.note} rules={req(L.note)}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
        {fields.includes('note') && (
          <Form.Item name="note" label={L.note}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {fields.includes('photoIds') && (
          <Form.Item name="photoIds" label={L.photos} valuePropName="value">
            <PhotoUpload addLabel={L.addPhoto} />
          </Form.Item>
        )}
        {fields.includes('public') && (
          <Form.Item name="public" valuePropName="checked">
            <Checkbox>{L.publicNote}</Checkbox>
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  )
}

/**
 * 回访 as a 12345 operator does it: the script to read out on the call, filled in with this case,
 * and the reporter's number behind 联系上报人 (the tap audited); anonymous reports have no call.
 */
function RevisitScript({ c }: { c: CaseDetail }) {
  const { L, f } = useCaseLabels()
  const me = useMe()
  // The caller speaks for their own unit: the handling unit when they belong to it, else their community's or first role's.
  const roles = me.data?.roles ?? []
  const org = (roles.find((r) => r.orgId === c.handlingOrgId) ?? roles.find((r) => r.orgName === c.communityName) ?? roles[0])?.orgName ?? c.handlingOrgName
  const lines = [
    f(L.scriptHello, { org, me: me.data?.person.name ?? '' }),
    f(L.scriptCase, { date: formatTime(c.createdAt), title: c.categoryName, closed: c.closedAt ? formatTime(c.closedAt) : '—' }),
    c.result ? f(L.scriptResult, { result: c.result }) : null,
    L.scriptAsk,
    L.scriptEnd,
  ].filter((l): l is string => l !== null)
  return (
    <Card size="small" title={L.revisitScript} style={{ marginBottom: 16, background: '#fafafa' }} role="region" aria-label={L.revisitScript}>
      {c.anonymous ? (
        <Typography.Paragraph style={{ margin: 0 }}>{L.scriptAnonymous}</Typography.Paragraph>
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {lines.map((l) => <li key={l} style={{ marginBottom: 4 }}>{l}</li>)}
        </ol>
      )}
      <Flex wrap gap={12} style={{ marginTop: 8 }} align="center">
        {c.reporterPhone && <span>{L.reporter}：{c.reporter?.name ?? ''}<ReporterPhone caseId={c.id} masked={c.reporterPhone} /></span>}
        {c.revisitDueAt && <Typography.Text type="secondary">{f(L.revisitDeadline, { time: formatTime(c.revisitDueAt) })}</Typography.Text>}
      </Flex>
    </Card>
  )
}

export function CaseActionButtons({ c }: { c: CaseDetail }) {
  const { L, action: actionName } = useCaseLabels()
  const [open, setOpen] = useState<CaseAction | null>(null)
  const known = c.actions.filter((a): a is CaseAction => a in fieldsOf)
  if (known.length === 0) return <span style={{ color: '#595959' }}>{L.noActions}</span>
  // One button for what the caller is expected to do next; the rest under 更多, as work-order
  // systems show it (issue 13: a row of up to nine buttons).
  // A step off the loop (重新办理 after 销号) is offered, not urged: a plain button.
  const expected = primary.find((a) => known.includes(a))
  const next = expected ?? known[0]!
  const rest = known.filter((a) => a !== next)
  return (
    <>
      <Flex wrap gap={8}>
        <Button type={expected ? 'primary' : 'default'} danger={danger.includes(next)} onClick={() => setOpen(next)}>{actionName(next)}</Button>
        {rest.length > 0 && (
          <Dropdown trigger={['click']} menu={{ items: rest.map((a) => ({ key: a, label: actionName(a), danger: danger.includes(a) })), onClick: ({ key }) => setOpen(key as CaseAction) }}>
            <Button>{L.moreActions} <DownOutlined /></Button>
          </Dropdown>
        )}
      </Flex>
      {open && <ActionForm c={c} action={open} onClose={() => setOpen(null)} />}
    </>
  )
}
