// 单位共建 /h5/unit: for the people who act for a unit (unit_people). The communities the unit
// is paired with; the communities' open needs to claim for the unit; the unit's own items
// (report progress on what it claimed, confirm or withdraw what it published); and publishing a
// resource, need, project or responsibility to a paired community. Someone who acts for no unit
// is told how to become its contact.
import { useState, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input, TextArea } from 'antd-mobile'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import type { ListItem, Pairing, Unit } from '@server/modules/units/units.schemas.ts'
import { useText, format, useT, type Text } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import './units.css'

const words = {
  title: { zh: '单位共建', en: 'Unit co-building' },
  none: { zh: '您还不是任何单位的联系人。单位的联系人由所在街道在“单位与共建”中登记，登记后可在这里认领社区需求、报告进展、发布单位资源。', en: 'You do not act for any unit yet. The street registers the contacts of a unit; they then claim community needs, report progress and offer the unit\'s resources here.' },
  pairedWith: { zh: '结对社区', en: 'Paired communities' },
  noPairings: { zh: '本单位暂未与社区结对', en: 'The unit is not paired with a community' },
  tabOpen: { zh: '社区需求', en: 'Community needs' },
  tabMine: { zh: '本单位事项', en: 'Our items' },
  tabPublish: { zh: '发布', en: 'Publish' },
  noOpen: { zh: '结对社区暂无待认领的事项', en: 'Nothing to claim in the paired communities' },
  noMine: { zh: '本单位还没有认领或发布事项', en: 'The unit has no items yet' },
  claim: { zh: '为本单位认领', en: 'Claim for the unit' },
  claimed: { zh: '已认领“{title}”', en: 'Claimed "{title}"' },
  report: { zh: '报告进展', en: 'Report progress' },
  note: { zh: '进展说明', en: 'What was done' },
  progress: { zh: '完成进度（0–100）', en: 'Progress (0–100)' },
  send: { zh: '提交', en: 'Send' },
  reported: { zh: '进展已报告', en: 'Progress reported' },
  confirm: { zh: '确认完成', en: 'Confirm done' },
  confirmed: { zh: '已确认完成', en: 'Confirmed done' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  community: { zh: '发布到社区', en: 'Community' },
  list: { zh: '清单类型', en: 'List' },
  itemTitle: { zh: '标题', en: 'Title' },
  description: { zh: '内容说明', en: 'Description' },
  publish: { zh: '发布', en: 'Publish' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  publishedBy: { zh: '{community}发布', en: 'By {community}' },
  ourItem: { zh: '本单位发布 · {community}', en: 'Ours · {community}' },
  claimedBy: { zh: '认领方：{who}', en: 'Claimed by {who}' },
} satisfies Record<string, Text>

const listWords: Record<string, Text> = {
  need: { zh: '需求', en: 'Need' }, resource: { zh: '资源', en: 'Resource' }, project: { zh: '项目', en: 'Project' }, responsibility: { zh: '责任', en: 'Responsibility' },
}
const stateWords: Record<string, Text> = {
  open: { zh: '待认领', en: 'Open' }, claimed: { zh: '已认领', en: 'Claimed' }, in_progress: { zh: '推进中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' }, withdrawn: { zh: '已撤回', en: 'Withdrawn' },
}


type Tab = 'open' | 'mine' | 'publish'

export default function MyUnitPage() {
  const tx = useText()
  const units = useQuery({ queryKey: ['units', 'mine'], queryFn: () => api<ApiPage<Unit>>('/units?mine=true&limit=200') })
  const [chosen, setChosen] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('open')
  const unit = units.data?.items.find((u) => u.id === chosen) ?? units.data?.items[0]
  return (
    <Page title={tx(words.title)}>
      {units.isPending ? <Loading /> : units.error ? <LoadError error={units.error} onRetry={() => void units.refetch()} /> : !unit ? (
        <p className="h5-card">{tx(words.none)}</p>
      ) : (
        <>
          {units.data.items.length > 1 && (
            <div className="h5-chips" role="group" aria-label={tx(words.title)}>
              {units.data.items.map((u) => <button key={u.id} type="button" className="h5-chip" aria-pressed={u.id === unit.id} onClick={() => setChosen(u.id)}>{u.name}</button>)}
            </div>
          )}
          <UnitPairings unit={unit} />
          <div className="h5-chips" role="group" aria-label={unit.name}>
            {([['open', words.tabOpen], ['mine', words.tabMine], ['publish', words.tabPublish]] as [Tab, Text][]).map(([key, label]) => (
              <button key={key} type="button" className="h5-chip" aria-pressed={tab === key} onClick={() => setTab(key)}>{tx(label)}</button>
            ))}
          </div>
          {tab === 'open' && <OpenNeeds unit={unit} />}
          {tab === 'mine' && <OurItems unit={unit} />}
          {tab === 'publish' && <Publish unit={unit} onDone={() => setTab('mine')} />}
        </>
      )}
    </Page>
  )
}

function usePairings(unit: Unit) {
  return useQuery({ queryKey: ['pairings', { unitId: unit.id, status: 'active' }], queryFn: () => api<ApiPage<Pairing>>(`/pairings?unitId=${unit.id}&status=active&limit=200`) })
}

function UnitPairings({ unit }: { unit: Unit }) {
  const tx = useText()
  const pairings = usePairings(unit)
  return (
    <section className="h5-card" aria-labelledby="unit-paired">
      <h2 className="h5-card-title" id="unit-paired">{unit.name}</h2>
      <p className="h5-muted">{tx(words.pairedWith)}：{pairings.data ? (pairings.data.items.map((p) => p.community.name).join('、') || tx(words.noPairings)) : '…'}</p>
    </section>
  )
}

/** A list item as a card with the steps this unit may take on it. */
function ItemCard({ item, unit, children }: { item: ListItem; unit: Unit; children?: ReactNode }) {
  const tx = useText()
  const ours = item.publisherUnit?.id === unit.id
  return (
    <li className="h5-card">
      <p className="h5-muted">{tx(listWords[item.list]!)} · {tx(stateWords[item.state]!)} · {ours ? tx(words.ourItem, { community: item.community.name }) : tx(words.publishedBy, { community: item.community.name })}</p>
      <h3 className="h5-card-title">{item.title}</h3>
      <p>{item.description}</p>
      {item.claimedBy && <p className="h5-muted">{tx(words.claimedBy, { who: item.claimantUnit?.name ?? item.community.name })}</p>}
      {item.progress !== null && item.state !== 'open' && <div className="h5-unit-progress" role="progressbar" aria-label={`${tx(words.progress)} ${item.progress}%`} aria-valuenow={item.progress} aria-valuemin={0} aria-valuemax={100}><span style={{ width: `${item.progress}%` }} /></div>}
      {children}
    </li>
  )
}

function useStep() {
  const t = useT()
  const queryClient = useQueryClient()
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  async function run(key: string, path: string, body: unknown, done: string) {
    setBusy(key)
    setResult(null)
    try {
      await api(path, { method: 'POST', body })
      setResult({ ok: true, text: done })
      await queryClient.invalidateQueries({ queryKey: ['list-items'] })
    } catch (err) {
      setResult({ ok: false, text: errorText(err, t) })
    } finally {
      setBusy(null)
    }
  }
  return { run, busy, result }
}

function OpenNeeds({ unit }: { unit: Unit }) {
  const tx = useText()
  const pairings = usePairings(unit)
  const paired = new Set((pairings.data?.items ?? []).map((p) => p.community.id))
  const items = useQuery({ queryKey: ['list-items', 'h5', 'open'], queryFn: () => api<ApiPage<ListItem>>('/list-items?state=open&side=community&limit=200') })
  const step = useStep()
  if (items.isPending || pairings.isPending) return <Loading />
  if (items.error) return <LoadError error={items.error} onRetry={() => void items.refetch()} />
  const open = items.data.items.filter((i) => paired.has(i.community.id))
  return (
    <>
      {step.result && <Alert kind={step.result.ok ? 'success' : 'error'}>{step.result.text}</Alert>}
      {open.length === 0 ? <p className="h5-muted">{tx(words.noOpen)}</p> : (
        <ul className="h5-list" aria-label={tx(words.tabOpen)}>
          {open.map((i) => (
            <ItemCard key={i.id} item={i} unit={unit}>
              <Button block color="primary" size="large" loading={step.busy === i.id} onClick={() => void step.run(i.id, `/list-items/${i.id}/claims`, { unitId: unit.id }, tx(words.claimed, { title: i.title }))}>{tx(words.claim)}</Button>
            </ItemCard>
          ))}
        </ul>
      )}
    </>
  )
}

function OurItems({ unit }: { unit: Unit }) {
  const tx = useText()
  const items = useQuery({ queryKey: ['list-items', 'h5', 'unit', unit.id], queryFn: () => api<ApiPage<ListItem>>(`/list-items?unitId=${unit.id}&limit=200`) })
  const step = useStep()
  const [reporting, setReporting] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [progress, setProgress] = useState('')
  if (items.isPending) return <Loading />
  if (items.error) return <LoadError error={items.error} onRetry={() => void items.refetch()} />
  const active = items.data.items.filter((i) => i.state !== 'withdrawn')
  return (
    <>
      {step.result && <Alert kind={step.result.ok ? 'success' : 'error'}>{step.result.text}</Alert>}
      {active.length === 0 ? <p className="h5-muted">{tx(words.noMine)}</p> : (
        <ul className="h5-list" aria-label={tx(words.tabMine)}>
          {active.map((i) => {
            const ours = i.publisherUnit?.id === unit.id
            const claimedByUs = i.claimantUnit?.id === unit.id
            return (
              <ItemCard key={i.id} item={i} unit={unit}>
                <div className="h5-unit-actions">
                  {claimedByUs && (i.state === 'claimed' || i.state === 'in_progress') && (reporting === i.id ? (
                    <>
                      <label className="h5-unit-field" htmlFor={`note-${i.id}`}>{tx(words.note)}</label>
                      <TextArea id={`note-${i.id}`} className="h5-unit-input" value={note} onChange={setNote} rows={3} maxLength={2000} />
                      <label className="h5-unit-field" htmlFor={`progress-${i.id}`}>{tx(words.progress)}</label>
                      <Input id={`progress-${i.id}`} className="h5-unit-input" type="number" inputMode="numeric" value={progress} onChange={setProgress} />
                      <Button block color="primary" size="large" loading={step.busy === i.id} disabled={!note.trim()} onClick={() => void step.run(i.id, `/list-items/${i.id}/progress`, {
                        note: note.trim(), ...(progress.trim() ? { progress: Math.max(0, Math.min(100, Math.round(Number(progress)))) } : {}),
                      }, tx(words.reported)).then(() => { setReporting(null); setNote(''); setProgress('') })}>{tx(words.send)}</Button>
                    </>
                  ) : (
                    <Button block size="large" onClick={() => { setReporting(i.id); setNote(''); setProgress(i.progress === null ? '' : String(i.progress)) }}>{tx(words.report)}</Button>
                  ))}
                  {ours && i.state === 'in_progress' && <Button block color="primary" size="large" loading={step.busy === `c${i.id}`} onClick={() => void step.run(`c${i.id}`, `/list-items/${i.id}/confirm`, {}, tx(words.confirmed))}>{tx(words.confirm)}</Button>}
                  {ours && (i.state === 'open' || i.state === 'claimed' || i.state === 'in_progress') && <Button block size="large" loading={step.busy === `w${i.id}`} onClick={() => void step.run(`w${i.id}`, `/list-items/${i.id}/withdraw`, {}, tx(words.withdrawn))}>{tx(words.withdraw)}</Button>}
                </div>
              </ItemCard>
            )
          })}
        </ul>
      )}
    </>
  )
}

function Publish({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const tx = useText()
  const t = useT()
  const queryClient = useQueryClient()
  const pairings = usePairings(unit)
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [list, setList] = useState('resource')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (pairings.isPending) return <Loading />
  if (pairings.error) return <LoadError error={pairings.error} onRetry={() => void pairings.refetch()} />
  const communities = pairings.data.items.map((p) => p.community)
  if (communities.length === 0) return <p className="h5-muted">{tx(words.noPairings)}</p>
  const target = communityId ?? communities[0]!.id
  async function publish() {
    const missing = !title.trim() ? words.itemTitle : !description.trim() ? words.description : null
    if (missing) return setError(tx(words.required, { field: tx(missing) }))
    setBusy(true)
    setError(null)
    try {
      await api('/list-items', { method: 'POST', body: { list, communityId: target, unitId: unit.id, title: title.trim(), description: description.trim() } })
      await queryClient.invalidateQueries({ queryKey: ['list-items'] })
      setTitle('')
      setDescription('')
      onDone()
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="h5-card" aria-label={tx(words.tabPublish)}>
      {error && <Alert>{error}</Alert>}
      <span className="h5-unit-field" id="publish-community">{tx(words.community)}</span>
      <div className="h5-chips" role="group" aria-labelledby="publish-community">
        {communities.map((c) => <button key={c.id} type="button" className="h5-chip" aria-pressed={c.id === target} onClick={() => setCommunityId(c.id)}>{c.name}</button>)}
      </div>
      <span className="h5-unit-field" id="publish-list">{tx(words.list)}</span>
      <div className="h5-chips" role="group" aria-labelledby="publish-list">
        {Object.entries(listWords).map(([key, label]) => <button key={key} type="button" className="h5-chip" aria-pressed={list === key} onClick={() => setList(key)}>{tx(label)}</button>)}
      </div>
      <label className="h5-unit-field" htmlFor="publish-title">{tx(words.itemTitle)}</label>
      <Input id="publish-title" className="h5-unit-input" value={title} onChange={setTitle} maxLength={100} />
      <label className="h5-unit-field" htmlFor="publish-description">{tx(words.description)}</label>
      <TextArea id="publish-description" className="h5-unit-input" value={description} onChange={setDescription} rows={4} maxLength={2000} />
      <div className="h5-unit-actions">
        <Button block color="primary" size="large" loading={busy} onClick={() => void publish()}>{tx(words.publish)}</Button>
      </div>
    </section>
  )
}
