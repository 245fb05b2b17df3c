// The one import dialog of the console's spreadsheet imports (residents, venues).
import { useState } from 'react'
import { Alert, Modal, Space, Table, Typography } from 'antd'
import { OrgSelect } from './common.tsx'

export interface ImportRowError { row: number; column: string; reason: string }

export interface ImportLabels { importFile: string; close: string; importTo: string; chooseFile: string; importErrors: string; row: string; column: string; reason: string }

/**
 * Uploading an .xlsx to an all-or-nothing import (`POST /api/v1{endpoint}?orgId=`): the node to
 * import into, the file, and the table of bad cells (row, column, problem) when it is refused.
 */
export function ImportModal({ endpoint, rowsInvalidCode, labels: L, defaultOrgId, onClose, onImported }: {
  endpoint: string; rowsInvalidCode: string; labels: ImportLabels; defaultOrgId?: string; onClose: () => void; onImported: (n: number) => void
}) {
  const [orgId, setOrgId] = useState<string | undefined>(defaultOrgId)
  const [file, setFile] = useState<File | null>(null)
  const [errors, setErrors] = useState<ImportRowError[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit() {
    if (!orgId || !file) return
    setBusy(true)
    setErrors(null)
    setProblem(null)
    try {
      const res = await fetch(`/api/v1${endpoint}?orgId=${orgId}`, { method: 'POST', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x-linli-csrf': '1' }, body: file, credentials: 'same-origin' })
      const json = await res.json()
      if (res.ok) return onImported(json.imported)
      if (json.error?.code === rowsInvalidCode) setErrors(json.error.details)
      else setProblem(json.error?.message ?? res.statusText)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open width={720} title={L.importFile} onCancel={onClose} onOk={() => void submit()} okText={L.importFile} cancelText={L.close} confirmLoading={busy} okButtonProps={{ disabled: !orgId || !file }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{L.importTo}</Typography.Text>
        <OrgSelect aria-label={L.importTo} value={orgId} onChange={(v) => setOrgId(v ?? undefined)} style={{ width: '100%' }} />
        <input type="file" accept=".xlsx" aria-label={L.chooseFile} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        {problem && <Alert type="error" showIcon title={problem} />}
        {errors && (
          <>
            <Alert type="error" showIcon title={L.importErrors} />
            <Table<ImportRowError> rowKey={(e) => `${e.row}-${e.column}-${e.reason}`} size="small" pagination={{ pageSize: 10 }} dataSource={errors}
              columns={[{ title: L.row, dataIndex: 'row', width: 70 }, { title: L.column, dataIndex: 'column', width: 120 }, { title: L.reason, dataIndex: 'reason' }]} />
          </>
        )}
      </Space>
    </Modal>
  )
}
