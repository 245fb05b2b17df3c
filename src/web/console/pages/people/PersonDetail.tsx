// One person: name and phone, roles (assign / end), and their login account: reset the
// password (shown once), disable / enable, and their sessions. Actions the caller may not take
// are not offered; a refusal the server still gives is shown in its own words.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Modal, Result, Select, Skeleton, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Dayjs } from 'dayjs'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useMe } from '../../auth.tsx'
import { AccountBadges, applyFieldErrors, assignableRoles, canAssign, canManage, errorMessage, linkStyle, OrgSelect, PageTheme, RoleTag, roleName, StatusTag, useLabels, type Person, type RoleAssignment } from '../../common.tsx'
import { fill, labels, type Labels } from './personDetail.labels.ts'
import { AccountCard, SessionsCard, useSetPerson } from './PersonAccount.tsx'

export default function PersonDetailPage() {
  return (
    <PageTheme>
      <PersonDetail />
    </PageTheme>
  )
}

function PersonDetail() {
  const { id = '' } = useParams()
  const L = useLabels(labels)
  const me = useMe().data!
  const person = useQuery({ queryKey: ['people', 'person', id], queryFn: () => api<Person>(`/people/${id}`), retry: false })

  if (person.isPending) return <Skeleton active />
  if (person.error) {
    const gone = person.error instanceof ApiError && person.error.status === 404
    return (
      <Result
        status={gone ? '404' : 'error'}
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{gone ? L.notFound : errorMessage(person.error)}</h1>}
        extra={<Link to="/people" style={linkStyle}>{L.back}</Link>}
      />
    )
  }
  const p = person.data
  const manage = canManage(me, p)
  return (
    <div>
      <Link to="/people" style={linkStyle}>← {L.back}</Link>
      <Flex align="center" wrap gap={12} style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{p.name}</Typography.Title>
        {p.account && <AccountBadges account={p.account} />}
        <Link to={`/audit?entity=person&entityId=${p.id}`} style={{ ...linkStyle, marginInlineStart: 'auto' }}>{L.auditLink}</Link>
      </Flex>
      <Flex vertical gap={16}>
        <BasicsCard p={p} L={L} editable={manage || p.id === me.person.id} />
        <RolesCard p={p} L={L} />
        <AccountCard p={p} L={L} manage={manage} />
        {manage && p.account && <SessionsCard p={p} L={L} />}
      </Flex>
    </div>
  )
}

function BasicsCard({ p, L, editable }: { p: Person; L: Labels; editable: boolean }) {
  const [editing, setEditing] = useState(false)
  return (
    <Card title={L.basics} extra={editable && <Button onClick={() => setEditing(true)}>{L.edit}</Button>}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: L.name, children: p.name },
          { key: 'phone', label: L.phone, children: p.phone ?? '—' },
        ]}
      />
      {editing && <EditModal p={p} L={L} onClose={() => setEditing(false)} />}
    </Card>
  )
}

