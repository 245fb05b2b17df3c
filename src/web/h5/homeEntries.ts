// The home page's entries, in order. A new capability (report a problem, order a service, the red
// map…) appends one object here once its page exists; the home page shows only what is listed,
// never a "coming soon".
import { useQuery } from '@tanstack/react-query'
import { api } from '../shared/api.ts'
import type { Text } from './labels.ts'

export interface HomeEntry {
  key: string
  /** Path inside the H5 router (basename /h5). */
  to: string
  title: Text
  /** One line in plain words under the title. */
  hint: Text
  /** Who sees it: everyone, or only signed-in people. */
  audience: 'everyone' | 'signedIn'
  /** Shown only to holders of one of these roles (signed-in entries). */
  roles?: string[]
  /** Shown only when this fact about the person holds (useHomeFacts). */
  when?: keyof HomeFacts
}

/** Facts about a signed-in person that some entries depend on, fetched once for the home page. */
export interface HomeFacts {
  /** They hold or held a shift in an emergency, or one is under way where they are (they may sign up). */
  duties: boolean
  /** They answer for a secretary's project or responsibility-list item (GET /me/secretary-projects). */
  projects?: boolean
}

export const homeEntries: HomeEntry[] = [
  {
    key: 'report',
    to: '/report',
    title: { zh: '随手拍', en: 'Report a problem' },
    hint: { zh: '看到问题拍下来，网格员来处理', en: 'Photograph a problem; your grid worker deals with it' },
    audience: 'everyone',
  },
  { key: 'order', to: '/order', title: { zh: '我要点单', en: 'Order a service' }, hint: { zh: '理发、助餐、维修…点一下，社区安排人上门', en: 'Haircut, meals, repairs…: tap, and the community sends help' }, audience: 'signedIn', roles: ['resident'] },
  { key: 'my-orders', to: '/my-orders', title: { zh: '我的订单', en: 'My orders' }, hint: { zh: '点的服务到哪一步了，完成后确认和评价', en: 'How your orders are going; confirm and rate when done' }, audience: 'signedIn', roles: ['resident'] },
  { key: 'notices', to: '/notices', title: { zh: '我的通知', en: 'My notices' }, hint: { zh: '社区发来的通知，点一下就能回执', en: 'Notices from your community; answer with one tap' }, audience: 'signedIn' },
  {
    key: 'my-reports',
    to: '/my-reports',
    title: { zh: '我的反映', en: 'My reports' },
    hint: { zh: '我反映的问题办得怎么样了', en: 'How the problems you reported are going' },
    audience: 'signedIn',
  },
  {
    key: 'tasks',
    to: '/tasks',
    title: { zh: '我的任务', en: 'My tasks' },
    hint: { zh: '接单、到场签到、办结', en: 'Take, check in on site, mark handled' },
    audience: 'signedIn',
    roles: ['grid_worker', 'grid_leader'],
  },
  { key: 'grab', to: '/grab', title: { zh: '抢单大厅', en: 'Grab orders' }, hint: { zh: '附近居民的需求，抢到就去服务', en: 'Requests nearby: take one and go help' }, audience: 'signedIn', roles: ['member', 'volunteer', 'grid_worker', 'grid_leader', 'community_cadre'] },
  { key: 'my-services', to: '/my-services', title: { zh: '我的服务', en: 'My services' }, hint: { zh: '接到的订单：出发、签到、完成；设置服务时段', en: 'Orders you took: set out, check in, complete; your hours' }, audience: 'signedIn', roles: ['member', 'volunteer', 'grid_worker', 'grid_leader', 'community_cadre'] },
  {
    key: 'venues',
    to: '/venues',
    title: { zh: '红色地图', en: 'Red map' },
    hint: { zh: '党群服务中心、驿站在哪，一键导航', en: 'Where service centres and stations are, one tap to go' },
    audience: 'everyone',
  },
  {
    key: 'projects-public',
    to: '/projects',
    title: { zh: '项目公开', en: 'Projects and spending' },
    hint: { zh: '社区的钱花在哪里，大家一起监督；爱心众筹在这里认捐', en: 'Where the community\'s money goes; pledge to crowdfunding here' },
    audience: 'everyone',
  },
  {
    key: 'wishes',
    to: '/wishes',
    title: { zh: '微心愿', en: 'Wishes' },
    hint: { zh: '许下小小心愿，党员和单位帮您实现', en: 'Make a small wish; members and units make it come true' },
    audience: 'everyone',
  },
  { key: 'family-bank', to: '/family-bank', title: { zh: '家风银行', en: 'Family traditions' }, hint: { zh: '存一句家训、一个家风故事，传承好家风', en: 'Deposit a family motto or story' }, audience: 'everyone' },
  { key: 'library', to: '/library', title: { zh: '经验库', en: 'Practice library' }, hint: { zh: '学习各社区的好做法', en: 'Good practices from other communities' }, audience: 'signedIn' },
  { key: 'deliberation', to: '/deliberation', title: { zh: '居民议事', en: 'Deliberation' }, hint: { zh: '提议题、附议、投票，决议落实看得见', en: 'Propose, support, vote, and follow what was decided' }, audience: 'signedIn' },
  {
    key: 'my-errands',
    to: '/my-errands',
    title: { zh: '我的帮办', en: 'My errands' },
    hint: { zh: '办执照、许可、补贴，帮办员帮您跑，进度随时看', en: 'Licences, permits, subsidies: a helper runs them, you follow the progress' },
    audience: 'signedIn',
  },
  {
    key: 'estates',
    to: '/estates',
    title: { zh: '小区五色榜', en: 'Estate ratings' },
    hint: { zh: '各小区物业和环境评得怎么样', en: 'How each estate and its property firm are rated' },
    audience: 'everyone',
  },
  {
    key: 'my-resident',
    to: '/my-resident',
    title: { zh: '我的居民信息', en: 'My resident record' },
    hint: { zh: '查看和更正社区登记的我的信息', en: 'See and correct what the community has on record' },
    audience: 'signedIn',
    roles: ['resident'],
  },
  {
    key: 'points',
    to: '/points',
    title: { zh: '我的积分', en: 'My points' },
    hint: { zh: '做志愿、报问题得积分，到社区商户换东西', en: 'Earn points by helping out; spend them at community shops' },
    audience: 'signedIn',
  },
  {
    key: 'unit',
    to: '/unit',
    title: { zh: '单位共建', en: 'Unit co-building' },
    hint: { zh: '单位联系人认领社区需求、报告进展、发布资源', en: 'Unit contacts: claim community needs, report progress, offer resources' },
    audience: 'signedIn',
  },
  {
    key: 'my-registration',
    to: '/my-registration',
    title: { zh: '我的报到', en: 'My registration' },
    hint: { zh: '到社区报到、认领岗位、看年度目标和反馈卡', en: 'Register at your community, claim posts, see your target and feedback cards' },
    audience: 'signedIn',
    roles: ['member'],
  },
  {
    key: 'activities',
    to: '/activities',
    title: { zh: '志愿活动', en: 'Volunteer activities' },
    hint: { zh: '身边的志愿服务，报名、扫码签到', en: 'Volunteering near you: sign up, check in by QR code' },
    audience: 'signedIn',
  },
  {
    key: 'volunteer-hours',
    to: '/volunteer-hours',
    title: { zh: '我的志愿时长', en: 'My volunteer hours' },
    hint: { zh: '今年服务了多少小时，时间银行', en: 'Your hours this year and the time bank' },
    audience: 'signedIn',
  },
  { key: 'my-scores', to: '/my-scores', title: { zh: '我的考核', en: 'My scores' }, hint: { zh: '本月办件、走访或服务时长、积分，得分和排名', en: 'This month’s cases, visits or hours and points, your score and rank' }, audience: 'signedIn', roles: ['grid_worker', 'member'] },
  { key: 'my-projects', to: '/my-projects', title: { zh: '我的书记项目', en: 'My projects' }, hint: { zh: '我负责的书记项目和责任清单：节点到期、完成打卡、填报进展', en: 'Projects and list items you answer for: due dates, milestones, progress' }, audience: 'signedIn', when: 'projects' },
  { key: 'meetings', to: '/meetings', title: { zh: '我的会议', en: 'My meetings' }, hint: { zh: '议事会、圆桌会：报名、扫码签到、确认纪要', en: 'Council and round-table meetings: register, check in, approve minutes' }, audience: 'signedIn' },
  { key: 'my-duties', to: '/mobilisation', title: { zh: '我的值守', en: 'My shifts' }, hint: { zh: '防汛、防疫等应急值守：报名班次、到岗扫码签到', en: 'Emergency duty: sign up for shifts, check in on post' }, audience: 'signedIn', when: 'duties' },
  { key: 'my-building-leader', to: '/building-leaders', title: { zh: '我的楼栋长', en: 'My building leader' }, hint: { zh: '楼栋长是谁、管什么、怎么联系，有事直接反映', en: 'Who your building leader is and how to reach them' }, audience: 'signedIn', roles: ['resident'] },
  { key: 'party-life', to: '/party-life', title: { zh: '我的组织生活', en: 'My organisation life' }, hint: { zh: '三会一课出席情况、学习学时', en: 'Party meetings attended and study hours' }, audience: 'signedIn' },
  {
    key: 'my-bookings',
    to: '/my-bookings',
    title: { zh: '我的预约', en: 'My bookings' },
    hint: { zh: '预约的活动室、会议室，到场签到', en: 'Rooms you booked; check in when you arrive' },
    audience: 'signedIn',
  },
  {
    key: 'grid',
    to: '/grid',
    title: { zh: '我的网格', en: 'My grid' },
    hint: { zh: '我的网格员是谁、怎么联系', en: 'Who your grid worker is and how to reach them' },
    audience: 'signedIn',
  },
  {
    key: 'profile',
    to: '/me',
    title: { zh: '我的资料', en: 'My profile' },
    hint: { zh: '姓名、手机号、退出登录', en: 'Name, phone number, log out' },
    audience: 'signedIn',
  },
]

