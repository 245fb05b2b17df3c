// Choosing a wall screen's headline indicators: codes of the indicator dictionary (GET /indicators),
// up to 8, shown in the order picked; empty means the default list (members, hours, cases, orders,
// points). The picker in the new-link form, and a dialog to change a screen's choice later.
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Modal, Select, Typography } from 'antd'
import { z } from 'zod'
import { DEFAULT_SCREEN_INDICATORS, SCREEN_INDICATORS_MAX, type screenSchema } from '@server/modules/screens/screens.schemas.ts'
import type { Indicator } from '@server/modules/statistics/statistics.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, useLabels } from '../../common.tsx'

type Screen = z.infer<typeof screenSchema>

const labels = {
  zh: { label: '核心指标', placeholder: '默认：党员报到、志愿时长、事件办结、按时办结率、订单、满意度、积分', hint: `从统计一套表的指标中选择，最多 ${SCREEN_INDICATORS_MAX} 个，按选择顺序显示；不选则显示默认指标。`, party: '党建', livelihood: '民生', edit: '核心指标', saved: '已保存', byDefault: '默认' },
  en: { label: 'Headline indicators', placeholder: 'Default: members, volunteer hours, cases closed, on-time rate, orders, satisfaction, points', hint: `Pick up to ${SCREEN_INDICATORS_MAX} from the statistics table, shown in that order; none picks the default.`, party: 'Party', livelihood: 'Livelihood', edit: 'Headline', saved: 'Saved', byDefault: 'Default' },
}

export function useIndicatorOptions() {
  const L = useLabels(labels)
  const q = useQuery({ queryKey: ['indicators'], queryFn: () => api<{ items: Indicator[] }>('/indicators'), staleTime: 3_600_000 })
  const items = q.data?.items ?? []
  return (['livelihood', 'party'] as const).map((ledger) => ({
    label: L[ledger],
    options: items.filter((i) => i.ledger === ledger).map((i) => ({ value: i.code, label: `${i.name.zh}（${i.unit.zh}）` })),
  }))
}

export function IndicatorSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const L = useLabels(labels)
  const options = useIndicatorOptions()
  return (
    <Select id={id} mode="multiple" allowClear showSearch optionFilterProp="label" value={value} onChange={(v: string[]) => onChange?.(v.slice(0, SCREEN_INDICATORS_MAX))}
      placeholder={L.placeholder} options={options} maxCount={SCREEN_INDICATORS_MAX} aria-label={L.label} />
  )
}

/** The chosen list, or the default one, as short words for the table. */
export function IndicatorSummary({ screen }: { screen: Screen }) {
  const L = useLabels(labels)
  const options = useIndicatorOptions().flatMap((g) => g.options)
  const names = (screen.indicatorCodes ?? DEFAULT_SCREEN_INDICATORS).map((c) => options.find((o) => o.value === c)?.label.split('（')[0] ?? c)
  const text = `${screen.indicatorCodes ? '' : `${L.byDefault}：`}${names.join('、')}`
  return <Typography.Text type={screen.indicatorCodes ? undefined : 'secondary'} title={text}>{text}</Typography.Text>
}

export function EditIndicators({ screen, onClose }: { screen: Screen | null; onClose: () => void }) {
  const L = useLabels(labels)
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [codes, setCodes] = useState<string[]>([])
  useEffect(() => setCodes(screen?.indicatorCodes ?? []), [screen])
  const save = async () => {
    try {
      await api(`/screens/${screen!.id}`, { method: 'PATCH', body: { indicatorCodes: codes.length ? codes : null } })
      await queryClient.invalidateQueries({ queryKey: ['screens'] })
      void message.success(L.saved)
      onClose()
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <Modal open={screen !== null} title={`${L.label} · ${screen?.name ?? ''}`} onCancel={onClose} onOk={() => void save()} destroyOnHidden>
      <Typography.Paragraph type="secondary">{L.hint}</Typography.Paragraph>
      <IndicatorSelect value={codes} onChange={setCodes} />
    </Modal>
  )
}
