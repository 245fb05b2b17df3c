// /h5/checkin?activity=ID&code=…: the page the on-site QR code opens. One big button checks in,
// or out once checked in; an old or wrong code is refused with the server's clear message.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import type { Activity, Attendance } from '@server/modules/volunteers/volunteers.schemas.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useVT } from './words.ts'

const ID = /^[1-9][0-9]{0,17}$/

export default function CheckInPage() {
  const vt = useVT()
  const t = useT()
  const [params] = useSearchParams()
  const id = params.get('activity') ?? ''
  const code = params.get('code') ?? ''
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string; rescan?: boolean } | null>(null)
  const valid = ID.test(id) && code.length > 0
  const activity = useQuery({ queryKey: ['h5-activity', id], queryFn: () => api<Activity>(`/activities/${id}`), enabled: valid })
  const a = activity.data
  const out = a?.myAttendance?.status === 'checked_in'
  const done = a?.myAttendance?.status === 'checked_out'

  async function send() {
    setBusy(true)
    setNote(null)
    try {
      const r = await api<Attendance>(`/activities/${id}/${out ? 'check-out' : 'check-in'}`, { method: 'POST', body: { code } })
      setNote({ kind: 'success', text: r.status === 'checked_out' ? vt('checkoutOk', { h: r.hours ?? 0 }) : vt('checkinOk') })
      await queryClient.invalidateQueries({ queryKey: ['h5-activity', id] })
    } catch (err) {
      const rescan = err instanceof ApiError && (err.code === 'ACTIVITY_CODE_EXPIRED' || err.code === 'VALIDATION_FAILED')
      setNote({ kind: 'error', text: errorText(err, t), rescan })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={vt('checkinTitle')}>
      {!valid ? (
        <Alert>{vt('checkinBad')}</Alert>
      ) : activity.isPending ? (
        <Loading />
      ) : activity.error || !a ? (
        <LoadError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <>
          <section className="h5-card">
            <h2 className="h5-card-title">{a.title}</h2>
            <p className="h5-muted">{a.place}</p>
          </section>
          {note && <Alert kind={note.kind}>{note.text}</Alert>}
          {note?.rescan && <p className="h5-muted">{vt('rescan')}</p>}
          {!done && (
            <Button block color="primary" size="large" loading={busy} onClick={() => void send()} style={{ minHeight: 64, fontSize: 22 }}>
              {out ? vt('checkoutButton') : vt('checkinButton')}
            </Button>
          )}
        </>
      )}
    </Page>
  )
}
