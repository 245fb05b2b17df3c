import { test } from 'node:test'
import assert from 'node:assert/strict'
import { familyLabelOf } from './family_bank.labels.ts'

test('the public label is the surname and 家, nothing more', () => {
  assert.equal(familyLabelOf('王小明'), '王家')
  assert.equal(familyLabelOf(' 欧阳修 '), '欧阳家')
  assert.equal(familyLabelOf('李'), '李家')
  assert.equal(familyLabelOf('Tom Lee'), '一户人家')
  assert.equal(familyLabelOf(''), '一户人家')
})
