// What Linli accepts as a photo: JPEG, PNG or WebP, recognised by their bytes, not by the
// declared type. Before storing, location metadata is removed: JPEG EXIF/XMP/IPTC segments
// (keeping only the orientation, so phone photos stay upright), PNG eXIf/text chunks, WebP
// EXIF/XMP chunks. The GPS position a JPEG carried is returned for staff, never served.

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp'

export interface CleanImage {
  mime: ImageMime
  bytes: Buffer
  width: number | null
  height: number | null
  taken: { lng: number; lat: number } | null
}

export function sniffMime(b: Buffer): ImageMime | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length > 24 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length > 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** Returns null when the bytes are not a well-formed image of a supported type. */
export function cleanImage(input: Buffer): CleanImage | null {
  const mime = sniffMime(input)
  try {
    if (mime === 'image/jpeg') return cleanJpeg(input)
    if (mime === 'image/png') return cleanPng(input)
    if (mime === 'image/webp') return cleanWebp(input)
  } catch {
    return null
  }
  return null
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

function cleanJpeg(b: Buffer): CleanImage | null {
  const out: Buffer[] = [b.subarray(0, 2)]
  let i = 2
  let width: number | null = null
  let height: number | null = null
  let exif: ExifFacts = { orientation: null, taken: null }
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]!
    if (marker === 0xd9) break
    const length = b.readUInt16BE(i + 2)
    if (length < 2 || i + 2 + length > b.length) return null
    const segment = b.subarray(i, i + 2 + length)
    if (SOF.has(marker)) {
      height = b.readUInt16BE(i + 5)
      width = b.readUInt16BE(i + 7)
    }
    if (marker === 0xe1) {
      if (segment.toString('latin1', 4, 10) === 'Exif\0\0') exif = readExif(segment.subarray(10))
    } else if (marker !== 0xed) {
      out.push(segment)
    }
    i += 2 + length
    if (marker === 0xda) {
      out.push(b.subarray(i))
      break
    }
  }
  if (width === null) return null
  if (exif.orientation && exif.orientation !== 1) out.splice(1, 0, orientationSegment(exif.orientation))
  return { mime: 'image/jpeg', bytes: Buffer.concat(out), width, height, taken: exif.taken }
}

interface ExifFacts {
  orientation: number | null
  taken: { lng: number; lat: number } | null
}

/** Reads the orientation and GPS position from a TIFF structure (the EXIF payload). */
function readExif(t: Buffer): ExifFacts {
  const facts: ExifFacts = { orientation: null, taken: null }
  if (t.length < 8) return facts
  const le = t.toString('latin1', 0, 2) === 'II'
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o))
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o))
  const entries = (ifd: number) => {
    const found = new Map<number, { type: number; count: number; valueAt: number }>()
    if (ifd + 2 > t.length) return found
    const n = u16(ifd)
    for (let k = 0; k < n; k++) {
      const e = ifd + 2 + k * 12
      if (e + 12 > t.length) break
      found.set(u16(e), { type: u16(e + 2), count: u32(e + 4), valueAt: e + 8 })
    }
    return found
  }
  const ifd0 = entries(u32(4))
  const orientation = ifd0.get(0x0112)
  if (orientation) facts.orientation = u16(orientation.valueAt)
  const gpsPointer = ifd0.get(0x8825)
  if (gpsPointer) {
    const gps = entries(u32(gpsPointer.valueAt))
    const degrees = (tag: number) => {
      const e = gps.get(tag)
      if (!e || e.type !== 5 || e.count !== 3) return null
      const at = u32(e.valueAt)
      const r = (k: number) => u32(at + k * 8) / (u32(at + k * 8 + 4) || 1)
      return r(0) + r(1) / 60 + r(2) / 3600
    }
    const ref = (tag: number) => {
      const e = gps.get(tag)
      return e ? String.fromCharCode(t[e.valueAt]!) : ''
    }
    const lat = degrees(2)
    const lng = degrees(4)
    if (lat !== null && lng !== null) facts.taken = { lat: ref(1) === 'S' ? -lat : lat, lng: ref(3) === 'W' ? -lng : lng }
  }
  return facts
}

/** An APP1 segment whose EXIF holds nothing but the orientation tag. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26)
  tiff.write('MM', 0, 'latin1')
  tiff.writeUInt16BE(42, 2)
  tiff.writeUInt32BE(8, 4)
  tiff.writeUInt16BE(1, 8) // one entry
  tiff.writeUInt16BE(0x0112, 10)
  tiff.writeUInt16BE(3, 12) // SHORT
  tiff.writeUInt32BE(1, 14)
  tiff.writeUInt16BE(orientation, 18)
  tiff.writeUInt32BE(0, 22) // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xffe1, 0)
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt'])

function cleanPng(b: Buffer): CleanImage | null {
  const out: Buffer[] = [b.subarray(0, 8)]
  let i = 8
  let sawEnd = false
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    if (i + 12 + length > b.length) return null
    if (!PNG_DROP.has(type)) out.push(b.subarray(i, i + 12 + length))
    i += 12 + length
    if (type === 'IEND') {
      sawEnd = true
      break
    }
  }
  if (!sawEnd || b.toString('latin1', 12, 16) !== 'IHDR') return null
  return { mime: 'image/png', bytes: Buffer.concat(out), width: b.readUInt32BE(16), height: b.readUInt32BE(20), taken: null }
}

function cleanWebp(b: Buffer): CleanImage | null {
  const chunks: Buffer[] = []
  let i = 12
  let width: number | null = null
  let height: number | null = null
  while (i + 8 <= b.length) {
    const type = b.toString('latin1', i, i + 4)
    const size = b.readUInt32LE(i + 4)
    const padded = size + (size % 2)
    if (i + 8 + size > b.length) return null
    let chunk = Buffer.from(b.subarray(i, i + 8 + padded))
    if (type === 'VP8X') {
      chunk[8] = chunk[8]! & ~0x0c // no EXIF, no XMP
      width = 1 + chunk.readUIntLE(12, 3)
      height = 1 + chunk.readUIntLE(15, 3)
    } else if (type === 'VP8 ' && width === null) {
      width = chunk.readUInt16LE(14) & 0x3fff
      height = chunk.readUInt16LE(16) & 0x3fff
    } else if (type === 'VP8L' && width === null) {
      const bits = chunk.readUInt32LE(9)
      width = (bits & 0x3fff) + 1
      height = ((bits >> 14) & 0x3fff) + 1
    }
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk)
    i += 8 + padded
  }
  if (width === null) return null
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(12)
  head.write('RIFF', 0, 'latin1')
  head.writeUInt32LE(body.length + 4, 4)
  head.write('WEBP', 8, 'latin1')
  return { mime: 'image/webp', bytes: Buffer.concat([head, body]), width, height, taken: null }
}
