// 我的书记项目 /h5/my-projects: the secretary's projects and responsibility-list items the person
// answers for (GET /me/secretary-projects), open ones first: each with its state in words, its
// progress, and the next milestone's due date; a tap opens it to report progress.
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { ProgressBar } from 'antd-mobile'
import type { SecretaryProject } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useWords } from '../../labels.ts'
import { projectWords, STATE_COLOR } from './words.ts'

export function StateWord({ state }: { state: string }) {
  const w = useWords(projectWords)
  return <span style={{ color: STATE_COLOR[state] ?? '#595959', border: `1px solid ${STATE_COLOR[state] ?? '#595959'}`, borderRadius: 4, padding: '0 6px', fontSize: 15, whiteSpace: 'nowrap' }}>{w(state as 'planned')}</span>
}

export default function MyProjectsPage() {
  const w = useWords(projectWords)
  const mine = useQuery({ queryKey: ['h5-my-projects'], queryFn: () => api<{ items: SecretaryProject[] }>('/me/secretary-projects') })
  return (
    <Page title={w('title')}>
      {mine.isPending ? <Loading /> : mine.error || !mine.data ? <LoadError error={mine.error} onRetry={() => void mine.refetch()} /> : mine.data.items.length === 0 ? (
        <section className="h5-card"><p className="h5-muted">{w('none')}</p></section>
      ) : (
        <ul aria-label={w('title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {mine.data.items.map((p) => (
            <li key={p.id}>
              <Link to={`/my-projects/${p.id}`} className="h5-card" style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                  <h2 className="h5-card-title" style={{ margin: 0 }}>{p.title}</h2>
                  <StateWord state={p.state} />
                </div>
                <p className="h5-muted" style={{ margin: '6px 0' }}>{w(p.kind)} · {p.org.name} · {w('years', { from: p.yearFrom, to: p.yearTo })}</p>
                <ProgressBar percent={p.progress} style={{ '--track-width': '10px', '--fill-color': STATE_COLOR[p.state] ?? '#1677ff' }} />
                <p style={{ margin: '6px 0 0' }}>
                  {w('progress', { n: p.progress })} · {w('milestones', { done: p.milestonesDone, total: p.milestonesTotal })}
                  <br />
                  {p.nextDueOn ? w('nextDue', { date: p.nextDueOn }) : w('allDone')}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
