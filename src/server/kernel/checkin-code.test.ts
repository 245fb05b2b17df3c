import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { checkInCode, codeWindow, verifyCheckInCode } from './checkin-code.ts'

describe('rotating check-in code', () => {
  const at = new Date('2026-05-01T09:05:00+08:00')
  const secret = 'a'.repeat(64)
  test('a code is good in its window and the next one, and expired after', () => {
    const code = checkInCode(secret, '7', codeWindow(at))
    assert.equal(verifyCheckInCode(secret, '7', code, at), 'ok')
    assert.equal(verifyCheckInCode(secret, '7', code, new Date(at.getTime() + 30_000)), 'ok')
    assert.equal(verifyCheckInCode(secret, '7', code, new Date(at.getTime() + 90_000)), 'expired')
  })

  test('a code of another subject or another secret does not verify', () => {
    const code = checkInCode(secret, '7', codeWindow(at))
    assert.equal(verifyCheckInCode(secret, '8', code, at), 'invalid')
    assert.equal(verifyCheckInCode('b'.repeat(64), '7', code, at), 'invalid')
    assert.equal(verifyCheckInCode(secret, '7', `${codeWindow(at)}.0000000000000000`, at), 'invalid')
    assert.equal(verifyCheckInCode(secret, '7', 'garbage', at), 'invalid')
  })
})
