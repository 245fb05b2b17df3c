// Tiny images for upload tests: a structurally valid JPEG with an EXIF block carrying an
// orientation and a GPS position (what a phone camera writes), and a 1×1 PNG.

function rational(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeUInt32BE(Math.round(n * 10000), 0)
  b.writeUInt32BE(10000, 4)
  return b
}

/** EXIF (big-endian TIFF) with IFD0 {Orientation, GPS pointer} and a GPS IFD {lat, lng}. */
function exif(lat: number, lng: number, orientation: number): Buffer {
  const ifd0At = 8
  const gpsAt = ifd0At + 2 + 2 * 12 + 4
  const dataAt = gpsAt + 2 + 4 * 12 + 4
  const t = Buffer.alloc(dataAt + 48)
  t.write('MM', 0, 'latin1')
  t.writeUInt16BE(42, 2)
  t.writeUInt32BE(ifd0At, 4)
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    t.writeUInt16BE(tag, at)
    t.writeUInt16BE(type, at + 2)
    t.writeUInt32BE(count, at + 4)
    if (short) t.writeUInt16BE(value, at + 8)
    else t.writeUInt32BE(value, at + 8)
  }
  t.writeUInt16BE(2, ifd0At)
  entry(ifd0At + 2, 0x0112, 3, 1, orientation, true)
  entry(ifd0At + 14, 0x8825, 4, 1, gpsAt)
  t.writeUInt16BE(4, gpsAt)
  entry(gpsAt + 2, 1, 2, 2, 0)
  t.write('N', gpsAt + 2 + 8, 'latin1')
  entry(gpsAt + 14, 2, 5, 3, dataAt)
  entry(gpsAt + 26, 3, 2, 2, 0)
  t.write('E', gpsAt + 26 + 8, 'latin1')
  entry(gpsAt + 38, 4, 5, 3, dataAt + 24)
  const dms = (v: number) => [Math.floor(v), Math.floor((v % 1) * 60), ((v * 60) % 1) * 60]
  dms(lat).forEach((x, i) => rational(x).copy(t, dataAt + i * 8))
  dms(lng).forEach((x, i) => rational(x).copy(t, dataAt + 24 + i * 8))
  return t
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xff00 | marker, 0)
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

export function jpegWithGps(opts: { lat: number; lng: number; orientation?: number; seed?: number }): Buffer {
  const sof = Buffer.from([8, 0, 48, 0, 64, 1, 1, 0x11, 0])
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exif(opts.lat, opts.lng, opts.orientation ?? 6)]))
  const sos = segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]))
  const scan = Buffer.from([0x12, 0x34, opts.seed ?? 0x56, 0x78])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, segment(0xc0, sof), sos, scan, Buffer.from([0xff, 0xd9])])
}

export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
