// 我的组织生活 /h5/party-life: the Party organisations I belong to (直管 / 参管 / 协管), this year's
// Party meetings with my attendance (a planned one opens the meeting page to register and check
// in), and my study hours with the sessions behind them.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import type { z } from 'zod'
import type { recordSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds, meetingStateWords } from '@server/modules/meetings/meetings.kinds.ts'
import { partyPostWords, partyRelationWords } from '@server/modules/party_life/party_life.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { LoadError, Loading, Page } from '../../ui.tsx'

type Record_ = z.infer<typeof recordSchema>

const words = {
  zh: { title: '我的组织生活', intro: '三会一课、主题党日的出席情况和本年学习学时。', orgs: '我所在的党组织', none: '还没有加入党组织，请联系社区党组织。', meetings: '组织生活会议', noMeetings: '今年还没有组织生活会议。', attended: '出席', absent: '缺席', study: '学习学时', hoursUnit: '学时', sessions: '学习记录', noStudy: '今年还没有学习记录。', open: '查看、签到', notRecorded: '未登记', lastYear: '上一年', thisYear: '今年' },
  en: { title: 'My organisation life', intro: 'Attendance at Party meetings and study hours this year.', orgs: 'My Party organisations', none: 'Not a member of any Party organisation yet.', meetings: 'Party meetings', noMeetings: 'No Party meetings this year.', attended: 'Attended', absent: 'Absent', study: 'Study hours', hoursUnit: 'h', sessions: 'Study record', noStudy: 'No study this year.', open: 'Open, check in', notRecorded: 'Not recorded', lastYear: 'Last year', thisYear: 'This year' },
}

export default function MyPartyLifePage() {
  const { lang } = useI18n()
  const w = words[lang === 'en' ? 'en' : 'zh']
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const found = useQuery({ queryKey: ['h5-party-life', year], queryFn: () => api<Record_>(`/party-life/me?year=${year}`) })
  const r = found.data
  return (
    <Page title={w.title}>
      <p className="h5-muted">{w.intro}</p>
      <div className="h5-two-buttons" role="group" aria-label={w.title} style={{ marginBottom: 12 }}>
        <Button size="large" color={year === thisYear ? 'primary' : 'default'} aria-pressed={year === thisYear} onClick={() => setYear(thisYear)}>{w.thisYear}</Button>
        <Button size="large" color={year !== thisYear ? 'primary' : 'default'} aria-pressed={year !== thisYear} onClick={() => setYear(thisYear - 1)}>{w.lastYear}</Button>
      </div>
      {found.isPending ? <Loading /> : found.error ? <LoadError error={found.error} onRetry={() => void found.refetch()} /> : r && (
        <>
          <section className="h5-card" aria-label={w.study}>
            <div style={{ display: 'flex', justifyContent: 'space-around', textAlign: 'center' }}>
              <div><div style={{ fontSize: 28, fontWeight: 600, color: '#c41d1d' }}>{r.attended}</div><div className="h5-muted">{w.attended}</div></div>
              <div><div style={{ fontSize: 28, fontWeight: 600 }}>{r.absent}</div><div className="h5-muted">{w.absent}</div></div>
              <div><div style={{ fontSize: 28, fontWeight: 600, color: '#c41d1d' }}>{r.studyHours}</div><div className="h5-muted">{w.study}</div></div>
            </div>
          </section>
          <h2 className="h5-card-title" style={{ margin: "20px 0 8px" }}>{w.orgs}</h2>
          {r.orgs.length === 0 ? <p className="h5-muted">{w.none}</p> : (
            <ul className="h5-list" aria-label={w.orgs}>
              {r.orgs.map((o) => <li key={o.id} className="h5-card"><strong>{o.name}</strong><p className="h5-muted">{partyRelationWords[o.relation][lang]} · {partyPostWords[o.post][lang]}</p></li>)}
            </ul>
          )}
          <h2 className="h5-card-title" style={{ margin: "20px 0 8px" }}>{w.meetings}</h2>
          {r.meetings.length === 0 ? <p className="h5-muted">{w.noMeetings}</p> : (
            <ul className="h5-list" aria-label={w.meetings}>
              {r.meetings.map((m) => (
                <li key={m.id} className="h5-card">
                  <h3 className="h5-card-title"><Link to={`/meetings/${m.id}`}>{m.title}</Link></h3>
                  <p>{meetingKinds[m.kind][lang]} · {m.org.name} · {dayjs(m.startsAt).format('M月D日 HH:mm')}</p>
                  <p className="h5-muted">
                    {meetingStateWords[m.state][lang]} · {m.present === true ? w.attended : m.present === false ? `${w.absent}${m.absenceReason ? `（${m.absenceReason}）` : ''}` : w.notRecorded}
                  </p>
                  {(m.state === 'planned' || m.state === 'open') && <Link to={`/meetings/${m.id}`}>{w.open}</Link>}
                </li>
              ))}
            </ul>
          )}
          <h2 className="h5-card-title" style={{ margin: "20px 0 8px" }}>{w.sessions}</h2>
          {r.study.length === 0 ? <p className="h5-muted">{w.noStudy}</p> : (
            <ul className="h5-list" aria-label={w.sessions}>
              {r.study.map((s) => (
                <li key={s.sessionId} className="h5-card">
                  <strong>{s.course}</strong> · {s.title}
                  <p className="h5-muted">{dayjs(s.startsAt).format('M月D日')} · {s.present ? `${s.hours} ${w.hoursUnit}` : `${w.absent}${s.absenceReason ? `（${s.absenceReason}）` : ''}`}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  )
}
