// The home page's entries, in order. A new capability (report a problem, order a service, the red
// map…) appends one object here once its page exists; the home page shows only what is listed,
// never a "coming soon".
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
}

export const homeEntries: HomeEntry[] = [
  {
    key: 'report',
    to: '/report',
    title: { zh: '随手拍', en: 'Report a problem' },
    hint: { zh: '看到问题拍下来，网格员来处理', en: 'Photograph a problem; your grid worker deals with it' },
    audience: 'everyone',
  },
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
  {
    key: 'estates',
    to: '/estates',
    title: { zh: '小区五色榜', en: 'Estate ratings' },
    hint: { zh: '各小区物业和环境评得怎么样', en: 'How each estate and its property firm are rated' },
    audience: 'everyone',
  },
  // @residents: home entries of the residents module go above this line
  // @points: home entries of the points module go above this line
  // @units: home entries of the units module go above this line
  // @members: home entries of the members module go above this line
  // @volunteers: home entries of the volunteers module go above this line
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
