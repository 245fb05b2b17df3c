import assert from 'node:assert/strict'
import { test } from 'node:test'
import { beijingTime } from './china-time.ts'

test('a moment is written in Beijing time whatever the server zone', () => {
  assert.equal(beijingTime('2026-12-06T10:00:00Z'), '2026-12-06 18:00')
  assert.equal(beijingTime('2026-12-31T16:30:00.000Z'), '2027-01-01 00:30')
  assert.equal(beijingTime(new Date('2026-07-01T00:05:00+08:00')), '2026-07-01 00:05')
})
