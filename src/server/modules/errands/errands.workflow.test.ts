import { test } from 'node:test'
import assert from 'node:assert/strict'
import { actionsFor, handoffAllowed, levelOf, refusalOf, stateAfter, workRefusal } from './errands.workflow.ts'

const desk = { desk: true, requester: false }
const requester = { desk: false, requester: true }

test('the desk accepts a submitted errand, starts it and finishes it', () => {
  assert.equal(refusalOf('accept', { state: 'submitted', rated: false }, desk), null)
  assert.equal(stateAfter('accept', 'submitted'), 'accepted')
  assert.equal(stateAfter('start', 'accepted'), 'in_progress')
  assert.equal(stateAfter('done', 'in_progress'), 'done')
  assert.equal(stateAfter('handoff', 'in_progress'), 'in_progress')
})

test('an illegal transition is a conflict, and someone else\'s action is refused first', () => {
  assert.deepEqual(refusalOf('accept', { state: 'done', rated: false }, desk), { status: 409, code: 'ERRAND_STATE_CONFLICT' })
  assert.deepEqual(refusalOf('accept', { state: 'submitted', rated: false }, requester), { status: 403, code: 'FORBIDDEN' })
  assert.deepEqual(refusalOf('cancel', { state: 'done', rated: false }, requester), { status: 409, code: 'ERRAND_STATE_CONFLICT' })
  assert.deepEqual(refusalOf('rate', { state: 'done', rated: true }, requester), { status: 409, code: 'ERRAND_ALREADY_RATED' })
  assert.deepEqual(refusalOf('rate', { state: 'in_progress', rated: false }, requester), { status: 409, code: 'ERRAND_STATE_CONFLICT' })
})

test('the requester may cancel an open errand and rate a finished one, once', () => {
  assert.deepEqual(actionsFor({ state: 'submitted', rated: false }, requester), ['cancel'])
  assert.deepEqual(actionsFor({ state: 'done', rated: false }, requester), ['rate'])
  assert.deepEqual(actionsFor({ state: 'done', rated: true }, requester), [])
  assert.deepEqual(actionsFor({ state: 'accepted', rated: false }, desk), ['reject', 'start', 'handoff', 'done'])
})

test('steps change only while the errand is accepted or in progress; the checklist while it is open', () => {
  assert.equal(workRefusal('steps', 'accepted', desk), null)
  assert.equal(workRefusal('steps', 'submitted', desk)?.status, 409)
  assert.equal(workRefusal('checklist', 'submitted', desk), null)
  assert.equal(workRefusal('checklist', 'done', desk)?.status, 409)
  assert.equal(workRefusal('steps', 'accepted', requester)?.status, 403)
})

test('levels follow the desk\'s kind and hand-offs go one level at a time', () => {
  assert.equal(levelOf('district'), 'centre')
  assert.equal(levelOf('street'), 'station')
  assert.equal(levelOf('village'), 'point')
  assert.equal(handoffAllowed('point', 'station'), 'up')
  assert.equal(handoffAllowed('centre', 'station'), 'down')
  assert.equal(handoffAllowed('point', 'centre'), null)
  assert.equal(handoffAllowed('point', 'point'), null)
})
