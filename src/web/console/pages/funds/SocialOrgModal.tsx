// Editing a social organisation's profile (PUT /social-orgs/:unitId): its services, incubation
// stage with the dates it entered the incubator and hatched, and a note.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import type { z } from 'zod'
import type { socialOrgSchema } from '@server/modules/funds/funds.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors } from '../../common.tsx'
import { stageWords, useFundLabels } from './labels.ts'

export type SocialOrg = z.infer<typeof socialOrgSchema>

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null)

export function SocialOrgModal({ org }: { org: SocialOrg }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const stage = Form.useWatch('stage', form)
  const save = async () => {
    const v = await form.validateFields()
    try {
      await api(`/social-orgs/${org.unit.id}`, {
        method: 'PUT',
        body: { services: v.services ?? [], stage: v.stage, incubatedOn: day(v.incubatedOn), hatchedOn: v.stage === 'incubating' ? null : day(v.hatchedOn), note: v.note ?? '' },
      })
      await queryClient.invalidateQueries({ queryKey: ['funds', 'social'] })
      void message.success(L.saved)
      setOpen(false)
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['services', 'stage', 'incubatedOn', 'hatchedOn', 'note'])
      if (rest) void message.error(rest)
    }
  }
  return (
    <>
      <Button size="small" icon={<EditOutlined />} aria-label={`${L.edit} ${org.unit.name}`} onClick={() => setOpen(true)}>{L.edit}</Button>
      <Modal title={`${L.editSocial}：${org.unit.name}`} open={open} onOk={save} onCancel={() => setOpen(false)} okText={L.save} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{
          services: org.services, stage: org.stage ?? 'incubating', note: org.note ?? '',
          incubatedOn: org.incubatedOn ? dayjs(org.incubatedOn) : null, hatchedOn: org.hatchedOn ? dayjs(org.hatchedOn) : null,
        }}>
          <Form.Item name="services" label={L.services} extra={L.servicesHint}>
            <Select mode="tags" aria-label={L.services} open={false} tokenSeparators={['，', ',', '、']} />
          </Form.Item>
          <Form.Item name="stage" label={L.stage} rules={[{ required: true }]}>
            <Select aria-label={L.stage} options={Object.entries(stageWords).map(([k, w]) => ({ value: k, label: w[lang] }))} />
          </Form.Item>
          <Form.Item name="incubatedOn" label={L.incubatedOn}><DatePicker aria-label={L.incubatedOn} style={{ width: '100%' }} /></Form.Item>
          {stage !== 'incubating' && <Form.Item name="hatchedOn" label={L.hatchedOn}><DatePicker aria-label={L.hatchedOn} style={{ width: '100%' }} /></Form.Item>}
          <Form.Item name="note" label={L.note}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}
