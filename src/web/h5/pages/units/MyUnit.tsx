// 单位共建 /h5/unit: for the people who act for a unit (unit_people). The communities the unit
// is paired with; the communities' open needs to claim for the unit; the unit's own items
// (report progress on what it claimed, confirm or withdraw what it published); and publishing a
// resource, need, project or responsibility to a paired community. Someone who acts for no unit
// is told how to become its contact.
import { useState, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input, TextArea } from 'antd-mobile'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import type { ListItem, Pairing, Unit } from '@server/modules/units/units.schemas.ts'
import { useT, useWords } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import './units.css'

const zh = {
  title: '单位共建',
  none: '您还不是任何单位的联系人。单位的联系人由所在街道在“单位与共建”中登记，登记后可在这里认领社区需求、报告进展、发布单位资源。',
  pairedWith: '结对社区',
  noPairings: '本单位暂未与社区结对',
  tabOpen: '社区需求',
  tabMine: '本单位事项',
  tabPublish: '发布',
  noOpen: '结对社区暂无待认领的事项',
  noMine: '本单位还没有认领或发布事项',
  claim: '为本单位认领',
  claimed: '已认领“{title}”',
  report: '报告进展',
  note: '进展说明',
  progress: '完成进度（0–100）',
  send: '提交',
  reported: '进展已报告',
  confirm: '确认完成',
  confirmed: '已确认完成',
  withdraw: '撤回',
  withdrawn: '已撤回',
  community: '发布到社区',
  list: '清单类型',
  itemTitle: '标题',
  description: '内容说明',
  publish: '发布',
  required: '请填写{field}',
  publishedBy: '{community}发布',
  ourItem: '本单位发布 · {community}',
  claimedBy: '认领方：{who}',
  list_need: '需求',
  list_resource: '资源',
  list_project: '项目',
  list_responsibility: '责任',
  state_open: '待认领',
  state_claimed: '已认领',
  state_in_progress: '推进中',
  state_completed: '已完成',
  state_withdrawn: '已撤回',
}
const en: Record<keyof typeof zh, string> = {
  title: 'Unit co-building',
  none: 'You do not act for any unit yet. The street registers the contacts of a unit; they then claim community needs, report progress and offer the unit\'s resources here.',
  pairedWith: 'Paired communities',
  noPairings: 'The unit is not paired with a community',
  tabOpen: 'Community needs',
  tabMine: 'Our items',
  tabPublish: 'Publish',
  noOpen: 'Nothing to claim in the paired communities',
  noMine: 'The unit has no items yet',
  claim: 'Claim for the unit',
  claimed: 'Claimed "{title}"',
  report: 'Report progress',
  note: 'What was done',
  progress: 'Progress (0–100)',
  send: 'Send',
  reported: 'Progress reported',
  confirm: 'Confirm done',
  confirmed: 'Confirmed done',
  withdraw: 'Withdraw',
  withdrawn: 'Withdrawn',
  community: 'Community',
  list: 'List',
  itemTitle: 'Title',
  description: 'Description',
  publish: 'Publish',
  required: '{field} is required',
  publishedBy: 'By {community}',
  ourItem: 'Ours · {community}',
  claimedBy: 'Claimed by {who}',
  list_need: 'Need',
  list_resource: 'Resource',
  list_project: 'Project',
  list_responsibility: 'Responsibility',
  state_open: 'Open',
  state_claimed: 'Claimed',
  state_in_progress: 'In progress',
  state_completed: 'Completed',
  state_withdrawn: 'Withdrawn',
}
const words = { zh, en }


const itemLists = ['need', 'resource', 'project', 'responsibility'] as const

type Tab = 'open' | 'mine' | 'publish'

