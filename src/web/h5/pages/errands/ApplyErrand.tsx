// 申请帮办 /h5/errands/new: what it is for, a title, the situation and the documents at hand; it
// goes to the point of the applicant's community, which takes it from there.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input, Selector, TextArea } from 'antd-mobile'
import type { ErrandCreate } from '@server/modules/errands/errands.schemas.ts'
import { errandMatterWords } from '@server/modules/errands/errands.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useErrandWords } from './words.ts'

export default function ApplyErrandPage() {
  const w = useErrandWords()
  const t = useT()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [matter, setMatter] = useState<ErrandCreate['matter']>('business_licence')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: { title: string; description?: string; documents?: string }) => {
    setBusy(true)
    setError(null)
    try {
      const checklist = (v.documents ?? '').split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean).map((name) => ({ name, required: true, received: false, fileIds: [] }))
      const made = await api<{ id: string }>('/errands', { method: 'POST', body: { matter, title: v.title, description: v.description?.trim() || undefined, checklist } })
      await queryClient.invalidateQueries({ queryKey: ['h5-my-errands'] })
      navigate(`/errands/${made.id}`, { replace: true })
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page title={w('apply')}>
      <p className="h5-muted">{w('intro')}</p>
      {error && <Alert>{error}</Alert>}
      <Form layout="vertical" onFinish={submit} footer={<Button block type="submit" color="primary" size="large" loading={busy}>{w('submit')}</Button>}>
        <Form.Item label={w('matter')}>
          <Selector columns={3} value={[matter]} onChange={(v) => v[0] && setMatter(v[0] as ErrandCreate['matter'])}
            options={Object.entries(errandMatterWords).map(([value, words]) => ({ value, label: words[lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={w('title')} rules={[{ required: true, message: w('titleHint') }]}><Input placeholder={w('titleHint')} maxLength={80} /></Form.Item>
        <Form.Item name="description" label={w('description')}><TextArea placeholder={w('descriptionHint')} rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="documents" label={w('documents')}><Input placeholder={w('documentsHint')} /></Form.Item>
      </Form>
    </Page>
  )
}
