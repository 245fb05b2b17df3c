// A practice's documents (PDF, Word, Excel): the list with a file-type icon, name and size, each a
// download link; in a form, an upload button (one file or several) and a remove button per file.
// The API refuses anything else in Chinese; its message is shown as it is.
import { useRef, useState } from 'react'
import { App, Button, List, Typography, Upload } from 'antd'
import { DeleteOutlined, FileExcelTwoTone, FilePdfTwoTone, FileTwoTone, FileWordTwoTone, UploadOutlined } from '@ant-design/icons'
import { DOCUMENT_ACCEPT, DOCUMENT_MAX_BYTES, documentKind, formatSize, uploadDocument, type DocumentFile } from '../../../shared/documents.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage } from '../../common.tsx'

export function FileIcon({ mime }: { mime: string }) {
  const kind = documentKind(mime)
  const style = { fontSize: 22 }
  if (kind === 'pdf') return <FilePdfTwoTone twoToneColor="#cf1322" style={style} aria-label="PDF" />
  if (kind === 'word') return <FileWordTwoTone twoToneColor="#1d39c4" style={style} aria-label="Word" />
  if (kind === 'excel') return <FileExcelTwoTone twoToneColor="#389e0d" style={style} aria-label="Excel" />
  return <FileTwoTone style={style} />
}

export function DocumentList({ files, onRemove }: { files: DocumentFile[]; onRemove?: (id: string) => void }) {
  if (!files.length) return null
  return (
    <List size="small" bordered dataSource={files} style={{ marginBottom: 8 }}
      renderItem={(f) => (
        <List.Item actions={onRemove ? [<Button key="rm" type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`移除 ${f.name}`} onClick={() => onRemove(f.id)} />] : []}>
          <List.Item.Meta avatar={<FileIcon mime={f.mime} />}
            title={<a href={f.url} download={f.name}>{f.name}</a>}
            description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatSize(f.size)}</Typography.Text>} />
        </List.Item>
      )} />
  )
}

/** A form field whose value is the practice's documents (the form sends their ids as fileIds). */
export function DocumentsField({ value = [], onChange }: { value?: DocumentFile[]; onChange?: (v: DocumentFile[]) => void }) {
  const { lang } = useI18n()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(0)
  // Several files upload at once: each adds to the latest list, not to the one it started with.
  const latest = useRef(value)
  latest.current = value
  const add = async (file: File) => {
    if (file.size > DOCUMENT_MAX_BYTES) {
      void message.error(`${file.name}：文件过大，最多 20 MB`)
      return
    }
    setBusy((n) => n + 1)
    try {
      const doc = await uploadDocument(file, lang)
      latest.current = [...latest.current.filter((f) => f.id !== doc.id), doc]
      onChange?.(latest.current)
    } catch (err) {
      void message.error(`${file.name}：${errorMessage(err)}`)
    } finally {
      setBusy((n) => n - 1)
    }
  }
  return (
    <div>
      <DocumentList files={value} onRemove={(id) => onChange?.(value.filter((f) => f.id !== id))} />
      <Upload accept={DOCUMENT_ACCEPT} showUploadList={false} multiple beforeUpload={(file) => { void add(file); return false }}>
        <Button icon={<UploadOutlined />} loading={busy > 0}>上传文件</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 12 }}>PDF、Word（.docx）、Excel（.xlsx），每个最大 20 MB</Typography.Text>
    </div>
  )
}
