// The shared library (云平台) of the demo city (issue 16): forty practices published by the
// communities and streets of the demo district, some revised (two versions), one street's visit
// schedule carried as a template, with comments and "adopted" marks of other communities, so the
// figures per street have something to count. The search vectors are made with jieba, as the
// service makes them.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'
import { insertPractice, insertVersion, setLatest } from '../modules/library/library.repository.ts'
import { searchVector } from '../modules/library/library.search.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

/** [title, tags, what they did, how, what came of it] */
const PRACTICES: [string, string[], string, string, string][] = [
  ['“协商六议”建成电动车集中车棚', ['协商议事', '电动车'], '居民提议、“两委”商议、理事会复议、多方共议、集体决议、群众监议', '选址经三次圆桌会比选，物业出场地、社区出资金、居民投工投劳', '楼道飞线充电基本消失，车棚建成后未发生一起充电火情'],
  ['屋顶排险“一事一议”', ['协商议事', '安全隐患'], '老旧小区屋顶瓦片松动，居民理事会牵头“一事一议”', '维修基金使用方案经业主表决通过，施工期间党员志愿者轮流值守', '排险在汛期前完成，居民满意率百分之九十八'],
  ['红喇叭：通知到户不再打电话', ['红喇叭', '通知'], '社区通知改由红喇叭平台推送到户，并记录回执', '未读的由网格员上门告知，没有智能手机的老人列入电话清单', '打电话通知的工作量减少九成'],
  ['民情理事会议事规则', ['民情理事会', '议事规则'], '理事会由老党员、楼栋长、乡贤组成', '明确议题收集、协商形式、议事规则、执行监督四个环节', '一年协商解决民生小事一百一十件'],
  ['“五位一体”物业协商', ['物业', '五位一体'], '居委会、业委会、居民议事会、物业公司、党组织每月联席', '物业费调整、停车收费等事项先协商后公示', '物业投诉量下降六成'],
  ['居民议事厅议交通', ['议事厅', '交通'], '学校门口早晚高峰拥堵，议事厅邀请交警、学校、居民代表', '六次协商形成错峰接送、临时停车位、护学岗方案', '上学高峰通行时间缩短一半'],
  ['网格党小组列席居民月会', ['网格党小组', '居民会议'], '每月居民会议由网格党小组列席', '党员认领居民提出的问题，下次会议报告办理情况', '问题办结率达到百分之九十五'],
  ['长者食堂引入社会组织运营', ['长者食堂', '养老'], '社区腾出闲置用房开办长者食堂', '引入社会组织运营，困难老人享受助餐补贴，志愿者送餐上门', '每天供餐两百余份'],
  ['垃圾分类积分兑换', ['垃圾分类', '积分'], '居民正确投放可获积分', '积分可在社区超市兑换日用品，督导员由志愿者轮值', '参与率从三成提高到八成'],
  ['楼道清理百日行动', ['环境整治', '楼道'], '发动楼栋长和志愿者每周清理楼道杂物', '同时排查违规停放的电动车，建立楼道长制', '消防通道全部畅通'],
  ['小区加装电梯协商指引', ['加装电梯', '协商议事'], '老旧小区加装电梯意见难统一', '社区制定费用分摊参考表，一楼住户参与协商并获补偿', '一年内十二个单元完成加装'],
  ['僵尸车清理联合行动', ['停车', '环境整治'], '小区长期停放的无主车辆占用车位', '社区、派出所、物业联合张贴告知，限期挪走', '清理僵尸车四十余辆，新增车位'],
  ['文明养犬公约', ['文明养犬', '公约'], '居民议事会起草文明养犬公约', '公约经居民代表大会表决，志愿者劝导不文明养犬', '相关投诉明显减少'],
  ['快递柜让出消防通道', ['快递', '消防'], '快递柜占用消防通道，居民多次反映', '社区协调快递企业和物业另选位置', '消防通道恢复畅通'],
  ['二次供水水箱定期清洗', ['供水', '物业'], '居民反映自来水有异味', '物业每季度清洗水箱并公示检测报告', '水质投诉清零'],
  ['高空抛物治理', ['安全隐患', '技防'], '多次发生高空抛物', '加装高空监控探头，开展入户宣传', '高空抛物事件明显减少'],
  ['党员联户“敲门行动”', ['党员联户', '走访'], '每名党员联系十户居民', '每月至少上门一次，了解诉求并登记', '居民诉求第一时间发现'],
  ['民情夜访走访计划', ['民情夜访', '走访计划'], '街道各部门每月一日晚间到联系社区走访', '走访发现的问题当场登记，转为诉求跟踪办理', '干部走访覆盖全部社区'],
  ['“微心愿”认领机制', ['微心愿', '志愿服务'], '困难群众的小心愿上墙公示', '党员和共建单位一对一认领，实现后上传照片', '一年实现心愿三百余个'],
  ['时间银行互助养老', ['时间银行', '养老'], '低龄老人服务高龄老人，服务时长存入时间银行', '时长可兑换服务或积分', '参与志愿者两百余人'],
  ['共建单位“双报到”', ['双报到', '共建'], '机关企事业单位到社区报到', '认领服务项目，参与社区治理', '共建项目六十余个'],
  ['智慧屏展示服务成效', ['智慧屏', '公开'], '党群服务中心大厅安装智慧屏', '实时展示诉求办理、志愿服务、场地预约等数据', '居民看得见服务成效'],
  ['家风银行传承好家风', ['家风', '文明实践'], '居民存入家训和家风故事', '社区审核后公开展示，评选最美家庭', '收集家训一千余条、故事三百余个'],
  ['物业服务质量评议', ['物业', '评议'], '每季度由居民对物业服务打分', '评议结果与物业费调整挂钩', '物业服务满意度提升'],
  ['社区议事协商“三张清单”', ['协商议事', '清单'], '建立议题清单、协商清单、落实清单', '每项议题明确责任人和完成时限', '协商事项全程可追溯'],
  ['退役军人志愿服务队', ['志愿服务', '退役军人'], '组织退役军人成立志愿服务队', '参与巡逻、应急处置和国防教育', '服务时长累计五千小时'],
  ['“红色物业”党建联建', ['红色物业', '党建'], '物业企业成立党支部', '与社区党组织联建，共同解决小区难题', '物业纠纷化解率提升'],
  ['夜间便民集市规范管理', ['便民', '摊点'], '居民需要夜市，但噪音和垃圾问题突出', '协商划定摊位、营业时间，摊主轮值保洁', '夜市有序，投诉减少'],
  ['老旧小区改造居民全程参与', ['老旧小区改造', '协商议事'], '改造方案先问需于民', '居民代表参与方案设计、施工监督和竣工验收', '改造满意率百分之九十五'],
  ['儿童“四点半课堂”', ['青少年', '志愿服务'], '放学后无人照看的孩子在社区写作业', '大学生志愿者和退休教师辅导', '每天服务孩子四十余名'],
  ['社区公益创投', ['公益创投', '社会组织'], '社区拿出专项资金支持居民自组织项目', '居民投票选出年度项目', '孵化社区社会组织十余个'],
  ['楼栋自治“楼委会”', ['楼栋自治', '自治'], '每个楼栋推选楼委会', '楼内事务楼内议、楼内办', '邻里矛盾就地化解'],
  ['矛盾纠纷“三级调解”', ['调解', '平安'], '网格、社区、街道三级调解', '小事不出网格，大事不出社区', '矛盾纠纷化解率百分之九十八'],
  ['共享停车错峰开放', ['停车', '共享'], '周边单位停车场夜间向居民开放', '签订共享协议，居民按月付费', '缓解停车难'],
  ['“一老一小”服务清单', ['养老', '托育'], '梳理老人和儿童的服务需求', '形成服务清单，由服务订单平台派单', '服务响应时间缩短'],
  ['河长制进社区', ['河道', '环境整治'], '社区设立民间河长', '每周巡河，发现问题即时上报', '河道水质持续改善'],
  ['新就业群体“小哥驿站”', ['小哥驿站', '新就业群体'], '为快递员、外卖员设立驿站', '提供休息、饮水、充电服务，邀请参与社区治理', '小哥成为社区“移动网格员”'],
  ['疫苗接种上门服务', ['健康', '上门服务'], '行动不便的老人接种困难', '社区医生和志愿者上门服务', '老年人接种率提升'],
  ['社区图书角', ['文化', '阅读'], '居民捐书建立图书角', '志愿者管理，定期举办读书会', '借阅量逐月上升'],
  ['应急物资储备点', ['应急', '安全'], '每个小区设立应急物资储备点', '明确管理人，定期检查更新', '应急演练全覆盖'],
]

