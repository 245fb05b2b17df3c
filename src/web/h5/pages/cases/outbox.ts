// Reports written without a connection wait here until they can be sent: the report itself in
// localStorage, photos not yet uploaded as Blobs in IndexedDB (localStorage cannot hold them).
// `sendDrafts` uploads the photos, posts the report and forgets it; a report the server refuses
// (4xx other than 401/429) is kept with the server's message until the user discards it.
import { ApiError, api } from '../../../shared/api.ts'
import { uploadPhoto } from '../../../shared/cases.ts'

export interface ReportBody {
  categoryCode: string
  description: string
  location: { lng: number; lat: number }
  crs?: 'wgs84' | 'gcj02'
  address?: string
  anonymous?: boolean
}

export interface Draft {
  id: string
  createdAt: string
  body: ReportBody
  photoIds: string[]
  /** Keys of photo Blobs waiting in IndexedDB. */
  blobKeys: string[]
  error?: string
}

const KEY = 'linli.h5.caseDrafts'
const CHANGED = 'linli-drafts-changed'
const DB = 'linli-h5'
const STORE = 'photos'

export function listDrafts(): Draft[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(list) ? (list as Draft[]) : []
  } catch {
    return []
  }
}

let snapshot: { raw: string | null; list: Draft[] } = { raw: null, list: [] }
/** The drafts, the same array while nothing changed (for useSyncExternalStore). */
export function draftsSnapshot(): Draft[] {
  let raw: string | null = null
  try {
    raw = localStorage.getItem(KEY)
  } catch {
    // private mode: no drafts
  }
  if (raw !== snapshot.raw) snapshot = { raw, list: listDrafts() }
  return snapshot.list
}

function writeDrafts(list: Draft[]) {
  localStorage.setItem(KEY, JSON.stringify(list))
  window.dispatchEvent(new Event(CHANGED))
}

export function subscribeDrafts(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === KEY && listener()
  window.addEventListener(CHANGED, listener)
  window.addEventListener('storage', onStorage)
  return () => {
    window.removeEventListener(CHANGED, listener)
    window.removeEventListener('storage', onStorage)
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1)
    req.onupgradeneeded = () => req.result.createObjectStore(STORE)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function store<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb()
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode)
      const req = fn(tx.objectStore(STORE))
      tx.oncomplete = () => resolve(req.result)
      tx.onerror = () => reject(tx.error)
    })
  } finally {
    db.close()
  }
}

/** Keeps a report (and the photos not yet uploaded) to send later. */
export async function saveDraft(body: ReportBody, photos: { id?: string; file: Blob }[]): Promise<void> {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const blobKeys: string[] = []
  for (const [i, p] of photos.entries()) {
    if (p.id) continue
    const key = `${id}-${i}`
    await store('readwrite', (s) => s.put(p.file, key))
    blobKeys.push(key)
  }
  writeDrafts([...listDrafts(), { id, createdAt: new Date().toISOString(), body, photoIds: photos.flatMap((p) => (p.id ? [p.id] : [])), blobKeys }])
}

export async function discardDraft(id: string): Promise<void> {
  const draft = listDrafts().find((d) => d.id === id)
  writeDrafts(listDrafts().filter((d) => d.id !== id))
  for (const key of draft?.blobKeys ?? []) await store('readwrite', (s) => s.delete(key)).catch(() => undefined)
}

function update(id: string, change: Partial<Draft>) {
  writeDrafts(listDrafts().map((d) => (d.id === id ? { ...d, ...change } : d)))
}

/** A refusal that sending again will not change (bad input, a place outside every grid…). */
function isFinal(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 408 && err.status !== 429
}

let running: Promise<string[]> | null = null

/** Sends the waiting drafts, one at a time; the ids of the cases made. Stops at the first network failure. */
export function sendDrafts(language: string): Promise<string[]> {
  running ??= (async () => {
    const made: string[] = []
    try {
      for (const draft of listDrafts().filter((d) => !d.error)) {
        try {
          const photoIds = [...draft.photoIds]
          for (const key of draft.blobKeys) {
            const blob = await store<Blob | undefined>('readonly', (s) => s.get(key) as IDBRequest<Blob | undefined>)
            if (blob) photoIds.push((await uploadPhoto(blob, language)).id)
          }
          const created = await api<{ id: string }>('/cases', { method: 'POST', body: { ...draft.body, ...(photoIds.length ? { photoIds } : {}) }, quiet401: true })
          made.push(created.id)
          await discardDraft(draft.id)
        } catch (err) {
          if (isFinal(err)) update(draft.id, { error: err.message })
          else break
        }
      }
    } finally {
      running = null
    }
    return made
  })()
  return running
}
