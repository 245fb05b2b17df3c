// A building chosen the way people think of it (issue 13): the community, found by a character or
// two of its name, then its estate (小区), then the building. Used for where a resident lives
// (registration) and where a problem is (随手拍). Public lists: places only, no people.
import { useState } from 'react'
import { Button, Input } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { api } from '../shared/api.ts'
import { useT } from './labels.ts'
import { Alert, errorText } from './ui.tsx'

export interface Community { id: string; name: string; streetName: string | null }
export interface Building { id: string; name: string; gridName: string | null; estateName: string | null; lng: number; lat: number }

/** The "other buildings" group: those outside any estate. */
const OTHERS = '\u0000others'

export function BuildingChooser({ community, onCommunity, chosen, onChoose, legend, name }: {
  community: Community | null
  onCommunity: (c: Community | null) => void
  chosen: string | null
  onChoose: (b: Building, community: Community) => void
  legend: string
  /** The radio group's name (two choosers on a page stay apart). */
  name: string
}) {
  const t = useT()
  const [q, setQ] = useState('')
  const [filter, setFilter] = useState('')
  const [estate, setEstate] = useState<string | null>(null)
  const term = q.trim()
  const communities = useQuery({
    queryKey: ['public-communities', term],
    queryFn: () => api<{ items: Community[] }>(`/public/communities?q=${encodeURIComponent(term)}&limit=20`),
    enabled: term.length > 0 && !community,
  })
  const buildings = useQuery({
    queryKey: ['public-buildings', community?.id],
    queryFn: () => api<{ items: Building[] }>(`/public/communities/${community!.id}/buildings`),
    enabled: !!community,
  })
  const all = buildings.data?.items ?? []
  const estates = [...new Set(all.map((b) => b.estateName ?? OTHERS))].sort((a, b) => (a === OTHERS ? 1 : b === OTHERS ? -1 : a.localeCompare(b, 'zh-CN')))
  // 凤凰小区2栋 before 凤凰小区10栋, as people count.
  const shown = all
    .filter((b) => !estate || (b.estateName ?? OTHERS) === estate)
    .filter((b) => !filter.trim() || b.name.includes(filter.trim()))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))

  function pickCommunity(c: Community | null) {
    setFilter('')
    setEstate(null)
    onCommunity(c)
  }

  if (!community) {
    return (
      <>
        <label className="h5-row-title" htmlFor={`${name}-community`}>{t('communitySearch')}</label>
        <Input id={`${name}-community`} value={q} onChange={setQ} placeholder={t('communitySearchHint')} clearable />
        {communities.data && communities.data.items.length === 0 && <p className="h5-muted" role="status">{t('communityNone')}</p>}
        {communities.data && communities.data.items.length > 0 && (
          <ul className="h5-pick-list" aria-label={t('communitySearch')}>
            {communities.data.items.map((c) => (
              <li key={c.id}>
                <button type="button" className="h5-pick" onClick={() => pickCommunity(c)}>
                  <strong>{c.name}</strong>{c.streetName && <span className="h5-muted"> · {c.streetName}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </>
    )
  }
  return (
    <>
      <div className="h5-picked">
        <strong>{community.name}</strong>
        <Button size="small" fill="none" className="h5-text-button" onClick={() => pickCommunity(null)}>{t('communityChange')}</Button>
      </div>
      {buildings.data && all.length === 0 && <Alert>{t('buildingNone')}</Alert>}
      {all.length > 0 && (
        <fieldset className="h5-choice">
          <legend>{legend}</legend>
          {estates.length > 1 && (
            <div className="h5-chips" role="group" aria-label={t('estateChoose')}>
              {[null, ...estates].map((e) => (
                <button key={e ?? 'all'} type="button" className="h5-chip" aria-pressed={estate === e} onClick={() => setEstate(e)}>
                  {e === null ? t('estateAll') : e === OTHERS ? t('estateOthers') : e}
                </button>
              ))}
            </div>
          )}
          {shown.length > 12 && (
            <Input aria-label={t('buildingFilter')} placeholder={t('buildingFilter')} value={filter} onChange={setFilter} clearable />
          )}
          <div className="h5-pick-grid">
            {shown.map((b) => (
              <label key={b.id} className="h5-choice-option">
                <input type="radio" name={name} value={b.id} checked={chosen === b.id} onChange={() => onChoose(b, community)} />
                <span>{b.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {buildings.error && <Alert>{errorText(buildings.error, t)}</Alert>}
    </>
  )
}
