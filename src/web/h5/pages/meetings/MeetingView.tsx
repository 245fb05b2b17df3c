// /h5/meetings/:id: one meeting on the phone: when, where, agenda, my registration, check-in by
// typing the code on the screen (scanning opens /h5/meetings/checkin), the minutes to approve or
// comment on for those present, and the decisions.
import { useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog, Input } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { meetingKinds, meetingStateWords } from '@server/modules/meetings/meetings.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { placeOf } from './MyMeetings.tsx'
import { useMeetingWords } from './words.ts'

export default function MeetingViewPage() {
  const w = useMeetingWords()
  const t = useT()
  const { lang } = useI18n()
  const { id = '' } = useParams()
  const queryClient = useQueryClient()
  const [code, setCode] = useState('')
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const found = useQuery({ queryKey: ['h5-meeting', id], queryFn: () => api<Meeting>(`/meetings/${id}`) })
  const m = found.data

  async function send(path: string, body: unknown, ok: string) {
    setNote(null)
    try {
      const next = await api<Meeting>(`/meetings/${id}${path}`, { method: 'POST', body })
      queryClient.setQueryData(['h5-meeting', id], next)
      void queryClient.invalidateQueries({ queryKey: ['h5-meetings'] })
      setNote({ kind: 'success', text: ok })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }
  async function object(version: number) {
    let text = ''
    const go = await Dialog.confirm({
      title: w('objectAsk'),
      content: <Input aria-label={w('objectAsk')} placeholder={w('objectAsk')} onChange={(v) => { text = v }} />,
      confirmText: w('send'), cancelText: w('back'),
    })
    if (go) await send(`/minutes/${version}/approval`, { verdict: 'object', note: text.trim() }, w('objectedOk'))
  }

  if (found.isPending) return <Page title={w('myMeetings')}><Loading /></Page>
  if (found.error || !m) return <Page title={w('myMeetings')}><LoadError error={found.error} onRetry={() => void found.refetch()} /></Page>
  const live = m.state === 'planned' || m.state === 'open'
  const current = m.minutes.find((n) => n.state !== 'superseded')
  // Check-in opens an hour before the start and closes at the end (as the server checks).
  const checkInOpen = live && dayjs().isAfter(dayjs(m.startsAt).subtract(1, 'hour')) && dayjs().isBefore(dayjs(m.endsAt))
  return (
    <Page title={m.title}>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {m.cancelReason && <Alert>{w('cancelled', { reason: m.cancelReason })}</Alert>}
      <section className="h5-card">
        <h2 className="h5-card-title">{meetingKinds[m.kind][lang]} · {meetingStateWords[m.state][lang]}</h2>
        <p>{w('when')}：{dayjs(m.startsAt).format('M月D日 HH:mm')}–{dayjs(m.endsAt).format('HH:mm')}</p>
        <p>{w('where')}：{placeOf(m)}</p>
        <p className="h5-muted">{w('people', { p: m.present, i: m.invited })}{m.quorum.needed > 0 ? ` · ${m.quorum.reached ? w('quorumOk') : w('quorumNo', { n: m.quorum.needed })}` : ''}</p>
        {m.description && <p>{m.description}</p>}
        {live && m.can.attend && !m.me?.present && (
          <div className="h5-two-buttons">
            {!m.me?.registered && <Button color="primary" size="large" onClick={() => void send('/registration', { attending: true }, w('registeredOk'))}>{w('register')}</Button>}
            {m.me?.invited && !m.me.declined && <Button size="large" onClick={() => void send('/registration', { attending: false }, w('declinedOk'))}>{w('decline')}</Button>}
          </div>
        )}
      </section>
      {checkInOpen && m.can.attend && !m.me?.present && (
        <section className="h5-card">
          <h2 className="h5-card-title">{w('checkin')}</h2>
          <p className="h5-muted">{w('checkinHint')}</p>
          <label htmlFor="meeting-code">{w('codeField')}</label>
          <Input id="meeting-code" value={code} onChange={setCode} placeholder={w('codePlaceholder')} style={{ '--font-size': '18px', border: '1px solid #999', borderRadius: 8, padding: 8, margin: '6px 0 10px' }} />
          <Button block color="primary" size="large" disabled={!code.trim()} onClick={() => void send('/checkin', { code: code.trim() }, w('checkinOk'))}>{w('checkinButton')}</Button>
        </section>
      )}
      {m.agenda.length > 0 && (
        <section className="h5-card">
          <h2 className="h5-card-title">{w('agenda')}</h2>
          <ol>{m.agenda.map((a) => <li key={a.id}>{a.text}</li>)}</ol>
        </section>
      )}
      {current && (
        <section className="h5-card">
          <h2 className="h5-card-title">{w('minutes')} · {w('version', { v: current.version })}</h2>
          <p className="h5-muted">{current.state === 'approved' ? w('minutesApproved') : `${w('minutesPending')} · ${w('approvals', { a: current.approveCount, n: current.needed })}`}</p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{current.body}</p>
          {current.state === 'pending' && m.can.approveMinutes && (
            <div className="h5-two-buttons">
              <Button color="primary" size="large" onClick={() => void send(`/minutes/${current.version}/approval`, { verdict: 'approve' }, w('approvedOk'))}>{w('approve')}</Button>
              <Button size="large" onClick={() => void object(current.version)}>{w('object')}</Button>
            </div>
          )}
        </section>
      )}
      {m.decisions.length > 0 && (
        <section className="h5-card">
          <h2 className="h5-card-title">{w('decisions')}</h2>
          <ol>{m.decisions.map((d) => <li key={d.id}>{d.text}</li>)}</ol>
        </section>
      )}
    </Page>
  )
}
