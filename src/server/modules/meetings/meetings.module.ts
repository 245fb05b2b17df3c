// Meetings (议事厅, 圆桌会, 理事会, 五位一体): agenda, parties, invitees, the room booked through
// venues, registration, check-in by the rotating code, attendance, quorum, minutes approved by
// those present, decisions linked to topics; the sweep closes meetings left open.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { VenuesModuleService } from '../venues/venues.module.ts'
import type { MeetingDeps } from './meetings.lookups.ts'
import { createMeetingService } from './meetings.service.ts'
import { createAttendance } from './meetings.attendance.ts'
import { createMinutes } from './meetings.minutes.ts'
import { meetingRoutes } from './meetings.routes.ts'

export function createMeetingsModuleService(deps: MeetingDeps) {
  const meetings = createMeetingService(deps)
  return { meetings, attendance: createAttendance(meetings), minutes: createMinutes(meetings) }
}
export type MeetingsModuleService = ReturnType<typeof createMeetingsModuleService>

export const meetingsModule = defineModule({
  name: 'meetings',
  needs: ['notifications', 'venues'],
  create: ({ db, config }, { notifications, venues }: { notifications: NotificationService; venues: VenuesModuleService }) =>
    createMeetingsModuleService({ db, notifications, bookings: venues.bookings, publicUrl: config.PUBLIC_URL }),
  routes: meetingRoutes,
  jobs: (s) => [{ name: 'meetingSweep', run: (tx, now) => s.meetings.sweep(tx, now) }],
})
