// One activity on the phone /h5/activities/:id: when, where, what is needed, my sign-up (or my
// place on the waitlist), sign up / cancel, and how check-in works.
import { useState } from 'react'
import { useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Dialog } from 'antd-mobile'
import dayjs from 'dayjs'
import { api } from '../../../shared/api.ts'
import type { Activity, Signup } from '@server/modules/volunteers/volunteers.schemas.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { ActivityLine } from './Activities.tsx'
import { useVT } from './words.ts'

export default function ActivityViewPage() {
  const { id } = useParams()
  const vt = useVT()
  const t = useT()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null)
  const activity = useQuery({ queryKey: ['h5-activity', id], queryFn: () => api<Activity>(`/activities/${id}`) })
  const a = activity.data

  async function run(fn: () => Promise<void>) {
    setBusy(true)
    setNote(null)
    try {
      await fn()
      await queryClient.invalidateQueries({ queryKey: ['h5-activity', id] })
      await queryClient.invalidateQueries({ queryKey: ['h5-activities'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  const signUp = () => run(async () => {
    const s = await api<Signup>(`/activities/${id}/signups`, { method: 'POST' })
    setNote(s.status === 'confirmed' ? { kind: 'success', text: vt('signedUpOk') } : { kind: 'info', text: vt('waitlistOk', { n: s.position ?? 0 }) })
  })
  const cancel = async () => {
    if (!a?.mySignup || !(await Dialog.confirm({ content: vt('cancelAsk'), confirmText: vt('cancelSignup'), cancelText: t('back') }))) return
    await run(async () => {
      await api(`/activities/${id}/signups/${a.mySignup!.id}`, { method: 'DELETE' })
      setNote({ kind: 'success', text: vt('cancelOk') })
    })
  }

  return (
    <Page title={a?.title ?? vt('listTitle')}>
      {activity.isPending ? (
        <Loading />
      ) : activity.error || !a ? (
        <LoadError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <>
          <section className="h5-card" aria-labelledby="activity-title">
            <h2 className="h5-card-title" id="activity-title">{a.title}</h2>
            <dl className="h5-facts">
              <div><dt>{vt('when')}</dt><dd>{dayjs(a.startsAt).format('YYYY年M月D日 HH:mm')}–{dayjs(a.endsAt).format('HH:mm')}</dd></div>
              <div><dt>{vt('where')}</dt><dd>{a.place}</dd></div>
              <div><dt>{vt('organiser')}</dt><dd>{a.team ? `${a.org.name} · ${a.team.name}` : a.org.name}</dd></div>
              {a.skillNeeds.length > 0 && <div><dt>{vt('needs')}</dt><dd>{a.skillNeeds.map((n) => vt('needLine', { skill: n.skill, n: n.count })).join('，')}</dd></div>}
            </dl>
            {a.description && <p>{a.description}</p>}
            <p><ActivityLine a={a} /></p>
          </section>
          {note && <Alert kind={note.kind}>{note.text}</Alert>}
          {a.myAttendance && (
            <section className="h5-card">
              <h2 className="h5-card-title">{vt('myAttendance')}</h2>
              <p>
                {a.myAttendance.status === 'checked_out' ? vt('checkedOut', { h: a.myAttendance.hours ?? 0 })
                  : a.myAttendance.status === 'checked_in' ? vt('checkedIn', { time: dayjs(a.myAttendance.checkedInAt).format('HH:mm') })
                    : vt('noShow')}
              </p>
            </section>
          )}
          {a.status === 'published' && a.phase === 'upcoming' && (!a.mySignup || a.mySignup.status === 'cancelled') && (
            <Button block color="primary" size="large" loading={busy} onClick={() => void signUp()}>{a.seatsLeft > 0 ? vt('signUp') : vt('joinWaitlist')}</Button>
          )}
          {a.status === 'published' && a.phase === 'upcoming' && a.mySignup && a.mySignup.status !== 'cancelled' && (
            <Button block size="large" loading={busy} onClick={() => void cancel()}>{vt('cancelSignup')}</Button>
          )}
          {a.status === 'published' && a.phase !== 'ended' && a.mySignup?.status === 'confirmed' && <p className="h5-muted">{vt('checkInHint')}</p>}
        </>
      )}
    </Page>
  )
}
