// Units of the demo street (站前街道) and their co-building: ~30 units of every kind (机关,
// 事业单位, 国有企业, 两新组织 with and without a Party organisation, 驻区单位) with a
// representative each and valid 统一社会信用代码; pairing agreements for every community (2–5
// core units, the cadre's community at the limit of 5, plus 驻区单位 pairings); ~40 list items of
// both sides in every state with their timelines; two alliances with activities; and part-time
// committee members (unit representatives holding a committee role on a community they do not
// live in). Deterministic (seeded names, fixed dates before the demo clock), written with one
// INSERT … SELECT FROM json_to_recordset per table.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { buildCreditCode } from '../modules/units/units.credit-code.ts'
import { createNameGenerator, createRandom } from './geography/city.ts'
import { DEMO_NOW } from './cases.model.ts'

type Kind = 'government_agency' | 'public_institution' | 'state_enterprise' | 'non_public_firm' | 'social_organisation'

interface UnitPlan {
  name: string
  kind: Kind
  /** Index of the community of the street it sits in, or null for the street itself. */
  community: number | null
  resident?: boolean
  partyOrg?: string
  partyMembers: number
  staff: number
  address: string
}

/** 登记管理部门 + 机构类别 of the credit code, by kind. */
const AUTHORITY: Record<Kind, string> = {
  government_agency: '11',
  public_institution: '12',
  state_enterprise: '91',
  non_public_firm: '91',
  social_organisation: '51',
}

const branch = (unit: string) => `中共${unit}支部委员会`

