// Login /h5/login: phone or username + password (a one-time code when the account has one), or
// the phone and a code sent to it by SMS (for residents who forget passwords); the server's
// message in the chosen language, the unlock time of a locked account.
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError, type Me } from '../../shared/api.ts'
import { useI18n } from '../../shared/i18n.tsx'
import { safeNext } from '../session.tsx'
import { useT } from '../labels.ts'
import { Alert, Page, errorText } from '../ui.tsx'
import { phonePattern } from '../validation.ts'
import { useSmsCodeField } from '../sms-code.tsx'

interface LoginValues {
  username: string
  password: string
  totpCode?: string
}

/** "11月25日 08:13" / "25 Nov, 08:13": the day and the time, nothing else to decode. */
function unlockTime(d: Date, lang: 'zh' | 'en'): string {
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  return lang === 'en' ? `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${hm}` : `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`
}

export default function LoginPage() {
  const t = useT()
  const { lang } = useI18n()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const [needTotp, setNeedTotp] = useState(false)
  const [busy, setBusy] = useState(false)
  const notice = params.get('expired') ? t('loginExpired') : params.get('next') ? t('loginNeeded') : null
  const [bySms, setBySms] = useState(false)
  const [smsForm] = Form.useForm()

  function signedIn(me: Me) {
    queryClient.removeQueries()
    queryClient.setQueryData(['me'], me)
    navigate(me.account.mustChangePassword ? '/password?forced=1' : safeNext(params.get('next')), { replace: true })
  }

  function showSmsError(err: unknown) {
    if (err instanceof ApiError && err.code === 'SMS_CODE_INVALID') smsForm.setFields([{ name: 'code', errors: [err.message] }])
    else setError(errorText(err, t))
  }
  const codeField = useSmsCodeField({ form: smsForm, path: '/auth/sms-codes', body: (phone) => ({ phone, purpose: 'login' }), onError: showSmsError, onSend: () => setError(null) })

  async function submitSms(values: { phone: string; code: string }) {
    setBusy(true)
    setError(null)
    try {
      signedIn(await api<Me>('/auth/login/sms', { method: 'POST', body: { phone: values.phone.trim(), code: values.code.trim() }, quiet401: true }))
    } catch (err) {
      showSmsError(err)
    } finally {
      setBusy(false)
    }
  }

  async function submit(values: LoginValues) {
    setBusy(true)
    setError(null)
    try {
      const body = { username: values.username.trim(), password: values.password, totpCode: values.totpCode || undefined }
      signedIn(await api<Me>('/auth/login', { method: 'POST', body, quiet401: true }))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') setNeedTotp(true)
      const unlockAt = err instanceof ApiError && err.code === 'ACCOUNT_LOCKED' ? (err.details as { unlockAt?: string } | null)?.unlockAt : undefined
      const time = unlockAt ? unlockTime(new Date(unlockAt), lang) : null
      setError(time ? t('loginLocked', { time }) : errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={t('loginTitle')}>
      {notice && !error && <Alert kind="info">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="h5-chips" role="group" aria-label={t('loginWay')}>
        <button type="button" className="h5-chip" aria-pressed={!bySms} onClick={() => { setBySms(false); setError(null) }}>{t('loginByPassword')}</button>
        <button type="button" className="h5-chip" aria-pressed={bySms} onClick={() => { setBySms(true); setError(null) }}>{t('loginBySms')}</button>
      </div>
      {bySms ? (
        // Keyed: the two forms sit in the same place, and the field store is fixed when a Form mounts.
        <Form
          key="sms"
          form={smsForm}
          name="login-sms"
          layout="vertical"
          onFinish={submitSms}
          requiredMarkStyle="none"
          footer={<Button block type="submit" color="primary" size="large" loading={busy}>{t('loginSubmit')}</Button>}
        >
          <Form.Item name="phone" label={t('phone')} rules={[{ required: true, pattern: phonePattern, message: t('phoneInvalid') }]} normalize={(v: string) => v.replace(/\s/g, '')}>
            <Input type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={13} clearable />
          </Form.Item>
          {codeField}
        </Form>
      ) : (
      <Form
        key="password"
        name="login"
        layout="vertical"
        onFinish={submit}
        requiredMarkStyle="none"
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('loginSubmit')}
          </Button>
        }
      >
        <Form.Item name="username" label={t('loginUsername')} rules={[{ required: true, whitespace: true, message: t('loginUsernameRequired') }]}>
          <Input autoComplete="username" inputMode="text" clearable />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
        {needTotp && (
          <Form.Item name="totpCode" label={t('totp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('totpRequired') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
        )}
      </Form>
      )}
      <p className="h5-switch-link">
        {t('noAccount')} <Link to="/register">{t('goRegister')}</Link>
      </p>
    </Page>
  )
}
