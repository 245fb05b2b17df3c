// One case on the phone /h5/cases/:id: progress, what was reported, the public history; for the
// reporter of a closed case a star rating and "问题解决了吗？"; for a grid worker 接单, 到场签到
// (with the phone's position) and 办结 (result and photos). Only what `actions` lists is offered.
import { navigationLinks } from '../../../shared/navigation.ts'
import { useId, useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Rate, TextArea } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import type { CaseAction, CaseDetail } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'
import { useT } from '../../labels.ts'
import { Alert, LoadError, Loading, Page, errorText } from '../../ui.tsx'
import { useCT } from './labels.ts'
import { useMe } from '../../session.tsx'
import { CaseProgress, formatWhen, PhotoPicker, PhotoStrip, useGps, type PickedPhoto } from './parts.tsx'
import { RaiseTopicLink } from '../deliberation/RaiseTopic.tsx'

/** POSTs an action and puts the updated case in the cache; the server's message on refusal. */
export function useCaseAction(id: string) {
  const queryClient = useQueryClient()
  const ht = useT()
  const ct = useCT()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  async function run(action: string, body: Record<string, unknown> = {}): Promise<boolean> {
    setBusy(action)
    setError(null)
    try {
      const updated = await api<CaseDetail>(`/cases/${id}/${action}`, { method: 'POST', body })
      queryClient.setQueryData(['case', id], updated)
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
      return true
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'CASE_ALREADY_TAKEN' ? ct('takenByOther') : errorText(err, ht))
      if (err instanceof ApiError && err.status === 409) void queryClient.invalidateQueries({ queryKey: ['cases'] })
      return false
    } finally {
      setBusy(null)
    }
  }
  return { run, busy, error }
}

function RateCase({ c }: { c: CaseDetail }) {
  const t = useCT()
  const { run, busy, error } = useCaseAction(c.id)
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const ids = { title: useId(), comment: useId() }
  return (
    <section className="h5-card" aria-labelledby={ids.title}>
      <h2 className="h5-card-title" id={ids.title}>{t('rateTitle')}</h2>
      <div className="h5-rate" role="group" aria-label={t('rateLabel')}>
        <Rate value={stars} onChange={(v) => { setStars(v); setMissing(false) }} />
      </div>
      {missing && <p className="h5-field-error" role="alert">{t('rateRequired')}</p>}
      <label className="h5-label h5-label-small" htmlFor={ids.comment}>{t('rateComment')}</label>
      <TextArea id={ids.comment} className="h5-textarea" value={comment} onChange={setComment} rows={2} maxLength={500} />
      {error && <Alert>{error}</Alert>}
      <Button block color="primary" size="large" loading={busy === 'rate'} onClick={() => (stars ? void run('rate', { rating: stars, ...(comment.trim() ? { comment: comment.trim() } : {}) }) : setMissing(true))}>
        {t('rateSubmit')}
      </Button>
    </section>
  )
}

function Revisit({ c, staff }: { c: CaseDetail; staff: boolean }) {
  const t = useCT()
  const { run, busy, error } = useCaseAction(c.id)
  // Staff on the phone record a 回访 they made on site: solved or not and how satisfied, in one tap.
  if (staff) {
    const answers = [
      { key: 'staffSatisfied', body: { fixed: true, satisfaction: 'satisfied' }, color: 'success' },
      { key: 'staffBasic', body: { fixed: true, satisfaction: 'basic' }, color: 'success' },
      { key: 'staffDissatisfied', body: { fixed: false, satisfaction: 'dissatisfied' }, color: 'danger' },
    ] as const
    return (
      <section className="h5-card" aria-labelledby="revisit-title">
        <h2 className="h5-card-title" id="revisit-title">{t('staffRevisitTitle')}</h2>
        <p className="h5-muted">{t('staffRevisitHint')}</p>
        {error && <Alert>{error}</Alert>}
        <div style={{ display: 'grid', gap: 8 }}>
          {answers.map((a) => (
            <Button key={a.key} block size="large" color={a.color} fill={a.key === 'staffSatisfied' ? 'solid' : 'outline'} disabled={busy === 'revisit'}
              onClick={() => void run('revisit', { ...a.body, method: 'visit' })}>
              {t(a.key)}
            </Button>
          ))}
        </div>
      </section>
    )
  }
  return (
    <section className="h5-card" aria-labelledby="revisit-title">
      <h2 className="h5-card-title" id="revisit-title">{t('revisitTitle')}</h2>
      {error && <Alert>{error}</Alert>}
      <div className="h5-two-buttons">
        <Button size="large" color="success" loading={busy === 'revisit'} onClick={() => void run('revisit', { fixed: true })}>
          {t('revisitYes')}
        </Button>
        <Button size="large" color="danger" fill="outline" disabled={busy === 'revisit'} onClick={() => void run('revisit', { fixed: false })}>
          {t('revisitNo')}
        </Button>
      </div>
    </section>
  )
}

