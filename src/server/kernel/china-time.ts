// Moments as people in China read them: Beijing time (UTC+8, no daylight saving), whatever the
// server's own time zone, for words the server writes into messages ("签到将于 … 开放").
const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })

/** `2026-12-06 18:00` (Beijing time) for an ISO moment or a Date. */
export function beijingTime(at: string | Date): string {
  return BEIJING.format(typeof at === 'string' ? new Date(at) : at).replace(/\//g, '-')
}
