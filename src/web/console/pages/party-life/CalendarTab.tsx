// 会议日历: a Party organisation's meetings in a month calendar (GET /party-orgs/:id/meetings
// from–to); a meeting opens the one meeting page (agenda, attendance, minutes, photos).
import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { partyMeetingItemSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds } from '@server/modules/meetings/meetings.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { MeetingCalendar, useCalendarMonth } from '../../components/MeetingCalendar.tsx'

type Item = z.infer<typeof partyMeetingItemSchema>

export function CalendarTab({ partyOrgId }: { partyOrgId: string }) {
  const { lang } = useI18n()
  const { month, setMonth, from, to } = useCalendarMonth()
  const found = useQuery({ queryKey: ['party-life', 'meetings', partyOrgId, from], queryFn: () => api<Item[]>(`/party-orgs/${partyOrgId}/meetings?from=${from}&to=${to}`) })
  const meetings = (found.data ?? []).map((m) => ({ id: m.id, startsAt: m.startsAt, state: m.state, label: meetingKinds[m.kind][lang] }))
  return <MeetingCalendar month={month} onMonth={setMonth} meetings={meetings} error={found.error} />
}
