// The phone pages' words, Chinese first with English beside it. Kept here (not in the console's
// shared messages) so the H5 and the console can change their wording independently. Plain words
// for elderly residents: say what to do, avoid jargon.
import { useCallback } from 'react'
import { useI18n, type Lang } from '../shared/i18n.tsx'

export type Text = Record<Lang, string>

const zh = {
  appName: '邻里',
  language: 'English',
  back: '返回',
  loading: '正在加载…',
  retry: '重试',
  goHome: '回到首页',
  notFound: '没有这个页面',
  loadFailed: '加载失败：{message}',
  pageFailed: '页面没有打开',
  pageFailedHint: '可能是网络不好，或者邻里刚刚更新过。请点下面的按钮重新打开。',
  reload: '重新打开',
  networkError: '网络连接不上，请检查网络后再试',

  // Home
  greeting: '您好，{name}',
  greetingAnon: '您好，欢迎使用邻里',
  intro: '找网格员、办社区的事，都在这里。',
  login: '登录',
  register: '注册',
  tabHome: '首页',
  tabServices: '办事',
  tabMessages: '消息',
  tabMe: '我的',
  tabsLabel: '主菜单',
  allServices: '全部服务',
  more: '加载更多',
  unreadN: '{n} 条未读',
  unread: '未读',
  allRead: '没有未读消息',
  markAllRead: '全部标为已读',
  noMessages: '还没有消息。您反映的问题有进展时，会在这里通知您。',
  languageRow: '语言 Language',
  languageHint: '切换中文或英文',
  entriesTitle: '常用功能',
  settingsTitle: '显示设置',
  elderMode: '适老模式',
  on: '开',
  off: '关',
  elderModeHint: '字更大、颜色更清楚、按钮更大',
  gridCardTitle: '我的网格',
  followGridTitle: '网格里的新问题',
  followGridHint: '关注后，每天汇总一次本网格新反映的问题和处理进展发给您。',
  followGridOn: '您已关注本网格，每天收到一次汇总。',
  followGridStart: '关注本网格',
  followGridStop: '取消关注',
  gridAndCommunity: '{grid} · {community}',
  noGrid: '您还没有关联到网格。请联系您所在社区的工作人员。',
  noWorkers: '这个网格暂时没有登记网格员，请联系社区。',
  call: '打电话',
  callWho: '打电话给{name}（{role}）',
  noPhone: '暂无电话',
  seeAll: '查看详情',

  // Login
  loginTitle: '登录',
  loginUsername: '手机号或用户名',
  loginUsernameRequired: '请输入手机号或用户名',
  password: '密码',
  passwordRequired: '请输入密码',
  totp: '动态验证码',
  totpRequired: '请输入 6 位动态验证码',
  loginWay: '登录方式',
  loginByPassword: '密码登录',
  loginBySms: '验证码登录',
  loginSubmit: '登录',
  loginExpired: '登录已过期，请重新登录',
  loginNeeded: '请先登录',
  loginLocked: '密码输错次数太多，账号已锁定，请在 {time} 之后再试',
  noAccount: '还没有账号？',
  goRegister: '注册新账号',

  // Register
  registerTitle: '注册',
  name: '姓名',
  nameRequired: '请输入您的姓名',
  phone: '手机号',
  phoneInvalid: '请输入 11 位手机号',
  code: '短信验证码',
  codeInvalid: '请输入短信里的 6 位数字',
  getCode: '获取验证码',
  resendIn: '{sec} 秒后重发',
  codeSent: '验证码已发到 {phone}，{min} 分钟内有效',
  passwordNew: '设置密码',
  passwordPolicy: '至少 {n} 位，包含小写字母、大写字母、数字、符号中的至少 {k} 种',
  passwordWeak: '密码太简单：至少 {n} 位，包含小写字母、大写字母、数字、符号中的至少 {k} 种',
  homeLocation: '我住在哪里',
  homeLocationHint: '先找到您的社区，再选您住的楼栋。在家里也可以点“用当前位置查找”。',
  useMyLocation: '用当前位置查找',
  locating: '正在定位…',
  locatedGrid: '您的网格：{grid}',
  locatedIn: '属于 {where}',
  locatedNear: '您在 {building} 附近',
  geoDenied: '无法获取您的位置：您没有允许本网页使用定位。请在下面按社区和楼栋选择。',
  geoUnavailable: '无法获取您的位置：手机暂时定位不到。请在下面按社区和楼栋选择。',
  geoTimeout: '无法获取您的位置：定位超时。请再试一次，或在下面按社区和楼栋选择。',
  geoUnsupported: '这个浏览器不能定位。请在下面按社区和楼栋选择。',
  locationOutside: '这个位置不在任何网格内。',
  nearestGrid: '离它最近的网格是“{name}”，约 {distance} 米。',
  communitySearch: '社区（村）名称',
  communitySearchHint: '输入社区名称中的一两个字，例如“翠岩”',
  communityNone: '没有找到这个社区，请换几个字再试',
  communityChange: '换一个社区',
  buildingChoose: '选择您住的楼栋',
  estateChoose: '按小区查看',
  estateAll: '全部',
  estateOthers: '其他楼栋',
  buildingFilter: '楼栋名称（可输入筛选）',
  buildingNone: '这个社区还没有登记楼栋，请联系社区工作人员',
  homeChosen: '已选择：{community} · {building}',
  locationRequired: '请先选择您住的楼栋（或用当前位置查找）',
  registerSubmit: '注册并登录',
  haveAccount: '已有账号？',
  goLogin: '去登录',

  // Profile
  profileTitle: '我的资料',
  save: '保存修改',
  saved: '已保存',
  nothingChanged: '没有要保存的修改',
  myRoles: '我的身份',
  noRoles: '暂无身份',
  changePassword: '修改密码',
  logout: '退出登录',

  // Password
  passwordTitle: '修改密码',
  passwordForced: '工作人员为您设置了临时密码，请先设置一个新密码。',
  passwordCurrent: '当前密码',
  passwordConfirm: '再输一次新密码',
  passwordMismatch: '两次输入的密码不一样',
  passwordChanged: '密码已修改',

  // Grid
  gridTitle: '我的网格',
  community: '社区',
  street: '街道',
  home: '我的住址',
  workersTitle: '网格长和网格员',
  workersHint: '有事可以直接打电话找他们。',
}

