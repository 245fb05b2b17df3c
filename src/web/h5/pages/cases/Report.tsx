// 随手拍 /h5/report: what (a top category as big tiles, then its subcategory), a few words, up to
// 9 photos, where (the phone's GPS or a tap on a map) and an optional address; anonymous by
// choice, or always for a visitor. Before sending, open cases of the same kind within 50 m are
// offered to follow instead. Without a connection the report is kept on the phone (outbox.ts)
// and sent when the phone is online again.
import { lazy, Suspense, useEffect, useId, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Button, Input, TextArea } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCategories, type Case, type Category, type NearbyCase } from '../../../shared/cases.ts'
import { useSignedIn } from '../../session.tsx'
import { SwitchRow } from '../../elder.tsx'
import { Alert, Loading, LoadError, Page, errorText } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useCT } from './labels.ts'
import { saveDraft, type ReportBody } from './outbox.ts'
import { formatWhen, PhotoPicker, useGps, type PickedPhoto, type Place } from './parts.tsx'
import { BuildingChooser, type Community } from '../../building-chooser.tsx'
import type { MyGrid } from '../../grid.tsx'
import { useQueryClient } from '@tanstack/react-query'

const PickMap = lazy(() => import('./PickMap.tsx'))

type Done = { kind: 'sent'; id: string } | { kind: 'saved' }

function CategoryTiles({ categories, value, onChange }: { categories: Category[]; value: string | null; onChange: (code: string | null) => void }) {
  const t = useCT()
  const { lang } = useI18n()
  const [top, setTop] = useState<string | null>(value?.split('.')[0] ?? null)
  const name = (c: Category) => (lang === 'en' ? c.nameEn : c.name)
  const tops = categories.filter((c) => !c.parentCode && c.public)
  const chosen = value ? categories.find((c) => c.code === value) : null
  if (chosen) {
    const parent = categories.find((c) => c.code === chosen.parentCode)
    return (
      <div className="h5-chosen">
        <strong>{t('categoryChosen', { name: parent ? `${name(parent)} · ${name(chosen)}` : name(chosen) })}</strong>
        <Button
          fill="none"
          className="h5-text-button"
          onClick={() => {
            onChange(null)
            setTop(null)
          }}
        >
          {t('categoryChange')}
        </Button>
      </div>
    )
  }
  const subs = top ? categories.filter((c) => c.parentCode === top && c.public) : []
  return (
    <>
      {top && <p className="h5-muted">{t('categorySub')}</p>}
      <div className="h5-tiles">
        {(top ? subs : tops).map((c) => (
          <button type="button" key={c.code} className="h5-tile" onClick={() => (top ? onChange(c.code) : setTop(c.code))}>
            {name(c)}
          </button>
        ))}
      </div>
      {top && (
        <Button fill="none" className="h5-text-button" onClick={() => setTop(null)}>
          ‹ {t('categoryChange')}
        </Button>
      )}
    </>
  )
}

