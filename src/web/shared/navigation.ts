// "Take me there" links for the web pages, built by the same function the API uses for venues
// (server/kernel/navigation.ts), in the order a page lists them.
import { isWeChatAgent, navigationLinksOf, type NavigationLinks } from '@server/kernel/navigation.ts'

export interface NavLink {
  key: 'amap' | 'baidu' | 'tencent' | 'geo'
  href: string
}

/** Whether the page runs in WeChat's in-app browser, where links cannot open another app. */
export const inWeChat = (userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent) => isWeChatAgent(userAgent)

/** The links of an API answer (a venue's `navigation`) as a list, the app the user chose first. */
export function linkList(links: NavigationLinks, preferred?: string | null): NavLink[] {
  const list = (['amap', 'baidu', 'tencent', 'geo'] as const).flatMap((key) => (links[key] ? [{ key, href: links[key]! }] : []))
  return preferred ? [...list.filter((l) => l.key === preferred), ...list.filter((l) => l.key !== preferred)] : list
}

export function navigationLinks(point: { lng: number; lat: number }, name: string, opts: { wechat?: boolean; referer?: string } = {}): NavLink[] {
  return linkList(navigationLinksOf(point, name, { wechat: opts.wechat ?? inWeChat(), referer: opts.referer ?? 'linli' }))
}
