// Change password /h5/password; also where an account with a temporary password must go first.
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { Button, Form, Input } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError } from '../../shared/api.ts'
import { useT } from '../labels.ts'
import { Alert, Page, errorText } from '../ui.tsx'
import { newPasswordRules, usePasswordPolicy, scrollToFirstError } from '../validation.ts'

export default function PasswordPage() {
  const t = useT()
  const policy = usePasswordPolicy()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)

  async function submit(values: { currentPassword: string; newPassword: string }) {
    setBusy(true)
    setError(null)
    try {
      await api('/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } })
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      setDone(true)
      form.resetFields()
    } catch (err) {
      const code = err instanceof ApiError ? err.code : ''
      const field = code === 'PASSWORD_WRONG' ? 'currentPassword' : code === 'PASSWORD_TOO_WEAK' || code === 'PASSWORD_REUSED' ? 'newPassword' : null
      if (field) form.setFields([{ name: field, errors: [errorText(err, t)] }])
      else setError(errorText(err, t))
      scrollToFirstError()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={t('passwordTitle')}>
      {params.get('forced') && !done && <Alert kind="info">{t('passwordForced')}</Alert>}
      {done ? (
        <div className="h5-section">
          <Alert kind="success">{t('passwordChanged')}</Alert>
          <Button block color="primary" size="large" onClick={() => navigate('/', { replace: true })}>
            {t('goHome')}
          </Button>
        </div>
      ) : (
        <Form
          form={form}
          name="password"
          layout="vertical"
          requiredMarkStyle="none"
          onFinish={submit}
          footer={
            <>
              {error && <Alert>{error}</Alert>}
              <Button block type="submit" color="primary" size="large" loading={busy}>
                {t('save')}
              </Button>
            </>
          }
        >
          <Form.Item name="currentPassword" label={t('passwordCurrent')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input type="password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('passwordNew')}
            description={t('passwordPolicy', { n: policy.minLength, k: policy.minClasses })}
            rules={newPasswordRules({ required: t('passwordRequired'), weak: t('passwordWeak', { n: policy.minLength, k: policy.minClasses }) }, policy)}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('passwordConfirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('passwordRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, v: string | undefined) => {
                  if (v && v !== getFieldValue('newPassword')) throw new Error(t('passwordMismatch'))
                },
              }),
            ]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      )}
    </Page>
  )
}
