// Unit tests of deliberation's pure rules: a vote's outcome, the households a topic needs, and
// what a stage demands before it completes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { roleLevels } from '../../kernel/roles.ts'
import { outcomeOf, stageProblem, supportNeeded } from './deliberation.workflow.ts'
import type { Stage } from './deliberation.schemas.ts'

test('outcome: quorum of the electorate, then "for" more than the threshold of the ballots cast', () => {
  assert.deepEqual(outcomeOf({ for: 3, against: 1, abstain: 0 }, 8, 50, 50), { turnout: 4, quorumMet: true, passed: true })
  assert.deepEqual(outcomeOf({ for: 2, against: 1, abstain: 1 }, 4, 50, 50), { turnout: 4, quorumMet: true, passed: false }, 'exactly half is not more than half')
  assert.deepEqual(outcomeOf({ for: 3, against: 0, abstain: 0 }, 10, 50, 50), { turnout: 3, quorumMet: false, passed: false })
  assert.equal(outcomeOf({ for: 7, against: 3, abstain: 0 }, 10, 50, 66.66).passed, true)
  assert.equal(outcomeOf({ for: 6, against: 3, abstain: 1 }, 10, 50, 66.66).passed, false)
  assert.equal(outcomeOf({ for: 0, against: 0, abstain: 0 }, 0, 0, 50).quorumMet, false, 'no ballots, no quorum')
})

test('support needed: households, a share of the households, the smaller of both, at least one', () => {
  assert.equal(supportNeeded({ supportHouseholds: 5, supportPercent: null }, 300), 5)
  assert.equal(supportNeeded({ supportHouseholds: null, supportPercent: 10 }, 305), 31)
  assert.equal(supportNeeded({ supportHouseholds: 50, supportPercent: 5 }, 200), 10)
  assert.equal(supportNeeded({ supportHouseholds: null, supportPercent: 10 }, 0), 1)
  assert.equal(supportNeeded({ supportHouseholds: null, supportPercent: null }, 100), 10)
})

test('a stage completes only with its role, output, quorum and a passed vote', () => {
  const stage = (over: Partial<Stage>): Stage => ({ key: 's', name: '阶段', role: 'community_cadre', parties: [], output: 'minutes', vote: false, ...over })
  const cadre = roleLevels.community_cadre
  assert.deepEqual(stageProblem(stage({}), 1, roleLevels.grid_worker, { output: '纪要' }, false), { code: 'TOPIC_STAGE_ROLE', role: 'community_cadre' })
  assert.deepEqual(stageProblem(stage({}), 1, cadre, {}, false), { code: 'TOPIC_OUTPUT_REQUIRED' })
  assert.equal(stageProblem(stage({}), 1, cadre, { outputRef: { kind: 'meeting', id: '1' } }, false), null, 'a reference is an output')
  assert.deepEqual(stageProblem(stage({ quorum: 5 }), 1, cadre, { output: '纪要', attendees: 4 }, false), { code: 'TOPIC_QUORUM', quorum: 5 })
  assert.deepEqual(stageProblem(stage({ output: 'resolution', vote: true }), 4, cadre, { output: '决议' }, false), { code: 'TOPIC_VOTE_REQUIRED' })
  assert.equal(stageProblem(stage({ output: 'resolution', vote: true }), 4, cadre, { output: '决议' }, true), null)
  // The residents' own stage is completed by the threshold, or by a cadre.
  assert.deepEqual(stageProblem(stage({ role: 'resident', output: 'none' }), 0, roleLevels.resident, {}, false), { code: 'TOPIC_STAGE_ROLE', role: 'community_cadre' })
  assert.equal(stageProblem(stage({ role: 'resident', output: 'none' }), 0, cadre, {}, false), null)
})
