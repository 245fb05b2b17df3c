// Building leaders of the demo street (issue 17, 三亮): most buildings have a leader in post (the
// people module's building_leader role), two in three of them a Party member of the community (the
// seed's "应配尽配"), others a resident of the building or a new neighbour; most leaders have their
// card (亮身份、亮职责、亮承诺) with duties, a commitment and how to reach them. The demo resident's and
// the demo member's buildings have a leader with a card, so 我的楼栋长 shows one.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import type { PiiKeyring } from '../kernel/pii.ts'
import { createNameGenerator, createRandom } from './geography/city.ts'

const DUTIES = ['party_building', 'information', 'errands', 'mediation', 'property_oversight', 'civility']
const COMMITMENTS = [
  '楼里大事小事，24小时内回应；每月走访每户一次，困难家庭每周上门。',
  '发挥党员先锋作用，带头垃圾分类、楼道不堆物，邻里矛盾第一时间调解。',
  '帮老人代办缴费、取药，收集大家的意见建议及时反映给社区和物业。',
  '守护楼栋平安：每晚巡查一次楼道消防通道和电动车充电情况。',
  '做好楼栋“信息员、服务员、调解员”，有事找我，随叫随到。',
]
const NOTES = ['每晚7点后在1单元门口', '白天上班，晚上和周末在家', '电话打不通请发短信', '住2单元301，可直接敲门', null]

export async function seedDemoBuildingLeaders(tx: Executor, opts: { seed: number; pii: PiiKeyring }): Promise<{ leaders: number; cards: number }> {
  const random = createRandom(opts.seed + 83)
  const nextName = createNameGenerator(createRandom(opts.seed + 84))
  const street = await firstRow<{ path: string }>(tx, sql`SELECT o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { leaders: 0, cards: 0 }
  const buildings = await rows<{ id: string; communityId: string | null; demoHome: boolean }>(tx, sql`
    SELECT b.id::text, (SELECT c.id::text FROM orgs c WHERE c.path @> b.path AND c.kind IN ('community', 'village') LIMIT 1) AS "communityId",
      EXISTS (SELECT 1 FROM role_assignments r JOIN accounts a ON a.person_id = r.person_id WHERE r.org_id = b.id AND a.username IN ('resident', 'member')) AS "demoHome"
    FROM orgs b WHERE b.kind = 'building' AND b.deleted_at IS NULL AND b.path <@ ${street.path}::ltree ORDER BY b.path`)
  // Party members of each community without an account (the demo accounts keep their own stories).
  const members = new Map<string, string[]>()
  for (const m of await rows<{ communityId: string; personId: string }>(tx, sql`SELECT pm.community_id::text AS "communityId", pm.person_id::text AS "personId"
    FROM party_members pm WHERE pm.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = pm.person_id) ORDER BY pm.id`)) {
    members.set(m.communityId, [...(members.get(m.communityId) ?? []), m.personId])
  }
  const residents = new Map<string, string>()
  for (const r of await rows<{ buildingId: string; personId: string }>(tx, sql`SELECT DISTINCT ON (r.org_id) r.org_id::text AS "buildingId", r.person_id::text AS "personId"
    FROM role_assignments r JOIN orgs b ON b.id = r.org_id WHERE r.role = 'resident' AND b.kind = 'building'
      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = r.person_id) ORDER BY r.org_id, r.id`)) residents.set(r.buildingId, r.personId)

  let serial = 0
  const newPerson = async () => {
    const phone = opts.pii.seal('phone', `1771${String(1_000_000 + serial++).padStart(7, '0')}`)
    return (await firstRow<{ id: string }>(tx, sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask)
      VALUES (${nextName()}, ${phone.enc}, ${phone.hash}, ${phone.mask}) RETURNING id::text`))!.id
  }
  const used = new Set<string>()
  const leaders: { buildingId: string; personId: string; demoHome: boolean }[] = []
  for (const b of buildings) {
    if (!b.demoHome && random() >= 0.88) continue
    let personId: string | undefined
    if (random() < 0.7) personId = (members.get(b.communityId ?? '') ?? []).find((p) => !used.has(p))
    personId ??= residents.get(b.id)
    if (personId && used.has(personId)) personId = undefined
    personId ??= await newPerson()
    used.add(personId)
    leaders.push({ buildingId: b.id, personId, demoHome: b.demoHome })
  }
  if (leaders.length === 0) return { leaders: 0, cards: 0 }
  await tx.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT x.person_id, 'building_leader', x.building_id, DATE '2026-01-01'
    FROM json_to_recordset(${JSON.stringify(leaders.map((l) => ({ person_id: l.personId, building_id: l.buildingId })))}::json) AS x(person_id bigint, building_id bigint)`)

  const cards = leaders.filter((l) => l.demoHome || random() < 0.8).map((l, i) => ({
    building_id: l.buildingId, person_id: l.personId,
    duties: random() < 0.6 ? DUTIES : DUTIES.filter(() => random() < 0.75),
    commitments: COMMITMENTS[i % COMMITMENTS.length]!,
    show_phone: l.demoHome || random() < 0.6,
    contact_note: NOTES[Math.floor(random() * NOTES.length)] ?? null,
  }))
  await tx.execute(sql`INSERT INTO building_leader_cards (building_id, person_id, duties, commitments, show_phone, contact_note)
    SELECT x.building_id, x.person_id, ARRAY(SELECT json_array_elements_text(x.duties)), x.commitments, x.show_phone, x.contact_note
    FROM json_to_recordset(${JSON.stringify(cards)}::json) AS x(building_id bigint, person_id bigint, duties json, commitments text, show_phone boolean, contact_note text)`)
  return { leaders: leaders.length, cards: cards.length }
}
