// One hook for an ECharts chart: registers the parts the console's bar charts use, creates the
// chart in the element the returned ref is put on, sets the option whenever it changes, follows
// the window's size, and disposes of it with the component.
import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** The house look of a bar chart: tooltip by axis, legend on top, labels turned when crowded. */
export function barOption(categories: string[], series: { name: string; data: number[] }[], extra: { color: string[]; yAxis?: Record<string, unknown> }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', ...extra.yAxis },
    series: series.map((s) => ({ ...s, type: 'bar' })),
    color: extra.color,
  }
}

export function useECharts(option: EChartsCoreOption) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!ref.current) return
    const chart = echarts.init(ref.current)
    chart.setOption(option)
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [option])
  return ref
}
