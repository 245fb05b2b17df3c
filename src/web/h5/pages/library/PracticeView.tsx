// 一条经验 /h5/library/:id: the latest version's text, photos and files, who published it and how many
// adopted it, and the comments, where anyone signed in may add theirs.
import { useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Practice } from '@server/modules/library/library.schemas.ts'
import { api } from '../../../shared/api.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT, useWords } from '../../labels.ts'
import { libraryWords } from './Library.tsx'
import { PracticeFiles } from './PracticeFiles.tsx'
import './library.css'

interface Comment { id: string; body: string; author: { name: string }; org: { name: string } | null; createdAt: string }

export default function PracticeViewPage() {
  const { id = '' } = useParams()
  const w = useWords(libraryWords)
  const t = useT()
  const queryClient = useQueryClient()
  const [text, setText] = useState('')
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const p = useQuery({ queryKey: ['h5-library', 'practice', id], queryFn: () => api<Practice>(`/library/practices/${id}`) })
  const comments = useQuery({ queryKey: ['h5-library', 'comments', id], queryFn: () => api<{ items: Comment[] }>(`/library/practices/${id}/comments?limit=100`) })
  async function send(e: React.FormEvent) {
    e.preventDefault()
    setNote(null)
    try {
      await api(`/library/practices/${id}/comments`, { method: 'POST', body: { body: text.trim() } })
      setText('')
      setNote({ kind: 'success', text: w('sent') })
      await queryClient.invalidateQueries({ queryKey: ['h5-library'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }
  return (
    <Page title={p.data?.title ?? w('title')}>
      {p.isPending ? <Loading /> : p.error ? <LoadError error={p.error} onRetry={() => void p.refetch()} /> : (
        <article className="h5-card">
          <h2 className="h5-lib-title">{p.data.title}</h2>
          <p className="h5-lib-meta">{p.data.org.name}{p.data.street ? ` · ${p.data.street.name}` : ''} · {w('adopted', { n: p.data.adoptions })}</p>
          <p className="h5-lib-meta">{w('history', { v: p.data.version, at: dayjs(p.data.updatedAt).format('YYYY年M月D日') })}</p>
          <div className="h5-lib-tags">{p.data.tags.map((x) => <span key={x}>{x}</span>)}</div>
          <p className="h5-lib-body">{p.data.body}</p>
          {p.data.photos.length > 0 && <div className="h5-lib-photos">{p.data.photos.map((ph) => <a key={ph.id} href={ph.url}><img src={ph.thumbUrl} alt="" /></a>)}</div>}
          <PracticeFiles practice={p.data} />
        </article>
      )}
      <section className="h5-card" aria-label={w('commentsTitle')}>
        <h3 style={{ marginTop: 0 }}>{w('commentsTitle')}</h3>
        {note && <Alert kind={note.kind}>{note.text}</Alert>}
        <form className="h5-lib-form" onSubmit={(e) => void send(e)}>
          <textarea aria-label={w('comment')} placeholder={w('comment')} rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" color="danger" block disabled={text.trim().length < 2}>{w('send')}</Button>
        </form>
        {(comments.data?.items ?? []).length === 0 ? <p className="h5-muted">{w('noComments')}</p> : comments.data!.items.map((c) => (
          <div key={c.id} className="h5-lib-comment">
            <b>{c.author.name}</b>{c.org && <span className="h5-muted">（{c.org.name}）</span>} <span className="h5-muted">{dayjs(c.createdAt).format('M月D日 HH:mm')}</span>
            <p style={{ margin: '4px 0 0' }}>{c.body}</p>
          </div>
        ))}
      </section>
    </Page>
  )
}
