// Wishes (微心愿) of the demo street (issue 15): about forty wishes of children, elderly people and
// families in difficulty across its communities, in every state: waiting for review, not approved,
// open on the wall, claimed by demo members and units, fulfilled (most of them thanked) and
// withdrawn; some posted by a cadre for the wisher. Each has its timeline, dated back from the day
// the demo is seeded. The demo resident has wishes of their own and the demo member has claims.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const WISHES: { beneficiary: string; category: string; title: string; story: string; value: number }[] = [
  { beneficiary: 'child', category: 'study', title: '想要一套课外科普读物', story: '喜欢看星星和恐龙，想多读几本科普书', value: 150 },
  { beneficiary: 'child', category: 'study', title: '想要一个新书包', story: '旧书包的拉链坏了，想背新书包上学', value: 120 },
  { beneficiary: 'child', category: 'study', title: '想要一台学习用的台灯', story: '晚上写作业光线太暗', value: 90 },
  { beneficiary: 'child', category: 'culture', title: '想学电子琴，需要一台入门电子琴', story: '在学校合唱团，想学一门乐器', value: 400 },
  { beneficiary: 'child', category: 'culture', title: '想要一双运动鞋参加校运会', story: '报名了 400 米跑', value: 200 },
  { beneficiary: 'child', category: 'study', title: '想要一本新华字典和文具', story: '刚上一年级', value: 60 },
  { beneficiary: 'child', category: 'companionship', title: '希望有大哥哥大姐姐辅导数学', story: '父母在外地打工，作业没人辅导', value: 50 },
  { beneficiary: 'child', category: 'culture', title: '想去科技馆参观一次', story: '从没去过科技馆', value: 80 },
  { beneficiary: 'elderly', category: 'daily', title: '想要一台收音机听戏', story: '眼睛不好，喜欢听赣剧', value: 100 },
  { beneficiary: 'elderly', category: 'health', title: '需要一个家用血压计', story: '高血压，每天要量血压', value: 180 },
  { beneficiary: 'elderly', category: 'daily', title: '想换一床厚棉被过冬', story: '独居，旧被子不暖和了', value: 200 },
  { beneficiary: 'elderly', category: 'health', title: '想要一根助行拐杖', story: '腿脚不便，出门买菜吃力', value: 80 },
  { beneficiary: 'elderly', category: 'companionship', title: '希望有人每周陪我聊聊天', story: '子女在外地，一个人在家', value: 20 },
  { beneficiary: 'elderly', category: 'daily', title: '想请人帮忙修好家里的电灯', story: '厨房的灯坏了好久', value: 50 },
  { beneficiary: 'elderly', category: 'health', title: '需要一副老花镜', story: '看报纸看不清了', value: 60 },
  { beneficiary: 'elderly', category: 'culture', title: '想学用智能手机和孙子视频', story: '买了手机不会用', value: 20 },
  { beneficiary: 'elderly', category: 'daily', title: '想要一个电热水壶', story: '旧水壶漏电了', value: 70 },
  { beneficiary: 'elderly', category: 'health', title: '想要一个按摩靠垫缓解腰疼', story: '腰椎不好', value: 150 },
  { beneficiary: 'family_in_difficulty', category: 'daily', title: '想要一台二手洗衣机', story: '家里老人卧床，手洗衣物很吃力', value: 450 },
  { beneficiary: 'family_in_difficulty', category: 'daily', title: '孩子冬天缺一件羽绒服', story: '孩子长高了，去年的衣服穿不下', value: 200 },
  { beneficiary: 'family_in_difficulty', category: 'study', title: '想要一张写字桌', story: '孩子在饭桌上写作业', value: 300 },
  { beneficiary: 'family_in_difficulty', category: 'daily', title: '想要一袋米和一桶油过年', story: '家中主要劳动力生病住院', value: 150 },
  { beneficiary: 'disabled', category: 'health', title: '需要一个坐便椅', story: '下肢残疾，如厕不便', value: 160 },
  { beneficiary: 'disabled', category: 'companionship', title: '希望有人推轮椅陪我去公园', story: '很久没出门看看了', value: 20 },
  { beneficiary: 'other', category: 'daily', title: '想要一个小电饭煲', story: '刚搬来社区，一个人生活', value: 120 },
]
const THANKS = ['谢谢叔叔阿姨，我会好好学习！', '太感谢了，党员同志真贴心', '收到了，暖在心里，谢谢你们', '谢谢社区和爱心单位的帮助', '非常感谢，祝你们工作顺利']
const REJECTS = ['价值超出微心愿范围，已转社区救助', '同一家庭本月已有心愿在认领中']

