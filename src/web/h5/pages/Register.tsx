// Register /h5/register: name, phone + SMS code (with a resend countdown), a password with the
// policy in plain words, and where the resident lives: the phone's location (WGS-84) resolved to
// a grid before submitting, or coordinates typed by hand when location is refused or fails.
// The server's per-field errors appear under the fields. On success: logged in, back home.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError, type Me } from '../../shared/api.ts'
import { useT } from '../labels.ts'
import { Alert, Page, errorText } from '../ui.tsx'
import { newPasswordRules, phonePattern, scrollToFirstError } from '../validation.ts'
import { useSmsCodeField } from '../sms-code.tsx'

type Crs = 'wgs84' | 'gcj02'

interface Located {
  lng: number
  lat: number
  crs: Crs
  gridName: string
  where: string
}

interface LocateResult {
  grid: { id: string; name: string }
  ancestors: { id: string; kind: string; name: string }[]
}

interface OutsideDetails {
  nearestGrid?: { name: string; distanceM: number } | null
}

const formFields = ['name', 'phone', 'code', 'password'] as const
const fieldOfCode: Record<string, string> = { SMS_CODE_INVALID: 'code', PHONE_REGISTERED: 'phone', PASSWORD_TOO_WEAK: 'password', LOCATION_OUTSIDE: 'location' }


/** Which map the typed coordinates come from: native radio buttons in a fieldset, so screen readers name the choice. */
function CrsChoice({ value, onChange }: { value?: Crs; onChange?: (v: Crs) => void }) {
  const t = useT()
  return (
    <fieldset className="h5-choice">
      <legend>{t('crs')}</legend>
      {(['wgs84', 'gcj02'] as const).map((crs) => (
        <label key={crs} className="h5-choice-option">
          <input type="radio" name="register-crs" value={crs} checked={value === crs} onChange={() => onChange?.(crs)} />
          <span>{crs === 'wgs84' ? t('crsWgs84') : t('crsGcj02')}</span>
        </label>
      ))}
    </fieldset>
  )
}

export default function RegisterPage() {
  const t = useT()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [located, setLocated] = useState<Located | null>(null)
  const [locating, setLocating] = useState(false)
  const [locError, setLocError] = useState<string | null>(null)
  const [manual, setManual] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)


  async function locate(lng: number, lat: number, crs: Crs) {
    setLocating(true)
    setLocError(null)
    setLocated(null)
    try {
      const r = await api<LocateResult>(`/geo/locate?lng=${lng}&lat=${lat}&crs=${crs}`)
      const where = r.ancestors
        .filter((a) => a.kind === 'community' || a.kind === 'village' || a.kind === 'street')
        .reverse()
        .map((a) => a.name)
        .join(' · ')
      setLocated({ lng, lat, crs, gridName: r.grid.name, where })
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LOCATION_OUTSIDE') {
        const nearest = (err.details as OutsideDetails | null)?.nearestGrid
        setLocError(t('locationOutside') + (nearest ? t('nearestGrid', { name: nearest.name, distance: nearest.distanceM }) : ''))
        setManual(true)
      } else setLocError(errorText(err, t))
    } finally {
      setLocating(false)
    }
  }

  function askCurrentLocation() {
    setLocError(null)
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setLocError(t('geoUnsupported'))
      setManual(true)
      return
    }
    setLocating(true)
    setLocated(null)
    navigator.geolocation.getCurrentPosition(
      (pos) => void locate(pos.coords.longitude, pos.coords.latitude, 'wgs84'),
      (e) => {
        setLocating(false)
        setLocError(e.code === e.PERMISSION_DENIED ? t('geoDenied') : e.code === e.TIMEOUT ? t('geoTimeout') : t('geoUnavailable'))
        setManual(true)
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    )
  }

  async function locateManually() {
    const lngText = String(form.getFieldValue('lng') ?? '').trim()
    const latText = String(form.getFieldValue('lat') ?? '').trim()
    const lng = Number(lngText)
    const lat = Number(latText)
    const errors = [
      ...(!lngText || !Number.isFinite(lng) || Math.abs(lng) > 180 ? [{ name: 'lng', errors: [t('lngInvalid')] }] : []),
      ...(!latText || !Number.isFinite(lat) || Math.abs(lat) > 90 ? [{ name: 'lat', errors: [t('latInvalid')] }] : []),
    ]
    form.setFields([{ name: 'lng', errors: [] }, { name: 'lat', errors: [] }, ...errors])
    if (errors.length > 0) return
    await locate(lng, lat, (form.getFieldValue('crs') as Crs | undefined) ?? 'wgs84')
  }

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
    const onLocation = fields.location ?? fields.lng ?? fields.lat
    if (onLocation) {
      setLocated(null)
      setLocError(onLocation)
    }
    setFormError(onForm.length === 0 && !onLocation ? err.message : null)
    scrollToFirstError()
  }
  const codeField = useSmsCodeField({ form, path: '/auth/sms-codes', body: (phone) => ({ phone, purpose: 'register' }), onError: showErrors })


  async function submit(values: { name: string; phone: string; code: string; password: string }) {
    setFormError(null)
    if (!located) {
      setLocError(t('locationRequired'))
      scrollToFirstError()
      return
    }
    setBusy(true)
    try {
      const body = { name: values.name.trim(), phone: values.phone.trim(), code: values.code.trim(), password: values.password, lng: located.lng, lat: located.lat, crs: located.crs }
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
        initialValues={{ crs: 'wgs84' }}
        onFinish={submit}
        onFinishFailed={scrollToFirstError}
        onValuesChange={(changed: Record<string, unknown>) => {
          if (located && ('lng' in changed || 'lat' in changed || 'crs' in changed) && manual) setLocated(null)
        }}
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
          description={t('passwordPolicy')}
          rules={newPasswordRules({ required: t('passwordRequired'), weak: t('passwordWeak') })}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>

        <Form.Header>{t('homeLocation')}</Form.Header>
        <Form.Item>
          <div className="h5-location">
            <p className="h5-muted">{t('homeLocationHint')}</p>
            <Button block color="primary" fill="outline" size="large" loading={locating} onClick={askCurrentLocation}>
              {t('useMyLocation')}
            </Button>
            <div aria-live="polite">
              {locating && <p className="h5-muted">{t('locating')}</p>}
              {located && (
                <div className="h5-located">
                  <strong>{t('locatedGrid', { grid: located.gridName })}</strong>
                  {located.where && <span>{t('locatedIn', { where: located.where })}</span>}
                </div>
              )}
            </div>
            {locError && <Alert>{locError}</Alert>}
            {!manual && (
              <Button fill="none" className="h5-text-button" onClick={() => setManual(true)}>
                {t('manualOpen')}
              </Button>
            )}
          </div>
        </Form.Item>
        {manual && (
          <>
            <Form.Header>{t('manualTitle')}</Form.Header>
            <Form.Item name="lng" label={t('lng')} description={t('manualHint')}>
              <Input type="number" inputMode="decimal" step="any" />
            </Form.Item>
            <Form.Item name="lat" label={t('lat')}>
              <Input type="number" inputMode="decimal" step="any" />
            </Form.Item>
            <Form.Item name="crs">
              <CrsChoice />
            </Form.Item>
            <Form.Item>
              <Button block color="primary" fill="outline" size="large" loading={locating} onClick={() => void locateManually()}>
                {t('manualLocate')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form>
      <p className="h5-switch-link">
        {t('haveAccount')} <Link to="/login">{t('goLogin')}</Link>
      </p>
    </Page>
  )
}
