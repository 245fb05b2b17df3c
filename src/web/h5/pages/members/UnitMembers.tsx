// 本单位党员报到 /h5/unit-members: for the people who act for a unit (unit_people). The unit's
// Party members with their registration and the year's progress, a numbered introduction letter
// issued for one of them, and the feedback cards the communities sent back to the unit.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import { api, type Page as ListPage } from '../../../shared/api.ts'
import type { FeedbackCard, Letter, Member } from '@server/modules/members/members.schemas.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT, useWords } from '../../labels.ts'

const zh = {
  title: '本单位党员报到',
  none: '您不是任何单位的联系人，或本单位暂无登记的党员。',
  intro: '为本单位在职党员开具报到介绍信，查看报到情况和社区发回的反馈卡。',
  members: '本单位党员',
  notRegistered: '未报到',
  hours: '{h}/{m} 小时',
  issue: '开介绍信',
  issued: '已为 {name} 开具 {number}',
  cards: '社区发回的反馈卡',
  noCards: '暂无反馈卡',
  pdf: 'PDF',
  status_submitted: '待社区审核',
  status_returned: '被退回',
  status_accepted: '已报到',
  rating_excellent: '优秀',
  rating_good: '良好',
  rating_fair: '一般',
  rating_poor: '较差',
}
const en: Record<keyof typeof zh, string> = {
  title: 'Our members’ registration',
  none: 'You do not act for a unit, or the unit has no members on record.',
  intro: 'Issue introduction letters for the unit’s members, follow their registration and read the feedback cards the communities send back.',
  members: 'Our members',
  notRegistered: 'Not registered',
  hours: '{h}/{m} h',
  issue: 'Issue letter',
  issued: 'Issued {number} for {name}',
  cards: 'Feedback cards from the communities',
  noCards: 'No feedback cards yet',
  pdf: 'PDF',
  status_submitted: 'Waiting',
  status_returned: 'Returned',
  status_accepted: 'Registered',
  rating_excellent: 'Excellent',
  rating_good: 'Good',
  rating_fair: 'Fair',
  rating_poor: 'Poor',
}
const words = { zh, en }

export default function UnitMembersPage() {
  const w = useWords(words)
  const units = useQuery({ queryKey: ['units', 'mine'], queryFn: () => api<ListPage<{ id: string; name: string }>>('/units?mine=true&limit=200') })
  return (
    <Page title={w('title')}>
      {units.isPending ? <Loading /> : units.error ? <LoadError error={units.error} onRetry={() => void units.refetch()} /> : (units.data?.items.length ?? 0) === 0 ? (
        <section className="h5-card"><p>{w('none')}</p></section>
      ) : (
        <>
          <p className="h5-muted">{w('intro')}</p>
          {units.data!.items.map((u) => <UnitPart key={u.id} unit={u} />)}
        </>
      )}
    </Page>
  )
}

function UnitPart({ unit }: { unit: { id: string; name: string } }) {
  const t = useT()
  const qc = useQueryClient()
  const w = useWords(words)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const members = useQuery({ queryKey: ['h5-unit-members', unit.id], queryFn: () => api<ListPage<Member>>(`/members?unitId=${unit.id}&limit=200`) })
  const cards = useQuery({ queryKey: ['h5-unit-cards', unit.id], queryFn: () => api<ListPage<FeedbackCard>>(`/feedback-cards?unitId=${unit.id}&status=sent&limit=100`) })
  async function issue(m: Member) {
    setNote(null)
    try {
      const letter = await api<Letter>('/introduction-letters', { method: 'POST', body: { memberId: m.id } })
      setNote({ kind: 'success', text: w('issued', { name: m.person.name, number: letter.number }) })
      await qc.invalidateQueries({ queryKey: ['h5-unit-members', unit.id] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }
  const employees = members.data?.items ?? []
  const sent = cards.data?.items ?? []
  return (
    <>
      <section className="h5-card" aria-labelledby={`unit-members-${unit.id}`}>
        <h2 className="h5-card-title" id={`unit-members-${unit.id}`}>{unit.name} · {w('members')}</h2>
        {note && <Alert kind={note.kind}>{note.text}</Alert>}
        {members.isPending ? <Loading /> : employees.length === 0 ? <p className="h5-muted">{w('none')}</p> : (
          <ul className="h5-plain-list">
            {employees.map((m) => (
              <li key={m.id} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <span>
                  <strong>{m.person.name}</strong>
                  <span className="h5-muted"> · {m.community.name} · {m.registrationStatus ? w(`status_${m.registrationStatus}`) : w('notRegistered')} · {w('hours', { h: m.progress.hours, m: m.progress.minHours })}</span>
                </span>
                {m.registrationStatus !== 'accepted' && m.registrationStatus !== 'submitted' && (
                  <Button size="small" color="primary" style={{ flexShrink: 0, whiteSpace: 'nowrap' }} onClick={() => void issue(m)}>{w('issue')}</Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="h5-card" aria-labelledby={`unit-cards-${unit.id}`}>
        <h2 className="h5-card-title" id={`unit-cards-${unit.id}`}>{unit.name} · {w('cards')}</h2>
        {cards.isPending ? <Loading /> : sent.length === 0 ? <p className="h5-muted">{w('noCards')}</p> : (
          <ul className="h5-plain-list">
            {sent.map((c) => (
              <li key={c.id}>
                <strong>{c.member.name}</strong> · {c.period} · {c.community.name}{c.rating && ` · ${w(`rating_${c.rating}`)}`}
                {' · '}<a href={`/api/v1/feedback-cards/${c.id}/pdf`} target="_blank" rel="noreferrer">{w('pdf')}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
