// 我的帮办 /h5/my-errands: my errands (and my units'), each with its state, how many steps are done
// and how many documents are still needed; a tap opens its progress. 申请帮办 starts a new one.
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button, ProgressBar } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Errand } from '@server/modules/errands/errands.schemas.ts'
import { errandLevelWords, errandStateWords } from '@server/modules/errands/errands.labels.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useErrandWords } from './words.ts'

export default function MyErrandsPage() {
  const w = useErrandWords()
  const { lang } = useI18n()
  const q = useQuery({ queryKey: ['h5-my-errands'], queryFn: () => api<ApiPage<Errand>>('/errands?mine=true&limit=100') })
  return (
    <Page title={w('mine')}>
      <p className="h5-muted">{w('intro')}</p>
      <Link to="/errands/new"><Button block color="primary" size="large">{w('apply')}</Button></Link>
      {q.isPending ? <Loading /> : q.error ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? (
        <p className="h5-muted">{w('none')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('mine')}>
          {q.data.items.map((e) => (
            <li key={e.id} className="h5-card">
              <Link to={`/errands/${e.id}`} style={{ color: 'inherit', textDecoration: 'none', display: 'block' }}>
                <h2 className="h5-card-title">{e.title}</h2>
                <p>{errandStateWords[e.state][lang]} · {e.org.name}{errandLevelWords[e.level][lang]}{e.unit ? ` · ${e.unit.name}` : ''}</p>
                {e.steps.total > 0 && <>
                  <ProgressBar percent={Math.round((e.steps.done / e.steps.total) * 100)} style={{ '--fill-color': '#c8102e' }} />
                  <p className="h5-muted">{w('progress', { done: e.steps.done, total: e.steps.total })}</p>
                </>}
                {e.state === 'submitted' && <p className="h5-muted">{w('waiting')}</p>}
                {e.missingDocuments > 0 && ['submitted', 'accepted', 'in_progress'].includes(e.state) && <p style={{ color: '#ad4e00' }}>{w('missing', { n: e.missingDocuments })}</p>}
                <p className="h5-muted">{dayjs(e.createdAt).format('YYYY-MM-DD')}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
