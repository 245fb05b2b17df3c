// 项目公开 /h5/projects?orgId=: the community's projects and spending for residents (no login):
// big cards with what was decided, how much, what was bought, the progress and the evidence
// photos; never payees or receipts. A signed-in resident pledges to a micro-charity crowdfunding
// project here (for themselves or a unit they act for); Linli records pledges and handles no money.
// A visitor picks the community; a social organisation's representative proposes a project.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog, ProgressBar } from 'antd-mobile'
import type { PublicProject } from '@server/modules/funds/funds.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useSignedIn } from '../../session.tsx'
import { kindText, stateText, useFundWords } from './words.ts'
import { CommunityPicker, ProposeForm } from './Pickers.tsx'
import './funds.css'

const money = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`

interface PublicPage { org: { id: string; name: string }; year: number; totals: { projects: number; budgetYuan: number; spentYuan: number; receivedYuan: number }; items: PublicProject[] }

/** The community above a role's node: the fourth step of city.district.street.community… */
const communityOf = (path: string) => path.split('.')[3]

function PledgeForm({ project, onDone }: { project: PublicProject; onDone: (text: string, ok: boolean) => void }) {
  const w = useFundWords()
  const t = useT()
  const queryClient = useQueryClient()
  const [amount, setAmount] = useState('')
  const [unitId, setUnitId] = useState('')
  const units = useQuery({ queryKey: ['h5-funds', 'units'], queryFn: () => api<{ units: { id: string; name: string }[] }>('/wishes/claimant') })
  async function pledge() {
    const n = Number(amount)
    if (!(n > 0)) return onDone(w('amountNeeded'), false)
    if (!(await Dialog.confirm({ content: w('pledgeAsk', { amount: money(n) }), confirmText: w('pledge'), cancelText: t('back') }))) return
    try {
      await api(`/projects/${project.id}/pledges`, { method: 'POST', body: { amountYuan: n, ...(unitId ? { unitId } : {}) } })
      setAmount('')
      onDone(w('pledged'), true)
    } catch (err) {
      onDone(errorText(err, t), false)
    }
    await queryClient.invalidateQueries({ queryKey: ['h5-funds'] })
  }
  return (
    <div className="h5-fund-pledge">
      <label>{w('amount')}
        <input inputMode="decimal" aria-label={w('amount')} value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="100" />
      </label>
      {(units.data?.units.length ?? 0) > 0 && (
        <label>{w('pledgeAs')}
          <select aria-label={w('pledgeAs')} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{w('myself')}</option>
            {units.data!.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
      )}
      <Button color="primary" size="large" block onClick={() => void pledge()}>{w('pledge')}</Button>
      <p className="h5-muted">{w('noMoney')}</p>
    </div>
  )
}

export default function ProjectsPage() {
  const w = useFundWords()
  const { lang } = useI18n()
  const { me } = useSignedIn()
  const [params, setParams] = useSearchParams()
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const mine = me?.roles.map((r) => communityOf(r.orgPath)).find((x) => x)
  const [picking, setPicking] = useState(false)
  const orgId = picking ? null : params.get('orgId') ?? mine
  const page = useQuery({ queryKey: ['h5-funds', 'public', orgId], queryFn: () => api<PublicPage>(`/public/projects?orgId=${orgId}`, { quiet401: true }), enabled: !!orgId })
  return (
    <Page title={page.data ? w('titleOf', { name: page.data.org.name }) : w('title')}>
      <p className="h5-muted">{w('hint')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {me && <ProposeForm />}
      {orgId && <p><button type="button" className="h5-link-button" onClick={() => setPicking(true)}>{w('otherCommunity')}</button></p>}
      {!orgId ? <CommunityPicker onPick={(c) => { setPicking(false); setParams({ orgId: c.id }) }} /> : page.isPending ? <Loading /> : page.error ? <LoadError error={page.error} onRetry={() => void page.refetch()} /> : (
        <>
          <section className="h5-card h5-fund-totals" aria-label={w('totals')}>
            <div><strong>{page.data.totals.projects}</strong><span>{w('projects')}</span></div>
            <div><strong>{money(page.data.totals.budgetYuan)}</strong><span>{w('budget')}</span></div>
            <div><strong>{money(page.data.totals.spentYuan)}</strong><span>{w('spent')}</span></div>
          </section>
          {page.data.items.length === 0 ? <p className="h5-muted">{w('empty')}</p> : (
            <ul className="h5-list" aria-label={w('title')}>
              {page.data.items.map((p) => (
                <li key={p.id} className="h5-card h5-fund-card">
                  <p className="h5-fund-tags"><span className={`tag ${p.kind}`}>{kindText[p.kind][lang]}</span><span className={`tag state-${p.state}`}>{stateText[p.state][lang]}</span></p>
                  <h2>{p.title}</h2>
                  {p.summary && <p>{p.summary}</p>}
                  {p.resolution && <p className="h5-muted">{w('resolution', { title: p.resolution.name })}</p>}
                  {p.unit && <p className="h5-muted">{w('runBy', { name: p.unit.name })}</p>}
                  {p.kind === 'crowdfunding' && p.targetYuan ? (
                    <>
                      <p>{w('raised', { received: money(p.receivedYuan), pledged: money(p.pledgedYuan), target: money(p.targetYuan) })}</p>
                      <p className="h5-muted">{w('toTarget')}</p>
                      <ProgressBar percent={Math.min(100, Math.round((p.pledgedYuan / p.targetYuan) * 100))} text aria-label={w('toTarget')} />
                      {p.pledges.length > 0 && <p className="h5-muted">{w('pledgers', { names: p.pledges.map((g) => g.label).join('、') })}</p>}
                    </>
                  ) : <p>{w('money', { budget: money(p.budgetYuan), spent: money(p.spentYuan) })}</p>}
                  <p className="h5-muted">{w('progress')}</p>
                  <ProgressBar percent={p.progress} text aria-label={w('progress')} />
                  {p.expenses.length > 0 && (
                    <details>
                      <summary>{w('expenses', { n: p.expenses.length })}</summary>
                      <ul className="h5-fund-expenses">{p.expenses.map((e, i) => <li key={i}><span>{e.spentOn} {e.item}</span><strong>{money(e.amountYuan)}</strong></li>)}</ul>
                    </details>
                  )}
                  {p.evidence.length > 0 && <div className="h5-fund-photos">{p.evidence.map((ph) => <img key={ph.id} src={ph.thumbUrl} alt={w('evidence')} />)}</div>}
                  {p.doneNote && <p>{w('done', { note: p.doneNote })}</p>}
                  {p.kind === 'crowdfunding' && (p.state === 'decided' || p.state === 'budgeted') && (me
                    ? <PledgeForm project={p} onDone={(text, ok) => setNote({ kind: ok ? 'success' : 'error', text })} />
                    : <a href={`/h5/login?next=${encodeURIComponent(`/projects?orgId=${orgId}`)}`}>{w('login')}</a>)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  )
}
