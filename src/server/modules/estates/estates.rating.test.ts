import { test } from 'node:test'
import assert from 'node:assert/strict'
import { colorOf, lowCriteria, periodStart, scoreSheetProblems, totalOf } from './estates.rating.ts'

const criteria = [
  { code: 'party', name: '党建引领', maxScore: 15 },
  { code: 'sanitation', name: '环境卫生', maxScore: 20 },
]

test('the colour thresholds are inclusive at 90, 80, 70 and 60', () => {
  const cases: [number, string][] = [[100, 'green'], [90, 'green'], [89.9, 'blue'], [80, 'blue'], [79.9, 'yellow'], [70, 'yellow'], [69.9, 'orange'], [60, 'orange'], [59.9, 'red'], [0, 'red']]
  for (const [total, color] of cases) assert.equal(colorOf(total), color, String(total))
})

test('a total adds tenths without float noise', () => {
  assert.equal(totalOf({ a: 0.1, b: 0.2 }), 0.3)
  assert.equal(totalOf({ a: 14.5, b: 19.7 }), 34.2)
})

test('a score sheet names each missing, out-of-range, over-precise and unknown score', () => {
  assert.deepEqual(scoreSheetProblems(criteria, { party: 15, sanitation: 0 }), [])
  const problems = scoreSheetProblems(criteria, { party: 16, nosuch: 1 })
  assert.deepEqual(problems.map((p) => p.path), ['scores.party', 'scores.sanitation', 'scores.nosuch'])
  assert.deepEqual(scoreSheetProblems(criteria, { party: 1.25, sanitation: -1 }).map((p) => p.path), ['scores.party', 'scores.sanitation'])
})

test('low criteria are those under 60 % of their maximum, lowest share first', () => {
  assert.deepEqual(lowCriteria(criteria, { party: 3, sanitation: 11.9 }).map((c) => c.code), ['party', 'sanitation'])
  assert.deepEqual(lowCriteria(criteria, { party: 9, sanitation: 12 }), [])
})

test('a period starts on the first day of its month or quarter', () => {
  assert.equal(periodStart('2026-11'), '2026-11-01')
  assert.equal(periodStart('2026-Q4'), '2026-10-01')
  assert.equal(periodStart('2027-Q1'), '2027-01-01')
})
