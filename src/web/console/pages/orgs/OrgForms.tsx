// The dialogs that change a node: new child, edit, move. The server judges; its per-field
// messages are shown under the fields, anything else above the form.
import { useEffect, useState } from 'react'
import { useQueries } from '@tanstack/react-query'
import { Alert, Form, Input, Modal, Select, Switch, Typography, type FormInstance } from 'antd'
import { api, ApiError, type Me } from '../../../shared/api.ts'
import { kindLabels, partyOrgKindLabels } from '../../../shared/roles.ts'
import {
  childKinds,
  isAncestorOrSelf,
  mayManageChildrenOf,
  orgKeys,
  orgKinds,
  partyOrgKinds,
  searchOrgs,
  type Org,
  type OrgKind,
  type PartyOrgKind,
} from './model.ts'
import { KindTag } from './KindTag.tsx'
import { useOrgLabels } from './labels.ts'

interface OrgFormValues {
  kind?: OrgKind
  name?: string
  divisionCode?: string
  hasParty?: boolean
  partyOrg?: { kind?: PartyOrgKind; name?: string; secretary?: string }
  propertyFirm?: string
}

const formFields = ['kind', 'name', 'divisionCode', 'partyOrg.kind', 'partyOrg.name', 'partyOrg.secretary', 'propertyFirm', 'parentId', 'geometry']

/**
 * Puts the server's refusal where it belongs: per-field messages under their fields, a taken
 * division code under that field, anything else returned for an alert above the form.
 */
export function showServerErrors(form: FormInstance, err: unknown, fields: string[] = formFields): string | null {
  if (!(err instanceof ApiError)) return String(err)
  const byField = err.fieldErrors()
  if (err.code === 'DIVISION_CODE_TAKEN' && fields.includes('divisionCode')) byField.divisionCode = err.message
  const known = Object.entries(byField).filter(([k]) => fields.includes(k))
  form.setFields(known.map(([k, message]) => ({ name: k.split('.'), errors: [message] })))
  const rest = Object.entries(byField).filter(([k]) => !fields.includes(k))
  if (known.length > 0 && rest.length === 0) return null
  return [err.message, ...rest.map(([k, m]) => `${k}: ${m}`)].join('；')
}

function bodyOf(v: OrgFormValues, kind: OrgKind) {
  const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null)
  return {
    name: v.name ?? '',
    divisionCode: text(v.divisionCode),
    partyOrg: v.hasParty ? { kind: v.partyOrg?.kind, name: v.partyOrg?.name ?? '', secretary: text(v.partyOrg?.secretary) } : null,
    ...(kind === 'estate' ? { propertyFirm: text(v.propertyFirm) } : {}),
  }
}

