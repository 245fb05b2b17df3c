// 心愿墙 /h5/wishes: the public wall of wishes (no login), big readable cards that never name the
// wisher: a surname and a form of address, the community, what is wished, about how much, who
// claimed it and the thanks. Members and people acting for a unit claim from here.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog } from 'antd-mobile'
import dayjs from 'dayjs'
import type { WallWish, WishState } from '@server/modules/wishes/wishes.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useSignedIn } from '../../session.tsx'
import { stateText, useWishWords } from './words.ts'
import { WishCardHead } from './parts.tsx'
import './wishes.css'

const filters: (WishState | 'all')[] = ['all', 'open', 'claimed', 'fulfilled']

export default function WishWallPage() {
  const w = useWishWords()
  const t = useT()
  const { lang } = useI18n()
  const { me } = useSignedIn()
  const queryClient = useQueryClient()
  const [state, setState] = useState<WishState | 'all'>('open')
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [choosing, setChoosing] = useState<string | null>(null)
  const wall = useQuery({
    queryKey: ['h5-wishes', 'wall', state, !!me],
    queryFn: () => api<ApiPage<WallWish>>(`/wishes?limit=100${state === 'all' ? '' : `&state=${state}`}`, { quiet401: true }),
  })
  const claimant = useQuery({ queryKey: ['h5-wishes', 'claimant'], queryFn: () => api<{ member: boolean; units: { id: string; name: string }[] }>('/wishes/claimant'), enabled: !!me })
  const options = [...(claimant.data?.member ? [{ id: '', name: w('myself') }] : []), ...(claimant.data?.units ?? [])]

  async function claim(wish: WallWish, unitId: string) {
    setNote(null)
    if (!(await Dialog.confirm({ content: w('claimAsk'), confirmText: w('claim'), cancelText: t('back') }))) return
    try {
      await api(`/wishes/${wish.id}/claim`, { method: 'POST', body: unitId ? { unitId } : {} })
      setNote({ kind: 'success', text: w('claimed') })
      setChoosing(null)
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
    await queryClient.invalidateQueries({ queryKey: ['h5-wishes'] })
  }

  return (
    <Page title={w('wall')}>
      <p className="h5-muted">{w('wallHint')}</p>
      <nav className="h5-wish-links">
        <Link className="primary" to="/wishes/new">{w('post')}</Link>
        <Link to="/my-wishes">{w('mine')}</Link>
        <Link to="/my-claimed-wishes">{w('claimedByMe')}</Link>
      </nav>
      <div className="h5-wish-filter" role="group">
        {filters.map((f) => (
          <button key={f} type="button" aria-pressed={state === f} onClick={() => setState(f)}>{f === 'all' ? w('all') : stateText[f][lang]}</button>
        ))}
      </div>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {wall.isPending ? <Loading /> : wall.error ? <LoadError error={wall.error} onRetry={() => void wall.refetch()} /> : wall.data.items.length === 0 ? (
        <p className="h5-muted">{w('empty')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('wall')}>
          {wall.data.items.map((x) => (
            <li key={x.id} className={`h5-card h5-wish-card ${x.state}`}>
              <WishCardHead wish={x} />
              {x.state === 'open' && x.expiresOn && <p className="h5-muted">{w('until', { date: dayjs(x.expiresOn).format('M月D日') })}</p>}
              {x.claimantLabel && <p>{w('claimedBy', { name: x.claimantLabel })}</p>}
              {x.thanks && <p className="h5-wish-thanks">{w('thanks', { text: x.thanks })}</p>}
              {x.state === 'open' && !me && <Link to={`/login?next=${encodeURIComponent('/wishes')}`}>{w('login')}</Link>}
              {x.actions.includes('claim') && options.length > 0 && (choosing === x.id && options.length > 1 ? (
                <div className="h5-wish-form">
                  <label>{w('claimAs')}
                    <select aria-label={w('claimAs')} defaultValue="" onChange={(e) => void claim(x, e.target.value === '-' ? '' : e.target.value)}>
                      <option value="" disabled>—</option>
                      {options.map((o) => <option key={o.id || '-'} value={o.id || '-'}>{o.name}</option>)}
                    </select>
                  </label>
                </div>
              ) : (
                <Button block color="danger" size="large" onClick={() => (options.length > 1 ? setChoosing(x.id) : void claim(x, options[0]!.id))}>{w('claim')}</Button>
              ))}
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
