// "转为议题" on the phone: from a resident's own case or order, a link to 我要提议题 with the
// record named as the topic's source (linked both ways) and the title filled in.
import { Link } from 'react-router'
import { useDelibWords } from './words.ts'
import './deliberation.css'

export function RaiseTopicLink({ kind, id, title }: { kind: 'case' | 'order'; id: string; title: string }) {
  const w = useDelibWords()
  const to = `/deliberation/new?${new URLSearchParams({ sourceKind: kind, sourceId: id, title: title.slice(0, 100) })}`
  return (
    <section className="h5-card" aria-label={w('raise')}>
      <p className="h5-muted">{w('raiseHint')}</p>
      <Link className="h5-raise-topic" to={to}>{w('raise')}</Link>
    </section>
  )
}
