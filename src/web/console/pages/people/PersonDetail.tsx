// One person: name and phone, roles (assign / end), and their login account: reset the
// password (shown once), disable / enable, and their sessions. Actions the caller may not take
// are not offered; a refusal the server still gives is shown in its own words.
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Modal, Result, Select, Skeleton, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Dayjs } from 'dayjs'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useMe } from '../../auth.tsx'
import {
  AccountBadges,
  applyFieldErrors,
  assignableRoles,
  canAssign,
  canManage,
  EmptyText,
  errorMessage,
  formatTime,
  isLocked,
  linkStyle,
  OrgSelect,
  PageTheme,
  RoleTag,
  roleName,
  StatusTag,
  TemporaryPasswordModal,
  useLabels,
  type Person,
  type RoleAssignment,
  type Session,
} from './common.tsx'

const labels = {
  zh: {
    back: '返回人员列表',
    notFound: '找不到此人，或其已不在您的管辖范围内',
    basics: '基本信息',
    name: '姓名',
    phone: '手机号',
    edit: '编辑',
    editTitle: '修改基本信息',
    phoneNew: '新手机号',
    phoneExtra: '当前：{phone}。留空则不修改',
    phoneClear: '删除手机号',
    phoneBad: '请输入 11 位大陆手机号',
    nameRequired: '请填写姓名',
    nothing: '没有要修改的内容',
    saved: '已保存',
    roles: '角色',
    role: '角色',
    org: '所属组织',
    period: '任期',
    status: '状态',
    active: '在任',
    ended: '已结束',
    open: '长期',
    actions: '操作',
    assign: '任命角色',
    assignTitle: '任命角色',
    validFrom: '开始日期',
    validTo: '结束日期',
    validFromExtra: '留空则从今天开始',
    validToExtra: '留空则长期有效',
    required: '请选择{field}',
    assigned: '已任命',
    end: '结束任命',
    endConfirm: '结束“{role}”的任命？',
    endText: '任命即日起失效，此人将不再拥有该角色的权限。',
    endLast: '这是此人最后一个在任角色：结束后，此人将不再出现在人员列表中。',
    endedMsg: '已结束任命',
    account: '登录账号',
    noAccount: '此人没有登录账号。',
    username: '用户名',
    accountStatus: '账号状态',
    normal: '正常',
    lastLogin: '最近登录',
    never: '从未登录',
    totp: '双因素认证',
    on: '已启用',
    off: '未启用',
    reset: '重置密码',
    resetConfirm: '重置 {name} 的密码？',
    resetText: '将生成一个临时密码，此人的全部登录会话随即结束，下次登录须修改密码。',
    disable: '停用账号',
    disableConfirm: '停用 {name} 的账号？',
    disableText: '停用后此人无法登录，现有会话随即结束。可随时重新启用。',
    enable: '启用账号',
    enableConfirm: '重新启用 {name} 的账号？',
    disabledMsg: '账号已停用',
    enabledMsg: '账号已启用',
    cannotManage: '您的角色不高于此人的全部角色，不能管理其账号。',
    yourself: '这是您自己的账号。修改密码请使用右上角的菜单。',
    sessions: '登录会话',
    created: '登录时间',
    lastSeen: '最近活动',
    expires: '到期',
    ip: 'IP 地址',
    device: '设备',
    noSessions: '当前没有登录会话',
    endSessions: '结束全部会话',
    endSessionsConfirm: '结束 {name} 的全部登录会话？',
    endSessionsText: '此人在所有设备上都需重新登录。',
    sessionsEnded: '已结束全部会话',
    auditLink: '查看相关审计日志',
    ok: '确定',
    cancel: '取消',
  },
  en: {
    back: 'Back to people',
    notFound: 'This person was not found, or is no longer in your scope',
    basics: 'Details',
    name: 'Name',
    phone: 'Mobile',
    edit: 'Edit',
    editTitle: 'Edit details',
    phoneNew: 'New mobile number',
    phoneExtra: 'Now: {phone}. Leave empty to keep it',
    phoneClear: 'Remove the mobile number',
    phoneBad: 'Enter an 11-digit mainland mobile number',
    nameRequired: 'Name is required',
    nothing: 'Nothing to change',
    saved: 'Saved',
    roles: 'Roles',
    role: 'Role',
    org: 'Organisation',
    period: 'Term',
    status: 'Status',
    active: 'Active',
    ended: 'Ended',
    open: 'open',
    actions: 'Actions',
    assign: 'Assign role',
    assignTitle: 'Assign a role',
    validFrom: 'From',
    validTo: 'Until',
    validFromExtra: 'Empty: from today',
    validToExtra: 'Empty: no end date',
    required: 'Choose the {field}',
    assigned: 'Role assigned',
    end: 'End role',
    endConfirm: 'End the role "{role}"?',
    endText: 'The role ends today; the person loses its rights.',
    endLast: 'This is their last current role: afterwards they no longer appear in the people list.',
    endedMsg: 'Role ended',
    account: 'Login account',
    noAccount: 'This person has no login account.',
    username: 'Username',
    accountStatus: 'Status',
    normal: 'Active',
    lastLogin: 'Last login',
    never: 'Never',
    totp: 'Two-factor',
    on: 'On',
    off: 'Off',
    reset: 'Reset password',
    resetConfirm: 'Reset the password of {name}?',
    resetText: 'A temporary password is generated, all their sessions end, and they must change it at the next login.',
    disable: 'Disable account',
    disableConfirm: 'Disable the account of {name}?',
    disableText: 'They can no longer log in and their sessions end. You can enable it again.',
    enable: 'Enable account',
    enableConfirm: 'Enable the account of {name} again?',
    disabledMsg: 'Account disabled',
    enabledMsg: 'Account enabled',
    cannotManage: 'Your role does not outrank all of their roles, so you cannot manage their account.',
    yourself: 'This is your own account. Change your password from the menu at the top right.',
    sessions: 'Sessions',
    created: 'Logged in',
    lastSeen: 'Last active',
    expires: 'Expires',
    ip: 'IP address',
    device: 'Device',
    noSessions: 'No open sessions',
    endSessions: 'End all sessions',
    endSessionsConfirm: 'End all sessions of {name}?',
    endSessionsText: 'They will have to log in again on every device.',
    sessionsEnded: 'All sessions ended',
    auditLink: 'Related audit entries',
    ok: 'OK',
    cancel: 'Cancel',
  },
}

