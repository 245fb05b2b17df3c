// Creating or editing a process template (议事流程模板) in a drawer: code, name, description and the
// owning node (new templates only), then the stages in order, each with its name, code, the
// lowest role that completes it, the named parties, its required output, quorum, deadline in days
// and whether it decides by a vote. Saving new stages makes a new version (topics under way keep
// theirs). The API's field messages land on the fields ("stages.2.name" on that stage's name).
import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Checkbox, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { z } from 'zod'
import type { Stage, templateSchema } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { roleLabels } from '../../../shared/roles.ts'
import { OrgSelect } from '../../common.tsx'
import { outputWords, useDelibLabels } from './labels.ts'
import { putFieldErrors } from './fieldErrors.ts'

export type Template = z.infer<typeof templateSchema>
const ROLES = ['resident', 'member', 'building_leader', 'grid_worker', 'grid_leader', 'community_cadre', 'street_admin', 'district_admin', 'admin'] as const
const OUTPUTS = ['minutes', 'resolution', 'public_notice', 'none'] as const

interface StageValues { key: string; name: string; role: Stage['role']; parties?: string[]; output: Stage['output']; quorum?: number | null; deadlineDays?: number | null; vote?: boolean }
interface Values { code: string; name: string; description?: string; orgId?: string; archived?: boolean; stages: StageValues[] }

const FIELD = /^(code|name|description|orgId|stages(\.\d+\.(key|name|role|parties|output|quorum|deadlineDays|vote))?)$/
const blankStage = (n: number): StageValues => ({ key: `stage_${n}`, name: '', role: 'community_cadre', parties: [], output: 'minutes', vote: false })

/** `template` null: a new one; `copyOf`: a new one starting from another's stages. */
export function TemplateEditor({ open, template, copyOf, onClose }: { open: boolean; template: Template | null; copyOf?: Template | null; onClose: () => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const editing = template !== null
  useEffect(() => {
    if (!open) return
    setProblem(null)
    form.resetFields()
    const from = template ?? copyOf
    form.setFieldsValue(from
      ? { code: template ? template.code : `${from.code}_copy`, name: template ? from.name : `${from.name}（副本）`, description: from.description ?? '', archived: template?.archived ?? false,
          stages: from.stages.map((s) => ({ key: s.key, name: s.name, role: s.role, parties: s.parties ?? [], output: s.output, quorum: s.quorum ?? null, deadlineDays: s.deadlineDays ?? null, vote: s.vote ?? false })) }
      : { code: '', name: '', description: '', stages: [blankStage(1), blankStage(2)] })
  }, [open, template, copyOf, form])

  const save = async () => {
    setProblem(null)
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    const stages = v.stages.map((s) => ({ key: s.key.trim(), name: s.name.trim(), role: s.role, parties: s.parties ?? [], output: s.output, quorum: s.quorum ?? null, deadlineDays: s.deadlineDays ?? null, vote: s.vote ?? false }))
    setSaving(true)
    try {
      const saved = editing
        ? await api<Template>(`/deliberation-templates/${template.id}`, { method: 'PATCH', body: { name: v.name, description: v.description ?? '', stages, archived: v.archived ?? false } })
        : await api<Template>('/deliberation-templates', { method: 'POST', body: { code: v.code, name: v.name, ...(v.description ? { description: v.description } : {}), ...(v.orgId ? { orgId: v.orgId } : {}), stages } })
      await queryClient.invalidateQueries({ queryKey: ['deliberation-templates'] })
      void message.success(`${L.saved}：${saved.name}（${L.version} ${saved.version}）`)
      onClose()
    } catch (err) {
      setProblem(putFieldErrors(form, err, (p) => FIELD.test(p)))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer open={open} onClose={onClose} width={880} destroyOnHidden
      title={editing ? `${L.editTemplate}：${template.name}` : L.newTemplate}
      extra={<Space><Button onClick={onClose}>{L.cancel}</Button><Button type="primary" loading={saving} onClick={() => void save()}>{L.saveTemplate}</Button></Space>}>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} />}
      {editing && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={L.versionHint} />}
      <Form form={form} layout="vertical" requiredMark>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="name" label={L.templateName} rules={[{ required: true, message: '请填写模板名称' }, { max: 60 }]}><Input maxLength={60} /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="code" label={L.templateCode} extra={L.templateCodeHint}
              rules={[{ required: true, message: '请填写模板代码' }, { pattern: /^[a-z0-9_]{2,40}$/, message: '模板代码为 2 到 40 个小写字母、数字或下划线' }]}>
              <Input disabled={editing} maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={L.templateDescription}><Input.TextArea rows={2} maxLength={500} showCount /></Form.Item>
        {!editing && <Form.Item name="orgId" label={L.templateOrg} extra={L.templateOrgHint}><OrgSelect allowClear placeholder={L.templateOrg} /></Form.Item>}
        {editing && <Form.Item name="archived" valuePropName="checked"><Checkbox>{L.archived}</Checkbox></Form.Item>}
        <Typography.Title level={5}>{L.stages}</Typography.Title>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={L.stageN.replace('{n}', String(i + 1))}
                  extra={
                    <Space size={0}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`${L.moveUp} ${i + 1}`} />
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`${L.moveDown} ${i + 1}`} />
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 2} onClick={() => remove(i)} aria-label={`${L.removeStage} ${i + 1}`} />
                    </Space>
                  }>
                  <Row gutter={12}>
                    <Col span={8}><Form.Item name={[f.name, 'name']} label={L.stageName} rules={[{ required: true, message: '请填写阶段名称' }, { max: 30 }]}><Input maxLength={30} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[f.name, 'key']} label={L.stageKey} rules={[{ required: true, message: '请填写阶段代码' }, { pattern: /^[a-z][a-z0-9_]{0,29}$/, message: '阶段代码为小写字母、数字和下划线' }]}><Input maxLength={30} /></Form.Item></Col>
                    <Col span={8}>
                      <Form.Item name={[f.name, 'role']} label={L.role} rules={[{ required: true }]}>
                        <Select options={ROLES.map((r) => ({ value: r, label: roleLabels[r]?.[lang] ?? r }))} />
                      </Form.Item>
                    </Col>
                    <Col span={16}><Form.Item name={[f.name, 'parties']} label={L.parties}><Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={L.partiesHint} maxCount={12} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[f.name, 'output']} label={L.output} rules={[{ required: true }]}><Select options={OUTPUTS.map((o) => ({ value: o, label: outputWords[o]![lang] }))} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[f.name, 'deadlineDays']} label={L.deadline}><InputNumber min={1} max={365} style={{ width: '100%' }} placeholder={L.noDeadline} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[f.name, 'quorum']} label={L.stageQuorum}><InputNumber min={1} max={1000} style={{ width: '100%' }} placeholder={L.noQuorum} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[f.name, 'vote']} label={L.byVote} valuePropName="checked"><Switch /></Form.Item></Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} disabled={fields.length >= 12} onClick={() => add(blankStage(fields.length + 1))}>{L.addStage}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  )
}