/** About forty wishes by state: how many of each. */
const PLAN: [state: string, count: number][] = [['pending', 6], ['rejected', 2], ['open', 12], ['claimed', 7], ['fulfilled', 11], ['cancelled', 2]]

export async function seedDemoWishes(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ wishes: number }> {
  const random = createRandom(opts.seed + 29)
  const now = opts.now ?? new Date()
  const day = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
  const chinaDay = (d: number) => new Date(now.getTime() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10)
  const [street] = await rows<{ id: string; path: string }>(tx, sql`SELECT o.id::text, o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { wishes: 0 }
  const communities = await rows<{ id: string; path: string; cadres: string[]; residents: string[]; members: string[] }>(tx, sql`SELECT c.id::text, c.path::text,
      ARRAY(SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.person_id) AS cadres,
      ARRAY(SELECT DISTINCT r.person_id::text FROM role_assignments r JOIN orgs b ON b.id = r.org_id WHERE r.role = 'resident' AND b.path <@ c.path ORDER BY 1 LIMIT 40) AS residents,
      ARRAY(SELECT pm.person_id::text FROM party_members pm WHERE pm.community_id = c.id AND pm.deleted_at IS NULL ORDER BY pm.id LIMIT 20) AS members
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL ORDER BY c.id`)
  const usable = communities.filter((c) => c.cadres.length > 0 && c.residents.length > 0)
  if (usable.length === 0) return { wishes: 0 }
  const units = await rows<{ id: string; personId: string }>(tx, sql`SELECT u.id::text, (SELECT min(up.person_id)::text FROM unit_people up WHERE up.unit_id = u.id) AS "personId"
    FROM units u JOIN orgs o ON o.id = u.org_id WHERE o.path <@ ${street.path}::ltree AND u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM unit_people up WHERE up.unit_id = u.id) ORDER BY u.id LIMIT 20`)
  const demo = Object.fromEntries((await rows<{ username: string; id: string }>(tx, sql`SELECT username, person_id::text AS id FROM accounts WHERE username IN ('resident', 'member')`)).map((a) => [a.username, a.id]))
  const allMembers = [...new Set([...(demo.member ? [demo.member] : []), ...usable.flatMap((c) => c.members)])]

  let n = 0
  for (const [state, count] of PLAN) {
    for (let i = 0; i < count; i++, n++) {
      const c = usable[n % usable.length]!
      const w = WISHES[n % WISHES.length]!
      // The demo resident's own wishes: one pending, one open, one fulfilled.
      const own = demo.resident && ((state === 'pending' && i === 0) || (state === 'open' && i === 0) || (state === 'fulfilled' && i === 0))
      const wisher = own ? demo.resident! : pick(random, c.residents)
      const cadre = pick(random, c.cadres)
      const forOther = !own && random() < 0.3
      const postedAgo = 3 + Math.floor(random() * 40)
      const events: { action: string; from: string | null; to: string; actor: string | null; at: string; note?: string }[] = [
        { action: 'create', from: null, to: 'pending', actor: forOther ? cadre : wisher, at: day(postedAgo) },
      ]
      const set: Record<string, unknown> = {}
      const moderatedAgo = postedAgo - 1
      if (state === 'rejected') {
        set.reason = pick(random, REJECTS)
        events.push({ action: 'reject', from: 'pending', to: 'rejected', actor: cadre, at: day(moderatedAgo), note: set.reason as string })
      }
      if (['open', 'claimed', 'fulfilled', 'cancelled'].includes(state)) events.push({ action: 'approve', from: 'pending', to: 'open', actor: cadre, at: day(moderatedAgo) })
      if (state === 'rejected' || ['open', 'claimed', 'fulfilled', 'cancelled'].includes(state)) Object.assign(set, { moderated_by: cadre, moderated_at: day(moderatedAgo) })
      let claimant: string | null = null
      let unit: string | null = null
      if (state === 'claimed' || state === 'fulfilled') {
        const byUnit = units.length > 0 && random() < 0.35
        if (byUnit) {
          const u = pick(random, units)
          unit = u.id
          claimant = u.personId
        } else {
          claimant = i % 3 === 0 && demo.member ? demo.member : pick(random, allMembers.length ? allMembers : c.cadres)
        }
        if (claimant === wisher) claimant = c.cadres[0]!
        const claimedAgo = Math.max(1, moderatedAgo - 1 - Math.floor(random() * 3))
        Object.assign(set, { claimant_person_id: claimant, claimant_unit_id: unit, claimed_at: day(claimedAgo) })
        events.push({ action: 'claim', from: 'open', to: 'claimed', actor: claimant, at: day(claimedAgo) })
        if (state === 'fulfilled') {
          const fulfilledAgo = Math.max(0, claimedAgo - 1 - Math.floor(random() * 5))
          Object.assign(set, { fulfilled_at: day(fulfilledAgo), fulfil_note: '心愿物品已送到心愿人手中' })
          events.push({ action: 'fulfil', from: 'claimed', to: 'fulfilled', actor: claimant, at: day(fulfilledAgo), note: '心愿物品已送到心愿人手中' })
          if (i < 8) {
            const thanks = pick(random, THANKS)
            Object.assign(set, { thanks, thanked_at: day(Math.max(0, fulfilledAgo - 1)) })
            events.push({ action: 'thank', from: 'fulfilled', to: 'fulfilled', actor: forOther ? cadre : wisher, at: day(Math.max(0, fulfilledAgo - 1)), note: thanks })
          }
        }
      }
      if (state === 'cancelled') {
        set.reason = '本人撤回'
        events.push({ action: 'cancel', from: 'open', to: 'cancelled', actor: wisher, at: day(moderatedAgo - 1), note: '本人撤回' })
      }
      const expiresOn = chinaDay(60 - postedAgo)
      const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO wishes (org_id, state, wisher_id, posted_by, beneficiary, category, title, story, value_yuan, expires_on,
          moderated_by, moderated_at, reason, claimant_person_id, claimant_unit_id, claimed_at, fulfilled_at, fulfil_note, thanks, thanked_at, created_at, updated_at)
        VALUES (${c.id}, ${state}, ${wisher}, ${forOther ? cadre : wisher}, ${w.beneficiary}, ${w.category}, ${w.title}, ${w.story}, ${w.value}, ${expiresOn},
          ${set.moderated_by ?? null}, ${set.moderated_at ?? null}, ${set.reason ?? null}, ${set.claimant_person_id ?? null}, ${set.claimant_unit_id ?? null}, ${set.claimed_at ?? null},
          ${set.fulfilled_at ?? null}, ${set.fulfil_note ?? null}, ${set.thanks ?? null}, ${set.thanked_at ?? null}, ${day(postedAgo)}, ${events.at(-1)!.at})
        RETURNING id::text`)
      for (const e of events) {
        await tx.execute(sql`INSERT INTO wish_events (wish_id, actor_id, action, from_state, to_state, note, data, at)
          VALUES (${row!.id}, ${e.actor}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null}, ${JSON.stringify(e.action === 'claim' && unit ? { unitId: unit } : {})}::jsonb, ${e.at})`)
      }
    }
  }
  return { wishes: n }
}
