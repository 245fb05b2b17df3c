// What the red map pages share: the venue list kept for offline use, opening-status words, and
// the navigation app a person chose last time.
import dayjs from 'dayjs'
import type { Venue } from '@server/modules/venues/venues.schemas.ts'
import type { VenueWord } from './words.ts'
import { weekdayWords } from '@server/modules/venues/venues.labels.ts'

const LIST_KEY = 'linli.redmap.list.v1'
const NEAREST_KEY = 'linli.redmap.nearest.v1'
const NAV_KEY = 'linli.redmap.navApp'

export interface Saved<T> { savedAt: string; data: T }

function save<T>(key: string, data: T) {
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), data }))
  } catch {
    // A full or disabled storage only loses the offline copy.
  }
}
function load<T>(key: string): Saved<T> | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Saved<T>) : null
  } catch {
    return null
  }
}

/**
 * A public GET; `savedAt` is set when the answer is the service worker's copy from an earlier
 * visit (the network was not there), so the page can say how old it is.
 */
async function getPublic<T>(path: string): Promise<{ data: T; savedAt: string | null }> {
  const res = await fetch(`/api/v1${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return { data: (await res.json()) as T, savedAt: res.headers.get('x-linli-saved-at') }
}

/** Every venue (up to 2,000), fetched page by page; offline, the copy saved last time. */
export async function fetchVenues(): Promise<Saved<Venue[]> & { offline: boolean }> {
  const saved = load<Venue[]>(LIST_KEY)
  if (saved && typeof navigator !== 'undefined' && navigator.onLine === false) return { ...saved, offline: true }
  try {
    const all: Venue[] = []
    let cursor: string | null = null
    let oldest: string | null = null
    do {
      const page: { data: { items: Venue[]; nextCursor: string | null }; savedAt: string | null } = await getPublic(`/venues?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      all.push(...page.data.items)
      cursor = page.data.nextCursor
      if (page.savedAt && (!oldest || page.savedAt < oldest)) oldest = page.savedAt
    } while (cursor && all.length < 2000)
    if (oldest) return { savedAt: oldest, data: all, offline: true }
    save(LIST_KEY, all)
    return { savedAt: new Date().toISOString(), data: all, offline: false }
  } catch (err) {
    if (saved) return { ...saved, offline: true }
    throw err
  }
}

export interface Near { venue: Venue; distanceM: number; walkMin: number }

export async function fetchNearest(point: { lng: number; lat: number }, query: string): Promise<Saved<Near[]> & { offline: boolean }> {
  try {
    const res = await getPublic<{ items: Near[] }>(`/venues/nearest?lng=${point.lng}&lat=${point.lat}&limit=20${query}`)
    if (res.savedAt) return { savedAt: res.savedAt, data: res.data.items, offline: true }
    save(NEAREST_KEY, res.data.items)
    return { savedAt: new Date().toISOString(), data: res.data.items, offline: false }
  } catch (err) {
    const saved = load<Near[]>(NEAREST_KEY)
    if (saved) return { ...saved, offline: true }
    throw err
  }
}

export const preferredNav = () => {
  try {
    return localStorage.getItem(NAV_KEY)
  } catch {
    return null
  }
}
export const rememberNav = (key: string) => {
  try {
    localStorage.setItem(NAV_KEY, key)
  } catch {
    // Not remembered: asked again next time.
  }
}

/** "Open, closes 17:30" / "Closed, opens Mon 08:30". */
export function statusText(s: Venue['openStatus'], w: (k: VenueWord, p?: Record<string, string>) => string, lang: 'zh' | 'en'): string {
  const when = (iso: string) => {
    const d = dayjs(iso)
    if (d.isSame(dayjs(), 'day')) return d.format('HH:mm')
    if (d.isSame(dayjs().add(1, 'day'), 'day')) return `${w('tomorrow')} ${d.format('HH:mm')}`
    // Within the week: the weekday (周一 08:30); later, the date.
    return d.diff(dayjs(), 'day') < 6 ? `${weekdayWords[(d.day() + 6) % 7]![lang]} ${d.format('HH:mm')}` : d.format(lang === 'zh' ? 'M月D日 HH:mm' : 'MMM D HH:mm')
  }
  if (s.open) return s.closesAt ? w('openUntil', { time: when(s.closesAt) }) : w('open')
  return s.opensAt ? w('opensAt', { time: when(s.opensAt) }) : w('neverOpen')
}

export const metres = (m: number) => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`)
