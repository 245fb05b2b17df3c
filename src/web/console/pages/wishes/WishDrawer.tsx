// One wish: who wished it and for whom, what the wall shows, the claimant, the proof photos, the
// thanks, and its timeline (GET /wishes/:id); the decisions the caller may take, as buttons.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Descriptions, Drawer, Image, Space, Spin, Timeline, Typography } from 'antd'
import type { Wish, WishAction } from '@server/modules/wishes/wishes.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { actionWords, beneficiaryWords, categoryWords, stateWords, useWishLabels } from './labels.ts'
import { DecisionModal, type Decision } from './DecisionModal.tsx'

export function WishDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useWishLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [decision, setDecision] = useState<Decision | null>(null)
  const wish = useQuery({ queryKey: ['wishes', 'one', id], queryFn: () => api<Wish>(`/wishes/${id}`), enabled: !!id })
  const w = wish.data?.view === 'full' ? wish.data : undefined
  const approve = async () => {
    try {
      await api(`/wishes/${id}/approve`, { method: 'POST', body: {} })
      await queryClient.invalidateQueries({ queryKey: ['wishes'] })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const button = (a: WishAction) => {
    if (a === 'approve') return <Button key={a} type="primary" onClick={() => void approve()}>{L.approve}</Button>
    if (a === 'reject' || a === 'cancel' || a === 'release' || a === 'thank') {
      const label = { reject: L.reject, cancel: L.cancel, release: L.release, thank: L.thank }[a]
      return <Button key={a} danger={a !== 'thank'} onClick={() => w && setDecision({ wish: w, action: a })}>{label}</Button>
    }
    return null
  }
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={w ? w.title : L.wish}
      extra={w && <Space>{w.actions.map(button)}</Space>}>
      {wish.error && <Alert type="error" showIcon title={errorMessage(wish.error)} role="alert" />}
      {wish.isPending && !!id && <Spin />}
      {w && (
        <>
          <Descriptions column={2} size="small" bordered items={[
            { key: 'state', label: L.state, children: <StatusTag tone={stateWords[w.state].tone}>{stateWords[w.state][lang]}</StatusTag> },
            { key: 'community', label: L.community, children: w.community.name },
            { key: 'wisher', label: L.wisher, children: `${w.wisher.name}（${beneficiaryWords[w.beneficiary][lang]}）` },
            { key: 'label', label: L.anonymous, children: w.wisherLabel },
            { key: 'category', label: L.category, children: categoryWords[w.category][lang] },
            { key: 'value', label: L.value, children: w.valueYuan },
            { key: 'postedBy', label: L.postedBy, children: w.postedBy && w.postedBy.id !== w.wisher.id ? w.postedBy.name : '—' },
            { key: 'expires', label: L.expiresOn, children: w.expiresOn ?? '—' },
            { key: 'claimant', label: L.claimant, span: 2, children: w.claimant ? `${w.claimant.name}${w.claimantUnit ? `（${w.claimantUnit.name}）` : ''} · ${formatTime(w.claimedAt)}` : '—' },
            { key: 'story', label: L.story, span: 2, children: w.story ?? '—' },
            ...(w.reason ? [{ key: 'reason', label: L.reason, span: 2, children: w.reason }] : []),
            ...(w.fulfilNote ? [{ key: 'fulfil', label: L.fulfilNote, span: 2, children: w.fulfilNote }] : []),
            ...(w.thanks ? [{ key: 'thanks', label: L.thanks, span: 2, children: w.thanks }] : []),
          ]} />
          {w.photos.length > 0 && <Photos title={L.photos} photos={w.photos} />}
          {w.proofPhotos.length > 0 && <Photos title={L.proof} photos={w.proofPhotos} />}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.timeline}</Typography.Title>
          <Timeline items={(w.timeline ?? []).map((e) => ({
            key: e.id,
            content: (
              <div>
                <strong>{actionWords[e.action as keyof typeof actionWords]?.[lang] ?? e.action}</strong>
                <span style={{ color: '#595959', marginInlineStart: 8 }}>{e.actor?.name ?? '系统'} · {formatTime(e.at)}</span>
                {e.note && <div>{e.note}</div>}
                {e.photos.length > 0 && <Space style={{ marginTop: 4 }}>{e.photos.map((p) => <Image key={p.id} width={64} src={p.thumbUrl} preview={{ src: p.url }} alt="" />)}</Space>}
              </div>
            ),
          }))} />
        </>
      )}
      <DecisionModal decision={decision} onClose={() => setDecision(null)} />
    </Drawer>
  )
}

function Photos({ title, photos }: { title: string; photos: Wish['photos'] }) {
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{title}</Typography.Title>
      <Image.PreviewGroup>
        <Space wrap>{photos.map((p) => <Image key={p.id} width={120} src={p.thumbUrl} preview={{ src: p.url }} alt={title} />)}</Space>
      </Image.PreviewGroup>
    </>
  )
}
