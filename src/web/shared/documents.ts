// Documents of the library (PDF, Word, Excel): upload (POST /documents with the file itself as the
// body and its name in the query), the type a browser may not know from the name, and the kind
// for the file-type icon. The server sniffs the bytes; this only avoids sending what it refuses.
import { ApiError } from './api.ts'

export interface DocumentFile { id: string; url: string; name: string; mime: string; size: number }

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
export const DOCUMENT_ACCEPT = '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export type DocumentKind = 'pdf' | 'word' | 'excel' | 'other'

export function documentKind(mimeOrName: string): DocumentKind {
  const s = mimeOrName.toLowerCase()
  if (s.includes('pdf')) return 'pdf'
  if (s.includes('wordprocessing') || s.endsWith('.docx')) return 'word'
  if (s.includes('spreadsheet') || s.endsWith('.xlsx')) return 'excel'
  return 'other'
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The type to declare: the browser's, or the one the extension names (the server checks the bytes). */
export function documentType(file: File): string {
  if (file.type && Object.values(BY_EXT).includes(file.type)) return file.type
  return BY_EXT[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? (file.type || 'application/octet-stream')
}

export async function uploadDocument(file: File, language: string): Promise<DocumentFile> {
  const res = await fetch(`/api/v1/documents?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': documentType(file), 'x-linli-csrf': '1', 'accept-language': language },
    body: file,
    credentials: 'same-origin',
  })
  const text = await res.text()
  let json: { error?: { code: string; message: string; details: unknown } } | null = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  if (!res.ok) {
    const err = json?.error ?? { code: 'HTTP_' + res.status, message: res.statusText, details: null }
    throw new ApiError(res.status, err.code, err.message, err.details)
  }
  return json as unknown as DocumentFile
}
