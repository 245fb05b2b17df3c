// The demo's service catalogue (服务清单), after 西湖区's 党群服务365: 49 public service items
// (公共服务: certificates, benefits, policy, safety; served by the community's staff and the
// district's departments, mostly dispatched), 52 social service items (社会服务: merchants and
// units of the street at a price, with the price on the item) and 9 volunteer service items
// (志愿服务: members, volunteers and teams, grabbed). Offered at the district, the demo street or
// its communities; a few items were edited during the year and carry 2–3 versions.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'

export type Where = 'district' | 'street' | 'community'
export interface DemoItem {
  list: 'public' | 'social' | 'volunteer'
  name: string
  icon: string
  kinds: string[]
  where: Where
  skill?: string
  audience?: 'everyone' | 'elderly' | 'tagged'
  tags?: string[]
  grab?: boolean
  autoAccept?: boolean
  /** review, claim, finish hours */
  hours?: [number, number, number]
  serviceHours?: number
  points?: number
  priceNote?: string
  /** How often residents order it (relative). */
  weight?: number
  /** Later versions: what changed. */
  edits?: Partial<Pick<DemoItem, 'name' | 'points' | 'priceNote' | 'hours' | 'serviceHours'>>[]
}

const STAFF = ['staff']
const DEPT = ['department', 'staff']
const SHOP = ['merchant', 'unit']
const CARE = ['unit', 'volunteer']
const VOL = ['member', 'volunteer', 'team']

const pub = (name: string, icon: string, o: Partial<DemoItem> = {}): DemoItem => ({ list: 'public', name, icon, kinds: STAFF, where: 'district', grab: false, hours: [24, 24, 120], serviceHours: 1, points: 0, weight: 1, ...o })
const soc = (name: string, icon: string, priceNote: string, o: Partial<DemoItem> = {}): DemoItem => ({ list: 'social', name, icon, kinds: SHOP, where: 'street', grab: false, hours: [12, 24, 48], serviceHours: 1, points: 10, priceNote, weight: 2, ...o })
const vol = (name: string, icon: string, o: Partial<DemoItem> = {}): DemoItem => ({ list: 'volunteer', name, icon, kinds: VOL, where: 'community', grab: true, autoAccept: true, hours: [12, 24, 72], serviceHours: 1, points: 20, weight: 5, ...o })

