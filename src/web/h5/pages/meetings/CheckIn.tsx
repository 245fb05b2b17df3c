// /h5/meetings/checkin?meeting=ID&code=…: the page the meeting screen's QR code opens. One big
// button checks in; an old or wrong code is refused with the server's clear message.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api, ApiError } from '../../../shared/api.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { placeOf } from './MyMeetings.tsx'
import { useMeetingWords } from './words.ts'

const ID = /^[1-9][0-9]{0,17}$/

export default function MeetingCheckInPage() {
  const w = useMeetingWords()
  const t = useT()
  const [params] = useSearchParams()
  const id = params.get('meeting') ?? ''
  const code = params.get('code') ?? ''
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string; rescan?: boolean } | null>(null)
  const valid = ID.test(id) && code.length > 0
  const found = useQuery({ queryKey: ['h5-meeting', id], queryFn: () => api<Meeting>(`/meetings/${id}`), enabled: valid })
  const m = found.data

  async function send() {
    setBusy(true)
    setNote(null)
    try {
      const next = await api<Meeting>(`/meetings/${id}/checkin`, { method: 'POST', body: { code } })
      queryClient.setQueryData(['h5-meeting', id], next)
      setNote({ kind: 'success', text: w('checkinOk') })
    } catch (err) {
      const rescan = err instanceof ApiError && (err.code === 'MEETING_CODE_EXPIRED' || err.code === 'VALIDATION_FAILED')
      setNote({ kind: 'error', text: errorText(err, t), rescan })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={w('checkinTitle')}>
      {!valid ? (
        <Alert>{w('checkinBad')}</Alert>
      ) : found.isPending ? (
        <Loading />
      ) : found.error || !m ? (
        <LoadError error={found.error} onRetry={() => void found.refetch()} />
      ) : (
        <>
          <section className="h5-card">
            <h2 className="h5-card-title"><Link to={`/meetings/${m.id}`}>{m.title}</Link></h2>
            <p className="h5-muted">{placeOf(m)}</p>
          </section>
          {note && <Alert kind={note.kind}>{note.text}</Alert>}
          {note?.rescan && <p className="h5-muted">{w('rescan')}</p>}
          {!m.me?.present && (
            <Button block color="primary" size="large" loading={busy} onClick={() => void send()} style={{ minHeight: 64, fontSize: 22 }}>{w('checkinButton')}</Button>
          )}
        </>
      )}
    </Page>
  )
}