export default function MyUnitPage() {
  const w = useWords(words)
  const units = useQuery({ queryKey: ['units', 'mine'], queryFn: () => api<ApiPage<Unit>>('/units?mine=true&limit=200') })
  const [chosen, setChosen] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('open')
  const unit = units.data?.items.find((u) => u.id === chosen) ?? units.data?.items[0]
  return (
    <Page title={w('title')}>
      {units.isPending ? <Loading /> : units.error ? <LoadError error={units.error} onRetry={() => void units.refetch()} /> : !unit ? (
        <p className="h5-card">{w('none')}</p>
      ) : (
        <>
          {units.data.items.length > 1 && (
            <div className="h5-chips" role="group" aria-label={w('title')}>
              {units.data.items.map((u) => <button key={u.id} type="button" className="h5-chip" aria-pressed={u.id === unit.id} onClick={() => setChosen(u.id)}>{u.name}</button>)}
            </div>
          )}
          <UnitPairings unit={unit} />
          <div className="h5-chips" role="group" aria-label={unit.name}>
            {([['open', 'tabOpen'], ['mine', 'tabMine'], ['publish', 'tabPublish']] as [Tab, keyof typeof zh][]).map(([key, label]) => (
              <button key={key} type="button" className="h5-chip" aria-pressed={tab === key} onClick={() => setTab(key)}>{w(label)}</button>
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
  const w = useWords(words)
  const pairings = usePairings(unit)
  return (
    <section className="h5-card" aria-labelledby="unit-paired">
      <h2 className="h5-card-title" id="unit-paired">{unit.name}</h2>
      <p className="h5-muted">{w('pairedWith')}：{pairings.data ? (pairings.data.items.map((p) => p.community.name).join('、') || w('noPairings')) : '…'}</p>
    </section>
  )
}

/** A list item as a card with the steps this unit may take on it. */
function ItemCard({ item, unit, children }: { item: ListItem; unit: Unit; children?: ReactNode }) {
  const w = useWords(words)
  const ours = item.publisherUnit?.id === unit.id
  return (
    <li className="h5-card">
      <p className="h5-muted">{w(`list_${item.list}`)} · {w(`state_${item.state}`)} · {ours ? w('ourItem', { community: item.community.name }) : w('publishedBy', { community: item.community.name })}</p>
      <h3 className="h5-card-title">{item.title}</h3>
      <p>{item.description}</p>
      {item.claimedBy && <p className="h5-muted">{w('claimedBy', { who: item.claimantUnit?.name ?? item.community.name })}</p>}
      {item.progress !== null && item.state !== 'open' && <div className="h5-unit-progress" role="progressbar" aria-label={`${w('progress')} ${item.progress}%`} aria-valuenow={item.progress} aria-valuemin={0} aria-valuemax={100}><span style={{ width: `${item.progress}%` }} /></div>}
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
  const w = useWords(words)
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
      {open.length === 0 ? <p className="h5-muted">{w('noOpen')}</p> : (
        <ul className="h5-list" aria-label={w('tabOpen')}>
          {open.map((i) => (
            <ItemCard key={i.id} item={i} unit={unit}>
              <Button block color="primary" size="large" loading={step.busy === i.id} onClick={() => void step.run(i.id, `/list-items/${i.id}/claims`, { unitId: unit.id }, w('claimed', { title: i.title }))}>{w('claim')}</Button>
            </ItemCard>
          ))}
        </ul>
      )}
    </>
  )
}

function OurItems({ unit }: { unit: Unit }) {
  const w = useWords(words)
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
      {active.length === 0 ? <p className="h5-muted">{w('noMine')}</p> : (
        <ul className="h5-list" aria-label={w('tabMine')}>
          {active.map((i) => {
            const ours = i.publisherUnit?.id === unit.id
            const claimedByUs = i.claimantUnit?.id === unit.id
            return (
              <ItemCard key={i.id} item={i} unit={unit}>
                <div className="h5-unit-actions">
                  {claimedByUs && (i.state === 'claimed' || i.state === 'in_progress') && (reporting === i.id ? (
                    <>
                      <label className="h5-unit-field" htmlFor={`note-${i.id}`}>{w('note')}</label>
                      <TextArea id={`note-${i.id}`} className="h5-unit-input" value={note} onChange={setNote} rows={3} maxLength={2000} />
                      <label className="h5-unit-field" htmlFor={`progress-${i.id}`}>{w('progress')}</label>
                      <Input id={`progress-${i.id}`} className="h5-unit-input" type="number" inputMode="numeric" value={progress} onChange={setProgress} />
                      <Button block color="primary" size="large" loading={step.busy === i.id} disabled={!note.trim()} onClick={() => void step.run(i.id, `/list-items/${i.id}/progress`, {
                        note: note.trim(), ...(progress.trim() ? { progress: Math.max(0, Math.min(100, Math.round(Number(progress)))) } : {}),
                      }, w('reported')).then(() => { setReporting(null); setNote(''); setProgress('') })}>{w('send')}</Button>
                    </>
                  ) : (
                    <Button block size="large" onClick={() => { setReporting(i.id); setNote(''); setProgress(i.progress === null ? '' : String(i.progress)) }}>{w('report')}</Button>
                  ))}
                  {ours && i.state === 'in_progress' && <Button block color="primary" size="large" loading={step.busy === `c${i.id}`} onClick={() => void step.run(`c${i.id}`, `/list-items/${i.id}/confirm`, {}, w('confirmed'))}>{w('confirm')}</Button>}
                  {ours && (i.state === 'open' || i.state === 'claimed' || i.state === 'in_progress') && <Button block size="large" loading={step.busy === `w${i.id}`} onClick={() => void step.run(`w${i.id}`, `/list-items/${i.id}/withdraw`, {}, w('withdrawn'))}>{w('withdraw')}</Button>}
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
  const w = useWords(words)
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
  if (communities.length === 0) return <p className="h5-muted">{w('noPairings')}</p>
  const target = communityId ?? communities[0]!.id
  async function publish() {
    const missing = !title.trim() ? 'itemTitle' : !description.trim() ? 'description' : null
    if (missing) return setError(w('required', { field: w(missing) }))
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
    <section className="h5-card" aria-label={w('tabPublish')}>
      {error && <Alert>{error}</Alert>}
      <span className="h5-unit-field" id="publish-community">{w('community')}</span>
      <div className="h5-chips" role="group" aria-labelledby="publish-community">
        {communities.map((c) => <button key={c.id} type="button" className="h5-chip" aria-pressed={c.id === target} onClick={() => setCommunityId(c.id)}>{c.name}</button>)}
      </div>
      <span className="h5-unit-field" id="publish-list">{w('list')}</span>
      <div className="h5-chips" role="group" aria-labelledby="publish-list">
        {itemLists.map((key) => <button key={key} type="button" className="h5-chip" aria-pressed={list === key} onClick={() => setList(key)}>{w(`list_${key}`)}</button>)}
      </div>
      <label className="h5-unit-field" htmlFor="publish-title">{w('itemTitle')}</label>
      <Input id="publish-title" className="h5-unit-input" value={title} onChange={setTitle} maxLength={100} />
      <label className="h5-unit-field" htmlFor="publish-description">{w('description')}</label>
      <TextArea id="publish-description" className="h5-unit-input" value={description} onChange={setDescription} rows={4} maxLength={2000} />
      <div className="h5-unit-actions">
        <Button block color="primary" size="large" loading={busy} onClick={() => void publish()}>{w('publish')}</Button>
      </div>
    </section>
  )
}
