// 我的服务 /h5/my-services: the orders I serve (GET /orders?view=serving) with what each allows:
// 出发 (start), 到场签到 (checkin with the phone's position; the distance recorded is shown), 完成服务
// (complete with a result, photos and hours), and the resident's rating once given; 接单设置 opens
// the sheet of serving hours, range and pause.
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, TextArea } from 'antd-mobile'
import type { Order, OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { api, ApiError, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { PhotoPicker, type PickedPhoto } from '../cases/parts.tsx'
import { checkinDistance, locate, OrderCard, Stars, useLiveKinds } from './parts.tsx'
import { ProviderSettings } from './ProviderSettings.tsx'
import { metres, useOrderWords } from './words.ts'
import './orders.css'

type Note = { kind: 'success' | 'error'; text: string }

function CompleteForm({ o, onDone }: { o: Order; onDone: (n: Note) => void }) {
  const w = useOrderWords()
  const t = useT()
  const [result, setResult] = useState('')
  const [hours, setHours] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const ids = { result: useId(), hours: useId() }
  async function send() {
    setErrors({})
    setBusy(true)
    try {
      const photoIds = photos.flatMap((p) => (p.id ? [p.id] : []))
      await api(`/orders/${o.id}/complete`, { method: 'POST', body: { result: result.trim(), ...(photoIds.length ? { photoIds } : {}), ...(hours.trim() ? { hours: Number(hours) } : {}) } })
      onDone({ kind: 'success', text: w('completed') })
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors())
      onDone({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="h5-order-complete">
      <label className="h5-label h5-label-small" htmlFor={ids.result}>{w('completeResult')}</label>
      <TextArea id={ids.result} className="h5-textarea" value={result} onChange={setResult} placeholder={w('completeResultHint')} rows={3} maxLength={500} />
      {errors.result && <p className="h5-field-error" role="alert">{errors.result}</p>}
      <PhotoPicker photos={photos} onChange={setPhotos} />
      <label className="h5-label h5-label-small" htmlFor={ids.hours}>{w('completeHours')}</label>
      <input id={ids.hours} className="h5-order-input" type="number" inputMode="decimal" min={0.5} max={24} step={0.5} value={hours} onChange={(e) => setHours(e.target.value)} />
      {errors.hours && <p className="h5-field-error" role="alert">{errors.hours}</p>}
      <Button block color="primary" size="large" loading={busy} disabled={result.trim().length < 2 || photos.some((p) => p.status === 'uploading')} onClick={() => void send()}>{w('completeSend')}</Button>
    </div>
  )
}

export default function MyServicesPage() {
  const w = useOrderWords()
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const serving = useQuery({ queryKey: ['h5-orders', 'serving'], queryFn: () => api<ApiPage<Order>>('/orders?view=serving&limit=50') })
  useLiveKinds(['order.'], () => void serving.refetch())
  const [notes, setNotes] = useState<Record<string, Note>>({})
  const [distances, setDistances] = useState<Record<string, number>>({})
  const [completing, setCompleting] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [settings, setSettings] = useState(false)

  const noteOf = (id: string, n: Note) => setNotes((s) => ({ ...s, [id]: n }))
  async function act(o: Order, action: 'start' | 'checkin', ok: string) {
    setBusy(o.id)
    try {
      let body: Record<string, unknown> = {}
      if (action === 'checkin') {
        const p = await locate()
        if (!p) return noteOf(o.id, { kind: 'error', text: w('checkinFailed') })
        body = { location: p, crs: 'wgs84' }
      }
      const d = await api<OrderDetail>(`/orders/${o.id}/${action}`, { method: 'POST', body })
      const m = action === 'checkin' ? checkinDistance(d) : null
      if (m !== null) setDistances((s) => ({ ...s, [o.id]: m }))
      noteOf(o.id, { kind: 'success', text: m !== null ? w('checkedIn', { d: metres(m, lang) }) : ok })
      await queryClient.invalidateQueries({ queryKey: ['h5-orders', 'serving'] })
    } catch (err) {
      noteOf(o.id, { kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <Page title={w('myServices')}>
      <div className="h5-two-buttons h5-order-actions">
        <Link className="h5-order-new" to="/grab">{w('goGrab')} ›</Link>
        <Button size="large" onClick={() => setSettings(true)}>{w('settings')}</Button>
      </div>
      {serving.isPending ? <Loading /> : serving.error ? <LoadError error={serving.error} onRetry={() => void serving.refetch()} /> : serving.data.items.length === 0 ? (
        <p className="h5-card h5-muted">{w('noServing')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('myServices')}>
          {serving.data.items.map((o) => (
            <OrderCard key={o.id} o={o} to={`/my-orders/${o.id}`}>
              {distances[o.id] !== undefined && <p className="h5-muted">{w('distance', { d: metres(distances[o.id]!, lang) })}</p>}
              {notes[o.id] && <Alert kind={notes[o.id]!.kind}>{notes[o.id]!.text}</Alert>}
              {o.rating !== null && (
                <div className="h5-order-rating">
                  <span>{w('residentRating')}</span> <Stars value={o.rating} readOnly />
                  {o.ratingComment && <p>{o.ratingComment}</p>}
                </div>
              )}
              <div className="h5-two-buttons">
                {o.actions.includes('start') && <Button size="large" loading={busy === o.id} onClick={() => void act(o, 'start', w('started'))}>{w('start')}</Button>}
                {o.actions.includes('checkin') && <Button size="large" color="primary" loading={busy === o.id} onClick={() => void act(o, 'checkin', w('checkin'))}>{w('checkin')}</Button>}
                {o.actions.includes('complete') && completing !== o.id && <Button size="large" color="primary" onClick={() => setCompleting(o.id)}>{w('complete')}</Button>}
              </div>
              {o.actions.includes('complete') && completing === o.id && (
                <CompleteForm o={o} onDone={(n) => {
                  noteOf(o.id, n)
                  if (n.kind === 'success') {
                    setCompleting(null)
                    void queryClient.invalidateQueries({ queryKey: ['h5-orders', 'serving'] })
                  }
                }} />
              )}
            </OrderCard>
          ))}
        </ul>
      )}
      <ProviderSettings open={settings} onClose={() => setSettings(false)} />
    </Page>
  )
}
