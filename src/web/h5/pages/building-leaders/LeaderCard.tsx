// 楼栋长名片 /h5/building-leaders/:id (public: the stairwell QR code opens it without a login) and
// 我的楼栋长 /h5/building-leaders (the cards of the buildings I live in). Residents report a problem
// at the building from here: the report lands at the building's point.
import { useState } from 'react'
import { useParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Tag, TextArea } from 'antd-mobile'
import type { LeaderCard } from '@server/modules/building_leaders/building_leaders.schemas.ts'
import { api } from '../../../shared/api.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'

function CardView({ card }: { card: LeaderCard }) {
  const [text, setText] = useState('')
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const l = card.leader
  async function report() {
    if (card.building.lng === null || card.building.lat === null) return
    try {
      const c = await api<{ id: string }>('/cases', { method: 'POST', body: { categoryCode: 'other', description: text, location: { lng: card.building.lng, lat: card.building.lat }, crs: 'wgs84', address: card.building.name } })
      setNote({ kind: 'success', text: `已提交（事件 #${c.id}），网格员会尽快处理` })
      setText('')
    } catch (err) {
      setNote({ kind: 'error', text: (err as Error).message })
    }
  }
  return (
    <Card title={`${card.building.where ? `${card.building.where} · ` : ''}${card.building.name}`}>
      {!l && <p>该楼栋暂无在岗楼栋长，有事请联系社区。</p>}
      {l && (
        <div className="leader-card">
          {l.photoUrl && <img src={l.photoUrl} alt={l.name} style={{ width: 88, height: 88, borderRadius: 8, objectFit: 'cover' }} />}
          <h2 style={{ margin: '8px 0' }}>{l.name} {l.partyMember && <Tag color="danger">共产党员</Tag>}</h2>
          <p><strong>亮职责：</strong>{l.duties.map((d) => <Tag key={d.code} color="primary" fill="outline" style={{ marginRight: 4 }}>{d.name}</Tag>)}</p>
          {l.commitments && <p><strong>亮承诺：</strong>{l.commitments}</p>}
          <p><strong>联系方式：</strong>{l.phone ? (l.phoneShown ? <a href={`tel:${l.phone}`}>{l.phone}</a> : l.phone) : '—'}{l.contactNote ? `（${l.contactNote}）` : ''}</p>
        </div>
      )}
      <h3>反映问题 / 求助</h3>
      <TextArea aria-label="问题描述" placeholder="请描述问题，例如：3单元楼道灯坏了" value={text} onChange={setText} rows={3} maxLength={500} />
      <Button block color="primary" disabled={text.trim().length < 4 || card.building.lng === null} onClick={report} style={{ marginTop: 8 }}>提交到本楼栋</Button>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
    </Card>
  )
}

export function LeaderCardPage() {
  const { id } = useParams()
  const card = useQuery({ queryKey: ['leader-card', id], queryFn: () => api<LeaderCard>(`/buildings/${id}/leader-card`) })
  return (
    <Page title="楼栋长名片">
      {card.isPending ? <Loading /> : card.error ? <LoadError error={card.error} onRetry={() => card.refetch()} /> : <CardView card={card.data} />}
    </Page>
  )
}

export default function MyLeaderPage() {
  const mine = useQuery({ queryKey: ['me', 'building-leader'], queryFn: () => api<{ items: LeaderCard[] }>('/me/building-leader') })
  return (
    <Page title="我的楼栋长">
      {mine.isPending ? <Loading /> : mine.error ? <LoadError error={mine.error} onRetry={() => mine.refetch()} />
        : mine.data.items.length === 0 ? <p style={{ padding: 16 }}>还没有登记您所在的楼栋。</p>
          : mine.data.items.map((c) => <CardView key={c.building.id} card={c} />)}
    </Page>
  )
}
