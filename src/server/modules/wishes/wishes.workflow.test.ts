import { test } from 'node:test'
import assert from 'node:assert/strict'
import { actionsFor, refusalOf, wisherLabel } from './wishes.workflow.ts'

const nobody = { wisher: false, claimant: false, moderator: false, mayClaim: false }
const open = { state: 'open' as const, thanked: false, expired: false }

test('the wall names a wisher by surname and a form of address, compound surnames whole', () => {
  assert.equal(wisherLabel('王小明', 'child'), '王同学')
  assert.equal(wisherLabel('欧阳秀兰', 'elderly'), '欧阳老')
  assert.equal(wisherLabel('张三', 'family_in_difficulty'), '张家')
  assert.equal(wisherLabel('李四', 'other'), '李**')
  assert.equal(wisherLabel('欧阳', 'child'), '欧同学')
})

test('a member claims an open wish, not their own, not an expired one; the second claim meets a claimed state', () => {
  const member = { ...nobody, mayClaim: true }
  assert.deepEqual(actionsFor(member, open), ['claim'])
  assert.equal(refusalOf('claim', { ...member, wisher: true }, open), 'forbidden')
  assert.equal(refusalOf('claim', member, { ...open, expired: true }), 'state')
  assert.equal(refusalOf('claim', member, { ...open, state: 'claimed' }), 'state')
  assert.equal(refusalOf('claim', nobody, open), 'forbidden')
})

test('moderators approve pending wishes; claimants fulfil; thanks once; cancel only before a claim', () => {
  const cadre = { ...nobody, moderator: true }
  assert.deepEqual(actionsFor(cadre, { ...open, state: 'pending' }), ['approve', 'reject', 'cancel'])
  assert.deepEqual(actionsFor({ ...nobody, claimant: true }, { ...open, state: 'claimed' }), ['release', 'fulfil'])
  assert.deepEqual(actionsFor({ ...nobody, wisher: true }, { ...open, state: 'fulfilled' }), ['thank'])
  assert.deepEqual(actionsFor({ ...nobody, wisher: true }, { ...open, state: 'fulfilled', thanked: true }), [])
  assert.equal(refusalOf('cancel', { ...nobody, wisher: true }, { ...open, state: 'claimed' }), 'state')
})