function EditModal({ p, L, onClose }: { p: Person; L: Labels; onClose: () => void }) {
  const { message } = App.useApp()
  const setPerson = useSetPerson(p.id)
  const [form] = Form.useForm<{ name: string; phone?: string; clearPhone?: boolean }>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const clearPhone = Form.useWatch('clearPhone', form)

  async function submit(v: { name: string; phone?: string; clearPhone?: boolean }) {
    const body: { name?: string; phone?: string | null } = {}
    if (v.name.trim() !== p.name) body.name = v.name.trim()
    if (v.clearPhone) body.phone = null
    else if (v.phone?.trim()) body.phone = v.phone.trim()
    if (Object.keys(body).length === 0) return setError(L.nothing)
    setBusy(true)
    setError(null)
    try {
      setPerson(await api<Person>(`/people/${p.id}`, { method: 'PATCH', body }))
      message.success(L.saved)
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, ['name', 'phone']))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={L.editTitle} onCancel={onClose} onOk={() => form.submit()} okText={L.ok} cancelText={L.cancel} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: p.name }}>
        <Form.Item label={L.name} name="name" rules={[{ required: true, whitespace: true, message: L.nameRequired }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label={L.phoneNew} name="phone" extra={p.phone ? fill(L.phoneExtra, { phone: p.phone }) : undefined} rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: L.phoneBad }]}>
          <Input inputMode="numeric" maxLength={11} autoComplete="off" disabled={!!clearPhone} />
        </Form.Item>
        {p.phone && (
          <Form.Item name="clearPhone" valuePropName="checked">
            <Checkbox>{L.phoneClear}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

function RolesCard({ p, L }: { p: Person; L: Labels }) {
  const { lang } = useI18n()
  const me = useMe().data!
  const { message } = App.useApp()
  // Dialogs rendered inside the page, so they take the page's accessible colours.
  const [modal, modalHolder] = Modal.useModal()
  const setPerson = useSetPerson(p.id)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [assigning, setAssigning] = useState(false)
  const mayAssign = assignableRoles(me).length > 0

  function end(r: RoleAssignment) {
    const last = p.roles.filter((x) => x.active).length === 1
    modal.confirm({
      title: fill(L.endConfirm, { role: `${roleName(r.role, lang)} · ${r.orgName}` }),
      content: (
        <>
          <p>{L.endText}</p>
          {last && <p><strong>{L.endLast}</strong></p>}
        </>
      ),
      okText: L.end,
      okButtonProps: { danger: true },
      cancelText: L.cancel,
      onOk: async () => {
        try {
          const next = await api<Person>(`/people/${p.id}/roles/${r.id}`, { method: 'DELETE' })
          message.success(L.endedMsg)
          if (last) {
            await queryClient.invalidateQueries({ queryKey: ['people', 'list'] })
            queryClient.removeQueries({ queryKey: ['people', 'person', p.id] })
            navigate('/people')
          } else setPerson(next)
        } catch (err) {
          message.error(errorMessage(err))
        }
      },
    })
  }

  const columns: ColumnsType<RoleAssignment> = [
    { title: L.role, key: 'role', render: (_, r) => <RoleTag r={r} /> },
    { title: L.period, key: 'period', render: (_, r) => `${r.validFrom} – ${r.validTo ?? L.open}` },
    { title: L.status, key: 'status', render: (_, r) => (r.active ? <StatusTag tone="success">{L.active}</StatusTag> : <StatusTag tone="muted">{L.ended}</StatusTag>) },
    {
      title: L.actions,
      key: 'actions',
      render: (_, r) =>
        r.active && canAssign(me, r.role, r.orgPath) ? (
          <Button size="small" danger onClick={() => end(r)} aria-label={`${L.end}：${roleName(r.role, lang)} · ${r.orgName}`}>
            {L.end}
          </Button>
        ) : null,
    },
  ]

  return (
    <Card title={L.roles} extra={mayAssign && <Button onClick={() => setAssigning(true)}>{L.assign}</Button>}>
      <Table<RoleAssignment> rowKey="id" columns={columns} dataSource={[...p.roles].sort((a, b) => Number(b.active) - Number(a.active))} pagination={false} size="small" scroll={{ x: 600 }} />
      {assigning && <AssignRoleModal p={p} L={L} onClose={() => setAssigning(false)} />}
      {modalHolder}
    </Card>
  )
}

interface AssignForm {
  role: string
  orgId: string
  validFrom?: Dayjs | null
  validTo?: Dayjs | null
}

function AssignRoleModal({ p, L, onClose }: { p: Person; L: Labels; onClose: () => void }) {
  const { lang } = useI18n()
  const me = useMe().data!
  const { message } = App.useApp()
  const setPerson = useSetPerson(p.id)
  const [form] = Form.useForm<AssignForm>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const known = [...me.roles, ...p.roles].map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const unique = known.filter((k, i) => known.findIndex((x) => x.value === k.value) === i)

  async function submit(v: AssignForm) {
    setBusy(true)
    setError(null)
    try {
      const body = {
        role: v.role,
        orgId: v.orgId,
        validFrom: v.validFrom ? v.validFrom.format('YYYY-MM-DD') : undefined,
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : undefined,
      }
      setPerson(await api<Person>(`/people/${p.id}/roles`, { method: 'POST', body }))
      message.success(L.assigned)
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, ['role', 'orgId', 'validFrom', 'validTo']))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={L.assignTitle} onCancel={onClose} onOk={() => form.submit()} okText={L.assign} cancelText={L.cancel} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<AssignForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={L.role} name="role" rules={[{ required: true, message: fill(L.required, { field: L.role }) }]}>
          <Select options={assignableRoles(me).map((r) => ({ value: r, label: roleName(r, lang) }))} />
        </Form.Item>
        <Form.Item label={L.org} name="orgId" rules={[{ required: true, message: fill(L.required, { field: L.org }) }]}>
          <OrgSelect known={unique} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item label={L.validFrom} name="validFrom" extra={L.validFromExtra} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={L.validTo} name="validTo" extra={L.validToExtra} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  )
}