function WorkerActions({ c }: { c: CaseDetail }) {
  const t = useCT()
  const { run, busy, error } = useCaseAction(c.id)
  const gps = useGps()
  const [handling, setHandling] = useState(false)
  const [result, setResult] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [missing, setMissing] = useState(false)
  const resultId = useId()
  const can = (a: CaseAction) => c.actions.includes(a)
  if (!can('take') && !can('start') && !can('handle')) return null

  async function start() {
    const p = await gps.locate()
    await run('start', p ? { location: { lng: p.lng, lat: p.lat }, crs: p.crs } : {})
  }
  async function handle() {
    if (!result.trim()) return setMissing(true)
    const ok = await run('handle', { result: result.trim(), photoIds: photos.flatMap((p) => (p.id ? [p.id] : [])) })
    if (ok) setHandling(false)
  }

  return (
    <section className="h5-card h5-section">
      {error && <Alert>{error}</Alert>}
      {gps.error && <Alert kind="info">{gps.error}</Alert>}
      {can('take') && (
        <Button block color="primary" size="large" loading={busy === 'take'} onClick={() => void run('take')}>
          {t('take')}
        </Button>
      )}
      {can('start') && (
        <Button block color="primary" fill={can('handle') ? 'outline' : 'solid'} size="large" loading={busy === 'start' || gps.busy} onClick={() => void start()}>
          {t('start')}
        </Button>
      )}
      {can('handle') && !handling && (
        <Button block color="primary" size="large" onClick={() => setHandling(true)}>
          {t('handle')}
        </Button>
      )}
      {handling && (
        <div className="h5-section">
          <h2 className="h5-card-title">{t('handleTitle')}</h2>
          <label className="h5-label h5-label-small" htmlFor={resultId}>{t('handleResult')}</label>
          <TextArea id={resultId} className="h5-textarea" value={result} onChange={(v) => { setResult(v); setMissing(false) }} rows={3} maxLength={2000} />
          {missing && <p className="h5-field-error" role="alert">{t('handleRequired')}</p>}
          <PhotoPicker photos={photos} onChange={setPhotos} />
          <div className="h5-two-buttons">
            <Button size="large" onClick={() => setHandling(false)}>
              {t('cancel')}
            </Button>
            <Button size="large" color="primary" loading={busy === 'handle'} disabled={photos.some((p) => p.status === 'uploading')} onClick={() => void handle()}>
              {t('handleSubmit')}
            </Button>
          </div>
        </div>
      )}
    </section>
  )
}

