// Pieces the inbox, the map and the case page share: the state tag, the deadline (countdown
// or overdue in red), photo thumbnails that enlarge, and the filter bar kept in the address bar.
import { useMemo, useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { Button, Cascader, DatePicker, Flex, Image, Input, Select, Typography } from 'antd'
import dayjs from 'dayjs'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { ALL_ORGS, useHomeScope, useMe } from '../../auth.tsx'
import { errorMessage, formatTime, OrgSelect, StatusTag, type Tone } from '../../common.tsx'
import { caseStates, dueAt, useCategories, type Case, type CaseFilter, type CaseState, type Photo } from '../../../shared/cases.ts'
import { durationText, useCaseLabels } from '../../../shared/caseLabels.ts'

const stateTones: Record<CaseState, Tone> = {
  reported: 'warning',
  accepted: 'info',
  rejected: 'muted',
  assigned: 'info',
  in_progress: 'info',
  handled: 'warning',
  verified: 'success',
  closed: 'success',
}

/** Point colours on the map, one per state, distinguishable on the plain background. */
export const stateColors: Record<CaseState, string> = {
  reported: '#d46b08',
  accepted: '#1668dc',
  rejected: '#8c8c8c',
  assigned: '#531dab',
  in_progress: '#08979c',
  handled: '#c41d7f',
  verified: '#7cb305',
  closed: '#237804',
}

export function StateTag({ state }: { state: CaseState }) {
  const { state: name } = useCaseLabels()
  return <StatusTag tone={stateTones[state] ?? 'muted'}>{name(state)}</StatusTag>
}

/** The running deadline: time left, or (in red) how long it is overdue, with the deadline itself. */
export function Deadline({ c }: { c: Pick<Case, 'state' | 'acceptDueAt' | 'handleDueAt' | 'overdue'> }) {
  const { L, f, lang } = useCaseLabels()
  const due = dueAt(c)
  if (!due) return <span>—</span>
  const left = new Date(due).getTime() - Date.now()
  const late = c.overdue || left < 0
  return (
    <span style={{ color: late ? '#a8071a' : undefined, fontWeight: late ? 600 : undefined }}>
      {f(late ? L.overdueBy : L.dueIn, { time: durationText(left, lang) })}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, color: late ? '#a8071a' : '#595959' }}>
        {L.deadline} {formatTime(due)}
      </Typography.Text>
    </span>
  )
}

export function Photos({ photos, size = 96 }: { photos: Photo[]; size?: number }) {
  const { L, f } = useCaseLabels()
  if (photos.length === 0) return null
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8}>
        {photos.map((p, i) => (
          <Image key={p.id} src={p.url} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt={f(L.enlarge, { n: i + 1 })} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  )
}

/** The filters in the address bar, so a filtered list or map can be bookmarked and shared. */
export type SetFilter = (changes: Record<string, string | undefined>) => void

/**
 * The filter, with `orgDefaulted` when the org is the caller's home scope by default (someone who
 * works in several places starts on their own; clearing the org shows all of them: orgId=all).
 */
export function useCaseFilter(): [CaseFilter & { orgDefaulted: boolean }, SetFilter, () => void] {
  const [params, setParams] = useSearchParams()
  const home = useHomeScope()
  const filter = useMemo<CaseFilter & { orgDefaulted: boolean }>(
    () => ({
      state: params.get('state')?.split(',').filter(Boolean),
      categoryCode: params.get('categoryCode') ?? undefined,
      orgId: params.get('orgId') === ALL_ORGS ? undefined : (params.get('orgId') ?? home?.id),
      orgDefaulted: !params.get('orgId') && !!home,
      q: params.get('q') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
    }),
    [params, home?.id],
  )
  const set: SetFilter = (changes) => {
    const next = new URLSearchParams(params)
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value)
      else next.delete(key)
    }
    setParams(next, { replace: true })
  }
  const clear = () => {
    const next = new URLSearchParams()
    const tab = params.get('tab')
    if (tab) next.set('tab', tab)
    setParams(next, { replace: true })
  }
  return [filter, set, clear]
}

