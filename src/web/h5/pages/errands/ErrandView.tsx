// One of my errands /h5/errands/:id: where it is handled and by whom, the steps with their
// progress, the documents still needed, the timeline; withdrawing it while open, rating it once done.
import { useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog, Rate, Steps, TextArea } from 'antd-mobile'
import dayjs from 'dayjs'
import type { ErrandDetail } from '@server/modules/errands/errands.schemas.ts'
import { errandEventWords, errandLevelWords, errandStateWords } from '@server/modules/errands/errands.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useErrandWords } from './words.ts'

export default function ErrandViewPage() {
  const { id } = useParams()
  const w = useErrandWords()
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const key = ['h5-errand', id]
  const q = useQuery({ queryKey: key, queryFn: () => api<ErrandDetail>(`/errands/${id}`) })
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [rating, setRating] = useState(5)
  const [comment, setComment] = useState('')

  async function act(path: string, body: unknown, ok: string) {
    setNote(null)
    try {
      queryClient.setQueryData(key, await api<ErrandDetail>(`/errands/${id}/${path}`, { method: 'POST', body }))
      await queryClient.invalidateQueries({ queryKey: ['h5-my-errands'] })
      setNote({ kind: 'success', text: ok })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }

  if (q.isPending) return <Page title={w('mine')}><Loading /></Page>
  if (q.error) return <Page title={w('mine')}><LoadError error={q.error} onRetry={() => void q.refetch()} /></Page>
  const e = q.data
  const open = ['submitted', 'accepted', 'in_progress'].includes(e.state)
  const still = open ? e.checklist.filter((i) => i.required && !i.received) : []
  const current = e.steps.findIndex((s) => !s.doneAt)
  return (
    <Page title={e.title}>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <section className="h5-card">
        <h2 className="h5-card-title">{errandStateWords[e.state][lang]}</h2>
        <p>{w('desk')}：{e.org.name}{errandLevelWords[e.level][lang]}</p>
        {e.owner && <p>{w('owner')}：{e.owner.name}</p>}
        {e.result && <p>{w('result')}：{e.result}</p>}
        {e.reason && <p>{w('reason')}：{e.reason}</p>}
      </section>

      {e.actions.includes('rate') && (
        <section className="h5-card" aria-label={w('rate')}>
          <h2 className="h5-card-title">{w('rate')}</h2>
          <p className="h5-muted">{w('rateHint')}</p>
          <Rate value={rating} onChange={setRating} aria-label={w('rate')} />
          <TextArea placeholder={w('comment')} value={comment} onChange={setComment} rows={3} maxLength={500} aria-label={w('comment')} />
          <Button block color="primary" size="large" onClick={() => void act('rate', { rating, comment: comment.trim() || undefined }, w('rated'))}>{w('rate')}</Button>
        </section>
      )}
      {e.rating !== null && <section className="h5-card"><h2 className="h5-card-title">{w('yourRating')}</h2><Rate readOnly value={e.rating} />{e.feedback && <p>{e.feedback}</p>}</section>}

      {e.steps.length > 0 && (
        <section className="h5-card" aria-label={w('steps')}>
          <h2 className="h5-card-title">{w('steps')}</h2>
          <Steps direction="vertical" current={current === -1 ? e.steps.length : current}>
            {e.steps.map((s) => (
              <Steps.Step key={s.id} title={s.title} status={s.doneAt ? 'finish' : s.overdue ? 'error' : current === s.position - 1 ? 'process' : 'wait'}
                description={s.doneAt ? w('stepDone', { time: dayjs(s.doneAt).format('M月D日') }) + (s.note ? ` · ${s.note}` : '') : s.dueAt ? w('stepDue', { time: dayjs(s.dueAt).format('M月D日 HH:mm') }) : ''} />
            ))}
          </Steps>
        </section>
      )}

      {e.checklist.length > 0 && (
        <section className="h5-card" aria-label={w('checklist')}>
          <h2 className="h5-card-title">{w('checklist')}</h2>
          {still.length > 0 && <p style={{ color: '#ad4e00' }}>{w('still')}：{still.map((i) => i.name).join('、')}</p>}
          {e.checklist.some((i) => i.received) && <p className="h5-muted">{w('have')}：{e.checklist.filter((i) => i.received).map((i) => i.name).join('、')}</p>}
        </section>
      )}

      <section className="h5-card" aria-label={w('timeline')}>
        <h2 className="h5-card-title">{w('timeline')}</h2>
        <ul className="h5-list">
          {[...e.timeline].reverse().map((ev) => (
            <li key={ev.id}>
              <strong>{errandEventWords[ev.action]?.[lang] ?? ev.action}</strong>
              {ev.action === 'handoff' && ` → ${(ev.data.to as { name: string }).name}`}
              <span className="h5-muted"> {dayjs(ev.at).format('M月D日 HH:mm')}</span>
              {ev.note && <div className="h5-muted">{ev.note}</div>}
            </li>
          ))}
        </ul>
      </section>

      {e.actions.includes('cancel') && (
        <Button block size="large" onClick={async () => {
          if (await Dialog.confirm({ content: w('cancelAsk'), confirmText: w('cancel'), cancelText: w('back') })) await act('cancel', {}, w('cancelled'))
        }}>{w('cancel')}</Button>
      )}
    </Page>
  )
}
