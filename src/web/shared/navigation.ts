// "Take me there": walking navigation to a place in the map app a person has, one tap (issue 13,
// in the formats the venues issue fixes). Linli keeps WGS-84; AMap, Baidu and Tencent are given
// GCJ-02 (Baidu told so with coord_type), the device's own map app a geo: URI in WGS-84
// (RFC 5870). Inside WeChat's browser a native app cannot be opened: AMap's link stays on the web
// and there is no geo: link.
import { toDisplay } from './crs.ts'

export interface NavLink {
  key: 'amap' | 'baidu' | 'tencent' | 'geo'
  href: string
}

/** Whether the page runs in WeChat's in-app browser, where links cannot open another app. */
export const inWeChat = (userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent) => /MicroMessenger/i.test(userAgent)

export function navigationLinks(point: { lng: number; lat: number }, name: string, opts: { wechat?: boolean; referer?: string } = {}): NavLink[] {
  const wechat = opts.wechat ?? inWeChat()
  const title = encodeURIComponent(name)
  const [glng, glat] = toDisplay([point.lng, point.lat] as [number, number], 'gcj02').map((x) => Number(x.toFixed(6))) as [number, number]
  const links: NavLink[] = [
    { key: 'amap', href: `https://uri.amap.com/navigation?to=${glng},${glat},${title}&mode=walk&src=linli&callnative=${wechat ? 0 : 1}` },
    {
      key: 'baidu',
      href: `https://api.map.baidu.com/direction?origin=${encodeURIComponent('我的位置')}&destination=latlng:${glat},${glng}|name:${title}&mode=walking&output=html&coord_type=gcj02&src=webapp.linli.linli`,
    },
    { key: 'tencent', href: `https://apis.map.qq.com/uri/v1/routeplan?type=walk&tocoord=${glat},${glng}&to=${title}&referer=${encodeURIComponent(opts.referer ?? 'linli')}` },
  ]
  if (!wechat) links.push({ key: 'geo', href: `geo:${point.lat},${point.lng}?q=${point.lat},${point.lng}(${title})` })
  return links
}