/** Follow a case to be told of each public update (the reporter is told anyway). */
function FollowCase({ c }: { c: CaseDetail }) {
  const t = useCT()
  const ht = useT()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function toggle() {
    setBusy(true)
    setError(null)
    try {
      const updated = await api<CaseDetail>(`/cases/${c.id}/follow`, c.following ? { method: 'DELETE' } : { method: 'POST', body: {} })
      queryClient.setQueryData<CaseDetail>(['case', c.id], (old) => (old ? { ...old, following: updated.following, followers: updated.followers } : old))
    } catch (err) {
      setError(errorText(err, ht))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Button block size="large" fill={c.following ? 'outline' : 'solid'} color="primary" loading={busy} onClick={() => void toggle()} aria-pressed={c.following}>
        {c.following ? t('unfollowCase') : t('followCase')}
      </Button>
      {error && <Alert>{error}</Alert>}
    </>
  )
}

export default function CaseViewPage() {
  const { id = '' } = useParams()
  const t = useCT()
  const { lang } = useI18n()
  const { action } = useCaseLabels()
  const q = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/cases/${id}`) })
  const c = q.data
  const me = useMe().data?.person.id
  const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403)
  return (
    <Page title={t('caseTitle')}>
      {q.isPending ? (
        <Loading />
      ) : notFound ? (
        <Alert>{t('notFound')}</Alert>
      ) : !c ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <section className="h5-card" aria-labelledby="case-title">
            <h2 className="h5-card-title" id="case-title">
              {c.categoryName} <span className="h5-case-id">{t('caseNumber', { id: c.id })}</span>
            </h2>
            <CaseProgress c={c} />
            <p className="h5-case-text">{c.description}</p>
            <PhotoStrip photos={c.photos} />
            <dl className="h5-facts">
              <div>
                <dt>{t('reportedAt')}</dt>
                <dd>{formatWhen(c.createdAt, lang)}</dd>
              </div>
              <div>
                <dt>{t('place')}</dt>
                <dd>
                  {[c.communityName, c.gridName, c.address].filter(Boolean).join(' · ')}
                  <span className="h5-nav-links" role="group" aria-label={t('navigate')}>
                    {navigationLinks(c.location, c.address ?? c.gridName).map((l) => (
                      <a key={l.key} href={l.href} target="_blank" rel="noreferrer">{t(`nav_${l.key}`)}</a>
                    ))}
                  </span>
                </dd>
              </div>
              {c.assignee && (
                <div>
                  <dt>{t('handler')}</dt>
                  <dd>{c.assignee.name}</dd>
                </div>
              )}
              {c.handleDueAt && !['handled', 'verified', 'closed', 'rejected'].includes(c.state) && (
                <div>
                  <dt>{t('due', { time: '' }).trim()}</dt>
                  <dd className={c.overdue ? 'h5-overdue' : undefined}>
                    {formatWhen(c.handleDueAt, lang)}
                    {c.overdue ? ` · ${t('overdue')}` : ''}
                  </dd>
                </div>
              )}
              {c.result && (
                <div>
                  <dt>{t('result')}</dt>
                  <dd>{c.result}</dd>
                </div>
              )}
            </dl>
            {c.rating !== null && <p className="h5-muted">{t('rated', { n: c.rating })}</p>}
            {me && c.reporter?.id !== me && !['rejected', 'closed'].includes(c.state) && <FollowCase c={c} />}
          </section>

          <WorkerActions c={c} />
          {c.actions.includes('revisit') && <Revisit c={c} staff={c.reporter?.id !== me} />}
          {c.actions.includes('rate') && <RateCase c={c} />}
          {c.revisitedAt && <Alert kind="success">{c.reporter?.id === me ? t('thanks') : t('revisitRecorded')}</Alert>}
          {me && c.reporter?.id === me && c.state !== 'rejected' && <RaiseTopicLink kind="case" id={c.id} title={c.categoryName} />}

          <section className="h5-card" aria-labelledby="case-history">
            <h2 className="h5-card-title" id="case-history">{t('history')}</h2>
            <ol className="h5-history">
              {c.timeline.map((e) => (
                <li key={e.id}>
                  <span className="h5-history-what">{action(e.action)}</span>
                  <span className="h5-row-desc">
                    {formatWhen(e.at, lang)}
                    {e.actor ? ` · ${e.actor.name}` : ''}
                  </span>
                  {e.note && <span className="h5-history-note">{e.note}</span>}
                  <PhotoStrip photos={e.photos} />
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  )
}
