// 会议日历: a Party organisation's meetings in a month calendar (GET /party-orgs/:id/meetings
// from–to); a meeting opens the one meeting page (agenda, attendance, minutes, photos).
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Badge, Button, Calendar } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { z } from 'zod'
import type { partyMeetingItemSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds } from '@server/modules/meetings/meetings.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, linkStyle } from '../../common.tsx'

type Item = z.infer<typeof partyMeetingItemSchema>

export function CalendarTab({ partyOrgId }: { partyOrgId: string }) {
  const { lang } = useI18n()
  const navigate = useNavigate()
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn')
  const [month, setMonth] = useState<Dayjs>(dayjs())
  const from = month.startOf('month').format('YYYY-MM-DD')
  const to = month.startOf('month').add(1, 'month').format('YYYY-MM-DD')
  const found = useQuery({ queryKey: ['party-life', 'meetings', partyOrgId, from], queryFn: () => api<Item[]>(`/party-orgs/${partyOrgId}/meetings?from=${from}&to=${to}`) })
  const byDay = new Map<string, Item[]>()
  for (const m of found.data ?? []) {
    const d = dayjs(m.startsAt).format('YYYY-MM-DD')
    byDay.set(d, [...(byDay.get(d) ?? []), m])
  }
  return (
    <>
      {found.error && <Alert type="error" showIcon title={errorMessage(found.error)} role="alert" style={{ marginBottom: 12 }} />}
      <Calendar value={month} onPanelChange={(d) => setMonth(d)} onSelect={(d, info) => { if (info.source !== 'date') setMonth(d) }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((m) => (
                <li key={m.id}>
                  <Button type="link" size="small" style={{ ...linkStyle, padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={(e) => { e.stopPropagation(); navigate(`/meetings/${m.id}`) }}>
                    <Badge status={m.state === 'cancelled' ? 'default' : m.state === 'held' || m.state === 'minutes_approved' ? 'success' : 'processing'} />
                    {dayjs(m.startsAt).format('HH:mm')} {meetingKinds[m.kind][lang]}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }} />
    </>
  )
}
