// 存家风 /h5/family-bank/new: a resident deposits a family motto or a story in their own community
// (the server finds it from their home); it shows publicly after the community reviews it.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Button } from 'antd-mobile'
import { api } from '../../../shared/api.ts'
import { Alert, errorText, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useFamilyWords } from './words.ts'
import '../library/library.css'
import '../wishes/wishes.css'

export default function DepositPage() {
  const w = useFamilyWords()
  const t = useT()
  const navigate = useNavigate()
  const [kind, setKind] = useState<'motto' | 'story'>('motto')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    setError(null)
    setBusy(true)
    try {
      await api('/family-bank/deposits', { method: 'POST', body: { kind, body: body.trim(), ...(kind === 'story' ? { title: title.trim() } : {}) } })
      navigate('/my-family-deposits', { replace: true, state: { deposited: true } })
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page title={w('deposit')}>
      <p className="h5-muted">{w('privacy')}</p>
      <form className="h5-wish-form" onSubmit={(e) => void submit(e)}>
        <div className="h5-fb-kind" role="group">
          <button type="button" aria-pressed={kind === 'motto'} onClick={() => setKind('motto')}>{w('motto')}</button>
          <button type="button" aria-pressed={kind === 'story'} onClick={() => setKind('story')}>{w('story')}</button>
        </div>
        {kind === 'story' && <label>{w('titleField')}<input value={title} maxLength={40} onChange={(e) => setTitle(e.target.value)} /></label>}
        <label>{kind === 'motto' ? w('mottoField') : w('storyField')}
          <textarea rows={kind === 'motto' ? 3 : 10} maxLength={kind === 'motto' ? 200 : 3000} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        {error && <Alert>{error}</Alert>}
        <Button type="submit" color="danger" size="large" block loading={busy} disabled={body.trim().length < 4 || (kind === 'story' && title.trim().length < 2)}>{w('submit')}</Button>
      </form>
    </Page>
  )
}