export const DEMO_UNITS: UnitPlan[] = [
  { name: '湾里管理局党政办公室', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局党政办公室机关支部委员会', partyMembers: 46, staff: 58, address: '站前街道招贤路1号' },
  { name: '湾里管理局财政局', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局财政局机关支部委员会', partyMembers: 38, staff: 52, address: '站前街道招贤路3号' },
  { name: '湾里管理局教育体育局', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局教育体育局机关委员会', partyMembers: 41, staff: 60, address: '站前街道正街路18号' },
  { name: '湾里管理局民政局', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局民政局机关支部委员会', partyMembers: 27, staff: 35, address: '站前街道正街路22号' },
  { name: '湾里管理局卫生健康委员会', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局卫生健康委员会机关支部委员会', partyMembers: 31, staff: 40, address: '站前街道翠岩路6号' },
  { name: '湾里管理局住房和城乡建设局', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局住房和城乡建设局机关支部委员会', partyMembers: 35, staff: 47, address: '站前街道招贤路9号' },
  { name: '湾里管理局人力资源和社会保障局', kind: 'government_agency', community: null, partyOrg: '中共湾里管理局人力资源和社会保障局机关支部委员会', partyMembers: 29, staff: 39, address: '站前街道正街路30号' },
  { name: '南昌市湾里第一中学', kind: 'public_institution', community: 0, resident: true, partyOrg: '中共南昌市湾里第一中学委员会', partyMembers: 64, staff: 180, address: '翠岩社区翠岩路88号' },
  { name: '湾里管理局人民医院', kind: 'public_institution', community: 1, resident: true, partyOrg: '中共湾里管理局人民医院委员会', partyMembers: 92, staff: 420, address: '长春社区长春路126号' },
  { name: '站前街道社区卫生服务中心', kind: 'public_institution', community: 2, partyOrg: branch('站前街道社区卫生服务中心'), partyMembers: 12, staff: 36, address: '湾里路社区湾里路45号' },
  { name: '湾里管理局图书馆', kind: 'public_institution', community: 3, partyOrg: branch('湾里管理局图书馆'), partyMembers: 9, staff: 21, address: '红星社区文化路12号' },
  { name: '南昌市湾里站前小学', kind: 'public_institution', community: 4, resident: true, partyOrg: branch('南昌市湾里站前小学'), partyMembers: 23, staff: 86, address: '岭口社区学府路5号' },
  { name: '江西省梅岭国家森林公园管理处', kind: 'public_institution', community: 7, resident: true, partyOrg: '中共江西省梅岭国家森林公园管理处委员会', partyMembers: 48, staff: 130, address: '梅苑社区梅岭大道200号' },
  { name: '国网南昌供电公司湾里供电中心', kind: 'state_enterprise', community: 1, resident: true, partyOrg: '中共国网南昌供电公司湾里供电中心支部委员会', partyMembers: 33, staff: 95, address: '长春社区电力路8号' },
  { name: '中国邮政集团有限公司南昌市湾里分公司', kind: 'state_enterprise', community: 2, resident: true, partyOrg: branch('中国邮政集团有限公司南昌市湾里分公司'), partyMembers: 18, staff: 64, address: '湾里路社区湾里路102号' },
  { name: '南昌水业集团湾里供水有限责任公司', kind: 'state_enterprise', community: 5, resident: true, partyOrg: branch('南昌水业集团湾里供水有限责任公司'), partyMembers: 15, staff: 58, address: '兴旺社区水厂路3号' },
  { name: '中国建设银行股份有限公司南昌湾里支行', kind: 'state_enterprise', community: 0, resident: true, partyOrg: branch('中国建设银行股份有限公司南昌湾里支行'), partyMembers: 14, staff: 32, address: '翠岩社区翠岩路20号' },
  { name: '江西翠岩信息科技有限公司', kind: 'non_public_firm', community: 0, partyOrg: branch('江西翠岩信息科技有限公司'), partyMembers: 7, staff: 46, address: '翠岩社区创业路16号' },
  { name: '南昌梅岭旅游开发有限公司', kind: 'non_public_firm', community: 7, partyOrg: branch('南昌梅岭旅游开发有限公司'), partyMembers: 11, staff: 75, address: '梅苑社区梅岭大道66号' },
  { name: '南昌恒泰建材有限公司', kind: 'non_public_firm', community: 4, partyMembers: 2, staff: 28, address: '岭口社区工业路9号' },
  { name: '南昌岭口物流有限公司', kind: 'non_public_firm', community: 4, partyMembers: 1, staff: 40, address: '岭口社区物流园A区' },
  { name: '江西长春医药连锁有限公司', kind: 'non_public_firm', community: 1, partyOrg: branch('江西长春医药连锁有限公司'), partyMembers: 6, staff: 52, address: '长春社区长春路60号' },
  { name: '南昌荷塘餐饮管理有限公司', kind: 'non_public_firm', community: 6, partyMembers: 0, staff: 24, address: '荷塘社区荷塘路31号' },
  { name: '南昌兴旺家政服务有限公司', kind: 'non_public_firm', community: 5, partyMembers: 1, staff: 33, address: '兴旺社区兴旺街7号' },
  { name: '南昌红星汽车服务有限公司', kind: 'non_public_firm', community: 3, partyOrg: branch('南昌红星汽车服务有限公司'), partyMembers: 5, staff: 30, address: '红星社区红星路118号' },
  { name: '江西湾里律师事务所', kind: 'non_public_firm', community: 2, partyOrg: branch('江西湾里律师事务所'), partyMembers: 4, staff: 15, address: '湾里路社区湾里路77号' },
  { name: '湾里管理局社会工作者协会', kind: 'social_organisation', community: null, partyOrg: branch('湾里管理局社会工作者协会'), partyMembers: 8, staff: 19, address: '站前街道正街路40号' },
  { name: '南昌市湾里梅苑养老服务中心', kind: 'social_organisation', community: 7, partyMembers: 2, staff: 26, address: '梅苑社区康乐路2号' },
  { name: '站前街道志愿者协会', kind: 'social_organisation', community: null, partyOrg: branch('站前街道志愿者协会'), partyMembers: 6, staff: 12, address: '站前街道正街路40号' },
  { name: '南昌湾里爱心公益服务中心', kind: 'social_organisation', community: 6, partyMembers: 1, staff: 9, address: '荷塘社区荷塘路5号' },
  { name: '湾里管理局个体劳动者协会', kind: 'social_organisation', community: 3, partyMembers: 3, staff: 7, address: '红星社区红星路20号' },
]

/** 民办非企业单位 are registered as 52, associations (协会) as 51. */
function authorityOf(u: UnitPlan): string {
  if (u.kind === 'social_organisation' && u.name.endsWith('中心')) return '52'
  return AUTHORITY[u.kind]
}

export interface DemoUnitsResult {
  units: number
  unitIds: string[]
  representativeIds: string[]
  pairings: number
  listItems: number
  alliances: number
}

export async function seedDemoUnits(tx: Executor, opts: { seed: number }): Promise<DemoUnitsResult> {
  const [street] = await rows<{ id: string; path: string; division: string }>(
    tx,
    sql`SELECT s.id::text, s.path::text, left(s.division_code, 6) AS division FROM orgs s
        WHERE s.kind = 'street' AND s.parent_id = (SELECT id FROM orgs WHERE kind = 'district' ORDER BY id LIMIT 1)
        ORDER BY s.id LIMIT 1`,
  )
  if (!street) return { units: 0, unitIds: [], representativeIds: [], pairings: 0, listItems: 0, alliances: 0 }
  const communities = await rows<{ id: string }>(tx, sql`SELECT c.id::text AS id FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind = 'community' AND c.deleted_at IS NULL ORDER BY c.id`)
  const nextName = createNameGenerator(createRandom(opts.seed + 11))

  const n = DEMO_UNITS.length
  const drawn = await rows<{ unit: string; person: string }>(
    tx,
    sql`SELECT nextval(pg_get_serial_sequence('units', 'id'))::text AS unit, nextval(pg_get_serial_sequence('people', 'id'))::text AS person
        FROM generate_series(1, ${n})`,
  )
  const unitIds = drawn.map((d) => d.unit)
  const personIds = drawn.map((d) => d.person)
  const units = DEMO_UNITS.map((u, i) => ({
    id: unitIds[i],
    name: u.name,
    kind: u.kind,
    credit_code: buildCreditCode(authorityOf(u), street.division, String(31050000 + i * 137).padStart(8, '0')),
    org_id: u.community === null ? street.id : communities[u.community % communities.length]!.id,
    resident_unit: u.resident ?? false,
    has_party_org: u.partyOrg !== undefined,
    party_org_name: u.partyOrg ?? null,
    party_member_count: u.partyMembers,
    staff_count: u.staff,
    address: u.address,
  }))
  const people = personIds.map((id) => ({ id, name: nextName() }))

  await tx.execute(sql`
    INSERT INTO people (id, name) OVERRIDING SYSTEM VALUE
    SELECT id, name FROM json_to_recordset(${JSON.stringify(people)}::json) AS x(id bigint, name text)`)
  await tx.execute(sql`
    INSERT INTO units (id, name, kind, credit_code, org_id, resident_unit, has_party_org, party_org_name, party_member_count, staff_count, address)
    OVERRIDING SYSTEM VALUE
    SELECT id, name, kind, credit_code, org_id, resident_unit, has_party_org, party_org_name, party_member_count, staff_count, address
    FROM json_to_recordset(${JSON.stringify(units)}::json)
      AS x(id bigint, name text, kind text, credit_code text, org_id bigint, resident_unit boolean, has_party_org boolean,
           party_org_name text, party_member_count int, staff_count int, address text)`)
  await tx.execute(sql`
    INSERT INTO unit_people (unit_id, person_id, role)
    SELECT unit_id, person_id, 'representative' FROM json_to_recordset(${JSON.stringify(unitIds.map((u, i) => ({ unit_id: u, person_id: personIds[i] })))}::json)
      AS x(unit_id bigint, person_id bigint)`)

  const coBuilding = await seedCoBuilding(tx, {
    streetId: street.id,
    communities: communities.map((c) => c.id),
    units: units.map((u, i) => ({ id: u.id!, plan: DEMO_UNITS[i]!, orgId: u.org_id, representative: personIds[i]! })),
    random: createRandom(opts.seed + 12),
  })
  return { units: n, unitIds, representativeIds: personIds, ...coBuilding }
}

// ---------------------------------------------------------------------------
// Co-building

type Random = () => number
const DAY = 86_400_000
const TAGS = ['party_work', 'community_work', 'culture', 'serving_residents', 'home_building', 'member_management', 'joint_activities', 'resource_sharing'] as const
const TAG_NAMES: Record<(typeof TAGS)[number], string> = {
  party_work: '党建工作共振', community_work: '社区工作共推', culture: '先进文化共有', serving_residents: '服务群众共帮',
  home_building: '美好家园共建', member_management: '在职党员共管', joint_activities: '党建活动共促', resource_sharing: '资源要素共享',
}
/** Core units per community ("5+X+Y": the 5); the first community (the cadre's) is at the limit. */
const CORE_PER_COMMUNITY = [5, 3, 4, 2, 3, 4, 2, 3]

const isoDate = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
const isoTime = (t: number) => new Date(t).toISOString()
const pickN = <T,>(random: Random, items: readonly T[], count: number): T[] => {
  const pool = [...items]
  const out: T[] = []
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!)
  return out
}

interface ItemPlan { list: 'need' | 'resource' | 'project' | 'responsibility'; title: string; description: string; tag: (typeof TAGS)[number] }

/** What communities ask for and own up to (published by the community, claimed by a unit). */
const COMMUNITY_ITEMS: ItemPlan[] = [
  { list: 'need', title: '老旧小区楼道照明改造', description: '辖区 6 栋老旧楼房楼道灯损坏，居民夜间出行不便，需要电工和灯具支持。', tag: 'home_building' },
  { list: 'need', title: '独居老人定期探访', description: '社区登记独居老人 32 名，希望共建单位党员每月结对探访一次，了解生活困难。', tag: 'serving_residents' },
  { list: 'need', title: '“四点半课堂”志愿辅导', description: '双职工家庭孩子放学后无人看护，需要每周两个下午的课业辅导志愿者。', tag: 'serving_residents' },
  { list: 'need', title: '垃圾分类宣传督导', description: '小区垃圾分类投放点早晚高峰需要督导员，宣传分类知识。', tag: 'community_work' },
  { list: 'need', title: '电动车集中充电棚建设', description: '楼道飞线充电隐患多，需要资金和场地支持建设集中充电棚。', tag: 'home_building' },
  { list: 'need', title: '社区法律咨询服务', description: '居民邻里纠纷、物业纠纷较多，需要律师每月到社区坐班答疑。', tag: 'serving_residents' },
  { list: 'project', title: '“红色楼道”创建', description: '以楼栋党小组为单元，打造 10 个“红色楼道”，亮身份、亮承诺。', tag: 'party_work' },
  { list: 'project', title: '“邻里节”系列活动', description: '国庆期间举办百家宴、才艺展示、旧物交换等邻里活动。', tag: 'joint_activities' },
  { list: 'project', title: '小区微改造', description: '对小区破损路面、休闲座椅、宣传栏进行微改造。', tag: 'home_building' },
  { list: 'responsibility', title: '创文包保网格巡查', description: '共建单位包保一个网格，每周开展一次文明城市创建巡查。', tag: 'culture' },
  { list: 'responsibility', title: '汛期防汛值守', description: '汛期低洼地段值守、转移群众，由共建单位党员轮值。', tag: 'community_work' },
  { list: 'need', title: '社区文化广场设备更新', description: '广场音响和健身器材老化，希望共建单位帮助更新。', tag: 'culture' },
]
/** What units offer and undertake (published by the unit, claimed by the community). */
const UNIT_ITEMS: ItemPlan[] = [
  { list: 'resource', title: '会议室周末向居民开放', description: '单位三楼会议室（可容纳 60 人）周末免费向社区居民议事、培训开放。', tag: 'resource_sharing' },
  { list: 'resource', title: '职工食堂为社区老人助餐', description: '每日中午为社区 70 岁以上老人提供 30 份平价午餐。', tag: 'serving_residents' },
  { list: 'resource', title: '在职党员志愿服务队', description: '单位在职党员志愿服务队 20 人，可承接社区周末志愿服务。', tag: 'member_management' },
  { list: 'resource', title: '停车场夜间错时共享', description: '单位停车场夜间 19 时至次日 7 时向周边居民错时开放，约 40 个车位。', tag: 'resource_sharing' },
  { list: 'resource', title: '医护人员进社区义诊', description: '每月第二个周六组织医护人员到社区义诊、健康讲座。', tag: 'serving_residents' },
  { list: 'resource', title: '图书漂流角', description: '捐赠图书 500 册，在社区党群服务中心设立图书漂流角。', tag: 'culture' },
  { list: 'project', title: '用电安全进万家', description: '为辖区老旧小区开展免费用电安全检查和线路整改。', tag: 'home_building' },
  { list: 'project', title: '“健康进社区”慢病管理', description: '为社区高血压、糖尿病居民建立健康档案，定期随访。', tag: 'serving_residents' },
  { list: 'project', title: '联合主题党日', description: '与社区党组织联合开展主题党日活动，共上一堂党课。', tag: 'joint_activities' },
  { list: 'responsibility', title: '结对帮扶困难党员', description: '单位党组织结对帮扶社区 3 名生活困难党员。', tag: 'party_work' },
  { list: 'resource', title: '法律顾问每月坐班', description: '律师事务所派律师每月两次到社区提供免费法律咨询。', tag: 'serving_residents' },
]

type ItemState = 'open' | 'claimed' | 'in_progress' | 'completed' | 'withdrawn'
const STATE_CYCLE: ItemState[] = ['completed', 'in_progress', 'open', 'claimed', 'completed', 'in_progress', 'open', 'withdrawn', 'in_progress', 'claimed']
const PROGRESS_NOTES = ['已与社区对接，确定实施方案', '完成第一阶段工作，居民反映良好', '组织党员志愿者开展服务', '物资已到位，正在实施', '已完成大部分工作，剩余收尾']

async function seedCoBuilding(tx: Executor, input: {
  streetId: string
  communities: string[]
  units: { id: string; plan: UnitPlan; orgId: string; representative: string }[]
  random: Random
}) {
  const { random, communities, units } = input
  if (communities.length === 0) return { pairings: 0, listItems: 0, alliances: 0 }
  const names = await rows<{ id: string; name: string }>(tx, sql`SELECT id::text, name FROM orgs WHERE id = ANY(string_to_array(${[input.streetId, ...communities].join(',')}, ',')::bigint[])`)
  const nameOf = new Map(names.map((r) => [r.id, r.name]))
  const cadres = await rows<{ org_id: string; person_id: string }>(tx, sql`
    SELECT DISTINCT ON (ra.org_id) ra.org_id::text, ra.person_id::text FROM role_assignments ra
    WHERE ra.role = 'community_cadre' AND ra.org_id = ANY(string_to_array(${communities.join(',')}, ',')::bigint[]) ORDER BY ra.org_id, ra.id`)
  const cadreOf = new Map(cadres.map((r) => [r.org_id, r.person_id]))
  const [streetAdmin] = await rows<{ person_id: string }>(tx, sql`SELECT person_id::text FROM role_assignments WHERE role = 'street_admin' AND org_id = ${input.streetId} ORDER BY id LIMIT 1`)

  // Pairings: core units from agencies, institutions and state firms (rotating), plus 驻区单位 and
  // firms of the community itself as `area` pairings (the X of "5+X+Y", not limited).
  const coreCandidates = units.filter((u) => ['government_agency', 'public_institution', 'state_enterprise'].includes(u.plan.kind))
  const pairings: Record<string, unknown>[] = []
  const pairedUnits = new Map<string, typeof units>()
  communities.forEach((communityId, c) => {
    const cadre = cadreOf.get(communityId) ?? streetAdmin?.person_id
    if (!cadre) return
    const core = CORE_PER_COMMUNITY[c % CORE_PER_COMMUNITY.length]!
    const chosen: typeof units = []
    for (let k = 0; chosen.length < core && k < coreCandidates.length; k++) {
      const u = coreCandidates[(c * 2 + k * 3) % coreCandidates.length]!
      if (!chosen.includes(u)) chosen.push(u)
    }
    const area = units.filter((u) => u.orgId === communityId && !chosen.includes(u)).slice(0, 2)
    pairedUnits.set(communityId, [...chosen, ...area])
    for (const [kind, list] of [['core', chosen], ['area', area]] as const) {
      for (const u of list) {
        const starts = Date.UTC(2025, Math.floor(random() * 14), 1 + Math.floor(random() * 27))
        const tags = pickN(random, TAGS, 3 + Math.floor(random() * 3))
        pairings.push({
          community_id: communityId, unit_id: u.id, kind,
          title: `${u.plan.name}与${nameOf.get(communityId)}结对共建协议`,
          terms: `双方围绕${tags.map((t) => TAG_NAMES[t]).join('、')}开展共建：单位每季度到社区开展不少于一次共建活动，在职党员到社区报到服务；社区为单位党员提供服务岗位并反馈表现。`,
          tags: `{${tags.join(',')}}`, starts_on: isoDate(starts), ends_on: isoDate(starts + 3 * 365 * DAY), status: 'active', ended_on: null, end_reason: null,
          created_by: cadre, created_at: isoTime(starts),
        })
      }
    }
  })
  // One agreement that has ended, for the history.
  const ended = coreCandidates.find((u) => !(pairedUnits.get(communities[1 % communities.length]!) ?? []).includes(u))
  const secondCommunity = communities[1 % communities.length]!
  if (ended && cadreOf.get(secondCommunity)) {
    pairings.push({
      community_id: secondCommunity, unit_id: ended.id, kind: 'core', title: `${ended.plan.name}与${nameOf.get(secondCommunity)}结对共建协议`,
      terms: '双方围绕社区工作共推、服务群众共帮开展共建。', tags: '{community_work,serving_residents}', starts_on: '2023-03-01', ends_on: '2025-12-31',
      status: 'ended', ended_on: '2025-12-31', end_reason: '协议期满，单位调整结对社区', created_by: cadreOf.get(secondCommunity), created_at: isoTime(Date.UTC(2023, 2, 1)),
    })
  }
  await tx.execute(sql`
    INSERT INTO pairing_agreements (community_id, unit_id, kind, title, terms, tags, starts_on, ends_on, status, ended_on, end_reason, created_by, created_at, updated_at)
    SELECT community_id, unit_id, kind, title, terms, tags::text[], starts_on, ends_on, status, ended_on, end_reason, created_by, created_at, created_at
    FROM json_to_recordset(${JSON.stringify(pairings)}::json)
      AS x(community_id bigint, unit_id bigint, kind text, title text, terms text, tags text, starts_on date, ends_on date, status text,
           ended_on date, end_reason text, created_by bigint, created_at timestamptz)`)

  // List items: five per community from both sides, cycling through every state.
  const itemIds = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('list_items', 'id'))::text AS id FROM generate_series(1, ${communities.length * 5})`)
  const items: Record<string, unknown>[] = []
  const events: Record<string, unknown>[] = []
  let serial = 0
  communities.forEach((communityId, c) => {
    const cadre = cadreOf.get(communityId)
    const paired = pairedUnits.get(communityId) ?? []
    if (!cadre || paired.length === 0) return
    for (let k = 0; k < 5; k++) {
      const id = itemIds[serial]!.id
      const state = STATE_CYCLE[serial % STATE_CYCLE.length]!
      serial++
      const byUnit = k % 2 === 1
      const plan = byUnit ? UNIT_ITEMS[(c * 2 + k) % UNIT_ITEMS.length]! : COMMUNITY_ITEMS[(c * 3 + k) % COMMUNITY_ITEMS.length]!
      const unit = paired[(c + k) % paired.length]!
      const publisher = byUnit ? unit.representative : cadre
      const claimer = byUnit ? cadre : unit.representative
      const published = DEMO_NOW - (240 - serial * 4) * DAY - Math.floor(random() * 5) * DAY
      let t = published
      const push = (action: string, from: string | null, to: string, actor: string, actingUnit: string | null, note: string | null, progress: number | null) => {
        events.push({ item_id: id, action, from_state: from, to_state: to, note, progress, actor_id: actor, acting_unit_id: actingUnit, at: isoTime(t) })
      }
      push('publish', null, 'open', publisher, byUnit ? unit.id : null, null, null)
      let claimedAt: number | null = null
      let completedAt: number | null = null
      if (state !== 'open' && !(state === 'withdrawn' && k % 2 === 0)) {
        t += (2 + Math.floor(random() * 6)) * DAY
        claimedAt = t
        push('claim', 'open', 'claimed', claimer, byUnit ? null : unit.id, byUnit ? '社区认领，安排专人对接' : '我单位认领，由党支部牵头落实', null)
      }
      if (state === 'in_progress' || state === 'completed' || (state === 'withdrawn' && claimedAt !== null)) {
        const reports = 1 + Math.floor(random() * 3)
        let from: string = 'claimed'
        for (let r = 0; r < reports; r++) {
          t += (5 + Math.floor(random() * 10)) * DAY
          push('progress', from, 'in_progress', claimer, byUnit ? null : unit.id, PROGRESS_NOTES[(serial + r) % PROGRESS_NOTES.length]!, Math.min(90, 30 * (r + 1)))
          from = 'in_progress'
        }
      }
      if (state === 'completed') {
        t += (3 + Math.floor(random() * 7)) * DAY
        completedAt = t
        push('confirm', 'in_progress', 'completed', publisher, byUnit ? unit.id : null, '经核实已完成，群众满意', 100)
      }
      if (state === 'withdrawn') {
        t += 4 * DAY
        push('withdraw', claimedAt === null ? 'open' : 'in_progress', 'withdrawn', publisher, byUnit ? unit.id : null, '需求已由其他渠道解决，撤回', null)
      }
      items.push({
        id, list: plan.list, community_id: communityId, publisher_unit_id: byUnit ? unit.id : null, title: plan.title, description: plan.description, tag: plan.tag,
        due_on: isoDate(published + 120 * DAY), state, claimant_unit_id: claimedAt !== null && !byUnit ? unit.id : null,
        claimed_by: claimedAt !== null ? claimer : null, claimed_at: claimedAt !== null ? isoTime(claimedAt) : null,
        completed_at: completedAt !== null ? isoTime(completedAt) : null, published_by: publisher, created_at: isoTime(published), updated_at: isoTime(t),
      })
    }
  })
  await tx.execute(sql`
    INSERT INTO list_items (id, list, community_id, publisher_unit_id, title, description, tag, due_on, state, claimant_unit_id, claimed_by, claimed_at, completed_at, published_by, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, list, community_id, publisher_unit_id, title, description, tag, due_on, state, claimant_unit_id, claimed_by, claimed_at, completed_at, published_by, created_at, updated_at
    FROM json_to_recordset(${JSON.stringify(items)}::json)
      AS x(id bigint, list text, community_id bigint, publisher_unit_id bigint, title text, description text, tag text, due_on date, state text,
           claimant_unit_id bigint, claimed_by bigint, claimed_at timestamptz, completed_at timestamptz, published_by bigint, created_at timestamptz, updated_at timestamptz)`)
  await tx.execute(sql`
    INSERT INTO list_item_events (item_id, action, from_state, to_state, note, progress, actor_id, acting_unit_id, at)
    SELECT item_id, action, from_state, to_state, note, progress, actor_id, acting_unit_id, at
    FROM json_to_recordset(${JSON.stringify(events)}::json)
      AS x(item_id bigint, action text, from_state text, to_state text, note text, progress int, actor_id bigint, acting_unit_id bigint, at timestamptz)`)

  // Alliances: the street's Party-building alliance and a health complex in the second community.
  let alliances = 0
  const byName = (part: string) => units.find((u) => u.plan.name.includes(part))
  const plans = [
    {
      name: '站前街道区域化党建联盟', kind: 'alliance', orgId: input.streetId, creator: streetAdmin?.person_id,
      description: '街道党工委牵头，驻区机关、企事业单位和两新组织党组织共同参与，轮值召开联席会议，共商辖区发展和治理难题。',
      members: ['党政办公室', '教育体育局', '人民医院', '供电中心', '邮政', '建设银行', '翠岩信息科技', '社会工作者协会', '志愿者协会'],
      activities: [
        { title: '区域化党建联席会议（第三季度）', held_on: '2026-09-18', place: '站前街道党群服务中心', description: '通报上半年共建项目进展，议定“邻里节”分工。' },
        { title: '“七一”联合主题党日', held_on: '2026-07-01', place: '梅岭国家森林公园红色教育基地', description: '九家成员单位 120 名党员重温入党誓词。' },
        { title: '联盟成员单位资源对接会', held_on: '2026-04-22', place: '湾里管理局党政办公室会议室', description: '成员单位发布资源清单 18 项，社区现场认领 11 项。' },
      ],
    },
    {
      name: '长春社区医疗健康党建综合体', kind: 'complex', orgId: communities[1 % communities.length]!, creator: cadreOf.get(communities[1 % communities.length]!),
      description: '以人民医院党委为龙头，联合卫生服务中心、医药企业党组织，为居民提供家门口的健康服务。',
      members: ['人民医院', '社区卫生服务中心', '长春医药', '卫生健康委员会'],
      activities: [
        { title: '“健康进社区”义诊', held_on: '2026-10-12', place: '长春社区党群服务中心', description: '测血压血糖 260 人次，发放健康手册 300 份。' },
        { title: '家庭医生签约推进会', held_on: '2026-05-20', place: '湾里管理局人民医院', description: '综合体成员单位商定慢病随访分片包干。' },
      ],
    },
  ]
  for (const plan of plans) {
    const members = plan.members.map(byName).filter((u): u is (typeof units)[number] => u !== undefined)
    if (!plan.creator || members.length < 2) continue
    const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO alliances (name, kind, org_id, description, created_by, created_at, updated_at)
      VALUES (${plan.name}, ${plan.kind}, ${plan.orgId}, ${plan.description}, ${plan.creator}, '2026-03-15T02:00:00Z', '2026-10-12T08:00:00Z') RETURNING id::text`)
    await tx.execute(sql`INSERT INTO alliance_units (alliance_id, unit_id, created_at)
      SELECT ${row!.id}, unnest(string_to_array(${members.map((u) => u.id).join(',')}, ',')::bigint[]), '2026-03-15T02:00:00Z'`)
    await tx.execute(sql`INSERT INTO alliance_activities (alliance_id, title, held_on, place, description, created_by, created_at)
      SELECT ${row!.id}, title, held_on, place, description, ${plan.creator}, held_on::timestamptz + interval '10 hours'
      FROM json_to_recordset(${JSON.stringify(plan.activities)}::json) AS x(title text, held_on date, place text, description text)`)
    alliances++
  }

  // Part-time committee members (兼职委员): the representative of each community's first core
  // unit sits on that community's committee; the power supplier's on the street's.
  const partTime: { person_id: string; role: string; org_id: string }[] = []
  for (const communityId of communities) {
    const first = (pairedUnits.get(communityId) ?? [])[0]
    if (first && !partTime.some((p) => p.person_id === first.representative)) partTime.push({ person_id: first.representative, role: 'community_cadre', org_id: communityId })
  }
  const power = byName('供电中心')
  if (power) partTime.push({ person_id: power.representative, role: 'street_admin', org_id: input.streetId })
  await tx.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT person_id, role, org_id, DATE '2026-01-01' FROM json_to_recordset(${JSON.stringify(partTime)}::json) AS x(person_id bigint, role text, org_id bigint)`)

  return { pairings: pairings.length, listItems: items.length, alliances }
}
