import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatHours, parseHours } from './venues.sheets.ts'

test('opening hours read as a notice says them, and written back the same way', () => {
  const weekly = parseHours('周一至周五 08:30-17:30；周六 9:00-12:00')
  assert.ok(Array.isArray(weekly))
  assert.deepEqual(weekly.map((w) => w.day), [1, 2, 3, 4, 5, 6])
  assert.deepEqual(weekly[5], { day: 6, open: '09:00', close: '12:00' })
  assert.equal(formatHours(weekly), '周一至周五 08:30-17:30；周六 09:00-12:00')
  assert.equal(formatHours(parseHours('每天 08:00-20:00') as never), '每天 08:00-20:00')
  assert.equal(formatHours(parseHours('全天') as never), '全天')
  assert.deepEqual((parseHours('周二、周四 14:00-16:00') as { day: number }[]).map((w) => w.day), [2, 4])
  assert.equal(typeof parseHours('工作日白天'), 'string')
  assert.match(parseHours('周一 18:00-09:00') as string, /关门须晚于开门/)
  assert.match(parseHours('周五至周一 08:00-09:00') as string, /顺序/)
  assert.deepEqual(parseHours(''), [])
})
