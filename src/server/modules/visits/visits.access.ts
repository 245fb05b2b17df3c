// How visit, visit schedule and visit task ids that arrive in a path, a query or a body are
// checked. A visit is read by its visitor, staff over the place visited and staff of the visitor
// unit ("转为议题" from a visit checks its id here too). Schedules and tasks are read by the
// schedule's owner side (staff over its street or district) and by the units and communities it
// names. Ended schedules still load: their done tasks stay on record.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { ScheduleSubject, VisitSubject } from './visits.policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'

defineAccessLoader<VisitSubject>('visit', {
  notFound: 'VISIT_NOT_FOUND',
  read: 'visit.read',
  async load(ex, ids) {
    const found = await rows<VisitSubject & { id: string }>(ex, sql`
      SELECT v.id::text, o.path::text AS "orgPath", v.visitor_id::text AS "visitorId", vo.path::text AS "visitorOrgPath"
      FROM visits v JOIN ${orgTree} o ON o.id = v.org_id LEFT JOIN ${orgTree} vo ON vo.id = v.visitor_org_id
      WHERE v.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<ScheduleSubject>('visitSchedule', {
  notFound: 'VISIT_SCHEDULE_NOT_FOUND',
  read: 'visitSchedule.read',
  async load(ex, ids) {
    const found = await rows<{ id: string; org_path: string; target_paths: string[] }>(ex, sql`
      SELECT s.id::text, so.path::text AS org_path,
        ARRAY(SELECT p::text FROM visit_schedule_targets t JOIN ${orgTree} vo ON vo.id = t.visitor_org_id JOIN ${orgTree} c ON c.id = t.community_id,
              unnest(ARRAY[vo.path, c.path]) AS p WHERE t.schedule_id = s.id) AS target_paths
      FROM visit_schedules s JOIN ${orgTree} so ON so.id = s.org_id WHERE s.id = ANY(${idArray(ids)})`)
    return new Map(found.map((s) => [s.id, { orgPath: s.org_path, targetPaths: s.target_paths }]))
  },
})

defineAccessLoader<ScheduleSubject>('visitTask', {
  notFound: 'VISIT_TASK_NOT_FOUND',
  read: 'visitSchedule.read',
  async load(ex, ids) {
    const found = await rows<{ id: string; org_path: string; visitor_org_path: string; community_path: string }>(ex, sql`
      SELECT t.id::text, so.path::text AS org_path, vo.path::text AS visitor_org_path, c.path::text AS community_path
      FROM visit_tasks t JOIN visit_schedules s ON s.id = t.schedule_id JOIN ${orgTree} so ON so.id = s.org_id
        JOIN ${orgTree} vo ON vo.id = t.visitor_org_id JOIN ${orgTree} c ON c.id = t.community_id
      WHERE t.id = ANY(${idArray(ids)}) AND (s.deleted_at IS NULL OR t.done_at IS NOT NULL)`)
    return new Map(found.map((t) => [t.id, { orgPath: t.org_path, targetPaths: [t.visitor_org_path, t.community_path] }]))
  },
})
