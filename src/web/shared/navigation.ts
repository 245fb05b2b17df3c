// "Take me there": links that open a place in the map apps people have (AMap, Baidu, Tencent),
// each with the coordinate system it expects, so a handler can navigate to a case in one tap.
// Linli keeps WGS-84; AMap and Baidu take it as marked, Tencent takes GCJ-02.
import { toDisplay } from './crs.ts'

export interface NavLink {
  key: 'amap' | 'baidu' | 'tencent'
  href: string
}

export function navigationLinks(point: { lng: number; lat: number }, name: string): NavLink[] {
  const title = encodeURIComponent(name)
  const [glng, glat] = toDisplay([point.lng, point.lat] as [number, number], 'gcj02')
  return [
    { key: 'amap', href: `https://uri.amap.com/marker?position=${point.lng},${point.lat}&name=${title}&coordinate=wgs84&callnative=1&src=linli` },
    { key: 'baidu', href: `https://api.map.baidu.com/marker?location=${point.lat},${point.lng}&title=${title}&content=${title}&coord_type=wgs84&output=html&src=linli` },
    { key: 'tencent', href: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${glat},${glng};title:${title}&referer=linli` },
  ]
}