type Labels = (typeof labels)['zh']
const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '')

/** A short description of a browser's user agent. */
function device(ua: string | null): string {
  if (!ua) return '—'
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : /MicroMessenger/.test(ua) ? 'WeChat' : null
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null
  return browser || os ? [browser, os].filter(Boolean).join(' · ') : ua.slice(0, 40)
}

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

function useSetPerson(id: string) {
  const queryClient = useQueryClient()
  return (next: Person) => {
    queryClient.setQueryData(['people', 'person', id], next)
    void queryClient.invalidateQueries({ queryKey: ['people', 'list'] })
  }
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

function AccountCard({ p, L, manage }: { p: Person; L: Labels; manage: boolean }) {
  const me = useMe().data!
  const { message } = App.useApp()
  // Dialogs rendered inside the page, so they take the page's accessible colours.
  const [modal, modalHolder] = Modal.useModal()
  const setPerson = useSetPerson(p.id)
  const queryClient = useQueryClient()
  const [temporary, setTemporary] = useState<{ name: string; username?: string; password: string } | null>(null)
  const a = p.account

  const confirm = (title: string, content: string, okText: string, danger: boolean, run: () => Promise<void>) =>
    modal.confirm({
      title,
      content,
      okText,
      cancelText: L.cancel,
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run()
        } catch (err) {
          message.error(errorMessage(err))
        }
      },
    })

  if (!a) return <Card title={L.account}><Typography.Paragraph style={{ margin: 0 }}>{L.noAccount}</Typography.Paragraph>{modalHolder}</Card>

  const reset = () =>
    confirm(fill(L.resetConfirm, { name: p.name }), L.resetText, L.reset, false, async () => {
      const r = await api<{ temporaryPassword?: string }>(`/people/${p.id}/password-reset`, { method: 'POST', body: {} })
      setPerson({ ...p, account: { ...a, mustChangePassword: true } })
      void queryClient.invalidateQueries({ queryKey: ['people', 'person', p.id] })
      void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
      if (r.temporaryPassword) setTemporary({ name: p.name, username: a.username, password: r.temporaryPassword })
    })
  const toggle = () =>
    a.disabled
      ? confirm(fill(L.enableConfirm, { name: p.name }), '', L.enable, false, async () => {
          setPerson(await api<Person>(`/people/${p.id}/enable`, { method: 'POST' }))
          message.success(L.enabledMsg)
        })
      : confirm(fill(L.disableConfirm, { name: p.name }), L.disableText, L.disable, true, async () => {
          setPerson(await api<Person>(`/people/${p.id}/disable`, { method: 'POST' }))
          void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
          message.success(L.disabledMsg)
        })

  const status = a.disabled || isLocked(a) || a.mustChangePassword ? <AccountBadges account={a} /> : <StatusTag tone="success">{L.normal}</StatusTag>
  return (
    <Card
      title={L.account}
      extra={
        manage && (
          <Space wrap>
            <Button onClick={reset}>{L.reset}</Button>
            <Button danger={!a.disabled} onClick={toggle}>{a.disabled ? L.enable : L.disable}</Button>
          </Space>
        )
      }
    >
      {!manage && <Alert type="info" showIcon title={p.id === me.person.id ? L.yourself : L.cannotManage} style={{ marginBottom: 16 }} />}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'username', label: L.username, children: <code>{a.username}</code> },
          { key: 'status', label: L.accountStatus, children: status },
          { key: 'lastLogin', label: L.lastLogin, children: a.lastLoginAt ? formatTime(a.lastLoginAt) : L.never },
          { key: 'totp', label: L.totp, children: a.totpEnabled ? L.on : L.off },
        ]}
      />
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
      {modalHolder}
    </Card>
  )
}

