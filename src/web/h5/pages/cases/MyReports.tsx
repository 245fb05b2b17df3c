// 我的反映 /h5/my-reports: the problems I reported, newest first, each with its progress; a tap
// opens it (history, rating, "问题解决了吗？").
import { useNavigate } from 'react-router'
import { Button } from 'antd-mobile'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useCT } from './labels.ts'
import { CaseCard, useCaseList } from './parts.tsx'

export default function MyReportsPage() {
  const t = useCT()
  const navigate = useNavigate()
  const list = useCaseList('box=reported')
  const rows = list.items
  return (
    <Page title={t('myReportsTitle')}>
      <Button block color="primary" size="large" onClick={() => navigate('/report')}>
        {t('reportNew')}
      </Button>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <p className="h5-lead">{t('myReportsEmpty')}</p>
      ) : (
        <ul className="h5-case-list">
          {rows.map((c) => <CaseCard key={c.id} c={c} />)}
        </ul>
      )}
      {list.hasNextPage && (
        <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </Button>
      )}
    </Page>
  )
}