export const DEMO_ITEMS: DemoItem[] = [
  // 49 public service items
  pub('代办证照', 'errand', { weight: 3, kinds: DEPT }),
  pub('居住证办理', 'errand', { kinds: DEPT }),
  pub('身份证换领预约', 'errand'),
  pub('户口迁移咨询', 'errand', { kinds: DEPT }),
  pub('政策咨询', 'person', { weight: 3, grab: true, hours: [12, 12, 48] }),
  pub('社保参保登记', 'errand', { kinds: DEPT }),
  pub('医保报销代办', 'errand', { weight: 2, kinds: DEPT }),
  pub('养老金资格认证', 'person', { audience: 'elderly', weight: 2, grab: true, hours: [24, 24, 72] }),
  pub('高龄津贴申领', 'errand', { audience: 'elderly', weight: 2 }),
  pub('低保申请受理', 'errand', { kinds: DEPT, hours: [48, 48, 240] }),
  pub('临时救助申请', 'errand', { hours: [24, 24, 120] }),
  pub('残疾人证办理', 'errand', { audience: 'tagged', tags: ['disabled'], kinds: DEPT }),
  pub('残疾人两项补贴申领', 'errand', { audience: 'tagged', tags: ['disabled'] }),
  pub('独生子女奖励申领', 'errand'),
  pub('生育登记服务', 'errand', { where: 'street' }),
  pub('老年优待证办理', 'errand', { audience: 'elderly', weight: 2 }),
  pub('公租房申请受理', 'errand', { kinds: DEPT, hours: [48, 48, 240] }),
  pub('就业登记', 'errand', { where: 'street' }),
  pub('失业登记', 'errand', { where: 'street' }),
  pub('灵活就业社保补贴申请', 'errand', { where: 'street' }),
  pub('法律咨询', 'person', { weight: 3, kinds: DEPT, grab: true, hours: [12, 24, 72] }),
  pub('人民调解', 'visit', { where: 'street', weight: 2 }),
  pub('心理疏导', 'care', { weight: 2, kinds: DEPT, grab: true, hours: [12, 24, 72] }),
  pub('居住证明开具', 'errand', { where: 'community', weight: 2, hours: [8, 8, 24] }),
  pub('党员组织关系转接', 'errand', { where: 'street' }),
  pub('退役军人优待证办理', 'errand', { audience: 'tagged', tags: ['veteran'] }),
  pub('优抚对象走访慰问', 'visit', { audience: 'tagged', tags: ['veteran'], where: 'street' }),
  pub('流动人口登记', 'errand', { where: 'community' }),
  pub('出租房屋登记', 'errand', { where: 'community' }),
  pub('适龄儿童入学咨询', 'person', { where: 'street' }),
  pub('困难学生助学金申请', 'errand', { audience: 'tagged', tags: ['low_income', 'left_behind_child'] }),
  pub('家庭医生签约', 'medical', { weight: 2, kinds: DEPT }),
  pub('慢病随访', 'medical', { audience: 'elderly', weight: 2, kinds: DEPT, grab: true }),
  pub('上门体检', 'medical', { audience: 'tagged', tags: ['empty_nest', 'elderly_alone', 'disabled'], weight: 2, kinds: DEPT }),
  pub('疫苗接种预约', 'medical'),
  pub('健康档案建立', 'medical', { where: 'street' }),
  pub('消防安全入户检查', 'safety', { where: 'community', weight: 2, grab: true }),
  pub('燃气安全检查', 'safety', { where: 'community', weight: 2 }),
  pub('电动车充电安全指导', 'safety', { where: 'community' }),
  pub('防诈骗宣传入户', 'safety', { where: 'community', audience: 'elderly' }),
  pub('垃圾分类上门指导', 'clean', { where: 'community' }),
  pub('违建投诉受理', 'alarm', { where: 'street' }),
  pub('噪音扰民调处', 'alarm', { where: 'community' }),
  pub('物业纠纷调解', 'visit', { where: 'community', weight: 2 }),
  pub('加装电梯政策咨询', 'person', { where: 'street' }),
  pub('公证事项代办', 'errand', { kinds: DEPT }),
  pub('水电气过户代办', 'errand', { where: 'street' }),
  pub('独居老人定期探访', 'visit', { audience: 'tagged', tags: ['elderly_alone', 'empty_nest'], where: 'community', weight: 3, grab: true, kinds: ['staff', 'member'], points: 10 }),
  pub('特殊困难老人紧急援助', 'sos', { audience: 'elderly', where: 'district', grab: true, autoAccept: true, kinds: ['staff', 'member', 'volunteer'], hours: [1, 1, 4], points: 30 }),
  // 52 social service items (merchants and units, at a price)
  soc('助餐送餐', 'meal', '每餐 12 元，60 岁以上老人 8 元', { kinds: ['merchant', 'unit', 'volunteer'], grab: true, weight: 8, hours: [4, 4, 12], skill: undefined, edits: [{ priceNote: '每餐 13 元，60 岁以上老人 8 元，80 岁以上 5 元' }, { priceNote: '每餐 13 元，60 岁以上老人 7 元，80 岁以上 5 元', points: 12 }] }),
  soc('老年食堂配餐', 'meal', '午餐 10 元/份', { audience: 'elderly', weight: 4, where: 'community' }),
  soc('上门理发', 'haircut', '老人理发 15 元，行动不便免上门费', { kinds: ['merchant', 'volunteer', 'member'], skill: '理发', grab: true, weight: 6, edits: [{ name: '上门理发（长者）', priceNote: '老人理发 10 元，行动不便免上门费' }] }),
  soc('家电维修', 'repair', '上门检测费 30 元，维修另计', { kinds: ['merchant', 'unit', 'volunteer'], skill: '家电维修', grab: true, weight: 6, edits: [{ priceNote: '上门检测费 20 元（老人免收），维修另计', points: 15 }] }),
  soc('管道疏通', 'repair', '疏通 80 元起', { weight: 5, hours: [4, 6, 24] }),
  soc('水电维修', 'repair', '上门费 30 元，材料另计', { kinds: ['merchant', 'unit', 'volunteer'], skill: '水电维修', grab: true, weight: 5 }),
  soc('开锁换锁', 'repair', '开锁 60 元，换锁芯 150 元起', { hours: [1, 2, 6], weight: 2 }),
  soc('家政保洁', 'clean', '日常保洁 40 元/小时', { weight: 4, serviceHours: 2 }),
  soc('钟点工服务', 'clean', '35 元/小时，3 小时起', { serviceHours: 3 }),
  soc('油烟机清洗', 'clean', '180 元/台', { weight: 2 }),
  soc('空调清洗', 'clean', '挂机 80 元，柜机 120 元', { weight: 2 }),
  soc('洗衣机清洗', 'clean', '波轮 100 元，滚筒 140 元'),
  soc('热水器维修', 'repair', '上门检测 30 元', {}),
  soc('燃气灶维修', 'repair', '上门检测 30 元', {}),
  soc('门窗维修', 'repair', '50 元起，配件另计', {}),
  soc('防水补漏', 'repair', '现场报价', { hours: [12, 24, 96] }),
  soc('墙面翻新', 'repair', '25 元/平方米起', { hours: [24, 48, 168], serviceHours: 4 }),
  soc('搬家服务', 'delivery', '小面包车 200 元起', {}),
  soc('代购代缴', 'shopping', '代购免跑腿费，代缴水电燃气费免费', { kinds: ['merchant', 'volunteer', 'member'], grab: true, weight: 6, points: 15, edits: [{ name: '代购代缴（水电燃气）' }] }),
  soc('送药上门', 'medical', '药品按药店价，免配送费', { audience: 'elderly', kinds: ['merchant', 'unit', 'volunteer'], grab: true, weight: 4, hours: [2, 4, 12] }),
  soc('陪同就医', 'companion', '陪诊 60 元/半天（低保、特困免费）', { kinds: ['unit', 'volunteer', 'member'], grab: true, weight: 5, serviceHours: 3, points: 20 }),
  soc('助浴', 'care', '上门助浴 80 元/次', { audience: 'tagged', tags: ['disabled', 'empty_nest', 'elderly_alone'], kinds: CARE, weight: 4, serviceHours: 2, points: 15 }),
  soc('康复护理', 'care', '100 元/次', { audience: 'tagged', tags: ['disabled', 'serious_illness'], kinds: ['unit'], serviceHours: 2 }),
  soc('居家养老照护', 'care', '政府购买服务，每月 20 小时免费', { audience: 'elderly', kinds: CARE, weight: 4, serviceHours: 2, points: 15 }),
  soc('助行辅具租赁', 'care', '轮椅 3 元/天，助行器 2 元/天', { audience: 'elderly' }),
  soc('适老化改造', 'repair', '困难老人政府补贴，其余现场报价', { audience: 'elderly', hours: [24, 48, 240], serviceHours: 4 }),
  soc('一键通设备安装', 'sos', '高龄、独居老人免费安装', { audience: 'elderly', kinds: ['unit'], hours: [24, 48, 168] }),
  soc('修鞋配钥匙', 'repair', '修鞋 10 元起，配钥匙 5 元/把', {}),
  soc('磨刀', 'repair', '5 元/把', { weight: 1 }),
  soc('衣物缝补', 'clean', '10 元起', { kinds: ['merchant', 'volunteer'], grab: true }),
  soc('干洗上门取送', 'delivery', '按干洗店价，满 50 元免取送费', {}),
  soc('快递代收代寄', 'delivery', '代收免费，代寄按快递价', { where: 'community', weight: 2 }),
  soc('桶装水配送', 'delivery', '18.9 升 15 元/桶', { weight: 3, hours: [2, 4, 8] }),
  soc('粮油配送', 'delivery', '按超市价，满 30 元免配送费', { weight: 2 }),
  soc('蔬菜配送', 'delivery', '按超市价，满 30 元免配送费', { weight: 3, hours: [4, 4, 12] }),
  soc('手机维修', 'repair', '检测免费，换屏 120 元起', {}),
  soc('电脑维修', 'repair', '上门检测 30 元', {}),
  soc('宽带安装报修', 'repair', '报修免费，新装按套餐', {}),
  soc('家庭绿植养护', 'clean', '50 元/次', { weight: 1 }),
  soc('宠物寄养', 'person', '小型犬 40 元/天', { weight: 1 }),
  soc('四点半课堂托管', 'person', '每月 300 元（困难家庭免费）', { where: 'community', kinds: ['unit', 'volunteer', 'member'], grab: true, weight: 3, serviceHours: 2, points: 15 }),
  soc('儿童临时托育', 'person', '30 元/小时', {}),
  soc('月嫂育婴', 'care', '现场面议', { hours: [24, 72, 336] }),
  soc('老人陪护', 'companion', '夜间陪护 150 元/晚', { audience: 'elderly', kinds: CARE, serviceHours: 4 }),
  soc('上门修脚', 'care', '40 元/次', { audience: 'elderly' }),
  soc('中医推拿', 'medical', '60 元/次', { weight: 2 }),
  soc('眼镜验配', 'medical', '验光免费，镜架镜片按店价', {}),
  soc('助听器验配', 'medical', '听力检测免费', { audience: 'elderly' }),
  soc('旧物回收', 'delivery', '按废品收购价', { weight: 2 }),
  soc('家具安装', 'repair', '50 元/件起', {}),
  soc('窗帘安装清洗', 'clean', '清洗 8 元/米', {}),
  soc('除虫灭鼠', 'clean', '120 元/次', { hours: [12, 24, 48] }),
  // 9 volunteer service items
  vol('陪伴聊天', 'companion', { audience: 'tagged', tags: ['elderly_alone', 'empty_nest'], weight: 6, points: 10 }),
  vol('志愿理发', 'haircut', { skill: '理发', weight: 5, edits: [{ points: 25 }, { points: 30, serviceHours: 1.5 }] }),
  vol('教用智能手机', 'person', { audience: 'elderly', weight: 5, points: 15 }),
  vol('代买生活用品', 'shopping', { weight: 6, hours: [4, 6, 24], points: 10 }),
  vol('陪同散步', 'companion', { audience: 'elderly', weight: 3, points: 10 }),
  vol('读报读书', 'visit', { audience: 'elderly', weight: 2, points: 10 }),
  vol('辅导作业', 'person', { weight: 3, serviceHours: 2 }),
  vol('小家电义务维修', 'repair', { skill: '家电维修', weight: 4, kinds: ['volunteer', 'team'], autoAccept: false, edits: [{ name: '小家电义务维修（红心维修队）' }] }),
  vol('上门测血压', 'health', { skill: '测血压', audience: 'elderly', weight: 4, kinds: ['volunteer', 'team'] }),
]

