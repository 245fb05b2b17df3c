// My grid /h5/grid: grid, community, street, my home, and the grid leader / workers to call.
import { useNavigate } from 'react-router'
import { Button } from 'antd-mobile'
import { kindLabels } from '../../shared/roles.ts'
import { isNoGrid, useMyGrid, WorkerList } from '../grid.tsx'
import { useLocalText, useT } from '../labels.ts'
import { LoadError, Loading, Page } from '../ui.tsx'

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
        </>
      )}
    </Page>
  )
}
