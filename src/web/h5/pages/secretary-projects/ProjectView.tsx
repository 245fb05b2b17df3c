// One of my secretary's projects or responsibility-list items on the phone (/h5/my-projects/:id):
// its milestones with due dates and state, "完成这个节点" with what was done and photos
// (POST …/milestones/:id/complete), a progress note with an optional percentage (POST …/progress),
// and the supervisors' comments (督查意见) from its timeline.
import { useId, useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, ProgressBar, TextArea, Toast } from 'antd-mobile'
import type { SecretaryProjectDetail } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'
import { useWords } from '../../labels.ts'
import { PhotoPicker, type PickedPhoto } from '../cases/parts.tsx'
import { projectWords, STATE_COLOR } from './words.ts'
import { StateWord } from './MyProjects.tsx'

type Milestone = SecretaryProjectDetail['milestones'][number]

const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

function useRefresh(id: string) {
  const qc = useQueryClient()
  return async () => {
    await qc.invalidateQueries({ queryKey: ['h5-my-projects'] })
    await qc.invalidateQueries({ queryKey: ['h5-project', id] })
  }
}

function CompleteForm({ projectId, m, onDone }: { projectId: string; m: Milestone; onDone: () => void }) {
  const w = useWords(projectWords)
  const refresh = useRefresh(projectId)
  const noteId = useId()
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (note.trim().length < 2) return setError(w('evidenceRule'))
    setBusy(true)
    setError(null)
    try {
      await api(`/secretary-projects/${projectId}/milestones/${m.id}/complete`, { method: 'POST', body: { note: note.trim(), photoIds: photos.filter((p) => p.id).map((p) => p.id!) } })
      Toast.show({ content: w('saved'), icon: 'success' })
      await refresh()
      onDone()
    } catch (e) {
      setError(errorOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="h5-section" role="group" aria-label={w('completeTitle', { title: m.title })}>
      <label className="h5-label h5-label-small" htmlFor={noteId}>{w('evidence')}</label>
      <TextArea id={noteId} className="h5-textarea" value={note} onChange={setNote} rows={3} maxLength={2000} />
      <PhotoPicker photos={photos} onChange={setPhotos} />
      {error && <Alert>{error}</Alert>}
      <div className="h5-two-buttons">
        <Button size="large" onClick={onDone}>{w('cancel')}</Button>
        <Button size="large" color="primary" loading={busy} disabled={photos.some((p) => p.status === 'uploading')} onClick={() => void submit()}>{w('submit')}</Button>
      </div>
    </div>
  )
}

function ReportForm({ p }: { p: SecretaryProjectDetail }) {
  const w = useWords(projectWords)
  const refresh = useRefresh(p.id)
  const noteId = useId()
  const progressId = useId()
  const [progress, setProgress] = useState<number>(p.progress)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      // Untouched percentage and the milestones decide: keep deriving it (null), the note goes on the timeline.
      const manual = progress !== p.progress || p.progressManual
      await api(`/secretary-projects/${p.id}/progress`, { method: 'POST', body: { progress: manual ? progress : null, ...(note.trim() ? { note: note.trim() } : {}) } })
      Toast.show({ content: w('saved'), icon: 'success' })
      setNote('')
      await refresh()
    } catch (e) {
      setError(errorOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="h5-card" aria-labelledby="sp-report">
      <h2 className="h5-card-title" id="sp-report">{w('report')}</h2>
      <p className="h5-muted">{w('reportHint')}</p>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '8px 0' }}>
        {/* A plain labelled number field: antd-mobile's Stepper puts spinbutton attributes on an unlabelled input. */}
        <label className="h5-label h5-label-small" htmlFor={progressId} style={{ margin: 0 }}>{w('progressLabel')}</label>
        <input id={progressId} type="number" inputMode="numeric" min={0} max={100} step={5} value={progress}
          onChange={(e) => setProgress(Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))))} style={{ width: 96, fontSize: 20, padding: '8px 10px', border: '1px solid #767676', borderRadius: 6 }} />
        <span style={{ fontSize: 20 }}>%</span>
      </div>
      <label className="h5-label h5-label-small" htmlFor={noteId}>{w('reportNote')}</label>
      <TextArea id={noteId} className="h5-textarea" value={note} onChange={setNote} rows={3} maxLength={2000} />
      {error && <Alert>{error}</Alert>}
      <Button block size="large" color="primary" loading={busy} onClick={() => void submit()}>{w('reportSubmit')}</Button>
    </section>
  )
}

