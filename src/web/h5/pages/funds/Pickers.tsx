// Two parts of 项目公开: a visitor without a login picks the community whose projects to see (the
// public list of communities, found by a character or two of the name, as registration does), and
// a person acting for a social organisation proposes a project in its name (POST /projects with
// proposedBy social_organisation; the community's cadres are told and decide).
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input } from 'antd-mobile'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useT } from '../../labels.ts'
import { errorText } from '../../ui.tsx'
import type { Community } from '../../building-chooser.tsx'
import { kindText, useFundWords } from './words.ts'

export function CommunityPicker({ onPick }: { onPick: (c: Community) => void }) {
  const w = useFundWords()
  const [q, setQ] = useState('')
  const term = q.trim()
  const found = useQuery({
    queryKey: ['public-communities', term],
    queryFn: () => api<{ items: Community[] }>(`/public/communities?limit=30${term ? `&q=${encodeURIComponent(term)}` : ''}`),
  })
  return (
    <section className="h5-card" aria-label={w('pickCommunity')}>
      <label className="h5-row-title" htmlFor="fund-community">{w('pickCommunity')}</label>
      <Input id="fund-community" value={q} onChange={setQ} placeholder={w('pickHint')} clearable />
      {found.data && found.data.items.length === 0 && <p className="h5-muted" role="status">{w('noSuchCommunity')}</p>}
      <ul className="h5-fund-communities">
        {(found.data?.items ?? []).map((c) => (
          <li key={c.id}><button type="button" onClick={() => onPick(c)}>{c.name}{c.streetName && <span className="h5-muted">（{c.streetName}）</span>}</button></li>
        ))}
      </ul>
    </section>
  )
}

interface MySocialOrg { unit: { id: string; name: string }; org: { id: string; name: string } }

export function ProposeForm() {
  const w = useFundWords()
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const mine = useQuery({ queryKey: ['h5-funds', 'social-orgs'], queryFn: () => api<{ items: MySocialOrg[] }>('/social-orgs/mine') })
  const [open, setOpen] = useState(false)
  const [unitId, setUnitId] = useState('')
  const [kind, setKind] = useState<'venture' | 'benefit' | 'crowdfunding'>('venture')
  const [title, setTitle] = useState('')
  const [summary, setSummary] = useState('')
  const [target, setTarget] = useState('')
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const items = mine.data?.items ?? []
  if (!items.length) return null
  const chosen = items.find((s) => s.unit.id === unitId) ?? items[0]!
  async function send() {
    try {
      await api('/projects', {
        method: 'POST',
        body: { orgId: chosen.org.id, unitId: chosen.unit.id, proposedBy: 'social_organisation', kind, title: title.trim(), summary: summary.trim() || undefined, ...(kind === 'crowdfunding' ? { targetYuan: Number(target) } : {}) },
      })
      setTitle('')
      setSummary('')
      setTarget('')
      setOpen(false)
      setNote({ ok: true, text: w('proposed', { org: chosen.org.name }) })
      await queryClient.invalidateQueries({ queryKey: ['h5-funds'] })
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) })
    }
  }
  return (
    <section className="h5-card h5-fund-pledge" aria-label={w('propose')}>
      {note && <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'h5-muted' : 'h5-field-error'}>{note.text}</p>}
      {!open ? <Button color="primary" fill="outline" size="large" block onClick={() => setOpen(true)}>{w('propose')}</Button> : (
        <>
          <h2 style={{ margin: 0, fontSize: '1.1em' }}>{w('propose')}</h2>
          {items.length > 1 && (
            <label>{w('asOrg')}
              <select aria-label={w('asOrg')} value={chosen.unit.id} onChange={(e) => setUnitId(e.target.value)}>
                {items.map((s) => <option key={s.unit.id} value={s.unit.id}>{s.unit.name}（{s.org.name}）</option>)}
              </select>
            </label>
          )}
          {items.length === 1 && <p className="h5-muted">{w('asOrgOne', { name: chosen.unit.name, org: chosen.org.name })}</p>}
          <label>{w('kind')}
            <select aria-label={w('kind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(['venture', 'benefit', 'crowdfunding'] as const).map((k) => <option key={k} value={k}>{kindText[k][lang]}</option>)}
            </select>
          </label>
          <label>{w('projectTitle')}<input aria-label={w('projectTitle')} value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} /></label>
          <label>{w('summary')}<textarea aria-label={w('summary')} rows={3} value={summary} maxLength={1000} onChange={(e) => setSummary(e.target.value)} /></label>
          {kind === 'crowdfunding' && <label>{w('target')}<input inputMode="decimal" aria-label={w('target')} value={target} onChange={(e) => setTarget(e.target.value)} /></label>}
          <Button color="primary" size="large" block onClick={() => void send()}>{w('send')}</Button>
          <p className="h5-muted">{w('proposeHint')}</p>
        </>
      )}
    </section>
  )
}