/** English beside it; a word missing here fails the build. */
const en: Record<keyof typeof zh, string> = {
  appName: 'Linli',
  language: '中文',
  back: 'Back',
  loading: 'Loading…',
  retry: 'Try again',
  goHome: 'Back to home',
  notFound: 'This page does not exist',
  loadFailed: 'Could not load: {message}',
  pageFailed: 'The page did not open',
  pageFailedHint: 'The network may be poor, or Linli was just updated. Tap the button below to reload.',
  reload: 'Reload',
  networkError: 'No connection; check the network and try again',

  greeting: 'Hello, {name}',
  greetingAnon: 'Hello, welcome to Linli',
  intro: 'Reach your grid worker and get community help here.',
  login: 'Log in',
  register: 'Sign up',
  tabHome: 'Home',
  tabServices: 'Services',
  tabMessages: 'Messages',
  tabMe: 'Me',
  tabsLabel: 'Main menu',
  allServices: 'All services',
  more: 'Load more',
  unreadN: '{n} unread',
  unread: 'Unread',
  allRead: 'No unread messages',
  markAllRead: 'Mark all read',
  noMessages: 'No messages yet. When a problem you reported moves on, you are told here.',
  languageRow: 'Language 语言',
  languageHint: 'Switch between Chinese and English',
  entriesTitle: 'Services',
  settingsTitle: 'Display',
  elderMode: 'Easy reading mode',
  on: 'On',
  off: 'Off',
  elderModeHint: 'Larger text, clearer colours, bigger buttons',
  gridCardTitle: 'My grid',
  followGridTitle: 'New problems in my grid',
  followGridHint: 'Follow to get one daily summary of problems reported in your grid and their progress.',
  followGridOn: 'You follow this grid and get one summary a day.',
  followGridStart: 'Follow my grid',
  followGridStop: 'Stop following',
  gridAndCommunity: '{grid} · {community}',
  noGrid: 'You are not linked to a grid yet. Please contact your community office.',
  noWorkers: 'No grid worker is listed for this grid yet; please contact the community.',
  call: 'Call',
  callWho: 'Call {name} ({role})',
  noPhone: 'No phone number',
  seeAll: 'Details',

  loginTitle: 'Log in',
  loginUsername: 'Phone or username',
  loginUsernameRequired: 'Enter your phone number or username',
  password: 'Password',
  passwordRequired: 'Enter your password',
  totp: 'One-time code',
  totpRequired: 'Enter the 6-digit one-time code',
  loginWay: 'How to log in',
  loginByPassword: 'Password',
  loginBySms: 'SMS code',
  loginSubmit: 'Log in',
  loginExpired: 'Your session has expired; please log in again',
  loginNeeded: 'Please log in first',
  loginLocked: 'Too many wrong passwords; the account is locked until {time}',
  noAccount: 'No account yet?',
  goRegister: 'Sign up',

  registerTitle: 'Sign up',
  name: 'Name',
  nameRequired: 'Enter your name',
  phone: 'Phone number',
  phoneInvalid: 'Enter an 11-digit mobile number',
  code: 'SMS code',
  codeInvalid: 'Enter the 6 digits from the text message',
  getCode: 'Get code',
  resendIn: 'Resend in {sec} s',
  codeSent: 'A code was sent to {phone}; it is valid for {min} minutes',
  passwordNew: 'Choose a password',
  passwordPolicy: 'At least {n} characters, with {k} of: lower case, upper case, digits, symbols',
  passwordWeak: 'Too simple: at least {n} characters, with {k} of: lower case, upper case, digits, symbols',
  homeLocation: 'Where I live',
  homeLocationHint: 'Find your community, then choose your building. At home you can also tap “Find by my location”.',
  useMyLocation: 'Find by my location',
  locating: 'Finding your location…',
  locatedGrid: 'Your grid: {grid}',
  locatedIn: 'in {where}',
  locatedNear: 'You are near {building}',
  geoDenied: 'Your location is not available: this page was not allowed to use it. Choose your community and building below.',
  geoUnavailable: 'Your location is not available right now. Choose your community and building below.',
  geoTimeout: 'Finding your location took too long. Try again, or choose your community and building below.',
  geoUnsupported: 'This browser cannot find your location. Choose your community and building below.',
  locationOutside: 'This location is not inside any grid.',
  nearestGrid: 'The nearest grid is "{name}", about {distance} m away.',
  communitySearch: 'Community or village',
  communitySearchHint: 'Type a character or two of its name',
  communityNone: 'No community by that name; try other characters',
  communityChange: 'Choose another community',
  buildingChoose: 'Choose your building',
  estateChoose: 'By estate',
  estateAll: 'All',
  estateOthers: 'Other buildings',
  buildingFilter: 'Building name (type to filter)',
  buildingNone: 'This community has no buildings on record yet; ask the community office',
  homeChosen: 'Chosen: {community} · {building}',
  locationRequired: 'Choose your building first (or find it by your location)',
  registerSubmit: 'Sign up and log in',
  haveAccount: 'Already registered?',
  goLogin: 'Log in',

  profileTitle: 'My profile',
  save: 'Save changes',
  saved: 'Saved',
  nothingChanged: 'Nothing to save',
  myRoles: 'My roles',
  noRoles: 'No roles',
  changePassword: 'Change password',
  logout: 'Log out',

  passwordTitle: 'Change password',
  passwordForced: 'A staff member gave you a temporary password; please choose a new one first.',
  passwordCurrent: 'Current password',
  passwordConfirm: 'New password again',
  passwordMismatch: 'The two passwords differ',
  passwordChanged: 'Password changed',

  gridTitle: 'My grid',
  community: 'Community',
  street: 'Street',
  home: 'My home',
  workersTitle: 'Grid leader and workers',
  workersHint: 'Call them whenever you need help.',
}

/** The phone's shared words, one object per language (the console's way: `{ zh, en }`). */
export const labels = { zh, en }

export type LabelKey = keyof typeof zh

export function format(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text
}

/** `t('greeting', { name })` in the current language. */
export function useT() {
  const { lang } = useI18n()
  return useCallback((key: LabelKey, params?: Record<string, string | number>) => format(labels[lang][key], params), [lang])
}

/** A `{zh, en}` pair the server sends (e.g. a role or tag label) in the current language. */
export function useLocalText() {
  const { lang } = useI18n()
  return useCallback((text: Text | undefined, fallback = '') => (text ? text[lang] : fallback), [lang])
}

/** A page's own words: one object per language, English typed against Chinese. */
export interface Words<K extends string> {
  zh: Record<K, string>
  en: Record<K, string>
}

/** `w('title', { name })`: a page's own words (with `{name}` parameters) in the current language. */
export function useWords<K extends string>(words: Words<K>) {
  const { lang } = useI18n()
  return useCallback((key: K, params?: Record<string, string | number>) => format(words[lang][key] ?? words.zh[key] ?? key, params), [lang, words])
}
