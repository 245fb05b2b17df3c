// 我的预约 /h5/my-bookings: my bookings (and my units'), with cancel and check-in. The QR code by
// a room's door opens this page with ?room=&code=: the booking in that room that is due now is
// checked in with that code. A link adds the bookings to the phone's calendar.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Booking } from '@server/modules/venues/venues.schemas.ts'
import { bookingStateLabels } from '@server/modules/venues/venues.labels.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useVenueWords } from './words.ts'
import './venues.css'

export default function MyBookingsPage() {
  const w = useVenueWords()
  const t = useT()
  const { lang } = useI18n()
  const [params] = useSearchParams()
  const queryClient = useQueryClient()
  const bookings = useQuery({ queryKey: ['h5-my-bookings'], queryFn: () => api<ApiPage<Booking>>(`/bookings?from=${dayjs().subtract(7, 'day').format('YYYY-MM-DD')}&limit=100`) })
  const feed = useQuery({ queryKey: ['h5-booking-feed'], queryFn: () => api<{ url: string | null }>('/me/booking-feed') })
  const [note, setNote] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null)
  const room = params.get('room')
  const code = params.get('code')

  async function run(fn: () => Promise<unknown>, ok: string) {
    setNote(null)
    try {
      await fn()
      setNote({ kind: 'success', text: ok })
      await queryClient.invalidateQueries({ queryKey: ['h5-my-bookings'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }
  const cancel = async (b: Booking) => {
    if (!(await Dialog.confirm({ content: w('cancelAsk'), confirmText: w('cancel'), cancelText: t('back') }))) return
    await run(() => api(`/bookings/${b.id}/cancel`, { method: 'POST', body: {} }), w('cancelled'))
  }
  const dueHere = (b: Booking) => room === b.room.id && b.state === 'confirmed' && !b.checkedInAt && dayjs().isAfter(dayjs(b.start).subtract(15, 'minute')) && dayjs().isBefore(dayjs(b.end))

  return (
    <Page title={w('myBookings')}>
      {room && code && <Alert kind="info">{w('checkinHint')}</Alert>}
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {bookings.isPending ? (
        <Loading />
      ) : bookings.error ? (
        <LoadError error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : bookings.data.items.length === 0 ? (
        <p className="h5-muted">{w('noBookings')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('myBookings')}>
          {bookings.data.items.map((b) => (
            <li key={b.id} className="h5-card">
              <h2 className="h5-card-title">{b.venue.name}·{b.room.name}</h2>
              <p>{dayjs(b.start).format('M月D日 HH:mm')}–{dayjs(b.end).format('HH:mm')} · {b.purpose}</p>
              <p className={b.state === 'confirmed' ? 'h5-venue-open' : 'h5-venue-closed'}>
                {b.checkedInAt ? w('checkedIn') : bookingStateLabels[b.state]?.[lang]}{b.bookerUnit ? ` · ${b.bookerUnit.name}` : ''}
              </p>
              {b.decisionNote && <p className="h5-muted">{w('decision', { note: b.decisionNote })}</p>}
              <div className="h5-two-buttons">
                {dueHere(b) && code && (
                  <Button color="primary" size="large" onClick={() => void run(() => api(`/bookings/${b.id}/checkin`, { method: 'POST', body: { code } }), w('checkinOk'))}>{w('checkin')}</Button>
                )}
                {(b.state === 'pending' || b.state === 'confirmed') && dayjs(b.end).isAfter(dayjs()) && !b.checkedInAt && (
                  <Button size="large" onClick={() => void cancel(b)}>{w('cancel')}</Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="h5-card">
        <h2 className="h5-card-title">{w('feed')}</h2>
        <p className="h5-muted">{w('feedHint')}</p>
        {feed.data?.url ? (
          <p><a href={feed.data.url.replace(/^\/api/, `${location.origin.replace(/^http/, 'webcal')}/api`)}>{`${location.origin}${feed.data.url}`}</a></p>
        ) : (
          <Button onClick={() => void run(async () => { await api('/me/booking-feed/reset', { method: 'POST' }); await feed.refetch() }, w('feed'))}>{w('feedMake')}</Button>
        )}
      </section>
    </Page>
  )
}
