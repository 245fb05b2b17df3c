// 楼栋长名片 /console/building-leaders/:id/card: the building leader's 三亮 card as it is printed
// for the stairwell (A6; 亮身份、亮职责、亮承诺, how to reach them, a QR code to the public card page
// where residents report a problem at the building), and the card's editing (PUT leader-card).
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Space, Switch, Typography } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import QRCode from 'qrcode'
import type { LeaderCard } from '@server/modules/building_leaders/building_leaders.schemas.ts'
import { dutyWords } from '@server/modules/building_leaders/building_leaders.messages.ts'
import { api } from '../../../shared/api.ts'
import { applyFieldErrors, PageTheme } from '../../common.tsx'
import './leader-card.css'

export default function LeaderCardPrintPage() {
  const { id } = useParams()
  const card = useQuery({ queryKey: ['building-leaders', 'card', id], queryFn: () => api<LeaderCard>(`/buildings/${id}/leader-card`) })
  return (
    <PageTheme>
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>楼栋长名片</Typography.Title>
        <Link to="/building-leaders">← 返回楼栋长列表</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!card.data}>打印名片（A6）</Button>
      </Space>
      {card.error && <Alert type="error" showIcon title={(card.error as Error).message} />}
      {card.data && (
        <Row gutter={24}>
          <Col flex="none"><PrintedCard card={card.data} /></Col>
          {card.data.leader && card.data.canEdit && <Col flex="auto" className="no-print"><EditCard card={card.data} /></Col>}
        </Row>
      )}
    </PageTheme>
  )
}

function PrintedCard({ card }: { card: LeaderCard }) {
  const [qr, setQr] = useState('')
  const url = card.cardUrl.startsWith('/') ? `${window.location.origin}${card.cardUrl}` : card.cardUrl
  useEffect(() => { void QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then(setQr) }, [url])
  const l = card.leader
  return (
    <article className="leader-print-card" aria-label="楼栋长名片">
      <header>
        <div className="lpc-title">楼栋长 · 三亮名片</div>
        <div className="lpc-building">{card.building.where ? `${card.building.where} · ` : ''}{card.building.name}</div>
      </header>
      {!l ? <p className="lpc-empty">本楼栋暂无在岗楼栋长，有事请联系社区。</p> : (
        <>
          <section className="lpc-who">
            {l.photoUrl ? <img src={l.photoUrl} alt={l.name} /> : <div className="lpc-avatar" aria-hidden>{l.name.slice(0, 1)}</div>}
            <div>
              <div className="lpc-label">亮身份</div>
              <div className="lpc-name">{l.name}</div>
              <div className="lpc-badge">{l.partyMember ? '中共党员' : '楼栋长'}</div>
            </div>
          </section>
          <section>
            <div className="lpc-label">亮职责</div>
            <div className="lpc-duties">{l.duties.map((d) => <span key={d.code}>{d.name}</span>)}</div>
          </section>
          <section>
            <div className="lpc-label">亮承诺</div>
            <p className="lpc-text">{l.commitments || '（待填写）'}</p>
          </section>
          <section>
            <div className="lpc-label">联系方式</div>
            <p className="lpc-text">{l.phone ?? '请扫码联系'}{l.contactNote ? `　${l.contactNote}` : ''}</p>
          </section>
        </>
      )}
      <footer>
        {qr && <div className="lpc-qr" role="img" aria-label="名片二维码" dangerouslySetInnerHTML={{ __html: qr }} />}
        <div className="lpc-scan">微信扫一扫<br />查看名片、反映问题<br />找楼栋长帮忙</div>
      </footer>
    </article>
  )
}

interface CardValues { duties: string[]; commitments: string; showPhone: boolean; contactNote?: string }
function EditCard({ card }: { card: LeaderCard }) {
  const queryClient = useQueryClient()
  const [form] = Form.useForm<CardValues>()
  const [note, setNote] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const l = card.leader!
  async function save(v: CardValues) {
    setNote(null)
    try {
      await api(`/buildings/${card.building.id}/leader-card`, { method: 'PUT', body: { duties: v.duties, commitments: v.commitments ?? '', showPhone: v.showPhone, contactNote: v.contactNote || null } })
      await queryClient.invalidateQueries({ queryKey: ['building-leaders'] })
      setNote({ type: 'success', text: '名片已保存' })
    } catch (err) {
      const msg = applyFieldErrors(form, err, ['duties', 'commitments', 'showPhone', 'contactNote'])
      if (msg) setNote({ type: 'error', text: msg })
    }
  }
  return (
    <Card title="编辑名片" style={{ maxWidth: 520 }}>
      {note && <Alert type={note.type} showIcon title={note.text} role={note.type === 'error' ? 'alert' : 'status'} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={{ duties: l.duties.map((d) => d.code), commitments: l.commitments, showPhone: l.phoneShown, contactNote: l.contactNote ?? '' }}>
        <Form.Item name="duties" label="亮职责"><Checkbox.Group options={Object.entries(dutyWords).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="commitments" label="亮承诺"><Input.TextArea rows={3} maxLength={1000} showCount /></Form.Item>
        <Form.Item name="showPhone" label="名片上显示完整手机号" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="contactNote" label="其他联系方式"><Input maxLength={200} placeholder="例如：每晚7点后在1单元门口" /></Form.Item>
        <Button type="primary" htmlType="submit">保存名片</Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>保存后，楼道里的二维码打开的就是新名片，无需重新打印。</Typography.Paragraph>
      </Form>
    </Card>
  )
}
