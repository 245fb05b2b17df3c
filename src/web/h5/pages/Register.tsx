// Register /h5/register: name, phone + SMS code (with a resend countdown), a password with the
// policy in plain words, and where the resident lives: community → building (home-picker.tsx),
// or the phone's location, which finds the nearest building.
// The server's per-field errors appear under the fields. On success: logged in, back home.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError, type Me } from '../../shared/api.ts'
import { useT } from '../labels.ts'
import { Alert, Page, errorText } from '../ui.tsx'
import { HomePicker, type Home } from '../home-picker.tsx'
import { newPasswordRules, usePasswordPolicy, phonePattern, scrollToFirstError } from '../validation.ts'
import { useSmsCodeField } from '../sms-code.tsx'

const formFields = ['name', 'phone', 'code', 'password'] as const
const fieldOfCode: Record<string, string> = { SMS_CODE_INVALID: 'code', PHONE_REGISTERED: 'phone', PASSWORD_TOO_WEAK: 'password', LOCATION_OUTSIDE: 'location', ORG_NOT_FOUND: 'buildingId' }


export default function RegisterPage() {
  const t = useT()
  const policy = usePasswordPolicy()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [home, setHome] = useState<Home | null>(null)
  const [homeError, setHomeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)

  function showErrors(err: unknown) {
    if (!(err instanceof ApiError)) {
      setFormError(errorText(err, t))
      return
    }
    const fields = err.fieldErrors()
    // The error's own message is in the chosen language; prefer it for the field it concerns.
    const own = fieldOfCode[err.code]
    if (own) fields[own] = err.message
    const onForm = formFields.filter((f) => fields[f])
    form.setFields(onForm.map((f) => ({ name: f, errors: [fields[f]!] })))
    const onLocation = fields.location ?? fields.buildingId ?? fields.lng ?? fields.lat
    if (onLocation) {
      setHome(null)
      setHomeError(onLocation)
    }
    setFormError(onForm.length === 0 && !onLocation ? err.message : null)
    scrollToFirstError()
  }
  const codeField = useSmsCodeField({ form, path: '/auth/sms-codes', body: (phone) => ({ phone, purpose: 'register' }), onError: showErrors })


  async function submit(values: { name: string; phone: string; code: string; password: string }) {
    setFormError(null)
    if (!home) {
      setHomeError(t('locationRequired'))
      scrollToFirstError()
      return
    }
    setBusy(true)
    try {
      const where = home.kind === 'building' ? { buildingId: home.buildingId } : { lng: home.lng, lat: home.lat, crs: home.crs }
      const body = { name: values.name.trim(), phone: values.phone.trim(), code: values.code.trim(), password: values.password, ...where }
      const me = await api<Me>('/auth/register', { method: 'POST', body })
      queryClient.removeQueries()
      queryClient.setQueryData(['me'], me)
      navigate('/', { replace: true })
    } catch (err) {
      showErrors(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={t('registerTitle')}>
      <Form
        form={form}
        name="register"
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={submit}
        onFinishFailed={scrollToFirstError}
        footer={
          <>
            {formError && <Alert>{formError}</Alert>}
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('registerSubmit')}
            </Button>
          </>
        }
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 50, message: t('nameRequired') }]}>
          <Input autoComplete="name" clearable />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')} rules={[{ required: true, pattern: phonePattern, message: t('phoneInvalid') }]} normalize={(v: string) => v.replace(/\s/g, '')}>
          <Input type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={13} clearable />
        </Form.Item>
        {codeField}
        <Form.Item
          name="password"
          label={t('passwordNew')}
          description={t('passwordPolicy', { n: policy.minLength, k: policy.minClasses })}
          rules={newPasswordRules({ required: t('passwordRequired'), weak: t('passwordWeak', { n: policy.minLength, k: policy.minClasses }) }, policy)}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>

        <Form.Header>{t('homeLocation')}</Form.Header>
        <Form.Item>
          <HomePicker value={home} onChange={(h) => { setHome(h); if (h) setHomeError(null) }} error={homeError} />
        </Form.Item>
      </Form>
      <p className="h5-switch-link">
        {t('haveAccount')} <Link to="/login">{t('goLogin')}</Link>
      </p>
    </Page>
  )
}
