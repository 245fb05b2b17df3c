// 考核目标: the per-person scorecard's cut-offs in force at a node (each line's green and yellow,
// and whether they are the default or which node above set them); a street admin or above edits
// the node's own lines (a city, district or street), or goes back to what applies from above.
import { useEffect, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Drawer, Flex, InputNumber, Space, Table, Tag, Typography } from 'antd'
import type { PeopleTargets } from '@server/modules/statistics/statistics.people.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, useLabels } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'

type Line = PeopleTargets['lines'][number]
type Cut = { green: number | null; yellow: number | null }

const zh = {
  open: '考核目标',
  title: (node: string, who: string) => `考核目标 · ${node} · ${who}`,
  line: '考核项',
  green: '绿档线',
  yellow: '黄档线',
  source: '来源',
  byDefault: '默认',
  setBy: (name: string) => `${name}设置`,
  perMonth: '按月计（季度、年度按月数累计）',
  save: '保存本级目标',
  reset: '恢复上级或默认',
  saved: '已保存，排名已按新目标计算',
  readOnly: '目标由市、区、街道管理员为辖区设置；这里显示本节点正在执行的目标。',
  hint: '只填本级要调整的项；留空的项沿用上级设置或默认值。数值越大越好的项，黄档线不能高于绿档线。',
}
const en: typeof zh = {
  open: 'Targets',
  title: (node, who) => `Targets · ${node} · ${who}`,
  line: 'Line',
  green: 'Green from',
  yellow: 'Yellow from',
  source: 'Source',
  byDefault: 'Default',
  setBy: (name) => `Set by ${name}`,
  perMonth: 'Per month (a quarter or year multiplies it)',
  save: 'Save this level’s targets',
  reset: 'Back to the level above',
  saved: 'Saved; the ranking uses the new targets',
  readOnly: 'A city, district or street admin sets targets for its area; these are the ones in force here.',
  hint: 'Fill in only the lines this level changes; an empty line keeps the level above’s or the default. Yellow cannot be above green on a higher-is-better line.',
}

export function PeopleTargetsDrawer({ orgId, orgName, role, who }: { orgId: string; orgName: string; role: string; who: string }) {
  const L = useLabels({ zh, en })
  const { lang } = useI18n()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [own, setOwn] = useState<Record<string, Cut>>({})
  const targets = useQuery({
    queryKey: ['people-targets', orgId, role],
    queryFn: () => api<PeopleTargets>(`/assessments/people/targets?${new URLSearchParams({ orgId, role })}`),
    enabled: open,
  })
  useEffect(() => {
    if (targets.data) setOwn(Object.fromEntries(Object.entries(targets.data.own).map(([k, v]) => [k, { green: v.green, yellow: v.yellow }])))
  }, [targets.data])
  const save = useMutation({
    mutationFn: (body: Record<string, { green: number; yellow: number }>) => api<PeopleTargets>('/assessments/people/targets', { method: 'PUT', body: { orgId, role, targets: body } }),
    onSuccess: async (data) => {
      qc.setQueryData(['people-targets', orgId, role], data)
      await qc.invalidateQueries({ queryKey: ['people-scores'] })
      message.success(L.saved)
    },
  })
  const data = targets.data
  const editable = data?.canSet === true
  const filled = () => Object.fromEntries(Object.entries(own).filter(([, c]) => c.green !== null && c.yellow !== null).map(([k, c]) => [k, { green: c.green!, yellow: c.yellow! }]))
  const setCut = (code: string, key: keyof Cut, value: number | null) => setOwn((o) => ({ ...o, [code]: { green: o[code]?.green ?? null, yellow: o[code]?.yellow ?? null, [key]: value } }))
  const unitOf = (l: Line) => (l.unit[lang] === '%' ? '%' : l.unit[lang])

  const cutColumn = (key: keyof Cut) => ({
    key,
    title: L[key],
    width: 150,
    render: (_: unknown, l: Line) => editable
      ? <InputNumber aria-label={`${l.name[lang]} ${L[key]}`} min={0} max={l.unit.en === '%' ? 100 : 100_000} value={own[l.code]?.[key] ?? null} placeholder={String(l[key])} addonAfter={unitOf(l)} onChange={(v) => setCut(l.code, key, v)} style={{ width: 140 }} />
      : <span>{l[key]} {unitOf(l)}</span>,
  })

  return (
    <>
      <Button onClick={() => setOpen(true)}>{L.open}</Button>
      <Drawer open={open} onClose={() => setOpen(false)} width={720} title={L.title(orgName, who)} destroyOnHidden>
        {targets.error && <Alert type="error" showIcon message={errorMessage(targets.error)} style={{ marginBottom: 12 }} />}
        {save.error && <Alert type="error" showIcon message={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{editable ? L.hint : L.readOnly}</Typography.Paragraph>
        <Table<Line>
          rowKey="code"
          size="small"
          bordered
          pagination={false}
          loading={targets.isFetching}
          dataSource={data?.lines ?? []}
          columns={[
            { key: 'line', title: L.line, render: (_: unknown, l: Line) => <span>{l.name[lang]}{l.perMonth && <div style={{ color: '#595959', fontSize: 12 }}>{L.perMonth}</div>}</span> },
            cutColumn('green'),
            cutColumn('yellow'),
            { key: 'source', title: L.source, width: 150, render: (_: unknown, l: Line) => l.setBy ? <Tag color="red">{L.setBy(l.setBy.name)}</Tag> : <Tag>{L.byDefault}</Tag> },
          ]}
        />
        {editable && (
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Space>
              <Button onClick={() => save.mutate({})} loading={save.isPending && Object.keys(save.variables ?? {}).length === 0}>{L.reset}</Button>
              <Button type="primary" onClick={() => save.mutate(filled())} loading={save.isPending && Object.keys(save.variables ?? {}).length > 0}>{L.save}</Button>
            </Space>
          </Flex>
        )}
      </Drawer>
    </>
  )
}
