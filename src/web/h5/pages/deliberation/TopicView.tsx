// 议题 /h5/deliberation/topics/:id: the topic, its support (one tap), the stages so far, an open vote
// to cast (three big buttons; a secret ballot says what is recorded), the result once closed, and
// the resolutions with progress and tasks, where residents comment (群众监议).
import { useState } from 'react'
import { useLocation, useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog, TextArea } from 'antd-mobile'
import type { Topic } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useDelibWords } from './words.ts'
import './deliberation.css'

interface Vote { id: string; title: string; mode: 'open' | 'secret'; state: string; closesAt: string; eligible: boolean; voted: boolean; result: { totals: { for: number; against: number; abstain: number }; passed: boolean } | null }
interface Resolution { id: string; title: string; text: string; progress: number; tasks: { id: string; title: string; dueOn: string | null; doneAt: string | null }[]; comments: { id: string; author: { name: string }; body: string }[] }

export default function TopicViewPage() {
  const w = useDelibWords()
  const t = useT()
  const { id } = useParams()
  const location = useLocation()
  const queryClient = useQueryClient()
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const topic = useQuery({ queryKey: ['h5-topics', 'one', id], queryFn: () => api<Topic>(`/topics/${id}`) })
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setNote(null)
    try {
      await fn()
      setNote({ kind: 'success', text: ok })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
    await queryClient.invalidateQueries({ queryKey: ['h5-topics'] })
  }
  const x = topic.data
  return (
    <Page title={x?.title ?? w('topics')}>
      {(location.state as { posted?: boolean } | null)?.posted && !note && x && <Alert kind="success">{w('posted', { need: x.supportNeeded, days: x.expiresAt ? Math.max(1, Math.round((Date.parse(x.expiresAt) - Date.parse(x.createdAt)) / 86_400_000)) : 30 })}</Alert>}
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {topic.isPending ? <Loading /> : topic.error ? <LoadError error={topic.error} /> : x && (
        <>
          <section className="h5-card h5-topic-card">
            <p className="h5-topic-meta">{x.org.name} · {x.state === 'settled' ? w('settled') : w('stage', { stage: x.stageName })}</p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{x.body}</p>
            {x.state === 'proposed' && (
              <>
                <div className="h5-topic-bar" aria-hidden><span style={{ width: `${Math.min(100, (100 * x.supportCount) / x.supportNeeded)}%` }} /></div>
                <p className="h5-topic-meta">{w('supportN', { n: x.supportCount, need: x.supportNeeded })}</p>
                {x.actions.includes('support') ? <Button block color="danger" size="large" onClick={() => void run(() => api(`/topics/${x.id}/support`, { method: 'POST' }), w('supportedOk'))}>{w('support')}</Button>
                  : x.supported && <p><strong>{w('supported')}</strong></p>}
              </>
            )}
          </section>
          {x.votes.map((v) => <VoteCard key={v.id} id={v.id} run={run} />)}
          <section className="h5-card">
            <h2 style={{ fontSize: 'var(--h5-body, 17px)' }}>{w('stages')}</h2>
            <ol className="h5-topic-steps">
              {x.stages.map((s) => (
                <li key={s.key} className={s.status}>
                  {s.name}{s.record && <div className="h5-muted" style={{ fontWeight: 400 }}>{s.record.at.slice(0, 10)}{s.record.output ? `：${s.record.output.slice(0, 80)}` : ''}</div>}
                </li>
              ))}
            </ol>
          </section>
          {x.resolutions.map((r) => <ResolutionCard key={r.id} id={r.id} run={run} />)}
        </>
      )}
    </Page>
  )
}

function VoteCard({ id, run }: { id: string; run: (fn: () => Promise<unknown>, ok: string) => Promise<void> }) {
  const w = useDelibWords()
  const vote = useQuery({ queryKey: ['h5-topics', 'vote', id], queryFn: () => api<Vote>(`/votes/${id}`) })
  const v = vote.data
  if (!v) return null
  const cast = async (choice: 'for' | 'against' | 'abstain') => {
    const label = { for: w('voteFor'), against: w('voteAgainst'), abstain: w('voteAbstain') }[choice]
    if (!(await Dialog.confirm({ content: w('voteAsk', { choice: label }), confirmText: label, cancelText: w('back') }))) return
    await run(() => api(`/votes/${id}/ballots`, { method: 'POST', body: { choice } }), w('votedOk'))
  }
  return (
    <section className="h5-card h5-topic-card" aria-label={w('votes')}>
      <h2 style={{ fontSize: 'var(--h5-body, 17px)', margin: '0 0 6px' }}>{v.title}</h2>
      <p className="h5-muted">{v.mode === 'secret' ? w('secret') : w('open')} · {w('closesAt', { time: new Date(v.closesAt).toLocaleString('zh-CN', { hour12: false }) })}</p>
      {v.result ? (
        <p><strong>{v.result.passed ? w('passed') : w('failed')}</strong> {w('result', v.result.totals)}</p>
      ) : v.voted ? <p><strong>{w('voted')}</strong></p> : v.state === 'open' && v.eligible ? (
        <div className="h5-vote-buttons">
          <Button color="danger" size="large" onClick={() => void cast('for')}>{w('voteFor')}</Button>
          <Button size="large" onClick={() => void cast('against')}>{w('voteAgainst')}</Button>
          <Button size="large" onClick={() => void cast('abstain')}>{w('voteAbstain')}</Button>
        </div>
      ) : v.state === 'open' && <p className="h5-muted">{w('notEligible')}</p>}
    </section>
  )
}

function ResolutionCard({ id, run }: { id: string; run: (fn: () => Promise<unknown>, ok: string) => Promise<void> }) {
  const w = useDelibWords()
  const [text, setText] = useState('')
  const one = useQuery({ queryKey: ['h5-topics', 'resolution', id], queryFn: () => api<Resolution>(`/resolutions/${id}`) })
  const r = one.data
  if (!r) return null
  return (
    <section className="h5-card h5-topic-card settled" aria-label={w('resolutions')}>
      <h2 style={{ fontSize: 'var(--h5-body, 17px)', margin: '0 0 6px' }}>{r.title}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{r.text}</p>
      <div className="h5-topic-bar" aria-hidden><span style={{ width: `${r.progress}%` }} /></div>
      <p className="h5-topic-meta">{w('progress', { p: r.progress })}</p>
      {r.tasks.length > 0 && <ul>{r.tasks.map((k) => <li key={k.id}>{k.doneAt ? '✓ ' : '○ '}{k.title}{k.dueOn ? `（${k.dueOn}）` : ''}</li>)}</ul>}
      {r.comments.map((c) => <p key={c.id} className="h5-muted">{c.author.name}：{c.body}</p>)}
      <div className="h5-topic-form">
        <label>{w('comment')}<TextArea rows={2} maxLength={1000} value={text} onChange={setText} /></label>
        <Button block size="large" disabled={!text.trim()} onClick={() => void run(async () => { await api(`/resolutions/${id}/comments`, { method: 'POST', body: { body: text.trim() } }); setText('') }, w('commented'))}>{w('commentSend')}</Button>
      </div>
    </section>
  )
}
