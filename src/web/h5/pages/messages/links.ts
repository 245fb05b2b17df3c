// Where a notification opens on the phone: the page of the record its link names, for the
// reader it was sent to (a wish's news goes to its wisher, a thank-you to its claimant).
// A link with no phone page (work that is done in the console) opens nothing.
export interface NotificationLink { kind: string; link: Record<string, string> }

export function phonePathOf(n: NotificationLink): string | null {
  const l = n.link
  if (l.caseId) return `/cases/${l.caseId}`
  if (l.orderId) return `/my-orders/${l.orderId}`
  if (l.errandId) return `/errands/${l.errandId}`
  if (l.wishId) {
    if (n.kind === 'wish.pending') return null
    return n.kind === 'wish.thank' ? '/my-claimed-wishes' : '/my-wishes'
  }
  if (l.topicId) return `/deliberation/topics/${l.topicId}`
  if (l.meetingId) return `/meetings/${l.meetingId}`
  if (l.broadcastId) return '/notices'
  if (l.activityId) return `/activities/${l.activityId}`
  if (l.bookingId) return '/my-bookings'
  if (l.registrationId || l.memberId) return '/my-registration'
  return null
}
