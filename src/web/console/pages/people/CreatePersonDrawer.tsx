// New person with a first role and, when a username is given, a login account. The server
// answers with a temporary password when none was set; the caller shows it once.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { useMe } from '../../auth.tsx'
import { applyFieldErrors, assignableRoles, OrgSelect, roleName, useLabels, type Person } from '../../common.tsx'

const labels = {
  zh: {
    title: '新建人员',
    name: '姓名',
    phone: '手机号',
    phoneExtra: '选填，11 位大陆手机号',
    phoneBad: '请输入 11 位大陆手机号',
    role: '角色',
    org: '所属组织',
    username: '用户名',
    usernameExtra: '选填。填写后即开通登录账号',
    usernameBad: '用户名为 3–32 位字母、数字或 _.-，以字母开头',
    password: '初始密码',
    passwordExtra: '选填。留空则生成临时密码；无论哪种，首次登录都须修改',
    required: '请填写{field}',
    submit: '创建',
    cancel: '取消',
    created: '已创建 {name}',
    accountSection: '登录账号',
  },
  en: {
    title: 'New person',
    name: 'Name',
    phone: 'Mobile phone',
    phoneExtra: 'Optional; 11-digit mainland number',
    phoneBad: 'Enter an 11-digit mainland mobile number',
    role: 'Role',
    org: 'Organisation',
    username: 'Username',
    usernameExtra: 'Optional. Giving one creates a login account',
    usernameBad: '3–32 letters, digits or _.-, starting with a letter',
    password: 'Initial password',
    passwordExtra: 'Optional. Left empty, a temporary password is generated; either way it must be changed at first login',
    required: '{field} is required',
    submit: 'Create',
    cancel: 'Cancel',
    created: '{name} created',
    accountSection: 'Login account',
  },
}

interface CreateForm {
  name: string
  phone?: string
  username?: string
  password?: string
  role: { role: string; orgId: string }
}

const FIELD_PATHS = ['name', 'phone', 'username', 'password', 'role.role', 'role.orgId', 'role.validFrom', 'role.validTo', 'role']

export function CreatePersonDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (p: Person & { temporaryPassword?: string }) => void }) {
  const L = useLabels(labels)
  const { lang } = useI18n()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<CreateForm>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const username = Form.useWatch('username', form)

  const home = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  const knownOrgs = me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const roleOptions = assignableRoles(me).map((r) => ({ value: r, label: roleName(r, lang) }))
  const req = (field: string) => ({ required: true, whitespace: true, message: L.required.replace('{field}', field) })

  async function submit(values: CreateForm) {
    setBusy(true)
    setError(null)
    try {
      const body = {
        name: values.name.trim(),
        phone: values.phone?.trim() || undefined,
        username: values.username?.trim() || undefined,
        password: values.username?.trim() && values.password ? values.password : undefined,
        role: values.role,
      }
      const created = await api<Person & { temporaryPassword?: string }>('/people', { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['people'] })
      void queryClient.invalidateQueries({ queryKey: ['peopleStats'] })
      form.resetFields()
      onCreated(created)
    } catch (err) {
      setError(applyFieldErrors(form, err, FIELD_PATHS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open={open}
      title={L.title}
      size={480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{L.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{L.submit}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: { role: roleOptions.find((o) => o.value === 'grid_worker')?.value ?? roleOptions[0]?.value, orgId: home?.orgId } }}
      >
        <Form.Item label={L.name} name="name" rules={[req(L.name), { max: 50 }]}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item label={L.phone} name="phone" extra={L.phoneExtra} rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: L.phoneBad }]}>
          <Input inputMode="numeric" autoComplete="off" maxLength={11} />
        </Form.Item>
        <Form.Item label={L.role} name={['role', 'role']} rules={[{ required: true, message: L.required.replace('{field}', L.role) }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item label={L.org} name={['role', 'orgId']} rules={[{ required: true, message: L.required.replace('{field}', L.org) }]}>
          <OrgSelect known={knownOrgs} />
        </Form.Item>
        <Form.Item label={L.username} name="username" extra={L.usernameExtra} rules={[{ pattern: /^\s*[A-Za-z][A-Za-z0-9_.-]{2,31}\s*$/, message: L.usernameBad }]}>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        {username?.trim() && (
          <Form.Item label={L.password} name="password" extra={L.passwordExtra}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  )
}
