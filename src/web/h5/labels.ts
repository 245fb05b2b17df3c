// The phone pages' words, Chinese first with English beside it. Kept here (not in the console's
// shared messages) so the H5 and the console can change their wording independently. Plain words
// for elderly residents: say what to do, avoid jargon.
import { useCallback } from 'react'
import { useI18n, type Lang } from '../shared/i18n.tsx'

export type Text = Record<Lang, string>

export const labels = {
  appName: { zh: '邻里', en: 'Linli' },
  language: { zh: 'English', en: '中文' },
  back: { zh: '返回', en: 'Back' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Try again' },
  goHome: { zh: '回到首页', en: 'Back to home' },
  notFound: { zh: '没有这个页面', en: 'This page does not exist' },
  loadFailed: { zh: '加载失败：{message}', en: 'Could not load: {message}' },
  pageFailed: { zh: '页面没有打开', en: 'The page did not open' },
  pageFailedHint: { zh: '可能是网络不好，或者邻里刚刚更新过。请点下面的按钮重新打开。', en: 'The network may be poor, or Linli was just updated. Tap the button below to reload.' },
  reload: { zh: '重新打开', en: 'Reload' },
  networkError: { zh: '网络连接不上，请检查网络后再试', en: 'No connection; check the network and try again' },

  // Home
  greeting: { zh: '您好，{name}', en: 'Hello, {name}' },
  greetingAnon: { zh: '您好，欢迎使用邻里', en: 'Hello, welcome to Linli' },
  intro: { zh: '找网格员、办社区的事，都在这里。', en: 'Reach your grid worker and get community help here.' },
  login: { zh: '登录', en: 'Log in' },
  register: { zh: '注册', en: 'Sign up' },
  entriesTitle: { zh: '常用功能', en: 'Services' },
  settingsTitle: { zh: '显示设置', en: 'Display' },
  elderMode: { zh: '适老模式', en: 'Easy reading mode' },
  on: { zh: '开', en: 'On' },
  off: { zh: '关', en: 'Off' },
  elderModeHint: { zh: '字更大、颜色更清楚、按钮更大', en: 'Larger text, clearer colours, bigger buttons' },
  gridCardTitle: { zh: '我的网格', en: 'My grid' },
  followGridTitle: { zh: '网格里的新问题', en: 'New problems in my grid' },
  followGridHint: { zh: '关注后，每天汇总一次本网格新反映的问题和处理进展发给您。', en: 'Follow to get one daily summary of problems reported in your grid and their progress.' },
  followGridOn: { zh: '您已关注本网格，每天收到一次汇总。', en: 'You follow this grid and get one summary a day.' },
  followGridStart: { zh: '关注本网格', en: 'Follow my grid' },
  followGridStop: { zh: '取消关注', en: 'Stop following' },
  gridAndCommunity: { zh: '{grid} · {community}', en: '{grid} · {community}' },
  noGrid: { zh: '您还没有关联到网格。请联系您所在社区的工作人员。', en: 'You are not linked to a grid yet. Please contact your community office.' },
  noWorkers: { zh: '这个网格暂时没有登记网格员，请联系社区。', en: 'No grid worker is listed for this grid yet; please contact the community.' },
  call: { zh: '打电话', en: 'Call' },
  callWho: { zh: '打电话给{name}（{role}）', en: 'Call {name} ({role})' },
  noPhone: { zh: '暂无电话', en: 'No phone number' },
  seeAll: { zh: '查看详情', en: 'Details' },

  // Login
  loginTitle: { zh: '登录', en: 'Log in' },
  loginUsername: { zh: '手机号或用户名', en: 'Phone or username' },
  loginUsernameRequired: { zh: '请输入手机号或用户名', en: 'Enter your phone number or username' },
  password: { zh: '密码', en: 'Password' },
  passwordRequired: { zh: '请输入密码', en: 'Enter your password' },
  totp: { zh: '动态验证码', en: 'One-time code' },
  totpRequired: { zh: '请输入 6 位动态验证码', en: 'Enter the 6-digit one-time code' },
  loginSubmit: { zh: '登录', en: 'Log in' },
  loginExpired: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  loginNeeded: { zh: '请先登录', en: 'Please log in first' },
  loginLocked: { zh: '密码输错次数太多，账号已锁定，请在 {time} 之后再试', en: 'Too many wrong passwords; the account is locked until {time}' },
  noAccount: { zh: '还没有账号？', en: 'No account yet?' },
  goRegister: { zh: '注册新账号', en: 'Sign up' },

  // Register
  registerTitle: { zh: '注册', en: 'Sign up' },
  name: { zh: '姓名', en: 'Name' },
  nameRequired: { zh: '请输入您的姓名', en: 'Enter your name' },
  phone: { zh: '手机号', en: 'Phone number' },
  phoneInvalid: { zh: '请输入 11 位手机号', en: 'Enter an 11-digit mobile number' },
  code: { zh: '短信验证码', en: 'SMS code' },
  codeInvalid: { zh: '请输入短信里的 6 位数字', en: 'Enter the 6 digits from the text message' },
  getCode: { zh: '获取验证码', en: 'Get code' },
  resendIn: { zh: '{sec} 秒后重发', en: 'Resend in {sec} s' },
  codeSent: { zh: '验证码已发到 {phone}，{min} 分钟内有效', en: 'A code was sent to {phone}; it is valid for {min} minutes' },
  passwordNew: { zh: '设置密码', en: 'Choose a password' },
  passwordPolicy: { zh: '至少 8 位，包含小写字母、大写字母、数字、符号中的至少 3 种', en: 'At least 8 characters, with 3 of: lower case, upper case, digits, symbols' },
  passwordWeak: { zh: '密码太简单：至少 8 位，包含小写字母、大写字母、数字、符号中的至少 3 种', en: 'Too simple: at least 8 characters, with 3 of: lower case, upper case, digits, symbols' },
  homeLocation: { zh: '我的住址位置', en: 'Where I live' },
  homeLocationHint: { zh: '请在家里点下面的按钮，用手机定位找到您所在的网格。', en: 'At home, tap the button below: your phone finds your grid from your location.' },
  useMyLocation: { zh: '使用当前位置', en: 'Use my current location' },
  locating: { zh: '正在定位…', en: 'Finding your location…' },
  locatedGrid: { zh: '您的网格：{grid}', en: 'Your grid: {grid}' },
  locatedIn: { zh: '属于 {where}', en: 'in {where}' },
  geoDenied: { zh: '无法获取您的位置：您没有允许本网页使用定位。可以在手机设置里允许定位后再试，或在下面手动填写坐标。', en: 'Your location is not available: this page was not allowed to use it. Allow location in your phone settings and try again, or enter the coordinates below.' },
  geoUnavailable: { zh: '无法获取您的位置：手机暂时定位不到。可以到窗边或室外再试，或在下面手动填写坐标。', en: 'Your location is not available right now. Try near a window or outdoors, or enter the coordinates below.' },
  geoTimeout: { zh: '无法获取您的位置：定位超时。请再试一次，或在下面手动填写坐标。', en: 'Finding your location took too long. Try again, or enter the coordinates below.' },
  geoUnsupported: { zh: '这个浏览器不能定位。请在下面手动填写坐标。', en: 'This browser cannot find your location. Enter the coordinates below.' },
  locationOutside: { zh: '这个位置不在任何网格内。', en: 'This location is not inside any grid.' },
  nearestGrid: { zh: '离它最近的网格是“{name}”，约 {distance} 米。', en: 'The nearest grid is "{name}", about {distance} m away.' },
  manualTitle: { zh: '手动填写坐标', en: 'Enter coordinates' },
  manualHint: { zh: '可以请社区工作人员或家人帮忙，从地图软件里查到住址的经纬度。', en: 'A community worker or relative can look up the coordinates of your home in a map app.' },
  manualOpen: { zh: '手动填写坐标', en: 'Enter coordinates by hand' },
  lng: { zh: '经度（例如 115.89）', en: 'Longitude (e.g. 115.89)' },
  lat: { zh: '纬度（例如 28.68）', en: 'Latitude (e.g. 28.68)' },
  lngInvalid: { zh: '经度应是 -180 到 180 之间的数字', en: 'Longitude is a number from -180 to 180' },
  latInvalid: { zh: '纬度应是 -90 到 90 之间的数字', en: 'Latitude is a number from -90 to 90' },
  crs: { zh: '坐标来自', en: 'Coordinates from' },
  crsWgs84: { zh: 'GPS / 国际地图（WGS-84）', en: 'GPS / international maps (WGS-84)' },
  crsGcj02: { zh: '高德、腾讯等国内地图（GCJ-02）', en: 'Chinese maps such as Amap, Tencent (GCJ-02)' },
  manualLocate: { zh: '按坐标查找网格', en: 'Find my grid' },
  locationRequired: { zh: '请先确定住址位置（点“使用当前位置”或手动填写坐标）', en: 'Set where you live first (use your location or enter coordinates)' },
  registerSubmit: { zh: '注册并登录', en: 'Sign up and log in' },
  haveAccount: { zh: '已有账号？', en: 'Already registered?' },
  goLogin: { zh: '去登录', en: 'Log in' },

  // Profile
  profileTitle: { zh: '我的资料', en: 'My profile' },
  save: { zh: '保存修改', en: 'Save changes' },
  saved: { zh: '已保存', en: 'Saved' },
  nothingChanged: { zh: '没有要保存的修改', en: 'Nothing to save' },
  myRoles: { zh: '我的身份', en: 'My roles' },
  noRoles: { zh: '暂无身份', en: 'No roles' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  logout: { zh: '退出登录', en: 'Log out' },

  // Password
  passwordTitle: { zh: '修改密码', en: 'Change password' },
  passwordForced: { zh: '工作人员为您设置了临时密码，请先设置一个新密码。', en: 'A staff member gave you a temporary password; please choose a new one first.' },
  passwordCurrent: { zh: '当前密码', en: 'Current password' },
  passwordConfirm: { zh: '再输一次新密码', en: 'New password again' },
  passwordMismatch: { zh: '两次输入的密码不一样', en: 'The two passwords differ' },
  passwordChanged: { zh: '密码已修改', en: 'Password changed' },

  // Grid
  gridTitle: { zh: '我的网格', en: 'My grid' },
  community: { zh: '社区', en: 'Community' },
  street: { zh: '街道', en: 'Street' },
  home: { zh: '我的住址', en: 'My home' },
  workersTitle: { zh: '网格长和网格员', en: 'Grid leader and workers' },
  workersHint: { zh: '有事可以直接打电话找他们。', en: 'Call them whenever you need help.' },
} as const satisfies Record<string, Text>

export type LabelKey = keyof typeof labels

export function format(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text
}

/** `t('greeting', { name })` in the current language. */
export function useT() {
  const { lang } = useI18n()
  return useCallback((key: LabelKey, params?: Record<string, string | number>) => format(labels[key][lang], params), [lang])
}

/** A `{zh, en}` pair (e.g. a role label) in the current language. */
export function useLocalText() {
  const { lang } = useI18n()
  return useCallback((text: Text | undefined, fallback = '') => (text ? text[lang] : fallback), [lang])
}

/** A page's own `{ zh, en }` words (with `{name}` parameters) in the current language. */
export function useText() {
  const { lang } = useI18n()
  return useCallback((text: Text, params?: Record<string, string | number>) => format(text[lang], params), [lang])
}
