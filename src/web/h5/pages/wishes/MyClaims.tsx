// 我认领的心愿 /h5/my-claimed-wishes: the wishes I (or a unit I act for) claimed: mark one fulfilled
// with photos of it, or release it back to the wall before that.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Button, Dialog, TextArea } from 'antd-mobile'
import type { Wish } from '@server/modules/wishes/wishes.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { PhotoPicker, type PickedPhoto } from '../cases/parts.tsx'
import { useWishWords } from './words.ts'
import { Photos, Progress, WishCardHead, useWishRun } from './parts.tsx'
import './wishes.css'

export default function MyClaimsPage() {
  const w = useWishWords()
  const t = useT()
  const { run, shown } = useWishRun()
  const [photos, setPhotos] = useState<Record<string, PickedPhoto[]>>({})
  const [words, setWords] = useState<Record<string, string>>({})
  const claims = useQuery({ queryKey: ['h5-wishes', 'claimed'], queryFn: () => api<ApiPage<Wish>>('/wishes?view=claimed&limit=100') })

  const release = async (x: Wish) => {
    if (!(await Dialog.confirm({ content: w('releaseAsk'), confirmText: w('release'), cancelText: t('back') }))) return
    await run(() => api(`/wishes/${x.id}/release`, { method: 'POST', body: {} }), w('released'))
  }

  return (
    <Page title={w('claimedByMe')}>
      {shown}
      {claims.isPending ? <Loading /> : claims.error ? <LoadError error={claims.error} onRetry={() => void claims.refetch()} /> : claims.data.items.length === 0 ? (
        <p className="h5-muted">{w('noClaims')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('claimedByMe')}>
          {claims.data.items.map((x) => {
            const picked = photos[x.id] ?? []
            const ready = picked.filter((p) => p.status === 'done' && p.id).map((p) => p.id!)
            return (
              <li key={x.id} className={`h5-card h5-wish-card ${x.state}`}>
                <WishCardHead wish={x} />
                <Progress wish={x} />
                <Photos wish={x} />
                {x.thanks && <p className="h5-wish-thanks">{w('thanks', { text: x.thanks })}</p>}
                {x.actions.includes('fulfil') && (
                  <div className="h5-wish-form">
                    <strong>{w('fulfilHint')}</strong>
                    <PhotoPicker photos={picked} onChange={(f) => setPhotos((s) => ({ ...s, [x.id]: f(s[x.id] ?? []) }))} />
                    <label>{w('fulfilNote')}
                      <TextArea rows={2} maxLength={200} value={words[x.id] ?? ''} onChange={(v) => setWords((s) => ({ ...s, [x.id]: v }))} />
                    </label>
                    <Button block color="danger" size="large" disabled={ready.length === 0 || picked.some((p) => p.status === 'uploading')}
                      onClick={() => void run(() => api(`/wishes/${x.id}/fulfil`, { method: 'POST', body: { photoIds: ready, note: words[x.id]?.trim() || undefined } }), w('fulfilled'))}>{w('fulfilSend')}</Button>
                  </div>
                )}
                {x.actions.includes('release') && <Button size="large" onClick={() => void release(x)}>{w('release')}</Button>}
              </li>
            )
          })}
        </ul>
      )}
    </Page>
  )
}
