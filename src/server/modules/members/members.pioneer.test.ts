import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { pioneerIndex, teamIndex } from './members.pioneer.ts'

const none = { hours: 0, activities: 0, services: 0, reports: 0, rating: null }

describe('pioneer index', () => {
  test('a person with no records scores only the unrated middle of the rating part', () => {
    assert.equal(pioneerIndex(none), 10)
  })

  test('a person who reaches every cap with the best rating scores 100', () => {
    assert.equal(pioneerIndex({ hours: 24, activities: 5, services: 3, reports: 4, rating: 5 }), 100)
  })

  test('records beyond a cap earn nothing more', () => {
    assert.equal(pioneerIndex({ hours: 500, activities: 90, services: 40, reports: 70, rating: 5 }), 100)
  })

  test('each part counts in proportion to its cap', () => {
    assert.equal(pioneerIndex({ ...none, hours: 12 }), 30)
    assert.equal(pioneerIndex({ ...none, activities: 2, services: 2 }), 20)
    assert.equal(pioneerIndex({ ...none, reports: 1 }), 15)
    assert.equal(pioneerIndex({ ...none, rating: 1 }), 0)
    assert.equal(pioneerIndex({ ...none, rating: 4 }), 15)
  })

  test('the index has one decimal', () => {
    assert.equal(pioneerIndex({ ...none, hours: 7 }), 21.7)
  })

  test('a team scores the mean of its members, an empty team zero', () => {
    assert.equal(teamIndex([100, 10, 21.7]), 43.9)
    assert.equal(teamIndex([]), 0)
  })
})