export default function ProjectViewPage() {
  const w = useWords(projectWords)
  const { id = '' } = useParams()
  const [completing, setCompleting] = useState<string | null>(null)
  const one = useQuery({ queryKey: ['h5-project', id], queryFn: () => api<SecretaryProjectDetail>(`/secretary-projects/${id}`) })
  const p = one.data
  const comments = p?.events.filter((e) => e.action === 'comment') ?? []
  return (
    <Page title={w('detail')}>
      {one.isPending ? <Loading /> : one.error || !p ? <LoadError error={one.error} onRetry={() => void one.refetch()} /> : (
        <>
          <section className="h5-card">
            {/* The title can be long: it wraps here, not in the narrow bar above. */}
            <h1 style={{ margin: '0 0 8px', fontSize: 22, lineHeight: 1.35 }}>{p.title}</h1>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span className="h5-muted">{w(p.kind)} · {p.org.name} · {w('years', { from: p.yearFrom, to: p.yearTo })}</span>
              <StateWord state={p.state} />
            </div>
            <ProgressBar percent={p.progress} style={{ margin: '10px 0 4px', '--track-width': '12px', '--fill-color': STATE_COLOR[p.state] ?? '#1677ff' }} />
            <p style={{ margin: 0, fontSize: 18 }}>{w('progress', { n: p.progress })} · {w('milestones', { done: p.milestonesDone, total: p.milestonesTotal })}</p>
            {p.description && <p style={{ whiteSpace: 'pre-wrap' }}>{p.description}</p>}
          </section>
          {!p.canReport && p.state === 'done' && <Alert kind="info">{w('closed')}</Alert>}
          <section className="h5-card" aria-labelledby="sp-milestones">
            <h2 className="h5-card-title" id="sp-milestones">{w('milestones', { done: p.milestonesDone, total: p.milestonesTotal })}</h2>
            <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {p.milestones.map((m) => (
                <li key={m.id} style={{ borderLeft: `4px solid ${(m.done ? STATE_COLOR.done : m.overdue ? STATE_COLOR.overdue : STATE_COLOR.in_progress) ?? '#1677ff'}`, padding: '6px 0 6px 12px', marginBottom: 10 }}>
                  <div style={{ fontWeight: 600, fontSize: 18 }}>{m.done ? '✓ ' : ''}{m.title}</div>
                  <div className={m.overdue ? undefined : 'h5-muted'} style={m.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                    {m.done ? w('doneOn', { date: (m.doneAt ?? '').slice(0, 10) }) : w('dueOn', { date: m.dueOn })}{m.overdue ? ` · ${w('overdueTag')}` : ''}
                  </div>
                  {m.evidenceNote && <p style={{ margin: '4px 0' }}>{m.evidenceNote}</p>}
                  {m.photos.length > 0 && <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>{m.photos.map((f, i) => <img key={f.id} src={f.thumbUrl} alt={`${m.title} ${i + 1}`} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} />)}</div>}
                  {!m.done && p.canReport && (completing === m.id
                    ? <CompleteForm projectId={p.id} m={m} onDone={() => setCompleting(null)} />
                    : <Button size="large" color="primary" fill="outline" style={{ marginTop: 6 }} onClick={() => setCompleting(m.id)}>{w('complete')}</Button>)}
                </li>
              ))}
            </ol>
          </section>
          {p.canReport && <ReportForm p={p} />}
          <section className="h5-card" aria-labelledby="sp-comments">
            <h2 className="h5-card-title" id="sp-comments">{w('comments')}</h2>
            {comments.length === 0 ? <p className="h5-muted">{w('noComments')}</p> : comments.map((e) => (
              <p key={e.id} style={{ margin: '6px 0' }}><strong>{e.actor?.name ?? ''}</strong>（{e.at.slice(0, 10)}）：{e.note}</p>
            ))}
          </section>
        </>
      )}
    </Page>
  )
}