function Nearby({ items, signedIn, onSend, busy }: { items: NearbyCase[]; signedIn: boolean; onSend: () => void; busy: boolean }) {
  const t = useCT()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const [followed, setFollowed] = useState<Set<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const ht = useT()
  async function follow(id: string) {
    setError(null)
    try {
      await api(`/cases/${id}/follow`, { method: 'POST', body: {} })
      setFollowed((s) => new Set(s).add(id))
    } catch (err) {
      setError(errorText(err, ht))
    }
  }
  return (
    <section className="h5-card" aria-labelledby="nearby-title">
      <h2 className="h5-card-title" id="nearby-title">{t('nearbyTitle')}</h2>
      <p className="h5-muted">{t('nearbyHint')}</p>
      <ul className="h5-plain-cards">
        {items.map((n) => (
          <li key={n.id} className="h5-nearby">
            <span className="h5-case-category">{n.categoryName}</span>
            <span className="h5-case-desc">{n.description}</span>
            <span className="h5-row-desc">{t('nearbyItem', { distance: Math.round(n.distanceM), time: formatWhen(n.createdAt, lang) })}</span>
            {followed.has(n.id) ? (
              <Alert kind="success">{t('followDone')}</Alert>
            ) : signedIn ? (
              <Button block color="primary" size="large" onClick={() => void follow(n.id)}>
                {t('follow')}
              </Button>
            ) : (
              <Button block color="primary" fill="outline" size="large" onClick={() => navigate(`/login?next=${encodeURIComponent('/report')}`)}>
                {t('followLogin')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
      {followed.size === 0 && (
        <Button block size="large" loading={busy} onClick={onSend}>
          {t('notSame')}
        </Button>
      )}
      {followed.size > 0 && (
        <Button block size="large" onClick={() => navigate('/', { replace: true })}>
          {ht('goHome')}
        </Button>
      )}
    </section>
  )
}

export default function ReportPage() {
  const t = useCT()
  const ht = useT()
  const navigate = useNavigate()
  const { me, pending } = useSignedIn()
  const categories = useCategories()
  const gps = useGps()
  const queryClient = useQueryClient()
  const [category, setCategory] = useState<string | null>(null)
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [place, setPlace] = useState<Place | null>(null)
  const [picking, setPicking] = useState(false)
  // 按小区楼栋选择: community → estate → building, the building's centre as the place (issue 13).
  const [byBuilding, setByBuilding] = useState(false)
  const [community, setCommunity] = useState<Community | null>(null)
  const [building, setBuilding] = useState<{ id: string; where: string } | null>(null)
  const [address, setAddress] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<'category' | 'description' | 'location' | 'form', string>>>({})
  const [busy, setBusy] = useState(false)
  const [nearby, setNearby] = useState<NearbyCase[] | null>(null)
  const [done, setDone] = useState<Done | null>(null)
  const ids = { description: useId(), address: useId() }
  useEffect(() => {
    if (done) window.scrollTo(0, 0)
  }, [done])

  async function settle(p: Place) {
    setPlace(p)
    setErrors((e) => ({ ...e, location: undefined }))
    try {
      setPlace(await gps.named(p))
    } catch (err) {
      gps.setError((err as Error).message)
    }
  }

  /** A signed-in resident starts on the community they live in (GET /me/grid, as the home card reads it). */
  async function startAtHome() {
    if (community || !me?.roles.some((r) => r.role === 'resident')) return
    try {
      const mine = await queryClient.fetchQuery({ queryKey: ['me', 'grid'], queryFn: () => api<MyGrid>('/me/grid'), staleTime: 60_000 })
      const c = mine.community
      if (c) setCommunity((now) => now ?? { id: c.id, name: c.name, streetName: mine.street?.name ?? null })
    } catch {
      // The search stays: the resident types their community's name.
    }
  }

  async function useGpsNow() {
    const p = await gps.locate()
    if (p) {
      setBuilding(null)
      await settle(p)
    }
  }

  function validate(): boolean {
    const e: typeof errors = {}
    if (!category) e.category = t('categoryRequired')
    if (description.trim().length < 2) e.description = t('descriptionRequired')
    if (!place) e.location = t('locationRequired')
    setErrors(e)
    if (Object.keys(e).length) requestAnimationFrame(() => document.querySelector('.h5-field-error')?.scrollIntoView({ block: 'center' }))
    return Object.keys(e).length === 0
  }

  function body(): ReportBody {
    return {
      categoryCode: category!,
      description: description.trim(),
      location: { lng: place!.lng, lat: place!.lat },
      crs: place!.crs,
      ...(address.trim() ? { address: address.trim() } : {}),
      anonymous: me ? anonymous : true,
    }
  }

  async function keepForLater() {
    await saveDraft(body(), photos.map((p) => ({ id: p.id, file: p.file })))
    setDone({ kind: 'saved' })
  }

  async function send() {
    setBusy(true)
    setErrors({})
    try {
      if (!navigator.onLine) return await keepForLater()
      const photoIds = photos.flatMap((p) => (p.id ? [p.id] : []))
      if (photoIds.length < photos.length) return await keepForLater()
      const created = await api<Case>('/cases', { method: 'POST', body: { ...body(), ...(photoIds.length ? { photoIds } : {}) }, quiet401: true })
      setDone({ kind: 'sent', id: created.id })
    } catch (err) {
      if (!(err instanceof ApiError)) return await keepForLater()
      const fields = err.fieldErrors()
      setErrors({
        description: fields.description,
        location: err.code === 'LOCATION_OUTSIDE' ? err.message : (fields.location ?? fields.lng ?? fields.lat),
        form: fields.description || fields.location || err.code === 'LOCATION_OUTSIDE' ? undefined : err.message,
      })
    } finally {
      setBusy(false)
    }
  }

  async function submit() {
    if (!validate()) return
    if (photos.some((p) => p.status === 'uploading')) return
    if (!navigator.onLine) return void send()
    setBusy(true)
    try {
      const s = new URLSearchParams({ lng: String(place!.lng), lat: String(place!.lat), crs: place!.crs, categoryCode: category! })
      const found = await api<{ items: NearbyCase[] }>(`/cases/nearby?${s}`, { quiet401: true })
      if (found.items.length > 0) {
        setNearby(found.items)
        setBusy(false)
        requestAnimationFrame(() => document.getElementById('nearby-title')?.scrollIntoView({ block: 'start' }))
        return
      }
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors({ form: err.message })
        setBusy(false)
        return
      }
    }
    await send()
  }

  if (done) {
    return (
      <Page title={t('reportTitle')}>
        <section className="h5-card h5-done" aria-labelledby="done-title">
          <h2 className="h5-card-title" id="done-title">{done.kind === 'sent' ? t('sentTitle') : t('pending', { n: 1 })}</h2>
          {done.kind === 'sent' ? (
            <>
              <p className="h5-case-number">{t('sentNumber', { id: done.id })}</p>
              <p>{t('sentHint')}</p>
              {me && (
                <Link className="h5-big-link" to={`/cases/${done.id}`}>
                  {t('sentView')} ›
                </Link>
              )}
            </>
          ) : (
            <Alert kind="info">{t('savedOffline')}</Alert>
          )}
          <div className="h5-section">
            <Button block color="primary" fill="outline" size="large" onClick={() => window.location.reload()}>
              {t('reportAnother')}
            </Button>
            <Button block size="large" onClick={() => navigate('/', { replace: true })}>
              {ht('goHome')}
            </Button>
          </div>
        </section>
      </Page>
    )
  }

  return (
    <Page title={t('reportTitle')}>
      <p className="h5-lead h5-intro">{t('reportIntro')}</p>
      <section className="h5-card" aria-labelledby="report-category">
        <h2 className="h5-card-title" id="report-category">{t('category')}</h2>
        {categories.isPending ? (
          <Loading />
        ) : categories.error ? (
          <LoadError error={categories.error} onRetry={() => void categories.refetch()} />
        ) : (
          <CategoryTiles categories={categories.data} value={category} onChange={(c) => {
            setCategory(c)
            setNearby(null)
            if (c) setErrors((e) => ({ ...e, category: undefined }))
          }} />
        )}
        {errors.category && <p className="h5-field-error" role="alert">{errors.category}</p>}
      </section>

      <section className="h5-card">
        <label className="h5-card-title h5-label" htmlFor={ids.description}>{t('description')}</label>
        <TextArea id={ids.description} className="h5-textarea" value={description} onChange={(v: string) => {
          setDescription(v)
          // Once the text is long enough the complaint goes (issue 13: it stayed while typing).
          if (v.trim().length >= 2) setErrors((e) => ({ ...e, description: undefined }))
        }} placeholder={t('descriptionHint')} rows={4} maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
        {errors.description && <p className="h5-field-error" role="alert">{errors.description}</p>}
      </section>

      <section className="h5-card" aria-labelledby="report-photos">
        <h2 className="h5-card-title" id="report-photos">{t('photos')}</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} />
      </section>

      <section className="h5-card" aria-labelledby="report-where">
        <h2 className="h5-card-title" id="report-where">{t('where')}</h2>
        <div className="h5-section">
          <Button block color="primary" fill="outline" size="large" loading={gps.busy} onClick={() => void useGpsNow()}>
            {t('useGps')}
          </Button>
          {!picking && (
            <Button block fill="outline" size="large" onClick={() => { setPicking(true); setByBuilding(false) }}>
              {t('pickOnMap')}
            </Button>
          )}
          {!byBuilding && (
            <Button block fill="outline" size="large" onClick={() => { setByBuilding(true); setPicking(false); void startAtHome() }}>
              {t('pickBuilding')}
            </Button>
          )}
        </div>
        {byBuilding && (
          <BuildingChooser
            name="report-building"
            legend={t('buildingWhere')}
            community={community}
            onCommunity={(c) => { setCommunity(c); setBuilding(null) }}
            chosen={building?.id ?? null}
            onChoose={(b, c) => {
              const where = [c.name, b.estateName && !b.name.startsWith(b.estateName) ? b.estateName : null, b.name].filter(Boolean).join(' ')
              setBuilding({ id: b.id, where })
              gps.setError(null)
              if (!address.trim()) setAddress(where)
              void settle({ lng: b.lng, lat: b.lat, crs: 'wgs84' })
            }}
          />
        )}
        {picking && (
          <Suspense fallback={<Loading />}>
            <PickMap
              start={place}
              onCancel={() => setPicking(false)}
              onPick={(p) => {
                setPicking(false)
                setBuilding(null)
                gps.setError(null)
                void settle(p)
              }}
            />
          </Suspense>
        )}
        <div aria-live="polite">
          {gps.busy && <p className="h5-muted">{t('locating')}</p>}
          {place && !gps.error && (
            <div className="h5-located">
              <strong>{building && byBuilding ? t('buildingPicked', { where: building.where }) : place.gridName ? t('located', { grid: place.gridName }) : t('locatedPoint', { lng: place.lng.toFixed(5), lat: place.lat.toFixed(5) })}</strong>
            </div>
          )}
        </div>
        {gps.error && <Alert>{gps.error}</Alert>}
        {errors.location && <p className="h5-field-error" role="alert">{errors.location}</p>}
        <label className="h5-label h5-label-small" htmlFor={ids.address}>{t('address')}</label>
        <Input id={ids.address} value={address} onChange={setAddress} placeholder={t('addressHint')} maxLength={200} clearable />
      </section>

      <section className="h5-card">
        {pending ? null : me ? (
          <SwitchRow title={t('anonymous')} hint={t('anonymousHint')} on={anonymous} onChange={setAnonymous} />
        ) : (
          <p className="h5-muted">
            {t('visitorNote')} <Link className="h5-text-link" to={`/login?next=${encodeURIComponent('/report')}`}>{t('loginToFollow')}</Link>
          </p>
        )}
      </section>

      {nearby ? (
        <Nearby items={nearby} signedIn={!!me} onSend={() => void send()} busy={busy} />
      ) : (
        <div className="h5-section">
          {errors.form && <Alert>{errors.form}</Alert>}
          <Button block color="primary" size="large" loading={busy} disabled={photos.some((p) => p.status === 'uploading')} onClick={() => void submit()}>
            {t('submit')}
          </Button>
        </div>
      )}
    </Page>
  )
}
