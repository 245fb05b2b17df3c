// The words of the volunteer phone pages, Chinese first, in plain language.
import { useCallback } from 'react'
import { useI18n } from '../../../shared/i18n.tsx'
import { format, type Text } from '../../labels.ts'

export const volunteerWords = {
  listTitle: { zh: '志愿活动', en: 'Volunteer activities' },
  intro: { zh: '报名参加身边的志愿服务，到场扫码签到，服务时长自动记录。', en: 'Sign up for volunteering near you, scan the code on site, and your hours are recorded.' },
  nearMe: { zh: '离我近', en: 'Near me' },
  nearHome: { zh: '离家近', en: 'Near home' },
  soonest: { zh: '时间最近', en: 'Soonest' },
  mine: { zh: '我报名的', en: 'My sign-ups' },
  locating: { zh: '正在定位…', en: 'Locating…' },
  geoFailed: { zh: '没能定位，已按离家远近排列', en: 'Could not locate you; sorted by distance from home' },
  none: { zh: '暂时没有活动', en: 'No activities right now' },
  distance: { zh: '距离 {d}', en: '{d} away' },
  seatsLeft: { zh: '还剩 {n} 个名额', en: '{n} seats left' },
  full: { zh: '名额已满，可报名候补', en: 'Full; you can join the waitlist' },
  waitlisted: { zh: '候补第 {n} 位', en: 'Waitlist #{n}' },
  confirmed: { zh: '已报名', en: 'Signed up' },
  cancelledStatus: { zh: '活动已取消', en: 'Cancelled' },
  ended: { zh: '已结束', en: 'Ended' },
  ongoing: { zh: '进行中', en: 'Happening now' },
  more: { zh: '加载更多', en: 'Load more' },
  when: { zh: '时间', en: 'When' },
  where: { zh: '地点', en: 'Where' },
  organiser: { zh: '组织', en: 'Organised by' },
  needs: { zh: '需要', en: 'Needed' },
  needLine: { zh: '{skill} {n} 人', en: '{skill}: {n}' },
  signUp: { zh: '我要报名', en: 'Sign me up' },
  joinWaitlist: { zh: '报名候补', en: 'Join the waitlist' },
  cancelSignup: { zh: '取消报名', en: 'Cancel my sign-up' },
  cancelAsk: { zh: '确定取消报名吗？', en: 'Cancel your sign-up?' },
  signedUpOk: { zh: '报名成功，请按时到场扫码签到', en: 'You are signed up; scan the code on site when you arrive' },
  waitlistOk: { zh: '名额已满，您在候补第 {n} 位。有人取消时会自动递补并通知您。', en: 'Full: you are #{n} on the waitlist. If someone cancels you move up and are told.' },
  cancelOk: { zh: '已取消报名', en: 'Sign-up cancelled' },
  checkInHint: { zh: '到场后，用手机扫描现场屏幕上的二维码签到；离开时再扫一次签退。', en: 'On site, scan the QR code on the screen to check in; scan again when you leave to check out.' },
  myAttendance: { zh: '我的签到', en: 'My attendance' },
  checkedIn: { zh: '已签到（{time}）', en: 'Checked in ({time})' },
  checkedOut: { zh: '已签退，本次 {h} 小时', en: 'Checked out: {h} hours' },
  noShow: { zh: '未到场（爽约）', en: 'Did not come (no-show)' },
  checkinTitle: { zh: '扫码签到', en: 'Check in' },
  checkinButton: { zh: '签到', en: 'Check in' },
  checkoutButton: { zh: '签退', en: 'Check out' },
  checkinOk: { zh: '签到成功！离开时请再扫一次现场的二维码签退。', en: 'Checked in! Scan the code on site again when you leave to check out.' },
  checkoutOk: { zh: '签退成功，本次服务 {h} 小时', en: 'Checked out: {h} hours of service' },
  checkinBad: { zh: '链接不完整，请重新扫描现场的二维码', en: 'The link is incomplete; scan the code on site again' },
  rescan: { zh: '二维码每 30 秒更换，请重新扫描屏幕上的最新二维码', en: 'The code changes every 30 seconds; scan the latest one on the screen' },
  hoursTitle: { zh: '我的志愿时长', en: 'My volunteer hours' },
  hoursThisYear: { zh: '{year} 年志愿时长', en: 'Hours in {year}' },
  hoursUnit: { zh: '{h} 小时', en: '{h} h' },
  activitiesDone: { zh: '参加 {n} 次活动', en: '{n} activities' },
  noShows: { zh: '爽约 {n} 次', en: '{n} no-shows' },
  records: { zh: '服务记录', en: 'Service record' },
  noRecords: { zh: '今年还没有服务记录', en: 'No service this year yet' },
  status: { checked_out: '已完成', checked_in: '已签到', no_show: '爽约' } as Record<string, string>,
  statusEn: { checked_out: 'Done', checked_in: 'Checked in', no_show: 'No-show' } as Record<string, string>,
  timeBank: { zh: '时间银行', en: 'Time bank' },
  timeBankHint: { zh: '您为别人服务的时长存入时间银行；需要帮助时，志愿者为您服务的时长从中支取。', en: 'Hours you give are saved in the time bank; hours volunteers give you are drawn from it.' },
  given: { zh: '今年付出', en: 'Given this year' },
  received: { zh: '今年获得', en: 'Received this year' },
  balance: { zh: '累计结余', en: 'Balance' },
  givenTo: { zh: '为{name}服务', en: 'Helped {name}' },
  receivedFrom: { zh: '{name}为我服务', en: '{name} helped me' },
  profile: { zh: '我的志愿者信息', en: 'My volunteer profile' },
  notVolunteer: { zh: '您还不是志愿者。填写特长后即可成为志愿者，也可以直接报名活动。', en: 'You are not a volunteer yet. Add your skills to become one, or just sign up for an activity.' },
  skills: { zh: '我的特长', en: 'My skills' },
  skillsHint: { zh: '多个用逗号分开，例如：水电维修，急救', en: 'Separate with commas, e.g. plumbing, first aid' },
  saveSkills: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  teams: { zh: '我的服务队', en: 'My teams' },
  leader: { zh: '队长', en: 'Leader' },
  joinTitle: { zh: '加入服务队', en: 'Join a team' },
  joinHint: { zh: '选择一个感兴趣的服务队，和队友一起参加活动。', en: 'Pick a team you like and take part in its activities.' },
  join: { zh: '加入', en: 'Join' },
  joined: { zh: '已加入{name}', en: 'You joined {name}' },
  teamLine: { zh: '{org} · {n} 名队员', en: '{org} · {n} members' },
} satisfies Record<string, Text | Record<string, string>>

type Key = { [K in keyof typeof volunteerWords]: (typeof volunteerWords)[K] extends Text ? K : never }[keyof typeof volunteerWords]

export function useVT() {
  const { lang } = useI18n()
  return useCallback((key: Key, params?: Record<string, string | number>) => format((volunteerWords[key] as Text)[lang], params), [lang])
}

export function useStatusWord() {
  const { lang } = useI18n()
  return (status: string) => (lang === 'en' ? volunteerWords.statusEn : volunteerWords.status)[status] ?? status
}

export function distanceText(m: number, lang: string): string {
  if (m < 1000) return lang === 'en' ? `${m} m` : `${m} 米`
  return lang === 'en' ? `${(m / 1000).toFixed(1)} km` : `${(m / 1000).toFixed(1)} 公里`
}
