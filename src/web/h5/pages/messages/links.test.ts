/// <reference types="node" />
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { phonePathOf } from './links.ts'

test('a message opens the page of what it is about, for the reader it was sent to', () => {
  assert.equal(phonePathOf({ kind: 'case.assigned', link: { caseId: '7' } }), '/cases/7')
  assert.equal(phonePathOf({ kind: 'order.update', link: { orderId: '12' } }), '/my-orders/12')
  assert.equal(phonePathOf({ kind: 'order.sos', link: { orderId: '13' } }), '/my-orders/13')
  assert.equal(phonePathOf({ kind: 'errand.step', link: { errandId: '3' } }), '/errands/3')
  assert.equal(phonePathOf({ kind: 'wish.claim', link: { wishId: '5' } }), '/my-wishes')
  assert.equal(phonePathOf({ kind: 'wish.thank', link: { wishId: '5' } }), '/my-claimed-wishes')
  assert.equal(phonePathOf({ kind: 'activity_cancelled', link: { activityId: '9' } }), '/activities/9')
  assert.equal(phonePathOf({ kind: 'booking', link: { bookingId: '2', venueId: '1' } }), '/my-bookings')
  assert.equal(phonePathOf({ kind: 'meeting', link: { meetingId: '8' } }), '/meetings/8')
  assert.equal(phonePathOf({ kind: 'registration', link: { registrationId: '4' } }), '/my-registration')
  assert.equal(phonePathOf({ kind: 'vote.remind', link: { voteId: '6', topicId: '8' } }), '/deliberation/topics/8')
  assert.equal(phonePathOf({ kind: 'meeting.invite', link: { meetingId: '3' } }), '/meetings/3')
  assert.equal(phonePathOf({ kind: 'broadcast.new', link: { broadcastId: '1' } }), '/notices')
})

test('work done in the console, and links without a phone page, open nothing', () => {
  assert.equal(phonePathOf({ kind: 'wish.pending', link: { wishId: '5' } }), null)
  assert.equal(phonePathOf({ kind: 'digest', link: { box: 'following' } }), null)
  assert.equal(phonePathOf({ kind: 'x', link: {} }), null)
})
