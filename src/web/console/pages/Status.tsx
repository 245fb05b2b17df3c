import { Button, Result } from 'antd'
import { useNavigate } from 'react-router'
import { useI18n } from '../../shared/i18n.tsx'

export function Forbidden() {
  const { t } = useI18n()
  const navigate = useNavigate()
  return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.home')}</Button>} />
}

export function NotFound() {
  const { t } = useI18n()
  const navigate = useNavigate()
  return <Result status="404" title={t('notFound.title')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.home')}</Button>} />
}

export function ResidentOnly() {
  const { t } = useI18n()
  return <Result status="info" title={t('residentOnly.title')} subTitle={t('residentOnly.text')} extra={<Button type="primary" href="/h5/">{t('residentOnly.link')}</Button>} />
}
