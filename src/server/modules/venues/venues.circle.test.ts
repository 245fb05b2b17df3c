import { test } from 'node:test'
import assert from 'node:assert/strict'
import { coverSets, exact, greedy, metresBetween } from './venues.circle.ts'

test('distances on the sphere and covering sets by a spatial hash agree with brute force', () => {
  assert.ok(Math.abs(metresBetween({ lng: 115.8, lat: 28.6 }, { lng: 115.81, lat: 28.6 }) - 977) < 3)
  let seed = 7
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  const demand = Array.from({ length: 400 }, () => ({ lng: 115.8 + rnd() * 0.05, lat: 28.6 + rnd() * 0.05 }))
  const cands = Array.from({ length: 60 }, () => ({ lng: 115.8 + rnd() * 0.05, lat: 28.6 + rnd() * 0.05 }))
  const sets = coverSets(demand, cands, 500)
  cands.forEach((c, j) => {
    const brute = demand.map((d, i) => (metresBetween(c, d) <= 500 ? i : -1)).filter((i) => i >= 0)
    assert.deepEqual([...sets[j]!].sort((a, b) => a - b), brute)
  })
})

test('the exact answer beats greedy where greedy is fooled, and says it is optimal', async () => {
  // Four pairs of weight 3 and a point of weight 1: one set covers the two middle points and the
  // single one (7), two others each a pair (6). Greedy takes the 7 first and ends at 10; two pairs make 12.
  const weights = [3, 3, 3, 3, 1]
  const sets = [[0, 1], [2, 3], [1, 2, 4]]
  const g = greedy(weights, sets, 2)
  const e = await exact(weights, sets, 2, 5)
  assert.equal(g.objective, 10)
  assert.equal(e.objective, 12)
  assert.equal(e.status, 'Optimal')
  assert.equal(e.gap, 0)
  assert.deepEqual([...e.picked].sort(), [0, 1])
  // With room for all three, both find everything.
  assert.equal((await exact(weights, sets, 3, 5)).objective, 13)
  assert.equal(greedy(weights, sets, 3).objective, 13)
})
