// What Linli accepts as a photo: JPEG, PNG or WebP, recognised by their bytes, not by the
// declared type, and no larger than IMAGE_MAX_PIXELS as declared in the header (checked before
// anything is decoded). Every photo is decoded and re-encoded by sharp (libvips): what is
// stored and served is pixels only, so no metadata, comment, trailing data or markup survives,
// whatever the file hid where. The orientation is applied to the pixels, the long edge is
// bounded, and a thumbnail is made for lists. The GPS position a photo's EXIF carried is read
// first and returned for staff, never served.
import type { Metadata, Sharp } from 'sharp'
import { AppError } from '../../kernel/errors.ts'

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp'

export interface CleanImage {
  mime: ImageMime
  bytes: Buffer
  width: number
  height: number
  /** A small copy (long edge THUMB_EDGE) in the same format, for lists and phones. */
  thumb: Buffer
  taken: { lng: number; lat: number } | null
}

/** Stored photos are bounded to this long edge; a phone photo stays sharp on any screen. */
const MAX_EDGE = 4096
export const THUMB_EDGE = 320

const FORMAT_OF: Record<ImageMime, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }

export function sniffMime(b: Buffer): ImageMime | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length > 24 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length > 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}

function encode(pipeline: Sharp, mime: ImageMime): Sharp {
  if (mime === 'image/jpeg') return pipeline.jpeg({ quality: 85 })
  if (mime === 'image/png') return pipeline.png()
  return pipeline.webp({ quality: 85 })
}

/**
 * Checks and re-encodes an uploaded photo. Throws 415 FILE_NOT_IMAGE (not a readable image of
 * a supported type), 415 FILE_TYPE_MISMATCH (not what was declared) or 413 FILE_IMAGE_TOO_LARGE.
 */
export async function cleanImage(input: Buffer, declaredType: string, opts: { maxPixels: number }): Promise<CleanImage> {
  const mime = sniffMime(input)
  if (!mime) throw new AppError(415, 'FILE_NOT_IMAGE')
  if (mime !== declaredType) throw new AppError(415, 'FILE_TYPE_MISMATCH', { declared: declaredType, actual: mime })
  // sharp (libvips) loads on the first upload, not at every start.
  const sharp = (await import('sharp')).default
  // The header alone: a 50000×50000 declaration is refused here, before a pixel is decoded.
  let meta: Metadata
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata()
  } catch {
    throw new AppError(415, 'FILE_NOT_IMAGE')
  }
  if (meta.format !== FORMAT_OF[mime]) throw new AppError(415, 'FILE_NOT_IMAGE')
  const { width = 0, height = 0 } = meta
  if (width * height > opts.maxPixels) throw new AppError(413, 'FILE_IMAGE_TOO_LARGE', { width, height, maxPixels: opts.maxPixels })
  try {
    const pipeline = sharp(input, { limitInputPixels: opts.maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    const { data, info } = await encode(pipeline, mime).toBuffer({ resolveWithObject: true })
    const thumb = await encode(sharp(data).resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true }), mime).toBuffer()
    return { mime, bytes: data, width: info.width, height: info.height, thumb, taken: meta.exif ? gpsOf(meta.exif) : null }
  } catch {
    throw new AppError(415, 'FILE_NOT_IMAGE')
  }
}

/** The GPS position in an EXIF block (a TIFF structure, with or without the "Exif\0\0" prefix). */
export function gpsOf(exif: Buffer): { lng: number; lat: number } | null {
  const t = exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif
  try {
    return readGps(t)
  } catch {
    // A malformed EXIF block only means no position; the pixels were fine.
    return null
  }
}

function readGps(t: Buffer): { lng: number; lat: number } | null {
  if (t.length < 8) return null
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
  const gpsPointer = entries(u32(4)).get(0x8825)
  if (!gpsPointer) return null
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
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng) || lat > 90 || lng > 180) return null
  return { lat: ref(1) === 'S' ? -lat : lat, lng: ref(3) === 'W' ? -lng : lng }
}
