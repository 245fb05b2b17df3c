// What the wish pages share: a card's head (who and where, as the wall says it, the wish, its
// category, value and state), the progress steps, and running an action with its outcome shown.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { WallWish, Wish } from '@server/modules/wishes/wishes.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { categoryText, stateText, useWishWords } from './words.ts'

export function WishCardHead({ wish, who = true }: { wish: Wish | WallWish; who?: boolean }) {
  const w = useWishWords()
  const { lang } = useI18n()
  return (
    <>
      {who && <p className="h5-wish-who">{w('from', { who: wish.wisherLabel, community: wish.community.name })}</p>}
      <h2 className="h5-wish-title">{wish.title}</h2>
      {who && wish.story && <p>{wish.story}</p>}
      <div className="h5-wish-meta">
        <span className="h5-wish-tag">{categoryText[wish.category][lang]}</span>
        <span>{w('value', { value: wish.valueYuan })}</span>
        <span className={`h5-wish-state ${wish.state}`}>{stateText[wish.state][lang]}</span>
      </div>
    </>
  )
}

const STEPS = ['pending', 'open', 'claimed', 'fulfilled'] as const

export function Progress({ wish }: { wish: Wish }) {
  const w = useWishWords()
  const reached = STEPS.indexOf(wish.state as (typeof STEPS)[number])
  const names = [w('stepPosted'), w('stepOpen'), w('stepClaimed'), w('stepFulfilled')]
  if (reached < 0) return null
  return (
    <ol className="h5-wish-steps" aria-label={names[reached]}>
      {names.map((n, i) => <li key={n} className={i <= reached ? 'done' : ''}>{n}</li>)}
    </ol>
  )
}

export function Photos({ wish }: { wish: Wish }) {
  if (wish.proofPhotos.length === 0) return null
  return <div className="h5-wish-photos">{wish.proofPhotos.map((p) => <img key={p.id} src={p.thumbUrl} alt="" />)}</div>
}

/** Runs a request, then shows what came of it and refreshes the wish lists. */
export function useWishRun(initial: { kind: 'success' | 'error'; text: string } | null = null) {
  const t = useT()
  const queryClient = useQueryClient()
  const [note, setNote] = useState(initial)
  async function run(fn: () => Promise<unknown>, ok: string): Promise<boolean> {
    setNote(null)
    let done = false
    try {
      await fn()
      setNote({ kind: 'success', text: ok })
      done = true
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
    await queryClient.invalidateQueries({ queryKey: ['h5-wishes'] })
    return done
  }
  const shown = note && <Alert kind={note.kind}>{note.text}</Alert>
  return { run, shown }
}
