// Images for upload tests: real JPEGs (made with sharp) with an EXIF block carrying an
// orientation and a GPS position (what a phone camera writes), hostile variants of them, and a
// 1×1 PNG.
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'

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

/** A real photo (a decodable JPEG of one colour, `seed` varies it) with no metadata. */
export async function plainJpeg(opts: { width?: number; height?: number; seed?: number } = {}): Promise<Buffer> {
  const seed = opts.seed ?? 0x56
  return sharp({ create: { width: opts.width ?? 64, height: opts.height ?? 48, channels: 3, background: { r: seed, g: 120, b: 255 - seed } } }).jpeg().toBuffer()
}

/**
 * What a phone camera writes: a JPEG with an EXIF block carrying an orientation and a GPS
 * position, right after the start marker, or (`exifAfterScan`) hidden after the scan data.
 */
export async function jpegWithGps(opts: { lat: number; lng: number; orientation?: number; seed?: number; width?: number; height?: number; exifAfterScan?: boolean }): Promise<Buffer> {
  const jpeg = await plainJpeg(opts)
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exif(opts.lat, opts.lng, opts.orientation ?? 6)]))
  if (opts.exifAfterScan) return Buffer.concat([jpeg.subarray(0, -2), app1, jpeg.subarray(-2)])
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)])
}

/** A JPEG that is also an HTML page: markup in a comment segment and after the end marker. */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>', 'latin1')
  const jpeg = await plainJpeg({ seed: 0x21 })
  return Buffer.concat([jpeg.subarray(0, 2), segment(0xfe, html), jpeg.subarray(2), html])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** A tiny PNG whose header declares `width`×`height` pixels (a decompression bomb's header). */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
