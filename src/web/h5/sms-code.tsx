// The "验证码" field with its 获取验证码 button, shared by self-registration and changing one's own
// phone: validates the phone field, asks the server for a code, counts down to the next resend
// (also after a 429 SMS_CODE_TOO_SOON) and says where the code went.
import { useEffect, useState, type ReactNode } from 'react'
import { Button, Form, Input } from 'antd-mobile'
import type { FormInstance } from 'antd-mobile/es/components/form'
import { api, ApiError } from '../shared/api.ts'
import { useT } from './labels.ts'

/** Seconds left until `until` (ms since epoch), ticking while above zero. */
function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    setNow(Date.now())
    if (until <= Date.now()) return
    const id = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(id)
  }, [until])
  return Math.max(0, Math.ceil((until - now) / 1000))
}

export interface SmsCodeOptions {
  form: FormInstance
  /** The route that sends the code, e.g. /auth/sms-codes or /me/phone/code. */
  path: string
  body: (phone: string) => Record<string, unknown>
  /** Errors other than "too soon" (shown by the page the way it shows its own). */
  onError: (err: unknown) => void
  onSend?: () => void
}

/** The code field (a Form.Item named `code`) for a form with a `phone` field. */
export function useSmsCodeField({ form, path, body, onError, onSend }: SmsCodeOptions): ReactNode {
  const t = useT()
  const [resendAt, setResendAt] = useState(0)
  const wait = useCountdown(resendAt)
  const [sending, setSending] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  async function sendCode() {
    try {
      await form.validateFields(['phone'])
    } catch {
      return
    }
    const phone = String(form.getFieldValue('phone')).trim()
    setSending(true)
    setNote(null)
    onSend?.()
    try {
      const sent = await api<{ expiresInSec: number; resendAfterSec: number }>(path, { method: 'POST', body: body(phone) })
      setResendAt(Date.now() + sent.resendAfterSec * 1000)
      setNote(t('codeSent', { phone, min: Math.max(1, Math.round(sent.expiresInSec / 60)) }))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SMS_CODE_TOO_SOON') {
        const sec = (err.details as { retryAfterSec?: number } | null)?.retryAfterSec ?? 60
        setResendAt(Date.now() + sec * 1000)
        form.setFields([{ name: 'code', errors: [err.message] }])
      } else onError(err)
    } finally {
      setSending(false)
    }
  }

  return (
    <Form.Item
      name="code"
      label={t('code')}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('codeInvalid') }]}
      description={note && <span role="status">{note}</span>}
      extra={
        <Button color="primary" fill="outline" className="h5-code-button" disabled={wait > 0 || sending} loading={sending} onClick={() => void sendCode()}>
          {wait > 0 ? t('resendIn', { sec: wait }) : t('getCode')}
        </Button>
      }
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
    </Form.Item>
  )
}
