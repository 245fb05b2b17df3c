// The fast placing (orders.service.ts `placeFast`) checks `serviceItem.order` before it has read
// the item: that is right only while the policy asks who the caller is and not where the item is.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { can } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import './orders.policy.ts'

const actor = (over: Partial<Actor>): Actor => ({
  kind: 'person', personId: '7', personName: '张三', accountId: '7', sessionId: '1', tokenId: null, roles: [],
  mustChangePassword: false, totpSetupRequired: false, sessionExpired: false, ...over,
})

test('ordering an item depends on the caller alone, never on where the item is', () => {
  const callers = [
    actor({}),
    actor({ roles: [{ role: 'resident', orgId: '5', orgPath: '1.2.3.5' }] as Actor['roles'] }),
    actor({ roles: [{ role: 'community_cadre', orgId: '3', orgPath: '1.2.3' }] as Actor['roles'] }),
    actor({ kind: 'token', personId: null, accountId: null, sessionId: null, tokenId: '9' }),
    actor({ kind: 'anonymous', personId: null, accountId: null, sessionId: null }),
  ]
  const places = ['', '1', '1.2', '1.2.3', '1.2.3.5', '1.9.9.9', '4']
  for (const caller of callers) {
    const answers = new Set(places.map((orgPath) => can(caller, 'serviceItem.order', { orgPath })))
    assert.equal(answers.size, 1, `the answer for ${caller.kind} ${caller.roles.map((r) => r.role).join(',')} changes with the item's place`)
  }
  assert.equal(can(callers[0]!, 'serviceItem.order', { orgPath: '1.2' }), true)
  assert.equal(can(callers[4]!, 'serviceItem.order', { orgPath: '1.2' }), false)
})
