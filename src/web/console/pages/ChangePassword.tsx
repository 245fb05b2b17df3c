import { useState } from 'react'
import { usePasswordPolicy } from '../../shared/passwordPolicy.ts'
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { api, ApiError } from '../../shared/api.ts'
import { useI18n } from '../../shared/i18n.tsx'

interface PasswordForm {
  currentPassword: string
  newPassword: string
  confirm: string
}

export function ChangePasswordPage() {
  const { t } = useI18n()
  const policy = usePasswordPolicy()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordForm>()
  const [error, setError] = useState<string | null>(null)

  async function submit(values: PasswordForm) {
    setError(null)
    try {
      await api('/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } })
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      message.success(t('password.changed'))
      navigate('/', { replace: true })
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const fields = err.fieldErrors()
      const mapped = Object.entries(fields).filter(([name]) => name === 'currentPassword' || name === 'newPassword' || name === 'password')
      if (mapped.length) form.setFields(mapped.map(([name, msg]) => ({ name: name === 'password' ? 'newPassword' : (name as keyof PasswordForm), errors: [msg] })))
      else setError(err.message)
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420, maxWidth: '92vw' }}>
        <main>
          <Typography.Title level={1} style={{ fontSize: 22 }}>{t('password.title')}</Typography.Title>
          {params.get('forced') && <Alert type="warning" showIcon message={t('password.forced')} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('password.current') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item label={t('password.new')} name="newPassword" extra={t('password.policy', { n: policy.minLength, k: policy.minClasses })} rules={[{ required: true, message: t('password.new') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('password.confirm')}
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('password.confirm') },
                ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>{t('common.save')}</Button>
          </Form>
        </main>
      </Card>
    </div>
  )
}
