// 我的任务 /h5/tasks, for grid workers and leaders: what is assigned to me, and the cases in my
// grid nobody has taken yet (接单 here; a case someone else took first says so). A tap opens
// the case for 到场签到 and 办结.
import { Button, Toast } from 'antd-mobile'
import type { Case } from '../../../shared/cases.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'
import { useCT, type CaseLabelKey } from './labels.ts'
import { CaseCard, useCaseList } from './parts.tsx'
import { useCaseAction } from './CaseView.tsx'

function TakeButton({ c }: { c: Case }) {
  const t = useCT()
  const { run, busy, error } = useCaseAction(c.id)
  // Once taken, the case moves to "assigned to me" (the lists reload); a toast says so.
  const take = async () => {
    if (await run('take')) Toast.show({ content: t('taken'), icon: 'success' })
  }
  return (
    <div className="h5-section">
      {error && <Alert>{error}</Alert>}
      <Button block color="primary" size="large" loading={busy === 'take'} onClick={() => void take()}>
        {t('take')}
      </Button>
    </div>
  )
}

function TaskList({ query, title, empty, take }: { query: string; title: CaseLabelKey; empty: CaseLabelKey; take?: boolean }) {
  const t = useCT()
  const list = useCaseList(query)
  // Waiting cases held above the grid (escalated) are not for the grid's workers to take.
  const rows = list.items.filter((c) => !take || c.actions.includes('take'))
  const id = `tasks-${title}`
  return (
    <section aria-labelledby={id}>
      <h2 className="h5-section-title" id={id}>{t(title)}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <p className="h5-muted">{t(empty)}</p>
      ) : (
        <ul className="h5-case-list">
          {rows.map((c) => (
            <CaseCard key={c.id} c={c}>
              {take && <TakeButton c={c} />}
            </CaseCard>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </Button>
      )}
    </section>
  )
}

export default function TasksPage() {
  const t = useCT()
  return (
    <Page title={t('tasksTitle')}>
      <TaskList query="box=mine&state=assigned,in_progress" title="tasksMine" empty="tasksEmptyMine" />
      <TaskList query="box=scope&state=reported,accepted" title="tasksOpen" empty="tasksEmptyOpen" take />
    </Page>
  )
}
