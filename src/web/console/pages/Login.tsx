import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError, type Me } from '../../shared/api.ts'
import { safeNext } from '../../shared/session.tsx'
import { useI18n } from '../../shared/i18n.tsx'

interface LoginForm {
  username: string
  password: string
  totpCode?: string
}

export function LoginPage() {
  const { t, lang, setLang } = useI18n()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [error, setError] = useState<string | null>(params.get('expired') ? t('login.expired') : null)
  const [needTotp, setNeedTotp] = useState(false)
  const [busy, setBusy] = useState(false)

  async function submit(values: LoginForm) {
    setBusy(true)
    setError(null)
    try {
      const me = await api<Me>('/auth/login', { method: 'POST', body: { ...values, totpCode: values.totpCode || undefined }, quiet401: true })
      queryClient.setQueryData(['me'], me)
      navigate(me.account.mustChangePassword ? '/change-password?forced=1' : safeNext(params.get('next')), { replace: true })
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'TOTP_REQUIRED') setNeedTotp(true)
        const unlockAt = (err.details as { unlockAt?: string } | null)?.unlockAt
        setError(err.code === 'ACCOUNT_LOCKED' && unlockAt ? t('login.locked', { time: new Date(unlockAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') }) : err.message)
      } else setError(String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #fff5f5 0%, #f5f5f5 60%)' }}>
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <main>
          <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center', color: '#c8102e' }}>{t('login.title')}</Typography.Title>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.username') }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.password') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {needTotp && (
              <Form.Item label={t('login.totp')} name="totpCode" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totp') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
          </Form>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
            <a href="/h5/">{t('login.phoneHint')}</a>
            <Button type="link" size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('nav.language')}</Button>
          </div>
        </main>
      </Card>
    </div>
  )
}
