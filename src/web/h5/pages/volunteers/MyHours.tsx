// 我的志愿时长 /h5/volunteer-hours: hours this year and the service record, the time bank (given,
// received, balance, one-to-one services), and my volunteer profile (skills, teams).
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input } from 'antd-mobile'
import dayjs from 'dayjs'
import { z } from 'zod'
import { api } from '../../../shared/api.ts'
import type { Team, timeBankMeSchema, volunteerMeSchema } from '@server/modules/volunteers/volunteers.schemas.ts'
import type { Page as ApiPage } from '../../../shared/api.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useStatusWord, useVT } from './words.ts'

type VolunteerMe = z.infer<typeof volunteerMeSchema>
type TimeBankMe = z.infer<typeof timeBankMeSchema>

export default function MyHoursPage() {
  const vt = useVT()
  const t = useT()
  const statusWord = useStatusWord()
  const me = useQuery({ queryKey: ['h5-volunteer-me'], queryFn: () => api<VolunteerMe>('/volunteers/me') })
  const bank = useQuery({ queryKey: ['h5-time-bank'], queryFn: () => api<TimeBankMe>('/time-bank/me') })
  return (
    <Page title={vt('hoursTitle')}>
      {me.isPending || bank.isPending ? (
        <Loading />
      ) : me.error || bank.error || !me.data || !bank.data ? (
        <LoadError error={me.error ?? bank.error} onRetry={() => { void me.refetch(); void bank.refetch() }} />
      ) : (
        <>
          <section className="h5-card" aria-labelledby="hours-title">
            <h2 className="h5-card-title" id="hours-title">{vt('hoursThisYear', { year: me.data.year })}</h2>
            <p style={{ fontSize: 36, fontWeight: 700, margin: '4px 0', color: '#c8102e' }}>{vt('hoursUnit', { h: me.data.hours })}</p>
            <p className="h5-muted">{vt('hoursParts', { a: me.data.activityHours, s: me.data.serviceHours })}</p>
            <p className="h5-muted">{vt('activitiesDone', { n: me.data.activities })}{me.data.noShows > 0 && ` · ${vt('noShows', { n: me.data.noShows })}`}</p>
          </section>
          <section className="h5-card" aria-labelledby="bank-title">
            <h2 className="h5-card-title" id="bank-title">{vt('timeBank')}</h2>
            <p className="h5-muted">{vt('timeBankHint')}</p>
            <dl className="h5-facts">
              <div><dt>{vt('given')}</dt><dd>{vt('hoursUnit', { h: bank.data.given.total })}</dd></div>
              <div><dt>{vt('received')}</dt><dd>{vt('hoursUnit', { h: bank.data.received })}</dd></div>
              <div><dt>{vt('balance')}</dt><dd>{vt('hoursUnit', { h: bank.data.balance })}</dd></div>
            </dl>
            {bank.data.entries.length > 0 && (
              <ul className="h5-plain-list">
                {bank.data.entries.slice(0, 10).map((e) => (
                  <li key={e.id}>
                    {e.servedOn} · {e.direction === 'given' ? vt('givenTo', { name: e.receiver.name }) : vt('receivedFrom', { name: e.giver.name })} · {e.note} · {vt('hoursUnit', { h: e.hours })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="h5-card" aria-labelledby="records-title">
            <h2 className="h5-card-title" id="records-title">{vt('records')}</h2>
            {me.data.records.length === 0 ? (
              <p className="h5-muted">{vt('noRecords')}</p>
            ) : (
              <ul className="h5-plain-list">
                {me.data.records.map((r, i) => (
                  <li key={r.activityId ?? `service-${i}`}>
                    {r.activityId ? <Link to={`/activities/${r.activityId}`}>{r.title}</Link> : r.title}
                    <span className="h5-muted"> · {dayjs(r.startsAt).format('M月D日')} · {statusWord(r.status)}{r.status === 'checked_out' || r.status === 'served' ? ` · ${vt('hoursUnit', { h: r.hours })}` : ''}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Profile me={me.data} t={t} />
          <JoinTeam t={t} />
        </>
      )}
    </Page>
  )
}

function Profile({ me, t }: { me: VolunteerMe; t: ReturnType<typeof useT> }) {
  const vt = useVT()
  const queryClient = useQueryClient()
  const [skills, setSkills] = useState(me.skills.join('，'))
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  useEffect(() => setSkills(me.skills.join('，')), [me.skills])
  async function save() {
    setBusy(true)
    setNote(null)
    try {
      const list = skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean)
      await api('/volunteers/me', { method: 'PUT', body: { skills: list } })
      setNote({ kind: 'success', text: vt('saved') })
      await queryClient.invalidateQueries({ queryKey: ['h5-volunteer-me'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="h5-card" aria-labelledby="profile-title">
      <h2 className="h5-card-title" id="profile-title">{vt('profile')}</h2>
      {!me.isVolunteer && <p className="h5-muted">{vt('notVolunteer')}</p>}
      {me.teams.length > 0 && (
        <p>{vt('teams')}：{me.teams.map((x) => (x.role === 'leader' ? `${x.name}（${vt('leader')}）` : x.name)).join('、')}</p>
      )}
      <label htmlFor="vol-skills">{vt('skills')}</label>
      <Input id="vol-skills" value={skills} onChange={setSkills} placeholder={vt('skillsHint')} maxLength={300} />
      <p className="h5-muted">{vt('skillsHint')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <Button block size="large" loading={busy} onClick={() => void save()}>{vt('saveSkills')}</Button>
    </section>
  )
}

function JoinTeam({ t }: { t: ReturnType<typeof useT> }) {
  const vt = useVT()
  const queryClient = useQueryClient()
  const teams = useQuery({ queryKey: ['h5-teams'], queryFn: () => api<ApiPage<Team>>('/volunteer-teams?limit=50') })
  const [busy, setBusy] = useState<string | null>(null)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const open = (teams.data?.items ?? []).filter((x) => !x.myRole)
  async function join(team: Team) {
    setBusy(team.id)
    setNote(null)
    try {
      await api(`/volunteer-teams/${team.id}/members`, { method: 'POST', body: {} })
      setNote({ kind: 'success', text: vt('joined', { name: team.name }) })
      await queryClient.invalidateQueries({ queryKey: ['h5-teams'] })
      await queryClient.invalidateQueries({ queryKey: ['h5-volunteer-me'] })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(null)
    }
  }
  if (teams.isPending || teams.error || open.length === 0) return null
  return (
    <section className="h5-card" aria-labelledby="join-title">
      <h2 className="h5-card-title" id="join-title">{vt('joinTitle')}</h2>
      <p className="h5-muted">{vt('joinHint')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <ul className="h5-plain-list">
        {open.map((x) => (
          <li key={x.id} className="h5-row">
            <span className="h5-row-text">
              <span className="h5-row-title">{x.name}</span>
              <span className="h5-row-desc">{vt('teamLine', { org: x.org.name, n: x.memberCount })}{x.skills.length ? ` · ${x.skills.join('、')}` : ''}</span>
            </span>
            <Button size="small" loading={busy === x.id} onClick={() => void join(x)} aria-label={`${vt('join')} ${x.name}`}>{vt('join')}</Button>
          </li>
        ))}
      </ul>
    </section>
  )
}
