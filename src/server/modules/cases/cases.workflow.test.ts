// The case state machine on its own: every action from every state, who may take it, where it
// leads, and which refusal the one refused sees. No database: the rules are data.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { anonymousActor } from '../../kernel/context.ts'
import type { CaseRow } from './cases.repository.ts'
import { caseActions, type CaseAction, type CaseState } from './cases.schemas.ts'
import { mayReopenAgain, refusalOf, reopenedState, stateAfter, type Viewer } from './cases.workflow.ts'

const STATES: CaseState[] = ['reported', 'accepted', 'rejected', 'assigned', 'in_progress', 'handled', 'verified', 'closed']
const OPEN: CaseState[] = ['reported', 'accepted', 'assigned', 'in_progress']

/** Written out by hand from docs/cases-api.md, not derived from RULES, so a changed rule fails here. */
const FROM: Record<CaseAction, CaseState[]> = {
  accept: ['reported'],
  reject: ['reported'],
  assign: OPEN,
  take: ['reported', 'accepted', 'assigned'],
  start: ['assigned'],
  handle: ['assigned', 'in_progress'],
  verify: ['handled'],
  return: ['handled', 'verified'],
  close: ['verified'],
  escalate: OPEN,
  reopen: ['closed'],
  rate: ['closed'],
  revisit: ['closed'],
  update: [...OPEN, 'handled', 'verified'],
  merge: ['reported', 'accepted'],
  meetings: [...OPEN, 'handled', 'verified', 'closed'],
}

const labels = { state: '状态', action: '操作' }
const DAY = 86_400_000
const now = Date.parse('2026-12-05T08:00:00Z')

function caseRow(over: Partial<CaseRow> = {}): CaseRow {
  return {
    id: '1', districtId: '2', state: 'reported', level: 'grid', categoryCode: 'env', categoryName: '环境卫生', description: '垃圾堆放',
    address: null, lng: 115.9, lat: 28.7, orgId: '10', orgPath: '1.2.3.10', gridName: '第一网格', communityId: '3', communityName: '翠岩社区',
    handlingOrgId: '10', handlingOrgPath: '1.2.3.10', handlingOrgName: '第一网格', assigneeId: null, assigneeName: null,
    lastHandlerId: '77', reporterId: '55', reporterName: '居民', reporterPhoneMask: null, anonymous: false, channel: 'h5', photos: [],
    acceptDueAt: null, handleDueAt: null, overdueAt: null, acceptedAt: null, handledAt: null, closedAt: null, result: null,
    rejectReason: null, rating: null, ratingComment: null, reopens: 0, escalations: 0,
    revisitDueAt: new Date(now - DAY).toISOString(), revisitedAt: null, revisitFixed: null, revisitSatisfaction: null, mergedIntoId: null, visitId: null,
    followers: 0, following: false, watched: false, publicCategory: true, token: 't', createdAt: '', updatedAt: '',
    ...over,
  }
}

/** A viewer with every power the rules ask for; a test takes away the one it is about. */
function viewer(over: Partial<Viewer> = {}): Viewer {
  return { actor: anonymousActor, me: '99', staff: true, dispatcher: true, assignee: true, reporter: true, now, ...over }
}

describe('which states each action starts from', () => {
  for (const action of caseActions) {
    test(`${action}: allowed from ${FROM[action].join(', ')}; from any other state 409 CASE_STATE_CONFLICT`, () => {
      for (const state of STATES) {
        const refused = refusalOf(action, caseRow({ state }), viewer(), labels)
        if (FROM[action].includes(state)) assert.equal(refused, null, `${action} from ${state}`)
        else assert.deepEqual(refused, { status: 409, code: 'CASE_STATE_CONFLICT', params: labels }, `${action} from ${state}`)
      }
    })
  }
})

