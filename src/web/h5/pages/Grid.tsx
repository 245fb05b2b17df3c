// My grid /h5/grid: grid, community, street, my home, and the grid leader / workers to call.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import { api } from '../../shared/api.ts'
import { kindLabels } from '../../shared/roles.ts'
import { isNoGrid, useMyGrid, WorkerList } from '../grid.tsx'
import { useLocalText, useT } from '../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../ui.tsx'

interface Follow {
  id: string
  orgId: string | null
  digest: boolean
}

/** Following every problem reported in my grid, as one summary a day (so nobody is flooded). */
function FollowGrid({ gridId }: { gridId: string }) {
  const t = useT()
  const queryClient = useQueryClient()
  const follows = useQuery({ queryKey: ['follows'], queryFn: () => api<{ items: Follow[] }>('/follows') })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const mine = follows.data?.items.find((f) => f.orgId === gridId)
  async function toggle() {
    setBusy(true)
    setError(null)
    try {
      if (mine) await api(`/follows/${mine.id}`, { method: 'DELETE' })
      else await api('/follows', { method: 'POST', body: { orgId: gridId, digest: true } })
      await queryClient.invalidateQueries({ queryKey: ['follows'] })
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  if (follows.isPending) return null
  return (
    <section className="h5-card" aria-labelledby="grid-follow-title">
      <h2 className="h5-card-title" id="grid-follow-title">{t('followGridTitle')}</h2>
      <p className="h5-muted">{mine ? t('followGridOn') : t('followGridHint')}</p>
      <Button block size="large" color="primary" fill={mine ? 'outline' : 'solid'} loading={busy} aria-pressed={Boolean(mine)} onClick={() => void toggle()}>
        {mine ? t('followGridStop') : t('followGridStart')}
      </Button>
      {error && <Alert>{error}</Alert>}
    </section>
  )
}

export default function GridPage() {
  const t = useT()
  const text = useLocalText()
  const navigate = useNavigate()
  const grid = useMyGrid(true)

  return (
    <Page title={t('gridTitle')}>
      {grid.isPending ? (
        <Loading />
      ) : grid.error ? (
        isNoGrid(grid.error) ? (
          <section className="h5-card">
            <p className="h5-lead">{t('noGrid')}</p>
            <Button block size="large" onClick={() => navigate('/', { replace: true })}>
              {t('goHome')}
            </Button>
          </section>
        ) : (
          <LoadError error={grid.error} onRetry={() => void grid.refetch()} />
        )
      ) : (
        <>
          <section className="h5-card" aria-labelledby="grid-where-title">
            <h2 className="h5-card-title" id="grid-where-title">{grid.data.grid.name}</h2>
            <dl className="h5-facts">
              {grid.data.community && (
                <div>
                  <dt>{t('community')}</dt>
                  <dd>{grid.data.community.name}</dd>
                </div>
              )}
              {grid.data.street && (
                <div>
                  <dt>{t('street')}</dt>
                  <dd>{grid.data.street.name}</dd>
                </div>
              )}
              <div>
                <dt>{t('home')}</dt>
                <dd>
                  {grid.data.home.name}
                  {grid.data.home.kind !== 'grid' && kindLabels[grid.data.home.kind] && (
                    <span className="h5-muted h5-kind">{text(kindLabels[grid.data.home.kind])}</span>
                  )}
                </dd>
              </div>
            </dl>
          </section>
          <section className="h5-card" aria-labelledby="grid-workers-title">
            <h2 className="h5-card-title" id="grid-workers-title">{t('workersTitle')}</h2>
            <p className="h5-muted">{t('workersHint')}</p>
            <WorkerList workers={grid.data.workers} />
          </section>
          <FollowGrid gridId={grid.data.grid.id} />
        </>
      )}
    </Page>
  )
}
