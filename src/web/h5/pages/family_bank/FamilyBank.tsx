// 家风银行 /h5/family-bank: the public page (no login): the mottos and stories published in a
// community or street (or everywhere), with counts per community; a family is named only by its
// surname ("王家").
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { PublicDeposit } from '@server/modules/family_bank/family_bank.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useFamilyWords } from './words.ts'
import '../library/library.css'
import '../wishes/wishes.css'

interface Counts { org: { id: string; name: string } | null; mottos: number; stories: number; families: number; byCommunity: { community: { id: string; name: string }; mottos: number; stories: number }[] }

export default function FamilyBankPage() {
  const w = useFamilyWords()
  const [params, setParams] = useSearchParams()
  const orgId = params.get('orgId') ?? ''
  const [kind, setKind] = useState<'' | 'motto' | 'story'>('')
  const scope = orgId ? `orgId=${orgId}` : ''
  const counts = useQuery({ queryKey: ['h5-family', 'counts', orgId], queryFn: () => api<Counts>(`/family-bank/public/counts?${scope}`, { quiet401: true }) })
  const list = useQuery({
    queryKey: ['h5-family', 'list', orgId, kind],
    queryFn: () => api<ApiPage<PublicDeposit>>(`/family-bank/public?limit=60&${scope}${kind ? `&kind=${kind}` : ''}`, { quiet401: true }),
  })
  const c = counts.data
  return (
    <Page title={c?.org ? `${c.org.name} · ${w('title')}` : w('title')}>
      <p className="h5-muted">{w('hint')}</p>
      <nav className="h5-wish-links" style={{ gridTemplateColumns: '1fr 1fr' }}>
        <Link className="primary" to="/family-bank/new">{w('deposit')}</Link>
        <Link to="/my-family-deposits">{w('mine')}</Link>
      </nav>
      {c && (
        <div className="h5-fb-counts" aria-label={w('title')}>
          <div><b>{c.mottos}</b>{w('mottos')}</div><div><b>{c.stories}</b>{w('stories')}</div><div><b>{c.families}</b>{w('families')}</div>
        </div>
      )}
      {c && c.byCommunity.length > 1 && (
        <div className="h5-wish-filter" role="group">
          <button type="button" aria-pressed={!orgId} onClick={() => setParams({})}>{w('allPlaces')}</button>
          {c.byCommunity.slice(0, 12).map((b) => (
            <button key={b.community.id} type="button" aria-pressed={orgId === b.community.id} onClick={() => setParams({ orgId: b.community.id })}>{b.community.name} {b.mottos + b.stories}</button>
          ))}
        </div>
      )}
      <div className="h5-wish-filter" role="group">
        {(['', 'motto', 'story'] as const).map((k) => <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>{k ? w(k) : w('all')}</button>)}
      </div>
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? <p className="h5-muted">{w('empty')}</p> : (
        <ul className="h5-list" aria-label={w('title')}>
          {list.data.items.map((d) => (
            <li key={d.id} className="h5-card h5-fb-card">
              {d.kind === 'motto' ? <p className="h5-fb-motto">“{d.body}”</p> : (
                <>
                  <p className="h5-lib-title">{d.title}</p>
                  <p className="h5-lib-body" style={{ margin: 0 }}>{d.body}</p>
                </>
              )}
              <p className="h5-lib-meta">—— {d.community.name} · {d.familyLabel}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
