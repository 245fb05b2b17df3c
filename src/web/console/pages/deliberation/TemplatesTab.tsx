// The 议事流程 tab: the process templates as cards (stages with their output, parties and vote),
// a new template, edit or copy one (only where the API says `manage`), and the support threshold,
// collection period and default process of the caller's own node (its cadres edit them).
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd'
import { CopyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import type { z } from 'zod'
import type { settingsViewSchema } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { OrgSelect } from '../../common.tsx'
import { useLevel, useMe } from '../../auth.tsx'
import { outputWords, useDelibLabels } from './labels.ts'
import { TemplateEditor, type Template } from './TemplateEditor.tsx'
import { putFieldErrors } from './fieldErrors.ts'

type Settings = z.infer<typeof settingsViewSchema>

export function TemplatesTab() {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const level = useLevel()
  const [editing, setEditing] = useState<{ template: Template | null; copyOf: Template | null } | null>(null)
  const list = useQuery({ queryKey: ['deliberation-templates'], queryFn: () => api<Template[]>('/deliberation-templates') })
  // Creating needs a street admin or above somewhere (the API checks the node chosen).
  const mayCreate = level >= roleLevels.street_admin!
  return (
    <>
      <ThresholdSettings templates={list.data ?? []} />
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 12px' }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.template}</Typography.Title>
        {mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ template: null, copyOf: null })}>{L.newTemplate}</Button>}
      </Flex>
      <Row gutter={[16, 16]}>
        {(list.data ?? []).map((t) => (
          <Col key={t.id} xs={24} lg={12} xxl={8}>
            <Card size="small" title={t.name} extra={<Tag>{t.org ? t.org.name : L.shipped} · {L.version} {t.version}</Tag>}
              actions={[
                ...(t.manage ? [<Button key="e" type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ template: t, copyOf: null })} aria-label={`${L.edit} ${t.name}`}>{L.edit}</Button>] : []),
                ...(mayCreate ? [<Button key="c" type="link" size="small" icon={<CopyOutlined />} onClick={() => setEditing({ template: null, copyOf: t })} aria-label={`${L.copyTemplate} ${t.name}`}>{L.copyTemplate}</Button>] : []),
              ]}>
              {t.description && <p style={{ color: '#595959' }}>{t.description}</p>}
              <ol style={{ paddingInlineStart: 20, margin: 0 }}>
                {t.stages.map((s) => (
                  <li key={s.key}><strong>{s.name}</strong> <span style={{ color: '#595959', fontSize: 12 }}>{outputWords[s.output]![lang]}{s.parties?.length ? ` · ${s.parties.join('、')}` : ''}{s.deadlineDays ? ` · ${s.deadlineDays} 天` : ''}{s.vote ? ` · ${L.votes}` : ''}</span></li>
                ))}
              </ol>
            </Card>
          </Col>
        ))}
      </Row>
      <TemplateEditor open={editing !== null} template={editing?.template ?? null} copyOf={editing?.copyOf ?? null} onClose={() => setEditing(null)} />
    </>
  )
}

/** The node of the caller's highest staff role: where "my" thresholds are set. */
function useOwnNode(): string | undefined {
  const me = useMe().data
  const staff = [...(me?.roles ?? [])].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))
  return staff[0]?.orgId
}

interface SettingsValues { supportHouseholds?: number | null; supportPercent?: number | null; expireDays: number; templateId?: string | null }

function ThresholdSettings({ templates }: { templates: Template[] }) {
  const L = useDelibLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const own = useOwnNode()
  const [orgId, setOrgId] = useState<string | undefined>()
  const node = orgId ?? own
  const [form] = Form.useForm<SettingsValues>()
  const [problem, setProblem] = useState<string | null>(null)
  const settings = useQuery({ queryKey: ['deliberation-settings', node], queryFn: () => api<Settings>(`/deliberation-settings/${node}`), enabled: node !== undefined })
  const s = settings.data
  useEffect(() => {
    if (s) form.setFieldsValue({ supportHouseholds: s.supportHouseholds, supportPercent: s.supportPercent, expireDays: s.expireDays, templateId: s.templateId })
  }, [s, form])
  const save = async () => {
    setProblem(null)
    const v = await form.validateFields()
    try {
      await api(`/deliberation-settings/${node}`, { method: 'PUT', body: { supportHouseholds: v.supportHouseholds ?? null, supportPercent: v.supportPercent ?? null, expireDays: v.expireDays, templateId: v.templateId ?? null } })
      await queryClient.invalidateQueries({ queryKey: ['deliberation-settings'] })
      void message.success(L.saved)
    } catch (err) {
      setProblem(putFieldErrors(form, err, (p) => ['supportHouseholds', 'supportPercent', 'expireDays', 'templateId'].includes(p)))
    }
  }
  return (
    <Card size="small" title={L.settingsTitle} aria-label={L.settingsTitle}
      extra={<OrgSelect value={node} onChange={setOrgId} placeholder={L.settingsNode} aria-label={L.settingsNode} style={{ width: 240 }} />}>
      {settings.error && <Alert type="error" showIcon title={(settings.error as Error).message} />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 12 }} />}
      {s && (
        <Row gutter={24}>
          <Col xs={24} xl={8}>
            <Descriptions size="small" column={1} items={[
              { key: 'h', label: L.households, children: s.households },
              { key: 'n', label: L.supportNeeded, children: <strong>{s.supportNeeded} 户</strong> },
            ]} />
            {s.inherited && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{L.inherited}</Typography.Text>}
            {!s.manage && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{L.readOnly}</Typography.Paragraph>}
          </Col>
          <Col xs={24} xl={16}>
            <Form form={form} layout="inline" disabled={!s.manage} style={{ rowGap: 12 }}>
              <Form.Item name="supportHouseholds" label={L.supportHouseholds}><InputNumber min={1} max={100000} style={{ width: 110 }} /></Form.Item>
              <Form.Item name="supportPercent" label={L.supportPercent}><InputNumber min={0.1} max={100} step={0.5} style={{ width: 100 }} /></Form.Item>
              <Form.Item name="expireDays" label={L.expireDays} rules={[{ required: true, message: '请填写征集期限' }]}><InputNumber min={1} max={365} style={{ width: 90 }} /></Form.Item>
              <Form.Item name="templateId" label={L.defaultTemplate}>
                <Select allowClear placeholder={L.inheritTemplate} style={{ width: 220 }} options={templates.filter((t) => !t.archived).map((t) => ({ value: t.id, label: t.name }))} />
              </Form.Item>
              {s.manage && <Space><Button type="primary" onClick={() => void save()}>{L.saveSettings}</Button><Typography.Text type="secondary" style={{ fontSize: 12 }}>{L.thresholdHint}</Typography.Text></Space>}
            </Form>
          </Col>
        </Row>
      )}
    </Card>
  )
}
