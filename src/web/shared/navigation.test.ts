import assert from 'node:assert/strict'
import { test } from 'node:test'
import { navigationLinks } from './navigation.ts'

test('navigation links carry the point in the system each map app expects', () => {
  const [amap, baidu, tencent] = navigationLinks({ lng: 115.68, lat: 28.75 }, '岭口路23号附近')
  assert.match(amap!.href, /^https:\/\/uri\.amap\.com\/marker\?position=115\.68,28\.75&name=%E5%B2%AD.*&coordinate=wgs84/)
  assert.match(baidu!.href, /location=28\.75,115\.68&.*coord_type=wgs84/)
  // Tencent takes GCJ-02: a few hundred metres off WGS-84 in China.
  const m = /coord:([\d.]+),([\d.]+);/.exec(tencent!.href)!
  assert.ok(Math.abs(Number(m[1]) - 28.75) > 0.001 && Math.abs(Number(m[1]) - 28.75) < 0.01, m[1])
  assert.ok(Math.abs(Number(m[2]) - 115.68) > 0.001 && Math.abs(Number(m[2]) - 115.68) < 0.01, m[2])
})
