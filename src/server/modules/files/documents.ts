// What Linli accepts as a document (the library's files): PDF, Word (.docx) and Excel (.xlsx),
// recognised by their bytes, not by the declared type or the name. A PDF starts with "%PDF-";
// .docx and .xlsx are ZIP files whose central directory names a `word/` or an `xl/` part (read
// from the end-of-central-directory record, nothing is decompressed). Documents are stored as
// uploaded and always served as a download (Content-Disposition: attachment), never inline.
import { AppError } from '../../kernel/errors.ts'

export const DOCUMENT_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'Excel' },
} as const
export type DocumentMime = keyof typeof DOCUMENT_TYPES

/** Documents may be larger than photos (a scanned PDF), but not without bound. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

export const isDocumentMime = (mime: string): mime is DocumentMime => Object.hasOwn(DOCUMENT_TYPES, mime)

/** The names of a ZIP file's entries from its central directory, or null when it is no readable ZIP. */
export function zipEntryNames(b: Buffer, limit = 5000): string[] | null {
  if (b.length < 22 || b.readUInt32LE(0) !== 0x04034b50) return null
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b.readUInt32LE(at) === 0x06054b50) {
      eocd = at
      break
    }
  }
  if (eocd < 0) return null
  const count = b.readUInt16LE(eocd + 10)
  let at = b.readUInt32LE(eocd + 16)
  const names: string[] = []
  for (let k = 0; k < Math.min(count, limit); k++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return null
    const nameLength = b.readUInt16LE(at + 28)
    const next = at + 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32)
    if (next > b.length) return null
    names.push(b.toString('utf8', at + 46, at + 46 + nameLength))
    at = next
  }
  return names
}

export function sniffDocument(b: Buffer): DocumentMime | null {
  if (b.length >= 8 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf'
  const names = zipEntryNames(b)
  if (!names || !names.includes('[Content_Types].xml')) return null
  if (names.some((n) => n.startsWith('word/'))) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  if (names.some((n) => n.startsWith('xl/'))) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  return null
}

/**
 * The file name to keep: no folders, no control characters, at most 120 characters, and ending in
 * the extension of what the bytes are ("通知.exe" holding a PDF is served as "通知.exe.pdf").
 */
export function documentName(given: string, mime: DocumentMime): string {
  const ext = DOCUMENT_TYPES[mime].ext
  // eslint-disable-next-line no-control-regex
  let base = (given.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  if (!base || base === '.' || base === '..') base = '文件'
  if (!base.toLowerCase().endsWith(`.${ext}`)) base = `${base}.${ext}`
  if (base.length > 120) base = `${base.slice(0, 120 - ext.length - 1)}.${ext}`
  return base
}

/** Checks an uploaded document. Throws 415 FILE_NOT_DOCUMENT or FILE_TYPE_MISMATCH, 413 FILE_TOO_LARGE. */
export function checkDocument(input: Buffer, declaredType: string): DocumentMime {
  if (input.length > DOCUMENT_MAX_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', { maxMb: DOCUMENT_MAX_BYTES / 1024 / 1024 })
  const mime = sniffDocument(input)
  if (!mime) throw new AppError(415, 'FILE_NOT_DOCUMENT')
  if (mime !== declaredType) throw new AppError(415, 'FILE_TYPE_MISMATCH', { declared: DOCUMENT_TYPES[declaredType as DocumentMime]?.label ?? declaredType, actual: DOCUMENT_TYPES[mime].label })
  return mime
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 for non-ASCII names). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
