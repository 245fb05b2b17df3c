// The phone pages' frame and small pieces: a page with a title bar (back, title, language),
// loading and error states, and messages that screen readers announce.
import { useEffect, type ReactNode } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { Button, SpinLoading } from 'antd-mobile'
import { ApiError } from '../shared/api.ts'
import { useI18n } from '../shared/i18n.tsx'
import { useT } from './labels.ts'
import { useElderMode } from './elder.tsx'
import { useQueryClient } from '@tanstack/react-query'

export function LangButton({ className }: { className?: string }) {
  const { lang, setLang } = useI18n()
  const t = useT()
  return (
    <Button fill="none" size="small" className={`h5-lang ${className ?? ''}`} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      <span lang={lang === 'zh' ? 'en' : 'zh-CN'}>{t('language')}</span>
    </Button>
  )
}

export function useDocumentTitle(title: string) {
  const t = useT()
  useEffect(() => {
    const app = t('appName')
    document.title = title && title !== app ? `${title} - ${app}` : app
  }, [title, t])
}

/** A page: a title bar with "back" (to the previous page, or home when opened directly) and the language switch. */
export function Page({ title, back = true, children }: { title: string; back?: boolean; children: ReactNode }) {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  useDocumentTitle(title)
  const goBack = () => (location.key !== 'default' ? navigate(-1) : navigate('/', { replace: true }))
  const elder = useElderMode()
  // Read from the cache only (no request of its own): whether someone is signed in, who has 我的.
  const signedIn = useQueryClient().getQueryData(['me']) !== undefined
  return (
    <div className="h5-page">
      <header className="h5-bar">
        <div className="h5-bar-side">
          {back && (
            <Button fill="none" className="h5-back" onClick={goBack}>
              <span aria-hidden="true">‹ </span>
              {t('back')}
            </Button>
          )}
        </div>
        <h1 className="h5-bar-title">{title}</h1>
        <div className="h5-bar-side h5-bar-end">
          {/* In easy-reading mode the language switch lives in 我的, out of the way. */}
          {!(elder && signedIn) && <LangButton />}
        </div>
      </header>
      <main className="h5-main">{children}</main>
    </div>
  )
}

export function Loading() {
  const t = useT()
  return (
    <div className="h5-loading" role="status">
      <SpinLoading color="primary" aria-hidden="true" />
      <span>{t('loading')}</span>
    </div>
  )
}

export function errorText(error: unknown, t: ReturnType<typeof useT>): string {
  if (error instanceof ApiError) return error.message
  return t('networkError')
}

export function Alert({ children, kind = 'error' }: { children: ReactNode; kind?: 'error' | 'info' | 'success' }) {
  return (
    <div className={`h5-alert h5-alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT()
  return (
    <div className="h5-section">
      <Alert>{t('loadFailed', { message: errorText(error, t) })}</Alert>
      {onRetry && (
        <Button block size="large" onClick={onRetry}>
          {t('retry')}
        </Button>
      )}
    </div>
  )
}

export function NotFoundPage() {
  const t = useT()
  const navigate = useNavigate()
  return (
    <Page title={t('notFound')}>
      <div className="h5-section">
        <p className="h5-lead">{t('notFound')}</p>
        <Button block color="primary" size="large" onClick={() => navigate('/', { replace: true })}>
          {t('goHome')}
        </Button>
      </div>
    </Page>
  )
}

/** Shown by the app's error boundary: a page could not be loaded (often: the app was updated). */
export function PageCrashed() {
  const t = useT()
  return (
    <main className="h5-main">
      <h1 className="h5-card-title">{t('pageFailed')}</h1>
      <div className="h5-section">
        <Alert>{t('pageFailedHint')}</Alert>
        <Button block color="primary" size="large" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      </div>
    </main>
  )
}
