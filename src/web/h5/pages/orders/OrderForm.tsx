// 我要点单 → one item (/h5/order/:itemId): what it is, who serves, the price note and the helper's
// points; then the form: where (home by default, or a point picked on the map), an optional time
// window (a date and from/to hours), a note and up to 9 photos → POST /orders → the order's page.
import { lazy, Suspense, useId, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Input, TextArea } from 'antd-mobile'
import dayjs from 'dayjs'
import type { OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { PhotoPicker, type PickedPhoto, type Place } from '../cases/parts.tsx'
import { useOrderable } from './OrderCatalogue.tsx'
import { ItemIcon } from './parts.tsx'
import { listLabels, providerKindLabels, useOrderWords } from './words.ts'
import './orders.css'

const PickMap = lazy(() => import('../cases/PickMap.tsx'))
const HOURS = Array.from({ length: 16 }, (_, i) => i + 7)

type Field = 'location' | 'address' | 'window' | 'note' | 'photoIds' | 'form'

export default function OrderFormPage() {
  const { itemId } = useParams()
  const w = useOrderWords()
  const t = useT()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const items = useOrderable()
  const [where, setWhere] = useState<'home' | 'map'>('home')
  const [place, setPlace] = useState<Place | null>(null)
  const [picking, setPicking] = useState(false)
  const [address, setAddress] = useState('')
  const [day, setDay] = useState('')
  const [from, setFrom] = useState(9)
  const [to, setTo] = useState(11)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [busy, setBusy] = useState(false)
  const ids = { address: useId(), day: useId(), from: useId(), to: useId(), note: useId() }

  const item = items.data?.items.find((i) => i.id === itemId)
  if (items.isPending) return <Page title={w('order')}><Loading /></Page>
  if (items.error) return <Page title={w('order')}><LoadError error={items.error} onRetry={() => void items.refetch()} /></Page>
  if (!item) return <Page title={w('order')}><p className="h5-card">{w('noItems')}</p></Page>

  async function submit() {
    setErrors({})
    if (where === 'map' && !place) return setErrors({ location: w('onMap') })
    setBusy(true)
    try {
      const win = day ? { from: dayjs(`${day}T${String(from).padStart(2, '0')}:00`).toISOString(), to: dayjs(`${day}T${String(to).padStart(2, '0')}:00`).toISOString() } : undefined
      const photoIds = photos.flatMap((p) => (p.id ? [p.id] : []))
      const body = {
        itemId: item!.id,
        ...(where === 'map' && place ? { location: { lng: place.lng, lat: place.lat }, crs: place.crs } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(win ? { window: win } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(photoIds.length ? { photoIds } : {}),
      }
      const created = await api<OrderDetail>('/orders', { method: 'POST', body })
      queryClient.setQueryData(['h5-order', created.id], created)
      await queryClient.invalidateQueries({ queryKey: ['h5-orders', 'mine'] })
      navigate(`/my-orders/${created.id}`, { replace: true, state: { placed: true } })
    } catch (err) {
      if (!(err instanceof ApiError)) return setErrors({ form: errorText(err, t) })
      const f = err.fieldErrors()
      const mine: Partial<Record<Field, string>> = {
        location: f.location ?? f['location.lng'] ?? f['location.lat'],
        address: f.address,
        window: f['window.to'] ?? f['window.from'] ?? f.window,
        note: f.note,
        photoIds: f.photoIds,
      }
      const shown = Object.values(mine).some(Boolean)
      setErrors({ ...mine, form: shown ? undefined : err.message })
    } finally {
      setBusy(false)
    }
  }

  const fieldError = (k: Field) => errors[k] && <p className="h5-field-error" role="alert">{errors[k]}</p>
  return (
    <Page title={item.name}>
      <section className="h5-card h5-order-item">
        <div className="h5-order-item-head">
          <ItemIcon icon={item.icon} list={item.list} />
          <div>
            <h2 className="h5-order-item-name">{item.name}</h2>
            <span className="h5-order-tag">{listLabels[item.list][lang]}</span>
          </div>
        </div>
        {item.description && <p>{item.description}</p>}
        <dl className="h5-facts">
          <div><dt>{w('who')}</dt><dd>{item.providerKinds.map((k) => providerKindLabels[k][lang]).join('、')}</dd></div>
          <div><dt>{w('price')}</dt><dd>{item.priceNote ?? w('free')}</dd></div>
          {item.points > 0 && <div><dt>{lang === 'zh' ? '积分' : 'Points'}</dt><dd>{w('points', { n: item.points })}</dd></div>}
        </dl>
      </section>

      <section className="h5-card" aria-labelledby="order-where">
        <h2 className="h5-card-title" id="order-where">{w('where')}</h2>
        <fieldset className="h5-choice">
          <legend className="h5-order-sr">{w('where')}</legend>
          <label className="h5-choice-option">
            <input type="radio" name="order-where" checked={where === 'home'} onChange={() => { setWhere('home'); setPicking(false) }} />
            <span className="h5-row-text"><span className="h5-row-title">{w('atHome')}</span><span className="h5-row-desc">{w('atHomeHint')}</span></span>
          </label>
          <label className="h5-choice-option">
            <input type="radio" name="order-where" checked={where === 'map'} onChange={() => { setWhere('map'); setPicking(true) }} />
            <span className="h5-row-text"><span className="h5-row-title">{w('onMap')}</span>{place && <span className="h5-row-desc">{w('mapPicked', { lng: place.lng.toFixed(5), lat: place.lat.toFixed(5) })}</span>}</span>
          </label>
        </fieldset>
        {where === 'map' && picking && (
          <Suspense fallback={<Loading />}>
            <PickMap start={place} onCancel={() => { setPicking(false); if (!place) setWhere('home') }} onPick={(p) => { setPlace(p); setPicking(false); setErrors((e) => ({ ...e, location: undefined })) }} />
          </Suspense>
        )}
        {fieldError('location')}
        <label className="h5-label h5-label-small" htmlFor={ids.address}>{w('addressText')}</label>
        <Input id={ids.address} value={address} onChange={setAddress} placeholder={w('addressHint')} maxLength={200} clearable />
        {fieldError('address')}
      </section>

      <section className="h5-card" aria-labelledby="order-when">
        <h2 className="h5-card-title" id="order-when">{w('when')}</h2>
        <div className="h5-order-when">
          <label htmlFor={ids.day}>{w('day')}</label>
          <input id={ids.day} type="date" value={day} min={dayjs().format('YYYY-MM-DD')} onChange={(e) => setDay(e.target.value)} />
          <label htmlFor={ids.from}>{w('from')}</label>
          <select id={ids.from} value={from} disabled={!day} onChange={(e) => { const v = Number(e.target.value); setFrom(v); if (to <= v) setTo(v + 1) }}>
            {HOURS.map((h) => <option key={h} value={h}>{`${h}:00`}</option>)}
          </select>
          <label htmlFor={ids.to}>{w('to')}</label>
          <select id={ids.to} value={to} disabled={!day} onChange={(e) => setTo(Number(e.target.value))}>
            {HOURS.filter((h) => h > from).concat(from >= 22 ? [23] : []).map((h) => <option key={h} value={h}>{`${h}:00`}</option>)}
          </select>
        </div>
        {!day && <p className="h5-muted">{w('anyTime')}</p>}
        {fieldError('window')}
      </section>

      <section className="h5-card">
        <label className="h5-card-title h5-label" htmlFor={ids.note}>{w('note')}</label>
        <TextArea id={ids.note} className="h5-textarea" value={note} onChange={setNote} placeholder={w('noteHint')} rows={3} maxLength={500} />
        {fieldError('note')}
      </section>

      <section className="h5-card" aria-labelledby="order-photos">
        <h2 className="h5-card-title" id="order-photos">{w('photos')}</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} />
        {fieldError('photoIds')}
      </section>

      <div className="h5-section">
        {errors.form && <Alert>{errors.form}</Alert>}
        <Button block color="primary" size="large" loading={busy} disabled={photos.some((p) => p.status === 'uploading')} onClick={() => void submit()}>{w('submit')}</Button>
      </div>
    </Page>
  )
}
