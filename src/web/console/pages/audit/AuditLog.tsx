// 审计日志: who did what to which record, newest first, within the caller's scope. Filters live in
// the address bar (so a link can open a filtered view); pages follow the server's cursors, kept
// in a stack so "previous" works; each row expands to the before/after diff and the raw JSON.
import { useEffect, useMemo, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import type { AuditVocabulary } from '@server/modules/audit/audit.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, PageTheme, PersonSelect, useLabels } from '../../common.tsx'
import { labels } from './auditLog.labels.ts'
import { EntryDetail, type AuditEntry } from './EntryDetail.tsx'
import 'dayjs/locale/zh-cn'

const PAGE_SIZE = 30



const FILTER_KEYS = ['actorId', 'entity', 'entityId', 'action', 'from', 'to'] as const
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>

interface FilterForm {
  actorId?: string
  entity?: string
  entityId?: string
  action?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

/** Where a record of this kind opens in the console, if it has a page of its own. */
const recordPages: Record<string, (id: string) => string> = {
  case: (id) => `/cases/${id}`,
  person: (id) => `/people/${id}`,
  org: (id) => `/orgs/${id}`,
}

export default function AuditLogPage() {
  return (
    <PageTheme>
      <AuditLog />
    </PageTheme>
  )
}

function AuditLog() {
  const L = useLabels(labels)
  const { lang } = useI18n()
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn')
  const [params, setParams] = useSearchParams()
  const filters: Filters = useMemo(() => Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))), [params])
  const filterKey = JSON.stringify(filters)
  // The cursors of the pages seen so far under the current filters; the last one is shown.
  const [pager, setPager] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] })
  const cursors = pager.key === filterKey ? pager.cursors : [null]
  const cursor = cursors[cursors.length - 1] ?? null
  const [actorNames, setActorNames] = useState<Record<string, string>>({})
  const [form] = Form.useForm<FilterForm>()

  const vocabulary = useQuery({ queryKey: ['audit', 'vocabulary'], queryFn: () => api<AuditVocabulary>('/audit/vocabulary'), staleTime: Infinity })
  const entries = useQuery({
    queryKey: ['audit', filters, cursor],
    queryFn: () => {
      const s = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) })
      if (cursor) s.set('cursor', cursor)
      return api<Page<AuditEntry>>(`/audit?${s}`)
    },
    placeholderData: keepPreviousData,
  })

  function apply(next: Filters) {
    const s = new URLSearchParams()
    for (const k of FILTER_KEYS) if (next[k]) s.set(k, next[k]!)
    setParams(s, { replace: false })
  }

  function submit(v: FilterForm) {
    const [start, end] = v.range ?? [null, null]
    apply({
      actorId: v.actorId,
      entity: v.entity,
      entityId: v.entityId?.trim() || undefined,
      action: v.action,
      from: start ? start.startOf('day').format() : undefined,
      to: end ? end.add(1, 'day').startOf('day').format() : undefined,
    })
  }

  const initial: FilterForm = {
    actorId: filters.actorId,
    entity: filters.entity,
    entityId: filters.entityId,
    action: filters.action,
    range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to).subtract(1, 'day') : null] : null,
  }
  // The form shows the filters in the address bar (after a reset, a link or going back).
  useEffect(() => {
    form.resetFields()
    form.setFieldsValue(initial)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey])

  const actionOptions = (vocabulary.data?.actions ?? []).map((a) => ({ value: a.code, label: a[lang] }))
  const entityOptions = (vocabulary.data?.entities ?? []).map((e) => ({ value: e.code, label: e[lang] }))

  const columns: ColumnsType<AuditEntry> = [
    { title: L.at, dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: L.actor,
      key: 'actor',
      width: 140,
      render: (_, e) => {
        if (!e.actor) return L.system
        if ('tokenId' in e.actor) return L.token.replace('{id}', e.actor.tokenId)
        const { personId, name } = e.actor
        const label = name ?? `#${personId}`
        return (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, color: '#0b57d0' }}
            aria-label={L.onlyActor.replace('{name}', label)}
            title={L.onlyActor.replace('{name}', label)}
            onClick={() => {
              setActorNames((m) => ({ ...m, [personId]: label }))
              form.setFieldValue('actorId', personId)
              apply({ ...filters, actorId: personId })
            }}
          >
            {label}
          </Button>
        )
      },
    },
    {
      title: L.action,
      dataIndex: 'action',
      render: (_, e) => e.actionWords[lang],
    },
    {
      title: L.target,
      key: 'entity',
      render: (_, e) => {
        const page = e.entityId ? recordPages[e.entity]?.(e.entityId) : undefined
        const what = e.entityId ? `${e.entityWords[lang]} #${e.entityId}` : e.entityWords[lang]
        return (
          <span>
            {page ? <Link to={page}>{what}</Link> : what}
            {e.orgNames && <div style={{ fontSize: 12, color: '#595959' }}>{e.orgNames.slice(-2).join(' · ')}</div>}
          </span>
        )
      },
    },
    { title: L.ip, dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
  ]

  const knownActors = Object.entries(actorNames).map(([value, label]) => ({ value, label }))
  const rows = entries.data?.items ?? []
  const page = cursors.length

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form<FilterForm> form={form} layout="vertical" initialValues={initial} onFinish={submit} role="search" aria-label={L.filters}>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={5}>
              <Form.Item label={L.actor} name="actorId">
                <PersonSelect allowClear placeholder={L.anyActor} known={knownActors} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={L.entity} name="entity">
                <Select allowClear placeholder={L.anyEntity} showSearch={{ optionFilterProp: 'label' }} options={entityOptions} loading={vocabulary.isPending} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Form.Item label={L.entityId} name="entityId" rules={[{ max: 40 }]}>
                <Input allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item label={L.action} name="action">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={L.actionPlaceholder} options={actionOptions} loading={vocabulary.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item label={L.range} name="range">
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  allowEmpty={[true, true]}
                  presets={[
                    { label: L.today, value: [dayjs().startOf('day'), dayjs().startOf('day')] },
                    { label: L.week, value: [dayjs().subtract(6, 'day').startOf('day'), dayjs().startOf('day')] },
                    { label: L.month, value: [dayjs().subtract(29, 'day').startOf('day'), dayjs().startOf('day')] },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={8} style={{ marginBottom: 24 }}>
            <Button type="primary" htmlType="submit">{L.apply}</Button>
            <Button
              onClick={() => {
                form.setFieldsValue({ actorId: undefined, entity: undefined, entityId: undefined, action: undefined, range: null })
                apply({})
              }}
            >
              {L.reset}
            </Button>
          </Flex>
        </Form>
      </Card>
      {entries.error && <Alert type="error" showIcon title={errorMessage(entries.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={entries.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 800 }}
        locale={{ emptyText: entries.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }}
        expandable={{ expandedRowRender: (e) => <EntryDetail e={e} L={L} /> }}
      />
      <Flex justify="center" align="center" gap={16} style={{ marginTop: 16 }}>
        <Button disabled={page <= 1} onClick={() => setPager({ key: filterKey, cursors: cursors.slice(0, -1) })}>{L.prev}</Button>
        <span aria-live="polite">{L.page.replace('{n}', String(page))}</span>
        <Button
          disabled={!entries.data?.nextCursor || entries.isPlaceholderData}
          onClick={() => setPager({ key: filterKey, cursors: [...cursors, entries.data!.nextCursor] })}
        >
          {L.next}
        </Button>
      </Flex>
    </div>
  )
}

