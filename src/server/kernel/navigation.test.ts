import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isWeChatAgent, navigationLinksOf } from './navigation.ts'

const here = { lng: 115.68, lat: 28.75 }

test('walking navigation in the formats each map app takes, GCJ-02 for the Chinese apps', () => {
  const { amap, baidu, tencent, geo } = navigationLinksOf(here, '岭口路23号附近', { wechat: false, referer: 'linli' })
  const amapTo = /^https:\/\/uri\.amap\.com\/navigation\?to=([\d.]+),([\d.]+),%E5%B2%AD[^&]*&mode=walk&src=linli&callnative=1$/.exec(amap!)!
  assert.ok(amapTo, amap)
  // GCJ-02 lies a few hundred metres off WGS-84 in China.
  const [glng, glat] = [Number(amapTo[1]), Number(amapTo[2])]
  assert.ok(Math.abs(glng - here.lng) > 0.001 && Math.abs(glng - here.lng) < 0.01, String(glng))
  assert.ok(Math.abs(glat - here.lat) > 0.001 && Math.abs(glat - here.lat) < 0.01, String(glat))
  // Baidu: latitude first, and always the coordinate system.
  assert.match(baidu!, new RegExp(`^https://api\\.map\\.baidu\\.com/direction\\?origin=[^&]+&destination=latlng:${glat},${glng}\\|name:%E5%B2%AD[^&]*&mode=walking&output=html&coord_type=gcj02&src=`))
  assert.equal(tencent, `https://apis.map.qq.com/uri/v1/routeplan?type=walk&tocoord=${glat},${glng}&to=${encodeURIComponent('岭口路23号附近')}&referer=linli`)
  // The device's own map app: a geo: URI, in WGS-84.
  assert.equal(geo, `geo:28.75,115.68?q=28.75,115.68(${encodeURIComponent('岭口路23号附近')})`)
})

test('inside WeChat the links stay on the web: no native call, no geo: URI', () => {
  const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN'
  assert.equal(isWeChatAgent(ua), true)
  assert.equal(isWeChatAgent('Mozilla/5.0 (Linux; Android 14) Chrome/120 Mobile Safari/537.36'), false)
  const links = navigationLinksOf(here, '站点', { wechat: true, referer: 'linli' })
  assert.equal(links.geo, null)
  assert.match(links.amap, /callnative=0$/)
})
