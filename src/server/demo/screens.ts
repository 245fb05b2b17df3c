// Wall screens of the demo city (issue 16): one link per demo community, for the TV in its
// service centre. The demo's links are known so the demo can be shown: /screen/demo-screen-<id>-<seed>
// (a real link is 43 random characters, shown once to the cadre who makes it).
import { sql } from 'drizzle-orm'
import type { Executor } from '../kernel/db/client.ts'
import { sha256 } from '../kernel/auth/secrets.ts'
import { rows } from '../kernel/db/client.ts'

export const demoScreenToken = (communityId: string, seed: number) => `demo-screen-${communityId}-${seed}`

export async function seedDemoScreens(tx: Executor, opts: { seed: number }): Promise<{ screens: number }> {
  const communities = await rows<{ id: string; cadre: string | null }>(tx, sql`SELECT o.id::text,
      (SELECT min(r.person_id)::text FROM role_assignments r WHERE r.org_id = o.id AND r.role = 'community_cadre') AS cadre
    FROM orgs o WHERE o.kind IN ('community', 'village') AND o.deleted_at IS NULL ORDER BY o.id`)
  const screens = communities.map((c) => {
    const token = demoScreenToken(c.id, opts.seed)
    return { org_id: c.id, token_hash: sha256(token), token_hint: token.slice(-4), created_by: c.cadre }
  })
  await tx.execute(sql`INSERT INTO screen_tokens (org_id, name, token_hash, token_hint, created_by)
    SELECT x.org_id, '党群服务中心大厅', x.token_hash, x.token_hint, x.created_by
    FROM jsonb_to_recordset(${JSON.stringify(screens)}::jsonb) AS x(org_id bigint, token_hash text, token_hint text, created_by bigint)`)
  return { screens: screens.length }
}
