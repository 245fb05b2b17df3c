// The words of venue kinds, amenities, service types, audiences and booking states, Chinese and
// English, for the console and the phone pages (browser-safe).
type W = { zh: string; en: string }

export const venueKindWords: Record<string, W> = {
  party_service_center: { zh: '党群服务中心', en: 'Party service centre' },
  neighbourhood_center: { zh: '邻里中心', en: 'Neighbourhood centre' },
  station: { zh: '驿站', en: 'Station' },
  service_point: { zh: '便民服务点', en: 'Service point' },
}
export const venueLevelWords: Record<string, W> = {
  street: { zh: '街道级', en: 'Street' },
  community: { zh: '社区级', en: 'Community' },
  regional: { zh: '区域', en: 'Regional' },
}
export const stationKindWords: Record<string, W> = {
  red: { zh: '红色驿站', en: 'Red station' },
  courier: { zh: '小哥驿站', en: 'Courier station' },
  warm: { zh: '暖心驿站', en: 'Warm station' },
  tourist: { zh: '游客驿站', en: 'Tourist station' },
}
export const amenityWords: Record<string, W> = {
  rest: { zh: '休息', en: 'Rest' },
  storage: { zh: '寄存', en: 'Storage' },
  drinking_water: { zh: '饮水', en: 'Drinking water' },
  charging: { zh: '充电', en: 'Charging' },
  reading: { zh: '阅读', en: 'Reading' },
  umbrella: { zh: '借伞', en: 'Umbrella' },
  first_aid: { zh: '急救药箱', en: 'First-aid kit' },
  microwave: { zh: '微波炉', en: 'Microwave' },
  toilet: { zh: '卫生间', en: 'Toilet' },
  wifi: { zh: '无线网络', en: 'Wi-Fi' },
  accessible: { zh: '无障碍通道', en: 'Step-free access' },
}
export const serviceTypeWords: Record<string, W> = {
  education: { zh: '教育', en: 'Education' },
  medical: { zh: '医疗', en: 'Medical care' },
  elderly: { zh: '养老', en: 'Elderly care' },
  commerce: { zh: '商业', en: 'Commerce' },
  culture_sport: { zh: '文体', en: 'Culture and sport' },
}
export const audienceWords: Record<string, W> = {
  everyone: { zh: '所有人', en: 'Everyone' },
  gig_workers: { zh: '快递员、外卖骑手等新就业群体', en: 'Couriers and riders' },
  tourists: { zh: '游客', en: 'Tourists' },
  elderly: { zh: '老年人', en: 'Elderly people' },
}
export const bookingStateLabels: Record<string, W> = {
  pending: { zh: '待审核', en: 'Pending' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  rejected: { zh: '未通过', en: 'Rejected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  expired: { zh: '已过期', en: 'Expired' },
  no_show: { zh: '未到场', en: 'No-show' },
}
export const weekdayWords: W[] = [
  { zh: '周一', en: 'Mon' }, { zh: '周二', en: 'Tue' }, { zh: '周三', en: 'Wed' }, { zh: '周四', en: 'Thu' },
  { zh: '周五', en: 'Fri' }, { zh: '周六', en: 'Sat' }, { zh: '周日', en: 'Sun' },
]

/** The name of a venue's kind as people say it: a station by its own kind, a centre with its level. */
export function kindLabel(v: { kind: string; level?: string | null; stationKind?: string | null }, lang: 'zh' | 'en'): string {
  if (v.kind === 'station' && v.stationKind) return stationKindWords[v.stationKind]![lang]
  const kind = venueKindWords[v.kind]?.[lang] ?? v.kind
  return v.kind === 'party_service_center' && v.level ? `${venueLevelWords[v.level]![lang]}${lang === 'en' ? ' ' : ''}${kind}` : kind
}
