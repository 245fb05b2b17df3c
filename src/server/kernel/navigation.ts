// "Take me there": walking navigation to a place in the map app a person has, one tap, in the
// formats issue 14 fixes. Linli keeps WGS-84; AMap, Baidu and Tencent are given GCJ-02 (Baidu
// told so with coord_type), the device's own map app a geo: URI in WGS-84 (RFC 5870). Inside
// WeChat's browser a native app cannot be opened: AMap's link stays on the web and there is no
// geo: link. Browser-safe: the API puts these links on every venue and the web app builds the
// same ones for a case's location.
import gcoordModule from 'gcoord'

// gcoord is CommonJS with an ES build: under Vite the default import is the API, under Node the
// module object is; `.default` covers the other interop.
interface Gcoord {
  transform(position: [number, number], from: unknown, to: unknown): number[]
  WGS84: unknown
  GCJ02: unknown
}
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as unknown as Gcoord

export interface NavigationLinks {
  amap: string
  baidu: string
  tencent: string
  /** Null inside WeChat, where a geo: URI opens nothing. */
  geo: string | null
}

/** Whether a User-Agent is WeChat's in-app browser, where links cannot open another app. */
export const isWeChatAgent = (userAgent: string) => /MicroMessenger/i.test(userAgent)

export function navigationLinksOf(point: { lng: number; lat: number }, name: string, opts: { wechat: boolean; referer: string }): NavigationLinks {
  const title = encodeURIComponent(name)
  const [glng, glat] = (gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]).map((x) => Number(x.toFixed(6))) as [number, number]
  return {
    amap: `https://uri.amap.com/navigation?to=${glng},${glat},${title}&mode=walk&src=linli&callnative=${opts.wechat ? 0 : 1}`,
    baidu: `https://api.map.baidu.com/direction?origin=${encodeURIComponent('我的位置')}&destination=latlng:${glat},${glng}|name:${title}&mode=walking&output=html&coord_type=gcj02&src=webapp.linli.linli`,
    tencent: `https://apis.map.qq.com/uri/v1/routeplan?type=walk&tocoord=${glat},${glng}&to=${title}&referer=${encodeURIComponent(opts.referer)}`,
    geo: opts.wechat ? null : `geo:${point.lat},${point.lng}?q=${point.lat},${point.lng}(${title})`,
  }
}
