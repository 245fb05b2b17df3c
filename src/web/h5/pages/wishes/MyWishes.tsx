// 我的心愿 /h5/my-wishes: my wishes and how far each has come (posted → on the wall → claimed →
// fulfilled), the reason when one was not approved, withdraw before a claim, and a thanks to write
// once it is fulfilled (shown on the wall).
import { useState } from 'react'
import { useLocation } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button, Dialog, TextArea } from 'antd-mobile'
import type { Wish } from '@server/modules/wishes/wishes.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useWishWords } from './words.ts'
import { Photos, Progress, WishCardHead, useWishRun } from './parts.tsx'
import './wishes.css'

export default function MyWishesPage() {
  const w = useWishWords()
  const t = useT()
  const location = useLocation()
  const { run, shown } = useWishRun((location.state as { posted?: boolean } | null)?.posted ? { kind: 'success', text: w('posted') } : null)
  const [thanks, setThanks] = useState<Record<string, string>>({})
  const mine = useQuery({ queryKey: ['h5-wishes', 'mine'], queryFn: () => api<ApiPage<Wish>>('/wishes?mine=true&limit=100') })

  const cancel = async (x: Wish) => {
    if (!(await Dialog.confirm({ content: w('cancelAsk'), confirmText: w('cancel'), cancelText: t('back') }))) return
    await run(() => api(`/wishes/${x.id}/cancel`, { method: 'POST', body: {} }), w('cancelledOk'))
  }

  return (
    <Page title={w('mine')}>
      {shown}
      {mine.isPending ? <Loading /> : mine.error ? <LoadError error={mine.error} onRetry={() => void mine.refetch()} /> : mine.data.items.length === 0 ? (
        <p className="h5-muted">{w('noMine')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('mine')}>
          {mine.data.items.map((x) => (
            <li key={x.id} className={`h5-card h5-wish-card ${x.state}`}>
              <WishCardHead wish={x} who={false} />
              <Progress wish={x} />
              {x.reason && <p className="h5-muted">{w('reason', { text: x.reason })}</p>}
              {x.claimantUnit ? <p>{w('claimedBy', { name: x.claimantUnit.name })}</p> : x.claimant && <p>{w('claimedBy', { name: x.claimant.name })}</p>}
              <Photos wish={x} />
              {x.thanks && <p className="h5-wish-thanks">{w('thanks', { text: x.thanks })}</p>}
              {x.actions.includes('thank') && (
                <div className="h5-wish-form">
                  <label>{w('thank')}
                    <TextArea placeholder={w('thankHint')} rows={2} maxLength={200} value={thanks[x.id] ?? ''} onChange={(v) => setThanks((s) => ({ ...s, [x.id]: v }))} />
                  </label>
                  <Button block color="danger" size="large" disabled={(thanks[x.id] ?? '').trim().length < 2}
                    onClick={() => void run(() => api(`/wishes/${x.id}/thank`, { method: 'POST', body: { thanks: thanks[x.id]!.trim() } }), w('thanked'))}>{w('thankSend')}</Button>
                </div>
              )}
              {x.actions.includes('cancel') && <Button size="large" onClick={() => void cancel(x)}>{w('cancel')}</Button>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