function OrgFields({ kind, kinds }: { kind: OrgKind | undefined; kinds?: OrgKind[] }) {
  const { L, lang } = useOrgLabels()
  const hasParty = Form.useWatch('hasParty')
  return (
    <>
      {kinds && (
        <Form.Item label={L.kind} name="kind" rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: kindLabels[k]?.[lang] ?? k }))} />
        </Form.Item>
      )}
      <Form.Item label={L.name} name="name" rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={L.divisionCode} name="divisionCode" extra={<span style={{ color: '#595959' }}>{lang === 'zh' ? '12 位数字，可不填' : '12 digits, optional'}</span>}>
        <Input inputMode="numeric" maxLength={20} />
      </Form.Item>
      {kind === 'estate' && (
        <Form.Item label={L.propertyFirm} name="propertyFirm">
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item label={L.hasParty} name="hasParty" valuePropName="checked">
        <Switch />
      </Form.Item>
      {hasParty && (
        <>
          <Form.Item label={L.partyKind} name={['partyOrg', 'kind']} rules={[{ required: true }]}>
            <Select options={partyOrgKinds.map((k) => ({ value: k, label: partyOrgKindLabels[k]?.[lang] ?? k }))} />
          </Form.Item>
          <Form.Item label={L.partyName} name={['partyOrg', 'name']} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={L.secretary} name={['partyOrg', 'secretary']}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
    </>
  )
}

function ErrorAlert({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null
}

export function CreateChildModal({ parent, onClose, onCreated }: { parent: Org; onClose(): void; onCreated(org: Org): void }) {
  const { L, f } = useOrgLabels()
  const [form] = Form.useForm<OrgFormValues>()
  const kinds = childKinds[parent.kind]
  const kind = Form.useWatch('kind', form)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(v: OrgFormValues) {
    setBusy(true)
    setError(null)
    try {
      const created = await api<Org>('/orgs', { method: 'POST', body: { parentId: parent.id, kind: v.kind, ...bodyOf(v, v.kind!) } })
      onCreated(created)
    } catch (err) {
      setError(showServerErrors(form, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={f(L.createTitle, { name: parent.name })} okText={L.save} cancelText={L.cancel} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: kinds[0], hasParty: false }} requiredMark={false}>
        <OrgFields kind={kind} kinds={kinds} />
      </Form>
    </Modal>
  )
}

export function EditOrgModal({ org, onClose, onSaved }: { org: Org; onClose(): void; onSaved(org: Org): void }) {
  const { L, f } = useOrgLabels()
  const [form] = Form.useForm<OrgFormValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(v: OrgFormValues) {
    setBusy(true)
    setError(null)
    try {
      onSaved(await api<Org>(`/orgs/${org.id}`, { method: 'PATCH', body: bodyOf(v, org.kind) }))
    } catch (err) {
      setError(showServerErrors(form, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={f(L.editTitle, { name: org.name })} okText={L.save} cancelText={L.cancel} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{
          name: org.name,
          divisionCode: org.divisionCode ?? '',
          propertyFirm: org.propertyFirm ?? '',
          hasParty: !!org.partyOrg,
          partyOrg: org.partyOrg ? { kind: org.partyOrg.kind, name: org.partyOrg.name, secretary: org.partyOrg.secretary ?? '' } : { kind: 'branch' },
        }}
      >
        <OrgFields kind={org.kind} />
      </Form>
    </Modal>
  )
}

export function MoveOrgModal({ org, me, onClose, onMoved }: { org: Org; me: Me; onClose(): void; onMoved(org: Org): void }) {
  const { L, f } = useOrgLabels()
  const [form] = Form.useForm<{ parentId?: string }>()
  const [term, setTerm] = useState('')
  const [debounced, setDebounced] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const t = setTimeout(() => setDebounced(term.trim()), 250)
    return () => clearTimeout(t)
  }, [term])

  const parentKinds = orgKinds.filter((k) => childKinds[k].includes(org.kind))
  const found = useQueries({
    queries: parentKinds.map((k) => ({ queryKey: [...orgKeys.search(debounced, k), 'move'], queryFn: () => searchOrgs(debounced, k, 200) })),
  })
  const candidates = found
    .flatMap((q) => q.data?.items ?? [])
    .filter((o) => o.id !== org.parentId && !isAncestorOrSelf(org.path, o.path) && mayManageChildrenOf(me, o))

  async function submit(v: { parentId?: string }) {
    setBusy(true)
    setError(null)
    try {
      onMoved(await api<Org>(`/orgs/${org.id}/move`, { method: 'POST', body: { parentId: v.parentId } }))
    } catch (err) {
      setError(showServerErrors(form, err, ['parentId']))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={f(L.moveTitle, { name: org.name })} okText={L.move} cancelText={L.cancel} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={L.newParent} name="parentId" rules={[{ required: true }]} extra={<span style={{ color: '#595959' }}>{L.moveHint}</span>}>
          <Select
            showSearch={{ filterOption: false, onSearch: setTerm }}
            placeholder={L.newParentPlaceholder}
            loading={found.some((q) => q.isFetching)}
            options={candidates.map((o) => ({ value: o.id, label: <span><KindTag kind={o.kind} />{o.name}</span> }))}
            notFoundContent={<Typography.Text style={{ color: '#595959' }}>{found.some((q) => q.isFetching) ? '…' : L.searchNone}</Typography.Text>}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
