// 我的会议 /h5/meetings: the meetings I am invited to and those of my community open to all,
// upcoming ones first (or the past ones); register or decline with one tap; a card opens the meeting.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import type { MeetingSummary } from '@server/modules/meetings/meetings.schemas.ts'
import { meetingKinds, meetingStateWords } from '@server/modules/meetings/meetings.kinds.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useMeetingWords } from './words.ts'

export const placeOf = (m: MeetingSummary) => (m.room ? `${m.room.venue.name}·${m.room.name}` : (m.place ?? ''))

export default function MyMeetingsPage() {
  const w = useMeetingWords()
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const [past, setPast] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const list = useQuery({ queryKey: ['h5-meetings', past], queryFn: () => api<ApiPage<MeetingSummary>>(`/meetings/mine?limit=100${past ? '&past=true' : ''}`) })

  async function reply(m: MeetingSummary, attending: boolean) {
    setNote(null)
    try {
      await api(`/meetings/${m.id}/registration`, { method: 'POST', body: { attending } })
      setNote({ kind: 'success', text: attending ? w('registeredOk') : w('declinedOk') })
      await queryClient.invalidateQueries({ queryKey: ['h5-meetings'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    }
  }

  return (
    <Page title={w('myMeetings')}>
      <p className="h5-muted">{w('intro')}</p>
      <div className="h5-two-buttons" role="group" aria-label={w('myMeetings')} style={{ marginBottom: 12 }}>
        <Button size="large" color={past ? 'default' : 'primary'} aria-pressed={!past} onClick={() => setPast(false)}>{w('upcoming')}</Button>
        <Button size="large" color={past ? 'primary' : 'default'} aria-pressed={past} onClick={() => setPast(true)}>{w('past')}</Button>
      </div>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="h5-muted">{w('none')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('myMeetings')}>
          {list.data.items.map((m) => {
            const me = m.me!
            const status = me.present ? w('present') : me.declined ? w('declined') : me.registered ? w('registered') : me.invited ? w('invited') : w('openToAll')
            const canReply = !past && (m.state === 'planned' || m.state === 'open') && !me.present
            return (
              <li key={m.id} className="h5-card">
                <h2 className="h5-card-title"><Link to={`/meetings/${m.id}`}>{m.title}</Link></h2>
                <p>{meetingKinds[m.kind][lang]} · {dayjs(m.startsAt).format('M月D日 HH:mm')}–{dayjs(m.endsAt).format('HH:mm')}</p>
                <p>{placeOf(m)}</p>
                <p className="h5-muted">{meetingStateWords[m.state][lang]} · {status}</p>
                {canReply && (
                  <div className="h5-two-buttons">
                    {!me.registered && <Button color="primary" size="large" onClick={() => void reply(m, true)}>{w('register')}</Button>}
                    {me.invited && !me.declined && <Button size="large" onClick={() => void reply(m, false)}>{w('decline')}</Button>}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </Page>
  )
}
