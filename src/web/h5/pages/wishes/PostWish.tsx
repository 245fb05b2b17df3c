// 我要许愿 /h5/wishes/new: a resident posts a wish in their own community (the server finds it from
// their home): for whom, what, about how much, a story and photos if they like. It waits for the
// community's review before it shows on the wall.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Button } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { PhotoPicker, type PickedPhoto } from '../cases/parts.tsx'
import { beneficiaryText, categoryText, useWishWords } from './words.ts'
import './wishes.css'

/** The server's cap (WISH_VALUE_CAP) is checked there; the form only hints the default. */
const CAP_HINT = 500

export default function PostWishPage() {
  const w = useWishWords()
  const t = useT()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const [beneficiary, setBeneficiary] = useState('child')
  const [category, setCategory] = useState('study')
  const [title, setTitle] = useState('')
  const [story, setStory] = useState('')
  const [value, setValue] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: React.FormEvent) {
    e.preventDefault()
    setError(null)
    setBusy(true)
    try {
      const photoIds = photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id!)
      await api('/wishes', { method: 'POST', body: { beneficiary, category, title: title.trim(), story: story.trim() || undefined, valueYuan: Number(value), photoIds } })
      navigate('/my-wishes', { replace: true, state: { posted: true } })
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldErrors()) : []
      setError(fields.length ? fields.join('；') : errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={w('post')}>
      {error && <Alert>{error}</Alert>}
      <form className="h5-card h5-wish-form" onSubmit={(e) => void submit(e)}>
        <label>{w('beneficiary')}
          <select value={beneficiary} onChange={(e) => setBeneficiary(e.target.value)}>
            {Object.entries(beneficiaryText).map(([k, v]) => <option key={k} value={k}>{v[lang]}</option>)}
          </select>
        </label>
        <label>{w('category')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {Object.entries(categoryText).map(([k, v]) => <option key={k} value={k}>{v[lang]}</option>)}
          </select>
        </label>
        <label>{w('title')}
          <input required minLength={4} maxLength={40} placeholder={w('titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>{w('story')}
          <textarea rows={3} maxLength={500} placeholder={w('storyHint')} value={story} onChange={(e) => setStory(e.target.value)} />
        </label>
        <label>{w('valueField')}
          <input required type="number" inputMode="decimal" min={1} step="0.01" placeholder={w('valueHint', { cap: CAP_HINT })} value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <div><strong>{w('photos')}</strong><PhotoPicker photos={photos} onChange={setPhotos} max={6} /></div>
        <Button type="submit" block color="danger" size="large" loading={busy} disabled={photos.some((p) => p.status === 'uploading')}>{w('submit')}</Button>
      </form>
    </Page>
  )
}