function SessionsCard({ p, L }: { p: Person; L: Labels }) {
  const { message } = App.useApp()
  // Dialogs rendered inside the page, so they take the page's accessible colours.
  const [modal, modalHolder] = Modal.useModal()
  const queryClient = useQueryClient()
  const sessions = useQuery({
    queryKey: ['people', 'sessions', p.id],
    queryFn: () => api<{ items: Session[] }>(`/people/${p.id}/sessions`),
    retry: false,
  })
  const endAll = useMutation({
    mutationFn: () => api(`/people/${p.id}/sessions`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(L.sessionsEnded)
      void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
    },
    onError: (err) => message.error(errorMessage(err)),
  })
  const items = sessions.data?.items ?? []
  const columns: ColumnsType<Session> = [
    { title: L.created, dataIndex: 'createdAt', render: formatTime },
    { title: L.lastSeen, dataIndex: 'lastSeenAt', render: formatTime },
    { title: L.expires, dataIndex: 'expiresAt', render: formatTime },
    { title: L.ip, dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    { title: L.device, dataIndex: 'userAgent', render: (v: string | null) => <span title={v ?? undefined}>{device(v)}</span> },
  ]
  return (
    <Card
      title={L.sessions}
      extra={
        <Button
          danger
          disabled={items.length === 0}
          loading={endAll.isPending}
          onClick={() =>
            modal.confirm({
              title: fill(L.endSessionsConfirm, { name: p.name }),
              content: L.endSessionsText,
              okText: L.endSessions,
              okButtonProps: { danger: true },
              cancelText: L.cancel,
              onOk: () => endAll.mutateAsync().catch(() => undefined),
            })
          }
        >
          {L.endSessions}
        </Button>
      }
    >
      {sessions.error && <Alert type="error" showIcon title={errorMessage(sessions.error)} role="alert" style={{ marginBottom: 16 }} />}
      <Table<Session> rowKey="id" columns={columns} dataSource={items} loading={sessions.isPending} pagination={false} size="small" locale={{ emptyText: <EmptyText>{L.noSessions}</EmptyText> }} scroll={{ x: 600 }} />
      {modalHolder}
    </Card>
  )
}
