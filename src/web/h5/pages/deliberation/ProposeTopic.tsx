// 我要提议题 /h5/deliberation/new: a resident proposes a topic in their own community; their
// household supports it at once, neighbours add theirs until the threshold takes it to the committee.
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { Alert, errorText, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useDelibWords } from './words.ts'
import './deliberation.css'

export default function ProposeTopicPage() {
  const w = useDelibWords()
  const t = useT()
  const navigate = useNavigate()
  const home = useQuery({ queryKey: ['h5-topics', 'home'], queryFn: () => api<{ community: { id: string; name: string } | null; supportNeeded: number; expireDays: number }>('/topics/home') })
  // "转为议题" from the resident's own case or order: ?sourceKind=case|order&sourceId=…&title=…
  const [params] = useSearchParams()
  const sourceKind = params.get('sourceKind')
  const sourceId = params.get('sourceId')
  const source = (sourceKind === 'case' || sourceKind === 'order') && sourceId && /^\d+$/.test(sourceId) ? { kind: sourceKind, id: sourceId } : null
  const [title, setTitle] = useState(source ? (params.get('title') ?? '').slice(0, 100) : '')
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    if (!home.data?.community) return
    setError(null)
    setBusy(true)
    try {
      const made = await api<{ id: string }>('/topics', { method: 'POST', body: { title: title.trim(), body: body.trim(), orgId: home.data.community.id, ...(source ? { source } : {}) } })
      navigate(`/deliberation/topics/${made.id}`, { replace: true, state: { posted: true } })
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldErrors()) : []
      setError(fields.length ? fields.join('；') : errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page title={w('propose')}>
      {error && <Alert>{error}</Alert>}
      {home.isPending ? <Loading /> : !home.data?.community ? <p className="h5-muted">{w('noCommunity')}</p> : (
        <form className="h5-card h5-topic-form" onSubmit={(e) => void submit(e)}>
          <p className="h5-muted">{home.data.community.name}</p>
          {source && <p className="h5-muted">{w('fromRecord', { kind: w(source.kind === 'case' ? 'kindCase' : 'kindOrder') })}</p>}
          <label>{w('title')}<input required minLength={4} maxLength={100} placeholder={w('titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} /></label>
          <label>{w('body')}<textarea required rows={5} maxLength={5000} placeholder={w('bodyHint')} value={body} onChange={(e) => setBody(e.target.value)} /></label>
          <Button type="submit" block color="danger" size="large" loading={busy}>{w('submit')}</Button>
        </form>
      )}
    </Page>
  )
}
