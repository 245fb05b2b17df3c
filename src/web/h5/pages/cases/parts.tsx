// Pieces of the phone pages about cases: the five-step progress, a case as a card in a list,
// the photo picker (uploads each photo at once when online), and finding a place by GPS.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { ImageViewer } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { uploadPhoto, type Case, type CaseState, type Photo } from '../../../shared/cases.ts'
import { useCT, type CaseLabelKey } from './labels.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

const steps: { key: CaseLabelKey; states: CaseState[] }[] = [
  { key: 'stepReported', states: ['reported'] },
  { key: 'stepAccepted', states: ['accepted', 'assigned'] },
  { key: 'stepInProgress', states: ['in_progress'] },
  { key: 'stepHandled', states: ['handled', 'verified'] },
  { key: 'stepClosed', states: ['closed'] },
]

export function stepOf(state: CaseState): number {
  return steps.findIndex((s) => s.states.includes(state))
}

/** reported → accepted → in progress → handled → closed, the current step marked for screen readers too. */
export function CaseProgress({ c }: { c: Pick<Case, 'state' | 'rejectReason'> }) {
  const t = useCT()
  if (c.state === 'rejected') return <p className="h5-case-rejected">{t('rejected', { reason: c.rejectReason ?? '' })}</p>
  const current = stepOf(c.state)
  return (
    <ol className="h5-steps" aria-label={t('progress')}>
      {steps.map((s, i) => (
        <li key={s.key} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          <span className="h5-step-dot" aria-hidden="true" />
          <span className="h5-step-text">{t(s.key)}</span>
        </li>
      ))}
    </ol>
  )
}

export function formatWhen(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso)
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** A case in a list: what and where, when, and how far it got; the whole card opens it. */
export function CaseCard({ c, children }: { c: Case; children?: ReactNode }) {
  const t = useCT()
  const { lang } = useI18n()
  return (
    <li className="h5-card h5-case-card">
      <Link className="h5-case-link" to={`/cases/${c.id}`}>
        <span className="h5-case-head">
          <span className="h5-case-category">{c.categoryName}</span>
          <span className="h5-case-id">{t('caseNumber', { id: c.id })}</span>
        </span>
        <span className="h5-case-desc">{c.description}</span>
        <span className="h5-row-desc">
          {formatWhen(c.createdAt, lang)}
          {c.address ? ` · ${c.address}` : ''}
          {c.overdue ? <strong className="h5-overdue"> · {t('overdue')}</strong> : null}
        </span>
      </Link>
      <CaseProgress c={c} />
      {children}
    </li>
  )
}

/** A list of cases (`query` is the filter's query string), newest first, 20 at a time. */
export function useCaseList(query: string) {
  return useCursorList<Case>(['cases', 'h5', query], '/cases', (s) => {
    for (const [k, v] of new URLSearchParams(query)) s.set(k, v)
  }, { pageSize: 20 })
}

/** Thumbnails; a tap opens them full screen. */
export function PhotoStrip({ photos }: { photos: Photo[] }) {
  const t = useCT()
  const [open, setOpen] = useState<number | null>(null)
  if (photos.length === 0) return null
  return (
    <>
      <ul className="h5-photos">
        {photos.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="h5-photo" onClick={() => setOpen(i)}>
              <img src={p.url} alt={t('photoAlt', { n: i + 1 })} />
            </button>
          </li>
        ))}
      </ul>
      <ImageViewer.Multi images={photos.map((p) => p.url)} visible={open !== null} defaultIndex={open ?? 0} onClose={() => setOpen(null)} />
    </>
  )
}

export interface PickedPhoto {
  key: string
  file: Blob
  preview: string
  status: 'uploading' | 'done' | 'waiting'
  id?: string
}

/** Large phone photos are scaled to 2048 px and re-encoded (also drops their metadata) before upload. */
async function shrink(file: File): Promise<Blob> {
  if (file.size < 1_500_000 || typeof createImageBitmap === 'undefined') return file
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, 2048 / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b ?? file), 'image/jpeg', 0.85))
  } catch {
    return file
  }
}

