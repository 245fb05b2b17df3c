// How a meeting id that arrives in a path is checked: its subject carries the org node's path,
// the state, whether it is open to registration, the invited and the secretaries. A meeting the
// caller may not read answers 404, as a missing one.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { MeetingSubject } from './meetings.policy.ts'

defineAccessLoader<MeetingSubject>('meeting', {
  notFound: 'MEETING_NOT_FOUND',
  read: 'meeting.read',
  async load(ex, ids) {
    const found = await rows<MeetingSubject & { id: string }>(ex, sql`SELECT m.id::text, o.path::text AS "orgPath", m.state, m.open_registration AS "openRegistration", m.created_by::text AS "createdBy",
        ARRAY(SELECT i.person_id::text FROM meeting_invitees i WHERE i.meeting_id = m.id ORDER BY 1) AS "inviteeIds",
        ARRAY(SELECT i.person_id::text FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.role = 'secretary' ORDER BY 1) AS "secretaryIds"
      FROM meetings m JOIN ${orgTree} o ON o.id = m.org_id WHERE m.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
