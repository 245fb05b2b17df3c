import { test } from 'node:test'
import assert from 'node:assert/strict'
import { progressOf, stateOf, yearsProblem } from './secretary_projects.workflow.ts'

const m = (dueOn: string, done = false) => ({ dueOn, done })

test('state follows the record: planned, in progress, overdue, done', () => {
  const base = { closed: false, progress: 0, progressManual: false }
  assert.equal(stateOf({ ...base, milestones: [m('2026-12-01')] }, '2026-11-01'), 'planned')
  assert.equal(stateOf({ ...base, milestones: [m('2026-10-01', true), m('2026-12-01')] }, '2026-11-01'), 'in_progress')
  assert.equal(stateOf({ ...base, milestones: [m('2026-10-01'), m('2026-12-01', true)] }, '2026-11-01'), 'overdue')
  // Due today is not overdue yet.
  assert.equal(stateOf({ ...base, milestones: [m('2026-11-01')] }, '2026-11-01'), 'planned')
  assert.equal(stateOf({ ...base, progress: 20, progressManual: true, milestones: [] }, '2026-11-01'), 'in_progress')
  assert.equal(stateOf({ ...base, closed: true, milestones: [m('2026-10-01')] }, '2026-11-01'), 'done')
})

test('progress is the share of milestones done unless set by hand', () => {
  assert.equal(progressOf({ closed: false, progress: 0, progressManual: false, milestones: [m('a', true), m('b'), m('c')] }), 33)
  assert.equal(progressOf({ closed: false, progress: 70, progressManual: true, milestones: [m('a')] }), 70)
  assert.equal(progressOf({ closed: false, progress: 0, progressManual: false, milestones: [] }), 0)
  assert.equal(progressOf({ closed: true, progress: 10, progressManual: true, milestones: [] }), 100)
})

test('a project has one year, a responsibility list up to three', () => {
  assert.equal(yearsProblem('project', 2026, 2026), null)
  assert.equal(yearsProblem('project', 2026, 2027), 'secretaryProjects.yearsProject')
  assert.equal(yearsProblem('duty', 2026, 2028), null)
  assert.equal(yearsProblem('duty', 2026, 2029), 'secretaryProjects.yearsDuty')
  assert.equal(yearsProblem('duty', 2027, 2026), 'secretaryProjects.yearsOrder')
})