export interface SeededItem {
  id: string
  item: DemoItem
  orgId: string
  /** The versions: id, when it took effect (ms), and its terms. */
  versions: { id: string; version: number; from: number; terms: DemoItem }[]
}

/**
 * Writes the items, each at the district, the street or one community (round-robin), and their
 * versions: the first at the start of the demo year, later edits spread over it.
 */
export async function insertCatalogue(tx: Executor, at: { district: string; street: string; communities: string[]; createdBy: string }, yearStart: number, now: number): Promise<SeededItem[]> {
  let c = 0
  const orgOf = (w: Where) => (w === 'district' ? at.district : w === 'street' ? at.street : at.communities[c++ % at.communities.length]!)
  // Most community items are offered in the demo cadre's community (the first) as well.
  const placed = DEMO_ITEMS.map((item, i) => ({ i, item, orgId: item.where === 'community' && i % 3 === 0 ? at.communities[0]! : orgOf(item.where) }))
  const ids = await rows<{ id: string }>(tx, sql`INSERT INTO service_items (org_id, created_at, updated_at)
    SELECT org_id, ${new Date(yearStart).toISOString()}::timestamptz, ${new Date(yearStart).toISOString()}::timestamptz
    FROM json_to_recordset(${JSON.stringify(placed.map((p) => ({ i: p.i, org_id: p.orgId })))}::json) AS x(i int, org_id bigint) ORDER BY i RETURNING id::text`)
  const versions = placed.flatMap((p, n) => {
    const all = [p.item, ...(p.item.edits ?? []).map((e, k) => ({ ...p.item, ...e, edits: undefined, _k: k }))]
    let terms = p.item
    return all.map((v, k) => {
      terms = { ...terms, ...v }
      const from = k === 0 ? yearStart : yearStart + ((now - yearStart) * (k + 1)) / (all.length + 1.5)
      const t = terms
      return {
        item_id: ids[n]!.id, version: k + 1, list: t.list, name: t.name, description: `${t.name}：${t.priceNote ?? (t.list === 'volunteer' ? '志愿者免费上门服务' : '社区受理后安排工作人员办理')}`,
        icon: t.icon, provider_kinds: t.kinds, skill: t.skill ?? null, audience: t.audience ?? 'everyone', audience_tags: t.tags ?? [],
        auto_accept: t.autoAccept ?? false, grab: t.grab ?? true, review_hours: t.hours![0], claim_hours: t.hours![1], finish_hours: t.hours![2],
        service_hours: t.serviceHours ?? 1, points: t.points ?? 0, price_note: t.priceNote ?? null, radius_m: t.list === 'public' ? 5000 : 3000,
        created_by: at.createdBy, created_at: new Date(from).toISOString(), _terms: t,
      }
    })
  })
  const vids = await rows<{ id: string; item_id: string; version: number }>(tx, sql`INSERT INTO service_item_versions (item_id, version, list, name, description, icon, provider_kinds,
      skill, audience, audience_tags, auto_accept, grab, review_hours, claim_hours, finish_hours, service_hours, points, price_note, radius_m, created_by, created_at)
    SELECT item_id, version, list, name, description, icon, ARRAY(SELECT json_array_elements_text(provider_kinds)), skill, audience,
      ARRAY(SELECT json_array_elements_text(audience_tags)), auto_accept, grab, review_hours, claim_hours, finish_hours, service_hours, points, price_note, radius_m,
      created_by, created_at::timestamptz
    FROM json_to_recordset(${JSON.stringify(versions.map(({ _terms: _t, ...v }) => v))}::json) AS x(item_id bigint, version int, list text, name text, description text, icon text,
      provider_kinds json, skill text, audience text, audience_tags json, auto_accept boolean, grab boolean, review_hours numeric, claim_hours numeric, finish_hours numeric,
      service_hours numeric, points int, price_note text, radius_m int, created_by bigint, created_at text)
    ORDER BY item_id, version RETURNING id::text, item_id::text, version`)
  await tx.execute(sql`UPDATE service_items i SET current_version_id = v.id, updated_at = v.created_at FROM service_item_versions v
    WHERE v.item_id = i.id AND v.version = (SELECT max(w.version) FROM service_item_versions w WHERE w.item_id = i.id)`)
  return placed.map((p, n) => ({
    id: ids[n]!.id, item: p.item, orgId: p.orgId,
    versions: versions.filter((v) => v.item_id === ids[n]!.id).map((v) => ({ id: vids.find((x) => x.item_id === v.item_id && x.version === v.version)!.id, version: v.version, from: Date.parse(v.created_at), terms: v._terms })),
  }))
}
