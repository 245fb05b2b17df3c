// An order's page /h5/my-orders/:id (GET /orders/:id): state and progress, who serves, the time,
// my note and photos, the service's result, the timeline, and what the answer's `actions` allow
// me: confirm it is done, rate it with 1–5 big stars and a comment, cancel it with a reason.
import { useId, useState } from 'react'
import { useLocation, useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog, TextArea } from 'antd-mobile'
import type { OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { PhotoStrip } from '../cases/parts.tsx'
import { ItemIcon, OrderProgress, Stars, Timeline, useLiveKinds, windowText } from './parts.tsx'
import { channelLabels, stateLabels, useOrderWords } from './words.ts'
import { RaiseTopicLink } from '../deliberation/RaiseTopic.tsx'
import { useMe } from '../../session.tsx'
import './orders.css'

export default function OrderViewPage() {
  const { id } = useParams()
  const w = useOrderWords()
  const t = useT()
  const { lang } = useI18n()
  const location = useLocation()
  const queryClient = useQueryClient()
  const key = ['h5-order', id]
  const q = useQuery({ queryKey: key, queryFn: () => api<OrderDetail>(`/orders/${id}`) })
  const me = useMe().data?.person.id
  useLiveKinds(['order.'], () => void q.refetch())
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>((location.state as { placed?: boolean } | null)?.placed ? { kind: 'success', text: w('placed') } : null)
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const ids = { comment: useId(), reason: useId() }

  async function act(action: 'confirm' | 'rate' | 'cancel', body: unknown, ok: string) {
    setNote(null)
    setFieldErr({})
    setBusy(true)
    try {
      queryClient.setQueryData(key, await api<OrderDetail>(`/orders/${id}/${action}`, { method: 'POST', body }))
      await queryClient.invalidateQueries({ queryKey: ['h5-orders'] })
      setNote({ kind: 'success', text: ok })
      window.scrollTo(0, 0)
    } catch (err) {
      if (err instanceof ApiError) setFieldErr(err.fieldErrors())
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }

  if (q.isPending) return <Page title={w('mine')}><Loading /></Page>
  if (q.error) return <Page title={w('mine')}><LoadError error={q.error} onRetry={() => void q.refetch()} /></Page>
  const o = q.data
  const can = (a: string) => o.actions.includes(a as never)
  return (
    <Page title={o.item.name}>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <section className={`h5-card h5-order-card ${o.state}${o.urgent ? ' urgent' : ''}`}>
        <div className="h5-order-head">
          <ItemIcon icon={o.item.icon} list={o.item.list} />
          <span className="h5-order-head-text">
            <span className="h5-order-name">{o.item.name}{o.urgent && <span className="h5-order-urgent">{w('urgent')}</span>}</span>
            <span className="h5-row-desc">#{o.id} · {channelLabels[o.channel][lang]}</span>
          </span>
          <span className={`h5-order-state ${o.state}`}>{stateLabels[o.state][lang]}</span>
        </div>
        <OrderProgress o={o} />
        <dl className="h5-facts">
          <div><dt>{w('provider')}</dt><dd>{o.provider?.name ?? o.assignee?.name ?? w('waitingProvider')}</dd></div>
          <div><dt>{w('where')}</dt><dd>{o.address}</dd></div>
          {o.window && <div><dt>{w('window')}</dt><dd>{windowText(o.window, lang)}</dd></div>}
          {o.note && <div><dt>{w('yourNote')}</dt><dd>{o.note}</dd></div>}
          {o.result && <div><dt>{w('result')}</dt><dd>{o.result}</dd></div>}
        </dl>
        <PhotoStrip photos={o.photos} />
      </section>

      {can('confirm') && (
        <div className="h5-order-actions">
          <Button block color="primary" size="large" loading={busy} onClick={async () => {
            if (await Dialog.confirm({ content: w('confirmAsk'), confirmText: w('confirm'), cancelText: w('back') })) await act('confirm', {}, w('confirmed'))
          }}>{w('confirm')}</Button>
        </div>
      )}

      {can('rate') && (
        <section className="h5-card" aria-labelledby="order-rate">
          <h2 className="h5-card-title" id="order-rate">{w('rate')}</h2>
          <p className="h5-muted">{w('rateHint')}</p>
          <Stars value={rating} onChange={setRating} />
          {fieldErr.rating && <p className="h5-field-error" role="alert">{fieldErr.rating}</p>}
          <label className="h5-label h5-label-small" htmlFor={ids.comment}>{w('comment')}</label>
          <TextArea id={ids.comment} className="h5-textarea" value={comment} onChange={setComment} rows={2} maxLength={300} />
          {fieldErr.comment && <p className="h5-field-error" role="alert">{fieldErr.comment}</p>}
          <Button block color="primary" size="large" loading={busy} disabled={rating === 0} onClick={() => void act('rate', { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }, w('rated'))}>{w('rateSend')}</Button>
        </section>
      )}
      {o.rating !== null && (
        <section className="h5-card" aria-labelledby="order-my-rating">
          <h2 className="h5-card-title" id="order-my-rating">{w('yourRating')}</h2>
          <Stars value={o.rating} readOnly />
          {o.ratingComment && <p>{o.ratingComment}</p>}
        </section>
      )}

      <Timeline d={o} />

      {me && o.requester.id === me && !['cancelled', 'refused'].includes(o.state) && <RaiseTopicLink kind="order" id={o.id} title={o.item.name} />}

      {can('cancel') && (
        <section className="h5-card" aria-labelledby="order-cancel">
          <h2 className="h5-card-title" id="order-cancel">{w('cancel')}</h2>
          <label className="h5-label h5-label-small" htmlFor={ids.reason}>{w('cancelReason')}</label>
          <TextArea id={ids.reason} className="h5-textarea" value={reason} onChange={setReason} placeholder={w('cancelReasonHint')} rows={2} maxLength={200} />
          {fieldErr.reason && <p className="h5-field-error" role="alert">{fieldErr.reason}</p>}
          <Button block size="large" loading={busy} disabled={reason.trim().length < 2} onClick={() => void act('cancel', { reason: reason.trim() }, w('cancelled'))}>{w('cancelSend')}</Button>
        </section>
      )}
    </Page>
  )
}
