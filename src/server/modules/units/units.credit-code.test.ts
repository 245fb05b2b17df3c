import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildCreditCode, creditCheckChar, isValidCreditCode, orgCodeCheckChar } from './units.credit-code.ts'

test('published credit codes pass the check', () => {
  for (const code of ['91350100M000100Y43', '91110000600037341L']) assert.ok(isValidCreditCode(code), code)
})

test('a code with a wrong check character, a forbidden letter or the wrong length is refused', () => {
  assert.equal(isValidCreditCode('91350100M000100Y44'), false)
  assert.equal(isValidCreditCode('91350100M000100YI3'), false)
  assert.equal(isValidCreditCode('91350100M000100Y4'), false)
  assert.equal(isValidCreditCode('9135010OM000100Y43'), false)
})

test('a built code is valid and carries the organisation code check character', () => {
  const code = buildCreditCode('91', '360105', '31050000')
  assert.ok(isValidCreditCode(code))
  assert.equal(code.slice(0, 8), '91360105')
  assert.equal(code[16], orgCodeCheckChar('31050000'))
  assert.equal(code[17], creditCheckChar(code.slice(0, 17)))
})
