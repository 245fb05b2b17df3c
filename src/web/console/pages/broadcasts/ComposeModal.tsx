// Composing a notice: the audience (residents of a grid, building or community; members
// registered at a community; a volunteer team; the units paired with a community; a hand-picked
// list), the channels (in the app, SMS, call list: each person gets the first that fits them, and
// nobody is left out), and whether one tap answers it ("收到", "我参加"). Send now or save a draft.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch, Typography } from 'antd'
import type { Broadcast } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, OrgSelect } from '../../common.tsx'
import { audienceWords, channelWords, fill, useBroadcastLabels } from './labels.ts'

type Kind = keyof typeof audienceWords
interface Values { title: string; body: string; kind: Kind; orgId?: string; teamId?: string; personIds?: string[]; channels: string[]; ackRequired: boolean; ackOptions?: string[] }

/** Several people, searched by name among those the caller can see (GET /people?q=). */
function PeoplePicker(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string; placeholder?: string }) {
  const [q, setQ] = useState('')
  const [known, setKnown] = useState<Record<string, string>>({})
  const found = useQuery({ queryKey: ['people.personSearch', q], queryFn: () => api<Page<{ id: string; name: string }>>(`/people?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`), staleTime: 30_000 })
  const options = [...new Map([...Object.entries(known), ...(found.data?.items ?? []).map((p) => [p.id, p.name] as const)]).entries()].map(([value, label]) => ({ value, label }))
  return <Select {...props} mode="multiple" showSearch filterOption={false} onSearch={setQ} loading={found.isFetching} options={options}
    onChange={(ids: string[]) => { setKnown(Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label]))); props.onChange?.(ids) }} />
}

/** One volunteer team the caller may address, searched on the server by team or node name (GET /broadcasts/teams?q=). */
function TeamSelect(props: { value?: string; onChange?: (v: string) => void; id?: string; placeholder?: string }) {
  const L = useBroadcastLabels()
  const [q, setQ] = useState('')
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null)
  const teams = useQuery({
    queryKey: ['broadcasts', 'teams', q],
    queryFn: () => api<{ items: { id: string; name: string; org: { name: string }; members: number }[] }>(`/broadcasts/teams?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    staleTime: 30_000,
  })
  const found = (teams.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}（${t.org.name} · ${fill(L.members, { n: t.members })}）` }))
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found
  return <Select {...props} showSearch filterOption={false} onSearch={setQ} loading={teams.isFetching} options={options}
    onChange={(v: string) => { setPicked(options.find((o) => o.value === v) ?? null); props.onChange?.(v) }} />
}

export function ComposeModal({ open, onClose }: { open: boolean; onClose: (id?: string) => void }) {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form)
  const ack = Form.useWatch('ackRequired', form)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: Values, draft: boolean) => {
    setBusy(true)
    setError(null)
    const audience = v.kind === 'team' ? { kind: v.kind, teamId: v.teamId } : v.kind === 'people' ? { kind: v.kind, orgId: v.orgId, personIds: v.personIds ?? [] } : { kind: v.kind, orgId: v.orgId }
    try {
      const made = await api<Broadcast>('/broadcasts', { method: 'POST', body: { title: v.title, body: v.body, audience, channels: v.channels, ackRequired: v.ackRequired, ackOptions: v.ackRequired ? v.ackOptions : undefined, draft } })
      await queryClient.invalidateQueries({ queryKey: ['broadcasts'] })
      void message.success(draft ? L.draft : `${L.sent}：${fill(L.members, { n: made.counts.recipients })}`)
      form.resetFields()
      onClose(made.id)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['title', 'body', 'channels', 'ackOptions']))
    } finally {
      setBusy(false)
    }
  }
  const send = (draft: boolean) => form.validateFields().then((v) => submit(v, draft), () => undefined)
  return (
    <Modal open={open} title={L.compose} onCancel={() => onClose()} width={640} destroyOnHidden
      footer={<Space><Button onClick={() => void send(true)} disabled={busy}>{L.draft}</Button><Button type="primary" loading={busy} onClick={() => void send(false)}>{L.send}</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'residents', channels: ['in_app', 'sms'], ackRequired: true, ackOptions: ['收到'] }}>
        <Form.Item name="title" label={L.titleField} rules={[{ required: true, max: 60 }]}>
          <Input maxLength={60} placeholder={L.titlePlaceholder} />
        </Form.Item>
        <Form.Item name="body" label={L.body} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="kind" label={L.kind} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={Object.entries(audienceWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        {kind === 'team' ? (
          <Form.Item name="teamId" label={audienceWords.team[lang]} rules={[{ required: true }]}><TeamSelect placeholder={L.team} /></Form.Item>
        ) : (
          <Form.Item name="orgId" label={L.node} rules={[{ required: true, message: L.pickNode }]}><OrgSelect placeholder={L.pickNode} /></Form.Item>
        )}
        {kind === 'people' && (
          <Form.Item name="personIds" label={L.people} rules={[{ required: true }]}><PeoplePicker placeholder={L.people} /></Form.Item>
        )}
        <Form.Item name="channels" label={L.channels} rules={[{ required: true }]}
          extra={<Typography.Text type="secondary">{L.channelsHint}</Typography.Text>}>
          <Checkbox.Group options={Object.entries(channelWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        <Form.Item name="ackRequired" label={L.ackRequired} valuePropName="checked"><Switch /></Form.Item>
        {ack && (
          <Form.Item name="ackOptions" label={L.ackOptions} extra={L.ackOptionsHint}>
            <Select mode="tags" maxCount={4} options={['收到', '我参加', '不参加'].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
