// What other modules may read of meetings, as relations to join in their own SQL (projections of
// the owner's tables). Deliberation lists a topic's meetings (the six traffic talks of one topic)
// with `topicMeetings`; whoever joins it filters by the reader's scope on `org_id`.
import { sql } from 'drizzle-orm'
import { partyMeetingKindCodes } from './meetings.kinds.ts'

/** (topic_id, meeting_id, org_id, title, kind, starts_at, ends_at, state): each meeting whose agenda or decisions name a topic, once. */
export const topicMeetings = sql`(SELECT DISTINCT l.topic_id, m.id AS meeting_id, m.org_id, m.title, m.kind, m.starts_at, m.ends_at, m.state
  FROM (SELECT topic_id, meeting_id FROM meeting_agenda_items WHERE topic_id IS NOT NULL
        UNION SELECT topic_id, meeting_id FROM meeting_decisions WHERE topic_id IS NOT NULL) l
  JOIN meetings m ON m.id = l.meeting_id)`

/** (id, org_id, kind, title, state, starts_at, ends_at): meetings of the Party's organisation life (kinds of family 'party'); whoever joins it filters by scope on `org_id`. */
export const partyMeetingRows = sql`(SELECT id, org_id, kind, title, state, starts_at, ends_at, held_at, activity_id, wish_id FROM meetings
  WHERE kind IN (${sql.raw(partyMeetingKindCodes.map((k) => `'${k}'`).join(','))}))`

/** (meeting_id, person_id, role, present, absence_reason): who was invited to a meeting and whether they came (null: not recorded). */
export const meetingPresence = sql`(SELECT i.meeting_id, i.person_id, i.role, a.present, a.absence_reason FROM meeting_invitees i
  LEFT JOIN meeting_attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id)`
