// A practice's documents on the phone: PDF, Word and Excel files with a file-type badge, name and
// size, each a download; the practice's editor adds one from the phone (it becomes a new version).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { Practice } from '@server/modules/library/library.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { DOCUMENT_ACCEPT, DOCUMENT_MAX_BYTES, documentKind, formatSize, uploadDocument } from '../../../shared/documents.ts'
import { Alert, errorText } from '../../ui.tsx'
import { useT, useWords } from '../../labels.ts'

const words = {
  zh: { files: '附件文件', add: '添加文件（PDF、Word、Excel）', adding: '正在上传…', added: '已添加：{name}', tooLarge: '文件过大，最多 20 MB', note: '添加文件：{name}' },
  en: { files: 'Files', add: 'Add a file (PDF, Word, Excel)', adding: 'Uploading…', added: 'Added: {name}', tooLarge: 'The file is too large (at most 20 MB)', note: '添加文件：{name}' },
}
const BADGE = { pdf: 'PDF', word: 'W', excel: 'X', other: '文' } as const

export function PracticeFiles({ practice }: { practice: Practice }) {
  const w = useWords(words)
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  if (!practice.files.length && !practice.mayEdit) return null
  async function add(file: File | undefined) {
    if (!file) return
    setNote(null)
    if (file.size > DOCUMENT_MAX_BYTES) return setNote({ kind: 'error', text: w('tooLarge') })
    setBusy(true)
    try {
      const doc = await uploadDocument(file, lang === 'en' ? 'en' : 'zh-CN')
      const fileIds = [...new Set([...practice.files.map((f) => f.id), doc.id])]
      await api(`/library/practices/${practice.id}`, { method: 'PATCH', body: { fileIds, note: w('note', { name: doc.name }).slice(0, 200) } })
      await queryClient.invalidateQueries({ queryKey: ['h5-library'] })
      setNote({ kind: 'success', text: w('added', { name: doc.name }) })
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-label={w('files')} className="h5-lib-files">
      <h3>{w('files')}</h3>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {practice.files.map((f) => {
        const kind = documentKind(f.mime)
        return (
          <a key={f.id} className="h5-lib-file" href={f.url} download={f.name}>
            <span className={`h5-lib-file-icon h5-lib-file-${kind}`} aria-hidden="true">{BADGE[kind]}</span>
            <span className="h5-lib-file-name">{f.name}<small>{formatSize(f.size)}</small></span>
          </a>
        )
      })}
      {practice.mayEdit && (
        <label className="h5-lib-file-add">
          {busy ? w('adding') : w('add')}
          <input type="file" accept={DOCUMENT_ACCEPT} disabled={busy} onChange={(e) => { void add(e.target.files?.[0]); e.target.value = '' }} />
        </label>
      )}
    </section>
  )
}
