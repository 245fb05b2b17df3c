// 家风银行 of the demo city (issue 16, after 湾里's "1,000 family mottos, 300 stories"): a thousand
// mottos and three hundred stories deposited by residents of the demo communities over the past
// year, nearly all published, a few waiting for review and a few not accepted (with the reason);
// the demo resident has deposits of their own. Inserted in one statement.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'
import { familyLabelOf } from '../modules/family_bank/family_bank.labels.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const MOTTO_HEADS = ['勤俭持家', '孝老爱亲', '诚实守信', '耕读传家', '和睦邻里', '知足常乐', '读书明理', '清白做人', '踏实做事', '尊老爱幼', '与人为善', '严以律己', '勤学好问', '邻里相助', '家和万事兴']
const MOTTO_TAILS = ['，一粥一饭当思来处不易', '，百善孝为先', '，言必信行必果', '，书香继世长', '，远亲不如近邻', '，吃亏是福', '，做人先立德', '，不贪不占', '，干一行爱一行', '，老吾老以及人之老', '，赠人玫瑰手有余香', '，宽以待人', '，不懂就问', '，有难同当', '，家风正则后代兴']
const STORY_TITLES = ['爷爷的夜校', '奶奶的针线包', '父亲的老党员证', '母亲的账本', '一封家书', '三代人的军装', '外婆的菜园', '老屋门前的树', '哥哥的奖状', '一辆旧自行车', '父亲修了三十年的桥', '母亲照顾邻居阿婆十年']
const STORY_BODIES = [
  '小时候家里穷，{title}是我们家最珍贵的东西。长辈常说，日子再苦也要清白做人、踏实做事。这句话我记了一辈子，也讲给了孩子们听。',
  '{title}的故事在我们家传了三代。每逢过年，一家人围坐在一起，老人总要把这个故事再讲一遍，告诉我们做人要知恩图报、勤俭持家。',
  '说起{title}，全家人都很自豪。那些年长辈带头帮邻居、做好事，从不计较得失。如今我们也学着这样做，在社区当了志愿者。',
]
const REJECTS = ['内容涉及他人姓名，请修改后重新存入', '请补充故事发生的时间和地点']

export async function seedDemoFamilyBank(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ mottos: number; stories: number }> {
  const random = createRandom(opts.seed + 67)
  const now = opts.now ?? new Date()
  const residents = await rows<{ id: string; name: string; communityId: string }>(tx, sql`SELECT DISTINCT ON (r.person_id) r.person_id::text AS id, p.name, c.id::text AS "communityId"
    FROM role_assignments r JOIN people p ON p.id = r.person_id JOIN orgs b ON b.id = r.org_id
    JOIN orgs c ON c.path @> b.path AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL
    WHERE r.role IN ('resident', 'member') ORDER BY r.person_id, nlevel(c.path) DESC LIMIT 3000`)
  if (residents.length === 0) return { mottos: 0, stories: 0 }
  const cadres = await rows<{ communityId: string; id: string }>(tx, sql`SELECT r.org_id::text AS "communityId", min(r.person_id)::text AS id FROM role_assignments r
    WHERE r.role = 'community_cadre' GROUP BY r.org_id`)
  const cadreOf = new Map(cadres.map((c) => [c.communityId, c.id]))
  const [demo] = await rows<{ id: string }>(tx, sql`SELECT person_id::text AS id FROM accounts WHERE username = 'resident'`)
  const deposits: Record<string, unknown>[] = []
  const add = (kind: 'motto' | 'story', i: number) => {
    const own = demo && i < 2
    const who = own ? residents.find((r) => r.id === demo.id) ?? pick(random, residents) : pick(random, residents)
    const roll = random()
    const state = own && i === 1 ? 'pending' : roll < 0.03 ? 'pending' : roll < 0.05 ? 'rejected' : 'published'
    const daysAgo = Math.floor(random() * 360) + 1
    const at = new Date(now.getTime() - daysAgo * 86_400_000)
    const moderated = state === 'pending' ? null : new Date(at.getTime() + Math.floor(random() * 3 + 1) * 86_400_000)
    const title = kind === 'story' ? pick(random, STORY_TITLES) : null
    const body = kind === 'motto' ? `${pick(random, MOTTO_HEADS)}${pick(random, MOTTO_TAILS)}` : pick(random, STORY_BODIES).replaceAll('{title}', title!)
    deposits.push({
      org_id: who.communityId, kind, state, depositor_id: who.id, family_label: familyLabelOf(who.name), title, body,
      moderated_by: moderated ? cadreOf.get(who.communityId) ?? null : null, moderated_at: moderated?.toISOString() ?? null,
      reason: state === 'rejected' ? pick(random, REJECTS) : null, published_at: state === 'published' ? moderated!.toISOString() : null, created_at: at.toISOString(),
    })
  }
  for (let i = 0; i < 1000; i++) add('motto', i)
  for (let i = 0; i < 300; i++) add('story', i)
  await tx.execute(sql`INSERT INTO family_deposits (org_id, kind, state, depositor_id, family_label, title, body, moderated_by, moderated_at, reason, published_at, created_at, updated_at)
    SELECT x.org_id, x.kind, x.state, x.depositor_id, x.family_label, x.title, x.body, x.moderated_by, x.moderated_at, x.reason, x.published_at, x.created_at, coalesce(x.moderated_at, x.created_at)
    FROM jsonb_to_recordset(${JSON.stringify(deposits)}::jsonb) AS x(org_id bigint, kind text, state text, depositor_id bigint, family_label text, title text, body text,
      moderated_by bigint, moderated_at timestamptz, reason text, published_at timestamptz, created_at timestamptz)
    ORDER BY x.created_at`)
  return { mottos: 1000, stories: 300 }
}