/** The day after `to` (the API's `to` is exclusive), as an ISO time with the local offset. */
function dayBounds(from: string | undefined, to: string | undefined) {
  return { from: from ? dayjs(from).startOf('day').format() : undefined, to: to ? dayjs(to).add(1, 'day').startOf('day').format() : undefined }
}

/** The filter as the API takes it: dates as times. */
export function apiFilter(filter: CaseFilter): CaseFilter {
  return { ...filter, ...dayBounds(filter.from, filter.to) }
}

/** The two-level taxonomy as Cascader options, in the page's language. */
export function useCategoryTree() {
  const { lang } = useI18n()
  const categories = useCategories()
  return useMemo(() => {
    const all = categories.data ?? []
    return all
      .filter((c) => !c.parentCode)
      .map((top) => ({
        value: top.code,
        label: lang === 'en' ? top.nameEn : top.name,
        children: all.filter((c) => c.parentCode === top.code).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.name })),
      }))
  }, [categories.data, lang])
}

export function CaseFilterBar({ filter, set, clear }: { filter: CaseFilter & { orgDefaulted?: boolean }; set: SetFilter; clear: () => void }) {
  const { L, state: stateName, lang } = useCaseLabels()
  const { t } = useI18n()
  const me = useMe().data!
  const home = useHomeScope()
  const tree = useCategoryTree()
  const [text, setText] = useState(filter.q ?? '')
  const categoryPath = filter.categoryCode ? [filter.categoryCode.split('.')[0]!, filter.categoryCode] : undefined
  const filtered = !!(filter.state?.length || filter.categoryCode || (filter.orgId && !filter.orgDefaulted) || filter.q || filter.from)
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search">
      <Input.Search
        aria-label={L.search}
        placeholder={L.search}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          if (!e.target.value) set({ q: undefined })
        }}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        style={{ width: 260 }}
        enterButton={t('common.search')}
      />
      <Select
        mode="multiple"
        aria-label={L.state}
        placeholder={L.anyState}
        allowClear
        value={filter.state ?? []}
        onChange={(v: string[]) => set({ state: v.join(',') || undefined })}
        options={caseStates.map((s) => ({ value: s, label: stateName(s) }))}
        style={{ minWidth: 180 }}
        maxTagCount="responsive"
      />
      <Cascader
        aria-label={L.category}
        placeholder={L.anyCategory}
        options={tree}
        value={categoryPath}
        onChange={(v) => set({ categoryCode: v ? String(v[v.length - 1]) : undefined })}
        changeOnSelect
        style={{ width: 200 }}
      />
      <DatePicker.RangePicker
        aria-label={L.dates}
        value={filter.from ? [dayjs(filter.from), filter.to ? dayjs(filter.to) : null] : null}
        onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        allowEmpty={[false, true]}
        style={{ width: 260 }}
      />
      <OrgSelect aria-label={L.org} placeholder={L.anyOrg} allowClear value={filter.orgId} onChange={(v) => set({ orgId: v ?? (home ? ALL_ORGS : undefined) })} style={{ width: 200 }} known={me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))} />
      {filtered && (
        <Button
          onClick={() => {
            setText('')
            clear()
          }}
        >
          {L.clear}
        </Button>
      )}
    </Flex>
  )
}

/**
 * 联系上报人: the masked number until tapped; the tap asks the server for the full one (an audited
 * read, like a resident's reveal) and turns it into a tap-to-dial link.
 */
export function ReporterPhone({ caseId, masked }: { caseId: string; masked: string }) {
  const { L } = useCaseLabels()
  const [phone, setPhone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reveal = useMutation({
    mutationFn: () => api<{ phone: string }>(`/cases/${caseId}/reporter-phone`, { method: 'POST', body: {} }),
    onSuccess: (r) => setPhone(r.phone),
    onError: (err) => setError(errorMessage(err)),
  })
  return (
    <span style={{ marginInlineStart: 8 }}>
      {phone ? <a href={`tel:${phone}`}>{phone}</a> : <span>{masked}</span>}
      {!phone && (
        <Button size="small" type="link" loading={reveal.isPending} onClick={() => reveal.mutate()} title={L.contactReporterHint}>{L.contactReporter}</Button>
      )}
      {error && <Typography.Text type="danger" role="alert" style={{ marginInlineStart: 8 }}>{error}</Typography.Text>}
    </span>
  )
}
