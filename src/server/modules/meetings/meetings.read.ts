// What other modules may read of meetings, as relations to join in their own SQL (projections of
// the owner's tables). Deliberation lists a topic's meetings (the six traffic talks of one topic)
// with `topicMeetings`; whoever joins it filters by the reader's scope on `org_id`.
import { sql } from 'drizzle-orm'

/** (topic_id, meeting_id, org_id, title, kind, starts_at, ends_at, state): each meeting whose agenda or decisions name a topic, once. */
export const topicMeetings = sql`(SELECT DISTINCT l.topic_id, m.id AS meeting_id, m.org_id, m.title, m.kind, m.starts_at, m.ends_at, m.state
  FROM (SELECT topic_id, meeting_id FROM meeting_agenda_items WHERE topic_id IS NOT NULL
        UNION SELECT topic_id, meeting_id FROM meeting_decisions WHERE topic_id IS NOT NULL) l
  JOIN meetings m ON m.id = l.meeting_id)`
