// Test helpers of the meetings module: a meeting body, a meeting about to start (check-in is open),
// and a deliberation topic inserted directly (the meeting tests need one to link, not its workflow).
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import { beijing } from './venues.ts'

let serial = 0

export function meetingBody(orgId: string, over: Record<string, unknown> = {}) {
  return { orgId, kind: 'council_hall', title: `测试议事会${++serial}`, startsAt: beijing(2, 19), endsAt: beijing(2, 21), place: '社区议事厅', ...over }
}

/** A slot that started ten minutes ago and ends in an hour and a half: check-in is open. */
export function soon() {
  const start = new Date(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000)
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 100 * 60_000).toISOString() }
}

export async function newTopic(t: TestApp, orgId: string): Promise<string> {
  const [row] = await t.query<{ id: string }>(sql`INSERT INTO topics (org_id, title, body, template_version_id, state, stage_key)
    SELECT ${orgId}, ${`测试议题${++serial}`}, '测试议题内容', id, 'deliberating', 'discuss' FROM deliberation_template_versions ORDER BY id LIMIT 1
    RETURNING id::text`)
  return row!.id
}