export async function seedDemoLibrary(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ practices: number }> {
  const random = createRandom(opts.seed + 61)
  const now = opts.now ?? new Date()
  // Every community and street of the demo city, with a cadre to publish.
  const nodes = await rows<{ id: string; kind: string; name: string; cadre: string | null }>(tx, sql`SELECT o.id::text, o.kind, o.name,
      (SELECT min(r.person_id)::text FROM role_assignments r WHERE r.org_id = o.id AND r.role IN ('community_cadre', 'street_admin')) AS cadre
    FROM orgs o WHERE o.kind IN ('community', 'village', 'street') AND o.deleted_at IS NULL ORDER BY o.id`)
  const publishers = nodes.filter((n) => n.cadre !== null)
  const communities = nodes.filter((n) => n.kind !== 'street' && n.cadre !== null)
  if (publishers.length === 0) return { practices: 0 }
  let made = 0
  const ids: { id: string; orgId: string }[] = []
  for (const [i, [title, tags, what, how, result]] of PRACTICES.entries()) {
    const visit = title === '民情夜访走访计划'
    const org = visit ? publishers.find((p) => p.kind === 'street') ?? publishers[0]! : publishers[(i * 7) % publishers.length]!
    const body = `【背景】${what}。\n\n【做法】${how}。\n\n【成效】${result}。\n\n【经验】${org.name}的做法简单易学，关键在于党组织牵头、居民全程参与、结果公开透明。`
    const template = visit ? { kind: 'visit_schedule', payload: { name: '每月一日民情夜访', kind: 'night', dayOfMonth: 1, graceDays: 7 } } : null
    const v = { title, body, tags, photoIds: [], fileIds: [], template, note: null, editedBy: org.cadre }
    const id = await insertPractice(tx, org.id, org.cadre, v, searchVector(v))
    if (random() < 0.25) {
      const v2 = { ...v, body: `${body}\n\n【补充】推广中发现，事前公示方案、事后公开账目，居民更放心。`, note: '补充了推广中的体会' }
      await insertVersion(tx, id, 2, v2)
      await setLatest(tx, id, 2, v2, searchVector(v2))
    }
    ids.push({ id, orgId: org.id })
    made++
  }
  // Dates spread over the past year; comments and adoptions by other communities (set-based).
  const ago = ids.map((_, i) => 10 + ((i * 37) % 330))
  // The times are computed in FROM subqueries: Citus refuses `timestamptz ± interval` (STABLE) on
  // a column in an UPDATE's SET, and on a Citus coordinator these are Citus local tables.
  await tx.execute(sql`UPDATE library_practices p SET created_at = x.created, updated_at = x.updated
    FROM (SELECT x.id, now() - make_interval(days => x.d) AS created, now() - make_interval(days => greatest(x.d - 5, 1)) AS updated
      FROM jsonb_to_recordset(${JSON.stringify(ids.map((p, i) => ({ id: p.id, d: ago[i] })))}::jsonb) AS x(id bigint, d int)) x WHERE p.id = x.id`)
  await tx.execute(sql`UPDATE library_versions v SET created_at = s.at
    FROM (SELECT w.id, p.created_at + make_interval(days => w.version * 3 - 3) AS at FROM library_versions w JOIN library_practices p ON p.id = w.practice_id) s WHERE v.id = s.id`)
  const COMMENTS = ['这个做法很实用，我们社区准备试一试', '请问经费是怎么解决的？', '已组织网格员学习', '我们也遇到同样的问题，学习了', '建议补充一下居民反对时怎么处理', '点赞！公开透明是关键']
  const adoptions: { practiceId: string; orgId: string; by: string; d: number }[] = []
  const comments: { practiceId: string; authorId: string; orgId: string; body: string; d: number }[] = []
  for (const p of ids) {
    for (const c of communities) {
      if (c.id === p.orgId) continue
      if (random() < 0.12) adoptions.push({ practiceId: p.id, orgId: c.id, by: c.cadre!, d: Math.floor(random() * 9) + 1 })
      if (random() < 0.05) comments.push({ practiceId: p.id, authorId: c.cadre!, orgId: c.id, body: pick(random, COMMENTS), d: Math.floor(random() * 9) + 1 })
    }
  }
  await tx.execute(sql`INSERT INTO library_adoptions (practice_id, org_id, version, adopted_by, created_at)
    SELECT x.practice_id, x.org_id, 1, x.by, ${now.toISOString()}::timestamptz - make_interval(days => x.d)
    FROM jsonb_to_recordset(${JSON.stringify(adoptions.map((a) => ({ practice_id: a.practiceId, org_id: a.orgId, by: a.by, d: a.d })))}::jsonb) AS x(practice_id bigint, org_id bigint, by bigint, d int)
    ON CONFLICT DO NOTHING`)
  await tx.execute(sql`INSERT INTO library_comments (practice_id, author_id, org_id, body, created_at)
    SELECT x.practice_id, x.author_id, x.org_id, x.body, ${now.toISOString()}::timestamptz - make_interval(days => x.d)
    FROM jsonb_to_recordset(${JSON.stringify(comments.map((c) => ({ practice_id: c.practiceId, author_id: c.authorId, org_id: c.orgId, body: c.body, d: c.d })))}::jsonb) AS x(practice_id bigint, author_id bigint, org_id bigint, body text, d int)`)
  return { practices: made }
}
