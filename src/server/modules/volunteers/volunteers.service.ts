// Volunteers (志愿者 / 志愿服务队): profiles and teams (volunteers.teams.ts), activities with
// sign-ups and a waitlist (volunteers.activities.ts), check-in / check-out by a rotating QR code or
// an organiser's confirmation (volunteers.attendance.ts), and the time bank (volunteers.timebank.ts).
// Hours roll up to members' yearly targets through `hoursByPerson` and `serviceRecords`, which
// read with the caller's executor so a caller inside a transaction (the sweep's) reads in it.
import type { Executor } from '../../kernel/db/client.ts'
import { createVolunteerLookups, hoursByPerson, serviceRecords, type VolunteerDeps } from './volunteers.lookups.ts'
import { createTeams } from './volunteers.teams.ts'
import { createActivities } from './volunteers.activities.ts'
import { createAttendance } from './volunteers.attendance.ts'
import { createTimeBank } from './volunteers.timebank.ts'
import { insertSourcedEntry } from './volunteers.timebank.repository.ts'

export { chinaYear } from './volunteers.lookups.ts'

export function createVolunteerService(deps: VolunteerDeps) {
  const l = createVolunteerLookups(deps)
  return {
    // ---- the interface other modules read ----

    /** Checked-out hours per person in a China-time calendar year (by the activity's start). */
    hoursByPerson: (ex: Executor, personIds: string[], year: number) => hoursByPerson(ex, personIds, year),
    /** A person's attendances at activities of a year, newest first (status: checked_in / checked_out / no_show). */
    serviceRecords: (ex: Executor, personId: string, year: number) => serviceRecords(ex, personId, year),
    /**
     * Records a one-to-one service another module confirmed (an order), in the caller's
     * transaction: the hours count toward the giver's year like a time-bank entry. Once per
     * `sourceKey` (a retry records nothing); false when it was already recorded.
     */
    recordServiceHours: (ex: Executor, v: { orgId: string; giverId: string; receiverId: string; hours: number; servedOn: string; note: string; sourceKey: string }) =>
      insertSourcedEntry(ex, { ...v, note: v.note.trim().length >= 2 ? v.note.slice(0, 500) : '服务订单' }),

    ...createTeams(l),
    ...createActivities(l),
    ...createAttendance(l),
    ...createTimeBank(l),
  }
}

export type VolunteerService = ReturnType<typeof createVolunteerService>
