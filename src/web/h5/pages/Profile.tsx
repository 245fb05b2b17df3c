// My profile /h5/me: name and phone (editable), my roles, password, easy-reading mode, log out.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError } from '../../shared/api.ts'
import { roleLabels } from '../../shared/roles.ts'
import { useMe } from '../session.tsx'
import { ElderModeRow } from '../elder.tsx'
import { useLocalText, useT } from '../labels.ts'
import { Alert, LoadError, Loading, Page, errorText } from '../ui.tsx'
import { phonePattern, scrollToFirstError } from '../validation.ts'

interface Person {
  id: string
  name: string
  phone: string | null
  roles: { id: string; role: string; orgName: string; active: boolean }[]
}

function ProfileForm({ person }: { person: Person }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null)

  async function save(values: { name: string; phone: string }) {
    const changes: { name?: string; phone?: string } = {}
    if (values.name.trim() !== person.name) changes.name = values.name.trim()
    if (values.phone.trim() !== (person.phone ?? '')) changes.phone = values.phone.trim()
    if (Object.keys(changes).length === 0) {
      setMessage({ kind: 'info', text: t('nothingChanged') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const updated = await api<Person>(`/people/${person.id}`, { method: 'PATCH', body: changes })
      queryClient.setQueryData(['me', 'person'], updated)
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      setMessage({ kind: 'success', text: t('saved') })
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (err instanceof ApiError && err.code === 'PHONE_TAKEN') fields.phone = err.message
      const onForm = (['name', 'phone'] as const).filter((f) => fields[f])
      form.setFields(onForm.map((f) => ({ name: f, errors: [fields[f]!] })))
      if (onForm.length === 0) setMessage({ kind: 'error', text: errorText(err, t) })
      scrollToFirstError()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form
      form={form}
      name="profile"
      layout="vertical"
      requiredMarkStyle="none"
      initialValues={{ name: person.name, phone: person.phone ?? '' }}
      onFinish={save}
      onValuesChange={() => setMessage(null)}
      footer={
        <>
          {message && <Alert kind={message.kind}>{message.text}</Alert>}
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('save')}
          </Button>
        </>
      }
    >
      <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 50, message: t('nameRequired') }]}>
        <Input autoComplete="name" clearable />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('phone')}
        description={t('phoneLoginHint')}
        normalize={(v: string) => v.replace(/\s/g, '')}
        rules={[{ required: true, pattern: phonePattern, message: t('phoneInvalid') }]}
      >
        <Input type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={13} clearable />
      </Form.Item>
    </Form>
  )
}

export default function ProfilePage() {
  const t = useT()
  const text = useLocalText()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe().data!
  const person = useQuery({ queryKey: ['me', 'person'], queryFn: () => api<Person>(`/people/${me.person.id}`) })
  const [leaving, setLeaving] = useState(false)

  async function logout() {
    setLeaving(true)
    try {
      await api('/auth/logout', { method: 'POST', quiet401: true })
    } catch {
      // already logged out (or offline): forget the session here anyway
    }
    queryClient.removeQueries()
    navigate('/', { replace: true })
  }

  return (
    <Page title={t('profileTitle')}>
      {person.isPending ? (
        <Loading />
      ) : person.error ? (
        <LoadError error={person.error} onRetry={() => void person.refetch()} />
      ) : (
        <>
          <ProfileForm key={person.data.id} person={person.data} />
          <section className="h5-card" aria-labelledby="profile-roles-title">
            <h2 className="h5-card-title" id="profile-roles-title">{t('myRoles')}</h2>
            {person.data.roles.filter((r) => r.active).length === 0 ? (
              <p className="h5-muted">{t('noRoles')}</p>
            ) : (
              <ul className="h5-plain-list">
                {person.data.roles
                  .filter((r) => r.active)
                  .map((r) => (
                    <li key={r.id}>
                      <strong>{text(roleLabels[r.role], r.role)}</strong>
                      <span className="h5-muted"> · {r.orgName}</span>
                    </li>
                  ))}
              </ul>
            )}
          </section>
        </>
      )}
      <section className="h5-card" aria-label={t('settingsTitle')}>
        <ElderModeRow />
        <Link className="h5-entry" to="/password">
          <span className="h5-row-text">
            <span className="h5-row-title">{t('changePassword')}</span>
          </span>
          <span className="h5-chevron" aria-hidden="true">›</span>
        </Link>
      </section>
      <div className="h5-section">
        <Button block color="danger" fill="outline" size="large" loading={leaving} onClick={() => void logout()}>
          {t('logout')}
        </Button>
      </div>
    </Page>
  )
}
