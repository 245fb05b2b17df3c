// One audit entry opened: what changed (before → after, field by field, in words) and the raw
// record, for the audit log's expanded rows.
import { Col, Row, Typography } from 'antd'
import { useI18n, type Lang } from '../../../shared/i18n.tsx'
import { roleLabels } from '../../../shared/roles.ts'
import { fieldLabels } from './labels.ts'
import type { Labels } from './auditLog.labels.ts'
import type { AuditEntry } from '@server/modules/audit/audit.schemas.ts'

export type { AuditEntry }

export function show(value: unknown, field?: string, lang: Lang = 'zh'): string {
  if (value === null || value === undefined) return ''
  if (field === 'role' && typeof value === 'string' && roleLabels[value]) return roleLabels[value][lang]
  const s = typeof value === 'string' ? value : JSON.stringify(value)
  return s.length > 300 ? `${s.slice(0, 300)}…` : s
}

const removedStyle = { color: '#a8071a', background: '#fff1f0', textDecoration: 'line-through', padding: '0 4px', borderRadius: 3, wordBreak: 'break-all' } as const
const addedStyle = { color: '#135200', background: '#f6ffed', textDecoration: 'none', padding: '0 4px', borderRadius: 3, wordBreak: 'break-all' } as const
const preStyle = { margin: 0, maxHeight: 280, overflow: 'auto', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const

export function EntryDetail({ e, L }: { e: AuditEntry; L: Labels }) {
  const { lang } = useI18n()
  const changes = Object.entries(e.diff ?? {})
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Text strong>{L.changes}</Typography.Text>
      {changes.length === 0 ? (
        <Typography.Paragraph style={{ margin: '4px 0 12px' }}>{L.noChanges}</Typography.Paragraph>
      ) : (
        <table className="linli-diff" style={{ width: '100%', borderCollapse: 'collapse', margin: '6px 0 12px', tableLayout: 'fixed' }}>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'start', width: '22%', padding: 6, borderBottom: '1px solid #f0f0f0' }}>{L.field}</th>
              <th scope="col" style={{ textAlign: 'start', padding: 6, borderBottom: '1px solid #f0f0f0' }}>{L.from}</th>
              <th scope="col" style={{ textAlign: 'start', padding: 6, borderBottom: '1px solid #f0f0f0' }}>{L.to}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map(([field, { from, to }]) => (
              <tr key={field}>
                <th scope="row" style={{ textAlign: 'start', fontWeight: 'normal', padding: 6, borderBottom: '1px solid #f0f0f0' }}>
                  {fieldLabels[field] ? <span title={field}>{fieldLabels[field][lang]}</span> : <code style={{ color: '#595959' }}>{field}</code>}
                </th>
                <td style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
                  {from === null || from === undefined ? '—' : <del style={removedStyle}>{show(from, field, lang)}</del>}
                </td>
                <td style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
                  {to === null || to === undefined ? '—' : <ins style={addedStyle}>{show(to, field, lang)}</ins>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Typography.Text strong>{L.raw}</Typography.Text>
      <Row gutter={12} style={{ marginTop: 6 }}>
        <Col xs={24} md={12}>
          <div style={{ marginBottom: 4 }}>{L.before}</div>
          <pre style={preStyle} tabIndex={0} role="region" aria-label={L.before}>{e.before == null ? L.none : JSON.stringify(e.before, null, 2)}</pre>
        </Col>
        <Col xs={24} md={12}>
          <div style={{ marginBottom: 4 }}>{L.after}</div>
          <pre style={preStyle} tabIndex={0} role="region" aria-label={L.after}>{e.after == null ? L.none : JSON.stringify(e.after, null, 2)}</pre>
        </Col>
      </Row>
      <div style={{ marginTop: 8, fontSize: 12, color: '#595959' }}>
        {e.orgNames && <span style={{ marginInlineEnd: 16 }}>{L.orgPath}: {e.orgNames.join(' / ')}</span>}
        {e.requestId && <span style={{ marginInlineEnd: 16 }}>{L.requestId}: {e.requestId}</span>}
        {e.userAgent && <span>{L.userAgent}: {e.userAgent}</span>}
      </div>
    </div>
  )
}