/** Up to 9 photos, from the camera or the album, each uploaded as soon as it is picked (when online). */
export function PhotoPicker({ photos, onChange, max = 9 }: { photos: PickedPhoto[]; onChange: (f: (prev: PickedPhoto[]) => PickedPhoto[]) => void; max?: number }) {
  const t = useCT()
  const { lang } = useI18n()
  const [tooMany, setTooMany] = useState(false)
  const urls = useRef(new Set<string>())
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), [])

  async function add(list: FileList | null) {
    const files = [...(list ?? [])].filter((f) => f.type.startsWith('image/'))
    const room = max - photos.length
    setTooMany(files.length > room)
    for (const file of files.slice(0, Math.max(0, room))) {
      const blob = await shrink(file)
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`
      const preview = URL.createObjectURL(blob)
      urls.current.add(preview)
      const online = navigator.onLine
      onChange((prev) => [...prev, { key, file: blob, preview, status: online ? 'uploading' : 'waiting' }])
      if (!online) continue
      uploadPhoto(blob, lang === 'en' ? 'en' : 'zh-CN').then(
        (a) => onChange((prev) => prev.map((p) => (p.key === key ? { ...p, status: 'done', id: a.id } : p))),
        () => onChange((prev) => prev.map((p) => (p.key === key ? { ...p, status: 'waiting' } : p))),
      )
    }
  }

  return (
    <div className="h5-photo-picker">
      {photos.length > 0 && (
        <ul className="h5-photos">
          {photos.map((p, i) => (
            <li key={p.key} className="h5-photo">
              <img src={p.preview} alt={t('photoAlt', { n: i + 1 })} />
              {p.status !== 'done' && <span className="h5-photo-status">{p.status === 'uploading' ? t('photoUploading') : t('photoFailed')}</span>}
              <button type="button" className="h5-photo-remove" aria-label={t('photoRemove', { n: i + 1 })} onClick={() => onChange((prev) => prev.filter((x) => x.key !== p.key))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < max && (
        <div className="h5-photo-buttons">
          <label className="h5-file-button">
            <input type="file" accept="image/*" capture="environment" onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
            <span>{t('takePhoto')}</span>
          </label>
          <label className="h5-file-button">
            <input type="file" accept="image/*" multiple onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
            <span>{t('choosePhoto')}</span>
          </label>
        </div>
      )}
      {tooMany && <p className="h5-muted">{t('tooManyPhotos')}</p>}
      {photos.some((p) => p.status === 'waiting') && <p className="h5-muted">{t('photoLater')}</p>}
    </div>
  )
}

export interface Place {
  lng: number
  lat: number
  crs: 'wgs84' | 'gcj02'
  gridName?: string
}

/** The phone's position (WGS-84), with the grid it falls in when the server can tell. */
export function useGps() {
  const t = useCT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function named(p: Place): Promise<Place> {
    try {
      const r = await api<{ grid: { name: string } }>(`/geo/locate?lng=${p.lng}&lat=${p.lat}&crs=${p.crs}`, { quiet401: true })
      return { ...p, gridName: r.grid.name }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LOCATION_OUTSIDE') throw new Error(t('outside'))
      return p
    }
  }

  function locate(): Promise<Place | null> {
    setError(null)
    if (!('geolocation' in navigator)) {
      setError(t('geoUnsupported'))
      return Promise.resolve(null)
    }
    setBusy(true)
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          const p: Place = { lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6, crs: 'wgs84' }
          resolve(p)
          setBusy(false)
        },
        (e) => {
          setBusy(false)
          setError(e.code === e.PERMISSION_DENIED ? t('geoDenied') : t('geoFailed'))
          resolve(null)
        },
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
      )
    })
  }

  return { busy, error, setError, locate, named }
}
