// My profile /h5/me: name (editable), phone (changed with a code sent to the new number), my
// roles, password, easy-reading mode, log out.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError } from '../../shared/api.ts'
import { roleLabels } from '../../shared/roles.ts'
import { useMe } from '../session.tsx'
import { ElderModeRow } from '../elder.tsx'
import { useLocalText, useT, useWords } from '../labels.ts'
import { Alert, LangButton, LoadError, Loading, Page, errorText } from '../ui.tsx'
import { BottomTabs } from '../tabs.tsx'
import { phonePattern, scrollToFirstError } from '../validation.ts'
import { useSmsCodeField } from '../sms-code.tsx'

interface Person {
  id: string
  name: string
  phone: string | null
  roles: { id: string; role: string; orgName: string; active: boolean }[]
}

/** This page's own words for changing the phone (the shared ones come from labels.ts). */
const zh = {
  phoneTitle: '手机号',
  phoneNone: '还没有登记手机号',
  phoneChange: '更换手机号',
  phoneNew: '新手机号',
  phoneHint: '手机号也是登录账号：验证码会发到新号码，填对了才会更换。',
  phoneSame: '这就是您现在的手机号',
  phoneSubmit: '确认更换',
  phoneChanged: '手机号已更换，以后请用新手机号登录。',
  cancel: '取消',
}
const en: Record<keyof typeof zh, string> = {
  phoneTitle: 'Phone number',
  phoneNone: 'No phone number yet',
  phoneChange: 'Change phone number',
  phoneNew: 'New phone number',
  phoneHint: 'Your phone number is also your login: a code goes to the new number, and the number changes once you enter it.',
  phoneSame: 'This is your current number',
  phoneSubmit: 'Change number',
  phoneChanged: 'Number changed; log in with the new number from now on.',
  cancel: 'Cancel',
}
const words = { zh, en }


function ProfileForm({ person }: { person: Person }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null)

  async function save(values: { name: string }) {
    if (values.name.trim() === person.name) {
      setMessage({ kind: 'info', text: t('nothingChanged') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const updated = await api<Person>(`/people/${person.id}`, { method: 'PATCH', body: { name: values.name.trim() } })
      queryClient.setQueryData(['me', 'person'], updated)
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      setMessage({ kind: 'success', text: t('saved') })
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (fields.name) form.setFields([{ name: 'name', errors: [fields.name] }])
      else setMessage({ kind: 'error', text: errorText(err, t) })
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
      initialValues={{ name: person.name }}
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
    </Form>
  )
}

/**
 * The phone is also a login name, so it changes in two steps: a code is sent to the new number
 * (POST /me/phone/code), then the code confirms the change (POST /me/phone).
 */
function PhoneChange({ person }: { person: Person }) {
  const t = useT()
  const w = useWords(words)
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)

  function showErrors(err: unknown) {
    const fields = err instanceof ApiError ? err.fieldErrors() : {}
    if (err instanceof ApiError && err.code.startsWith('PHONE_')) fields.phone = err.message
    const onForm = (['phone', 'code'] as const).filter((f) => fields[f])
    form.setFields(onForm.map((f) => ({ name: f, errors: [fields[f]!] })))
    if (onForm.length === 0) setMessage({ kind: 'error', text: errorText(err, t) })
    scrollToFirstError()
  }

  const codeField = useSmsCodeField({ form, path: '/me/phone/code', body: (phone) => ({ phone }), onError: showErrors, onSend: () => setMessage(null) })

  async function confirm(values: { phone: string; code: string }) {
    setBusy(true)
    setMessage(null)
    try {
      const updated = await api<Person>('/me/phone', { method: 'POST', body: { phone: values.phone.trim(), code: values.code } })
      queryClient.setQueryData(['me', 'person'], updated)
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      setOpen(false)
      form.resetFields()
      setMessage({ kind: 'success', text: w('phoneChanged') })
    } catch (err) {
      showErrors(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="h5-card" aria-labelledby="profile-phone-title">
      <h2 className="h5-card-title" id="profile-phone-title">{w('phoneTitle')}</h2>
      <p>{person.phone ?? <span className="h5-muted">{w('phoneNone')}</span>}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {!open ? (
        <Button block color="primary" fill="outline" size="large" onClick={() => { setOpen(true); setMessage(null) }}>
          {w('phoneChange')}
        </Button>
      ) : (
        <Form
          form={form}
          name="phone-change"
          layout="vertical"
          requiredMarkStyle="none"
          onFinish={confirm}
          footer={
            <>
              <Button block type="submit" color="primary" size="large" loading={busy}>
                {w('phoneSubmit')}
              </Button>
              <Button block fill="none" size="large" onClick={() => { setOpen(false); form.resetFields() }}>
                {w('cancel')}
              </Button>
            </>
          }
        >
          <Form.Item
            name="phone"
            label={w('phoneNew')}
            description={w('phoneHint')}
            normalize={(v: string) => v.replace(/\s/g, '')}
            rules={[
              { required: true, pattern: phonePattern, message: t('phoneInvalid') },
              { validator: async (_: unknown, v: string | undefined) => { if (v && v === person.phone) throw new Error(w('phoneSame')) } },
            ]}
          >
            <Input type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={13} clearable />
          </Form.Item>
          {codeField}
        </Form>
      )}
    </section>
  )
}

export default function ProfilePage() {
  const t = useT()
  const localText = useLocalText()
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
    <>
    <Page title={t('profileTitle')} back={false}>
      {person.isPending ? (
        <Loading />
      ) : person.error ? (
        <LoadError error={person.error} onRetry={() => void person.refetch()} />
      ) : (
        <>
          <ProfileForm key={person.data.id} person={person.data} />
          <PhoneChange person={person.data} />
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
        <div className="h5-row">
          <div className="h5-row-text">
            <span className="h5-row-title">{t('languageRow')}</span>
            <span className="h5-row-desc">{t('languageHint')}</span>
          </div>
          <LangButton />
        </div>
        <Link className="h5-entry" to="/my-family-deposits">
          <span className="h5-row-text">
            <span className="h5-row-title">{localText({ zh: '我的家风存单', en: 'My family deposits' })}</span>
          </span>
          <span className="h5-chevron" aria-hidden="true">›</span>
        </Link>
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
    <BottomTabs />
    </>
  )
}
