// A month calendar of meetings, shared by the meetings page and 组织生活: each day cell lists its
// meetings (time, a badge of the state and the caller's label); a meeting opens the one meeting
// page. The caller loads the month's meetings (`useCalendarMonth` gives the month and its bounds).
import { useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Badge, Button, Calendar } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useI18n } from '../../shared/i18n.tsx'
import { errorMessage, linkStyle } from '../common.tsx'

export interface CalendarMeeting {
  id: string
  startsAt: string
  state: string
  label: string
}

/** planned: under way; held: minutes pending; minutes approved: done; cancelled: grey. */
const badgeOf = (state: string) =>
  state === 'cancelled' ? 'default' : state === 'minutes_approved' ? 'success' : state === 'planned' ? 'processing' : 'warning'

/** The shown month (weekday and month names follow the language) and its bounds. */
export function useCalendarMonth() {
  const { lang } = useI18n()
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn')
  const [month, setMonth] = useState<Dayjs>(dayjs())
  const start = month.startOf('month')
  return { month, setMonth, key: month.format('YYYY-MM'), from: start.format('YYYY-MM-DD'), to: start.add(1, 'month').format('YYYY-MM-DD') }
}

export function MeetingCalendar({ month, onMonth, meetings, error, footer }: {
  month: Dayjs
  onMonth: (d: Dayjs) => void
  meetings: CalendarMeeting[]
  error?: unknown
  footer?: ReactNode
}) {
  const navigate = useNavigate()
  const byDay = new Map<string, CalendarMeeting[]>()
  for (const m of meetings) {
    const d = dayjs(m.startsAt).format('YYYY-MM-DD')
    byDay.set(d, [...(byDay.get(d) ?? []), m])
  }
  return (
    <>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Calendar value={month} onPanelChange={(d) => onMonth(d)} onSelect={(d, info) => { if (info.source !== 'date') onMonth(d) }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((m) => (
                <li key={m.id}>
                  <Button type="link" size="small" style={{ ...linkStyle, padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={(e) => { e.stopPropagation(); navigate(`/meetings/${m.id}`) }}>
                    <Badge status={badgeOf(m.state)} />
                    {dayjs(m.startsAt).format('HH:mm')} {m.label}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }} />
      {footer}
    </>
  )
}
