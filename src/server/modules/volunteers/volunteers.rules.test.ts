import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { attendanceHours } from './volunteers.rules.ts'

const activity = { startsAt: '2026-05-01T09:00:00+08:00', endsAt: '2026-05-01T12:00:00+08:00', maxHours: null }

describe('attendance hours', () => {
  test('only the time inside the activity counts, rounded down to a tenth of an hour', () => {
    assert.equal(attendanceHours(activity, '2026-05-01T08:30:00+08:00', '2026-05-01T12:40:00+08:00'), 3)
    assert.equal(attendanceHours(activity, '2026-05-01T09:20:00+08:00', '2026-05-01T11:00:00+08:00'), 1.6)
    assert.equal(attendanceHours(activity, '2026-05-01T12:10:00+08:00', '2026-05-01T12:30:00+08:00'), 0)
  })

  test('the activity caps the hours of one attendance', () => {
    assert.equal(attendanceHours({ ...activity, maxHours: 2 }, '2026-05-01T09:00:00+08:00', '2026-05-01T12:00:00+08:00'), 2)
    assert.equal(attendanceHours({ ...activity, maxHours: 2.5 }, '2026-05-01T09:00:00+08:00', '2026-05-01T11:00:00+08:00'), 2)
  })
})
