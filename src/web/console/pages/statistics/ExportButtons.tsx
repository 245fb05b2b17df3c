// The 统计一套表's exports beside its filters: Excel (a sheet per ledger) and PDF (landscape, both
// ledgers, for printing and filing), of the node and period shown; an API error shows as a message.
import { App, Button, Space } from 'antd'
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons'
import { download, errorMessage, useLabels } from '../../common.tsx'

const labels = { zh: { excel: '导出 Excel', pdf: '导出 PDF', name: '统计一套表' }, en: { excel: 'Export Excel', pdf: 'Export PDF', name: 'statistics' } }

export function ExportButtons({ orgId, orgName, period }: { orgId?: string; orgName?: string; period: string }) {
  const L = useLabels(labels)
  const { message } = App.useApp()
  const query = new URLSearchParams({ period, ...(orgId ? { orgId } : {}) })
  const save = (ext: 'xlsx' | 'pdf') => download(`/statistics/export.${ext}?${query}`, `${L.name}-${orgName ?? ''}-${period}.${ext}`).catch((err) => message.error(errorMessage(err)))
  return (
    <Space>
      <Button icon={<DownloadOutlined />} onClick={() => void save('xlsx')}>{L.excel}</Button>
      <Button icon={<FilePdfOutlined />} onClick={() => void save('pdf')}>{L.pdf}</Button>
    </Space>
  )
}
