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
}

export const homeEntries: HomeEntry[] = [
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
