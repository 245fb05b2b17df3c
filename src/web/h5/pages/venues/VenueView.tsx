// One venue on the phone /h5/venues/:id (public): open now or when it opens, hours, amenities,
// services, phone to call, one-tap navigation to the entrance in the map app the person chose
// (remembered), and its rooms with a booking form for those signed in.
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Booking, Room, Venue } from '@server/modules/venues/venues.schemas.ts'
import { amenityWords, audienceWords, kindLabel, serviceTypeWords, weekdayWords } from '@server/modules/venues/venues.labels.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { inWeChat, linkList } from '../../../shared/navigation.ts'
import { useSignedIn } from '../../session.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { preferredNav, rememberNav, statusText } from './shared.ts'
import { useVenueWords, type VenueWord } from './words.ts'
import './venues.css'

export default function VenueViewPage() {
  const { id } = useParams()
  const w = useVenueWords()
  const { lang } = useI18n()
  const venue = useQuery({ queryKey: ['h5-venue', id], queryFn: () => api<Venue>(`/venues/${id}`, { quiet401: true }) })
  const [booking, setBooking] = useState<Room | null>(null)
  const v = venue.data
  return (
    <Page title={v?.name ?? w('title')}>
      {venue.isPending ? (
        <Loading />
      ) : venue.error || !v ? (
        <LoadError error={venue.error} onRetry={() => void venue.refetch()} />
      ) : booking ? (
        <BookingForm venue={v} room={booking} onDone={() => setBooking(null)} />
      ) : (
        <>
          <section className="h5-card" aria-labelledby="venue-name">
            <span className="h5-venue-kind">{kindLabel(v, lang)}</span>
            <h2 className="h5-card-title" id="venue-name">{v.name}</h2>
            <p className={v.openStatus.open ? 'h5-venue-open' : 'h5-venue-closed'}>{statusText(v.openStatus, w, lang)}</p>
            <p>{v.address}</p>
            <Navigate venue={v} />
            {v.phone && (
              <p>
                {w('phone')}：<a href={`tel:${v.phone.replace(/[^0-9+]/g, '')}`}>{v.phone}</a>
              </p>
            )}
          </section>
          {v.photos.length > 0 && (
            <div className="h5-photos">
              {v.photos.map((p) => <img key={p.id} className="h5-photo" src={p.thumbUrl} alt={v.name} loading="lazy" />)}
            </div>
          )}
          <section className="h5-card" aria-labelledby="venue-hours">
            <h2 className="h5-card-title" id="venue-hours">{w('hours')}</h2>
            <table className="h5-hours">
              <tbody>
                {weekdayWords.map((d, i) => {
                  const spans = v.hours.weekly.filter((x) => x.day === i + 1)
                  return (
                    <tr key={i}>
                      <td>{d[lang]}</td>
                      <td>{spans.length ? spans.map((s) => `${s.open}–${s.close}`).join('，') : w('restDay')}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            {v.hours.closedOnHolidays && <p className="h5-muted">{w('holidaysClosed')}</p>}
          </section>
          <Tags title={w('amenities')} items={v.amenities.map((a) => amenityWords[a]?.[lang] ?? a)} />
          <Tags title={w('services')} items={[...v.services.map((s) => serviceTypeWords[s]?.[lang] ?? s), ...v.tags]} />
          <Tags title={w('audiences')} items={v.audiences.map((a) => audienceWords[a]?.[lang] ?? a)} />
          {v.activities.length > 0 && (
            <section className="h5-card" aria-labelledby="venue-activities">
              <h2 className="h5-card-title" id="venue-activities">{w('activities')}</h2>
              <ul className="h5-plain-list">
                {v.activities.map((a) => (
                  <li key={a.id} className="h5-row">
                    <Link to={`/activities/${a.id}`} className="h5-row-text h5-text-link">
                      <span className="h5-row-title">{a.title}</span>
                      <span className="h5-row-desc">{dayjs(a.startsAt).format('M月D日 HH:mm')}–{dayjs(a.endsAt).format('HH:mm')}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {v.rooms.length > 0 && <Rooms venue={v} onBook={setBooking} />}
        </>
      )}
    </Page>
  )
}

function Tags({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null
  return (
    <section className="h5-card">
      <h2 className="h5-card-title">{title}</h2>
      <ul className="h5-tags">{items.map((x) => <li key={x}>{x}</li>)}</ul>
    </section>
  )
}

/** One button to the app used last time, and a choice of all of them. */
function Navigate({ venue }: { venue: Venue }) {
  const w = useVenueWords()
  const [open, setOpen] = useState(false)
  const links = linkList(venue.navigation, preferredNav())
  const go = (key: string, href: string) => {
    rememberNav(key)
    window.location.href = href
  }
  return (
    <>
      <div className="h5-nav-buttons">
        <Button color="danger" size="large" onClick={() => go(links[0]!.key, links[0]!.href)}>{w('navigate')}</Button>
        <Button size="large" aria-expanded={open} onClick={() => setOpen(!open)}>{w('chooseMap')}</Button>
      </div>
      {open && (
        <nav className="h5-nav-apps" aria-label={w('navChoose')}>
          {links.map((l) => (
            <a key={l.key} href={l.href} onClick={() => rememberNav(l.key)}>{w(l.key as VenueWord)}</a>
          ))}
        </nav>
      )}
      {inWeChat() && <p className="h5-muted">{w('inWeChat')}</p>}
    </>
  )
}

function Rooms({ venue, onBook }: { venue: Venue; onBook: (r: Room) => void }) {
  const w = useVenueWords()
  const { me } = useSignedIn()
  return (
    <section className="h5-card" aria-labelledby="venue-rooms">
      <h2 className="h5-card-title" id="venue-rooms">{w('rooms')}</h2>
      <ul className="h5-plain-list">
        {venue.rooms.map((r) => (
          <li key={r.id} className="h5-row">
            <div className="h5-row-text">
              <span className="h5-row-title">{r.name}</span>
              <span className="h5-row-desc">{w('capacity', { n: r.capacity })}{r.approval ? ` · ${w('needsApproval')}` : ''}</span>
            </div>
            {me ? (
              <Button color="primary" onClick={() => onBook(r)}>{w('book')}</Button>
            ) : (
              <Link to={`/login?next=${encodeURIComponent(`/venues/${venue.id}`)}`} className="h5-text-link">{w('loginToBook')}</Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

interface MyUnit { id: string; name: string }

function BookingForm({ venue, room, onDone }: { venue: Venue; room: Room; onDone: () => void }) {
  const w = useVenueWords()
  const t = useT()
  const queryClient = useQueryClient()
  const units = useQuery({ queryKey: ['units', 'mine'], queryFn: () => api<ApiPage<MyUnit>>('/units?mine=true&limit=200'), enabled: room.bookerKinds.includes('unit') })
  const [date, setDate] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'))
  const [start, setStart] = useState('14:00')
  const [end, setEnd] = useState('16:00')
  const [purpose, setPurpose] = useState('')
  const [attendees, setAttendees] = useState('')
  const [unitId, setUnitId] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const submit = async () => {
    setBusy(true)
    setNote(null)
    try {
      const b = await api<Booking>(`/rooms/${room.id}/bookings`, {
        method: 'POST',
        body: { start: `${date}T${start}:00+08:00`, end: `${date}T${end}:00+08:00`, purpose, ...(attendees ? { attendees: Number(attendees) } : {}), ...(unitId ? { bookerUnitId: unitId } : {}) },
      })
      setNote({ kind: 'success', text: b.state === 'pending' ? w('bookedPending') : w('booked') })
      await queryClient.invalidateQueries({ queryKey: ['h5-my-bookings'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="h5-card" aria-labelledby="booking-title">
      <h2 className="h5-card-title" id="booking-title">{w('bookTitle', { room: `${venue.name}·${room.name}` })}</h2>
      <p className="h5-muted">{w('rules', { min: room.minMinutes, max: room.maxMinutes, lead: room.leadMinutes, days: room.maxAdvanceDays })}</p>
      <div className="h5-booking-form">
        <label>{w('date')}<input type="date" value={date} min={dayjs().format('YYYY-MM-DD')} onChange={(e) => setDate(e.target.value)} /></label>
        <label>{w('start')}<input type="time" step={900} value={start} onChange={(e) => setStart(e.target.value)} /></label>
        <label>{w('end')}<input type="time" step={900} value={end} onChange={(e) => setEnd(e.target.value)} /></label>
        <label>{w('purpose')}<input value={purpose} placeholder={w('purposeHint')} maxLength={200} onChange={(e) => setPurpose(e.target.value)} /></label>
        <label>{w('attendees')}<input type="number" inputMode="numeric" min={1} max={room.capacity} value={attendees} onChange={(e) => setAttendees(e.target.value)} /></label>
        {(units.data?.items.length ?? 0) > 0 && room.bookerKinds.includes('unit') && (
          <label>
            {w('asUnit')}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              {room.bookerKinds.includes('resident') && <option value="">{w('myself')}</option>}
              {units.data!.items.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
        )}
      </div>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <div className="h5-two-buttons">
        <Button size="large" onClick={onDone}>{t('back')}</Button>
        {note?.kind === 'success' ? (
          <Link to="/my-bookings" className="adm-button adm-button-primary adm-button-large">{w('myBookings')}</Link>
        ) : (
          <Button size="large" color="primary" loading={busy} disabled={purpose.trim().length < 2} onClick={() => void submit()}>{w('submit')}</Button>
        )}
      </div>
    </section>
  )
}
