// Start-up phases, timed: `npm start` prints them under its banner (and the start-up bench reads
// them), so a slow start names the phase that was slow instead of one total.
import { performance } from 'node:perf_hooks'

export interface PhaseTimer {
  /** Runs and times one phase. */
  time<T>(name: string, work: () => Promise<T> | T): Promise<T>
  /** `[[name, ms], …]` in the order they ran, starting with the module loading before main(). */
  phases(): [string, number][]
  /** One line: "加载代码 1.2 s · 打开数据库 3.4 s · …". */
  summary(): string
}

export function startPhaseTimer(labels: Record<string, string> = {}): PhaseTimer {
  // Everything before the timer starts: Node, the tsx loader and the import of the module graph.
  const recorded: [string, number][] = [['load', performance.now()]]
  return {
    async time(name, work) {
      const t0 = performance.now()
      try {
        return await work()
      } finally {
        recorded.push([name, performance.now() - t0])
      }
    },
    phases: () => recorded.slice(),
    summary: () => recorded.map(([name, ms]) => `${labels[name] ?? name} ${(ms / 1000).toFixed(2)} s`).join(' · '),
  }
}