describe('who may take each action', () => {
  const refused = (action: CaseAction, c: Partial<CaseRow>, v: Partial<Viewer>) => refusalOf(action, caseRow({ state: FROM[action][0], ...c }), viewer(v), labels)
  const nobody = { staff: false, dispatcher: false, assignee: false, reporter: false }

  test('accepting, rejecting and merging is for staff of the handling unit', () => {
    for (const a of ['accept', 'reject', 'merge'] as const) {
      assert.equal(refused(a, {}, { ...nobody, staff: true }), null)
      assert.deepEqual(refused(a, {}, { staff: false }), { status: 403, code: 'FORBIDDEN' })
    }
  })

  test('assigning, returning, closing and reopening is for a dispatcher', () => {
    for (const a of ['assign', 'return', 'close', 'reopen'] as const) {
      assert.equal(refused(a, {}, { ...nobody, dispatcher: true }), null)
      assert.deepEqual(refused(a, {}, { dispatcher: false }), { status: 403, code: 'FORBIDDEN' })
    }
    assert.deepEqual(refused('reopen', { mergedIntoId: '2' }, {}), { status: 403, code: 'FORBIDDEN' }, 'a merged case is not reopened')
  })

  test('taking is for staff with a person; a taken case answers 409 with the taker named', () => {
    assert.equal(refused('take', {}, { ...nobody, staff: true }), null)
    assert.deepEqual(refused('take', {}, { me: null }), { status: 403, code: 'FORBIDDEN' })
    assert.deepEqual(refused('take', { state: 'assigned', assigneeId: '5', assigneeName: '李四' }, {}), { status: 409, code: 'CASE_ALREADY_TAKEN', params: { name: '李四' } })
  })

  test('starting and handling is for the assignee or a dispatcher; other staff hear CASE_NOT_ASSIGNEE', () => {
    for (const a of ['start', 'handle'] as const) {
      assert.equal(refused(a, {}, { ...nobody, assignee: true }), null)
      assert.equal(refused(a, {}, { ...nobody, dispatcher: true }), null)
      assert.deepEqual(refused(a, {}, { ...nobody, staff: true }), { status: 403, code: 'CASE_NOT_ASSIGNEE' })
      assert.deepEqual(refused(a, {}, nobody), { status: 403, code: 'FORBIDDEN' })
    }
  })

  test('verifying is for a dispatcher who did not handle the case', () => {
    assert.equal(refused('verify', { lastHandlerId: '77' }, { ...nobody, dispatcher: true, me: '99' }), null)
    assert.deepEqual(refused('verify', { lastHandlerId: '99' }, { me: '99' }), { status: 403, code: 'FORBIDDEN' })
  })

  test('escalating is for staff, up to the department level', () => {
    assert.equal(refused('escalate', { level: 'street' }, { ...nobody, staff: true }), null)
    assert.deepEqual(refused('escalate', { level: 'department' }, {}), { status: 422, code: 'CASE_TOP_LEVEL' })
    assert.deepEqual(refused('escalate', {}, nobody), { status: 403, code: 'FORBIDDEN' })
  })

  test('rating is the reporter\'s, once per closing', () => {
    assert.equal(refused('rate', {}, { ...nobody, reporter: true }), null)
    assert.deepEqual(refused('rate', { rating: 4 }, {}), { status: 409, code: 'CASE_ALREADY_RATED' })
    assert.deepEqual(refused('rate', {}, { reporter: false }), { status: 403, code: 'CASE_NOT_REPORTER' })
    assert.deepEqual(refused('rate', { mergedIntoId: '2' }, {}), { status: 403, code: 'CASE_NOT_REPORTER' })
  })

  test('a revisit is offered to staff right after closing, to the reporter when it is due, once', () => {
    assert.equal(refused('revisit', {}, { ...nobody, reporter: true }), null)
    assert.equal(refused('revisit', {}, { ...nobody, staff: true }), null)
    const notDue = { revisitDueAt: new Date(now + DAY).toISOString() }
    assert.equal(refused('revisit', notDue, { ...nobody, staff: true }), null, 'staff call right after 销号')
    assert.deepEqual(refused('revisit', notDue, { ...nobody, reporter: true }), { status: 422, code: 'CASE_REVISIT_NOT_DUE' })
    assert.deepEqual(refused('revisit', { revisitedAt: new Date(now).toISOString() }, { ...nobody, staff: true }), { status: 422, code: 'CASE_REVISIT_NOT_DUE' })
    assert.deepEqual(refused('revisit', { revisitedAt: new Date(now).toISOString() }, {}), { status: 422, code: 'CASE_REVISIT_NOT_DUE' })
    assert.deepEqual(refused('revisit', { revisitDueAt: null }, {}), { status: 422, code: 'CASE_REVISIT_NOT_DUE' })
    assert.deepEqual(refused('revisit', {}, nobody), { status: 403, code: 'FORBIDDEN' })
  })

  test('progress notes are for staff or the assignee; joint reviews for staff', () => {
    assert.equal(refused('update', {}, { ...nobody, assignee: true }), null)
    assert.deepEqual(refused('update', {}, nobody), { status: 403, code: 'FORBIDDEN' })
    assert.equal(refused('meetings', {}, { ...nobody, staff: true }), null)
    assert.deepEqual(refused('meetings', {}, { staff: false }), { status: 403, code: 'FORBIDDEN' })
  })
})

describe('where each action leads', () => {
  const after: Record<CaseAction, CaseState | 'unchanged'> = {
    accept: 'accepted', reject: 'rejected', assign: 'assigned', take: 'assigned', start: 'in_progress', handle: 'handled',
    verify: 'verified', return: 'in_progress', close: 'closed', escalate: 'accepted', reopen: 'assigned', rate: 'unchanged',
    revisit: 'unchanged', update: 'unchanged', merge: 'rejected', meetings: 'unchanged',
  }
  for (const action of caseActions) {
    test(`${action} → ${after[action]}`, () => {
      for (const state of FROM[action]) {
        const expected = after[action] === 'unchanged' ? state : after[action]
        assert.equal(stateAfter(action, caseRow({ state, lastHandlerId: '77' })), expected)
      }
    })
  }

  test('a reopened case goes back to its last handler, or to its unit when nobody handled it', () => {
    assert.equal(reopenedState({ lastHandlerId: '77' }), 'assigned')
    assert.equal(reopenedState({ lastHandlerId: null }), 'accepted')
    assert.equal(stateAfter('reopen', { state: 'closed', lastHandlerId: null }), 'accepted')
  })

  test('a dissatisfied reporter reopens a case up to CASE_MAX_REOPENS times', () => {
    assert.equal(mayReopenAgain({ reopens: 0 }, 2), true)
    assert.equal(mayReopenAgain({ reopens: 1 }, 2), true)
    assert.equal(mayReopenAgain({ reopens: 2 }, 2), false)
    assert.equal(mayReopenAgain({ reopens: 0 }, 0), false)
  })
})