/** The entries a visitor or a signed-in person sees, in order. */
export function visibleEntries(me: { roles: { role: string }[] } | null, facts?: HomeFacts): HomeEntry[] {
  return homeEntries.filter((e) => (e.audience === 'everyone' || me) && (!e.roles || me?.roles.some((r) => e.roles!.includes(r.role))) && (!e.when || facts?.[e.when] === true))
}

/** The facts of useHomeFacts: my shifts (past ones too), or an emergency under way in my area. */
export function useHomeFacts(me: unknown): HomeFacts {
  const duties = useQuery({ queryKey: ['me', 'duties'], enabled: !!me, staleTime: 60_000, queryFn: () => api<{ items: unknown[] }>('/me/duties') })
  const active = useQuery({ queryKey: ['emergencies', 'active'], enabled: !!me, staleTime: 60_000, queryFn: () => api<{ items: unknown[] }>('/emergencies?status=active&limit=5') })
  const projects = useQuery({ queryKey: ['h5-my-projects'], enabled: !!me, staleTime: 60_000, queryFn: () => api<{ items: unknown[] }>('/me/secretary-projects') })
  return { duties: (duties.data?.items.length ?? 0) > 0 || (active.data?.items.length ?? 0) > 0, projects: (projects.data?.items.length ?? 0) > 0 }
}
