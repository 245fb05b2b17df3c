import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { attendanceHours, checkInCode, codeWindow, verifyCheckInCode } from './volunteers.rules.ts'

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

describe('rotating check-in code', () => {
  const at = new Date('2026-05-01T09:05:00+08:00')
  const secret = 'a'.repeat(64)
  test('a code is good in its window and the next one, and expired after', () => {
    const code = checkInCode(secret, '7', codeWindow(at))
    assert.equal(verifyCheckInCode(secret, '7', code, at), 'ok')
    assert.equal(verifyCheckInCode(secret, '7', code, new Date(at.getTime() + 30_000)), 'ok')
    assert.equal(verifyCheckInCode(secret, '7', code, new Date(at.getTime() + 90_000)), 'expired')
  })

  test('a code of another activity or another secret does not verify', () => {
    const code = checkInCode(secret, '7', codeWindow(at))
    assert.equal(verifyCheckInCode(secret, '8', code, at), 'invalid')
    assert.equal(verifyCheckInCode('b'.repeat(64), '7', code, at), 'invalid')
    assert.equal(verifyCheckInCode(secret, '7', `${codeWindow(at)}.0000000000000000`, at), 'invalid')
    assert.equal(verifyCheckInCode(secret, '7', 'garbage', at), 'invalid')
  })
})
