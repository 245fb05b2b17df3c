// The note a decision needs: a reason to reject (required, the wisher is told), to cancel or
// release (optional), or the thanks a cadre writes for a wisher who cannot type.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { App, Input, Modal } from 'antd'
import type { Wish } from '@server/modules/wishes/wishes.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage } from '../../common.tsx'
import { useWishLabels } from './labels.ts'

export interface Decision { wish: Pick<Wish, 'id' | 'title'>; action: 'reject' | 'cancel' | 'release' | 'thank' }

export function DecisionModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const L = useWishLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  if (!decision) return null
  const { action } = decision
  const words = { reject: [L.reject, L.rejectReason], cancel: [L.cancel, L.cancelReason], release: [L.release, L.cancelReason], thank: [L.thank, L.thanks] }[action]
  const required = action === 'reject' || action === 'thank'
  const body = action === 'reject' ? { reason: text.trim() } : action === 'thank' ? { thanks: text.trim() } : text.trim() ? { note: text.trim() } : {}
  const submit = async () => {
    setBusy(true)
    try {
      await api(`/wishes/${decision.wish.id}/${action}`, { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['wishes'] })
      void message.success(`${words[0]}：${decision.wish.title}`)
      setText('')
      onClose()
    } catch (err) {
      void message.error(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={`${words[0]}：${decision.wish.title}`} onCancel={onClose} okText={words[0]} confirmLoading={busy}
      okButtonProps={{ danger: action !== 'thank', disabled: required && text.trim().length < 2 }} onOk={() => void submit()}>
      <Input.TextArea aria-label={words[1]} placeholder={words[1]} rows={3} maxLength={200} showCount value={text} onChange={(e) => setText(e.target.value)} />
    </Modal>
  )
}
