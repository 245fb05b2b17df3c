// Pieces the order pages share: an item's icon, the six-step progress (下单 → 审核 → 接单 →
// 服务中 → 完成 → 评价), an order as a card, the timeline, big stars, the phone's position, and
// live notifications of one kind (the /events stream).
import { useEffect, useRef, type ReactNode } from 'react'
import { Link } from 'react-router'
import dayjs from 'dayjs'
import type { ReactElement } from 'react'
import {
  AppOutline, BellOutline, CheckShieldOutline, ClockCircleOutline, ExclamationCircleOutline, GiftOutline, HeartOutline, PhoneFill, SetOutline,
  ShopbagOutline, SmileOutline, StarFill, StarOutline, TeamOutline, TruckOutline, UserOutline,
} from 'antd-mobile-icons'
import type { Order, OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { actionLabels, metres, stateLabels, useOrderWords, type OrderWord } from './words.ts'

const icons: Record<string, ReactElement> = {
  haircut: <SmileOutline />, barber: <SmileOutline />, meal: <ShopbagOutline />, food: <ShopbagOutline />, shopping: <ShopbagOutline />,
  clean: <AppOutline />, cleaning: <AppOutline />, repair: <SetOutline />, fix: <SetOutline />, medical: <HeartOutline />, health: <HeartOutline />,
  care: <HeartOutline />, visit: <TeamOutline />, companion: <TeamOutline />, sos: <PhoneFill />, emergency: <PhoneFill />, alarm: <BellOutline />,
  delivery: <TruckOutline />, errand: <TruckOutline />, safety: <CheckShieldOutline />, gift: <GiftOutline />, time: <ClockCircleOutline />, person: <UserOutline />,
}
const byList: Record<string, ReactElement> = { public: <CheckShieldOutline />, social: <ShopbagOutline />, volunteer: <HeartOutline /> }

export function ItemIcon({ icon, list }: { icon: string; list: string }) {
  return <span className={`h5-order-icon ${list}`} aria-hidden="true">{icons[icon] ?? icons[icon.split('_')[0]!] ?? byList[list] ?? <ExclamationCircleOutline />}</span>
}

const STEPS: OrderWord[] = ['stepPlace', 'stepReview', 'stepClaim', 'stepServe', 'stepDone', 'stepRate']
const CLOSED = ['refused', 'merged', 'cancelled']

/** The current step (0–5), or 6 when everything is done (confirmed and rated). */
export function stepOf(o: Pick<Order, 'state' | 'rating'>): number {
  if (o.rating !== null && ['confirmed', 'completed'].includes(o.state)) return 6
  return { placed: 0, accepted: 1, open: 1, assigned: 2, in_progress: 3, completed: 4, confirmed: 5 }[o.state as string] ?? -1
}

export function OrderProgress({ o }: { o: Pick<Order, 'state' | 'rating' | 'reason'> }) {
  const w = useOrderWords()
  const { lang } = useI18n()
  if (CLOSED.includes(o.state)) return <p className="h5-order-closed">{stateLabels[o.state][lang]}{o.reason ? ` · ${o.reason}` : ''}</p>
  const current = stepOf(o)
  return (
    <ol className="h5-steps h5-order-steps" aria-label={w('progress')}>
      {STEPS.map((s, i) => (
        <li key={s} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          <span className="h5-step-dot" aria-hidden="true" />
          <span className="h5-step-text">{w(s)}</span>
        </li>
      ))}
    </ol>
  )
}

export function when(iso: string, lang: 'zh' | 'en') {
  return dayjs(iso).format(lang === 'zh' ? 'M月D日 HH:mm' : 'MMM D HH:mm')
}
export function windowText(win: { from: string; to: string } | null, lang: 'zh' | 'en') {
  if (!win) return null
  const to = dayjs(win.to)
  return `${when(win.from, lang)}–${to.isSame(dayjs(win.from), 'day') ? to.format('HH:mm') : when(win.to, lang)}`
}

/** An order in a list: item, state word, when and where, progress; the head opens it. */
export function OrderCard({ o, to, children }: { o: Order; to: string; children?: ReactNode }) {
  const w = useOrderWords()
  const { lang } = useI18n()
  return (
    <li className={`h5-card h5-order-card ${o.state}${o.urgent ? ' urgent' : ''}`}>
      <Link className="h5-order-head" to={to}>
        <ItemIcon icon={o.item.icon} list={o.item.list} />
        <span className="h5-order-head-text">
          <span className="h5-order-name">{o.item.name}{o.urgent && <span className="h5-order-urgent">{w('urgent')}</span>}</span>
          <span className="h5-row-desc">{when(o.createdAt, lang)} · {o.address}</span>
        </span>
        <span className={`h5-order-state ${o.state}`}>{stateLabels[o.state][lang]}</span>
      </Link>
      <OrderProgress o={o} />
      {o.window && <p className="h5-muted">{w('window')}：{windowText(o.window, lang)}</p>}
      {o.provider ? <p>{w('provider')}：{o.provider.name}</p> : o.assignee ? <p>{w('assignee')}：{o.assignee.name}</p> : null}
      {o.overdue && <p className="h5-order-overdue">{w('overdue')}</p>}
      {children}
    </li>
  )
}

/** The distance recorded at check-in (the last check-in of the timeline). */
export function checkinDistance(d: OrderDetail): number | null {
  const ev = [...d.timeline].reverse().find((e) => e.action === 'checkin')
  const m = (ev?.data as { checkIn?: { distanceM?: number } } | undefined)?.checkIn?.distanceM
  return typeof m === 'number' ? m : null
}

export function Timeline({ d }: { d: OrderDetail }) {
  const w = useOrderWords()
  const { lang } = useI18n()
  if (d.timeline.length === 0) return null
  return (
    <section className="h5-card" aria-labelledby="order-timeline">
      <h2 className="h5-card-title" id="order-timeline">{w('timeline')}</h2>
      <ol className="h5-order-timeline">
        {[...d.timeline].reverse().map((ev) => {
          const dist = (ev.data as { checkIn?: { distanceM?: number } }).checkIn?.distanceM
          return (
            <li key={ev.id}>
              <strong>{actionLabels[ev.action as keyof typeof actionLabels]?.[lang] ?? ev.action}</strong>
              {ev.actor && <span> · {ev.actor.name}</span>}
              <span className="h5-muted"> {when(ev.at, lang)}</span>
              {typeof dist === 'number' && <div className="h5-muted">{w('distance', { d: metres(dist, lang) })}</div>}
              {ev.note && ev.note !== d.note && ev.note !== d.result && <div className="h5-muted">{ev.note}</div>}
              {ev.photos.length > 0 && <div className="h5-order-thumbs">{ev.photos.map((p) => <img key={p.id} src={p.thumbUrl} alt="" />)}</div>}
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** 1–5 big stars, each a real radio button named by its count. */
export function Stars({ value, onChange, readOnly }: { value: number; onChange?: (n: number) => void; readOnly?: boolean }) {
  const w = useOrderWords()
  if (readOnly) {
    return (
      <span className="h5-stars" role="img" aria-label={w('stars', { n: value })}>
        {[1, 2, 3, 4, 5].map((n) => <span key={n} className={n <= value ? 'on' : ''} aria-hidden="true">{n <= value ? <StarFill /> : <StarOutline />}</span>)}
      </span>
    )
  }
  return (
    <div className="h5-stars" role="radiogroup" aria-label={w('rate')}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button key={n} type="button" role="radio" aria-checked={n === value} aria-label={w('stars', { n })} className={n <= value ? 'on' : ''} onClick={() => onChange?.(n)}>
          {n <= value ? <StarFill /> : <StarOutline />}
        </button>
      ))}
    </div>
  )
}

/** The phone's position (WGS-84), or null when it is not given. */
export function locate(timeoutMs = 15_000): Promise<{ lng: number; lat: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null)
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: Math.round(p.coords.longitude * 1e6) / 1e6, lat: Math.round(p.coords.latitude * 1e6) / 1e6 }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    )
  })
}

/** Calls `onEvent` when a live notification whose kind starts with one of `kinds` arrives. */
export function useLiveKinds(kinds: string[], onEvent: () => void) {
  const latest = useRef(onEvent)
  latest.current = onEvent
  const key = kinds.join(',')
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource('/api/v1/events', { withCredentials: true })
    const wanted = key.split(',')
    source.addEventListener('notification', (e) => {
      try {
        const n = JSON.parse((e as MessageEvent<string>).data) as { kind?: string }
        if (n.kind && wanted.some((k) => n.kind!.startsWith(k))) latest.current()
      } catch {
        // A malformed event is ignored; the next refresh catches up.
      }
    })
    return () => source.close()
  }, [key])
}
