// The mobilisation module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const mobilisationMessages = {
  EMERGENCY_NOT_FOUND: { zh: '应急事件不存在', en: 'No such emergency' },
  EMERGENCY_INVALID: { zh: '应急事件信息有误，请检查标出的各项', en: 'The emergency is invalid; see the marked fields' },
  EMERGENCY_ENDED: { zh: '该应急事件已结束，不能再修改', en: 'The emergency has ended; it cannot be changed' },
  DUTY_POST_NOT_FOUND: { zh: '值守点位不存在', en: 'No such duty post' },
  SHIFT_NOT_FOUND: { zh: '班次不存在', en: 'No such shift' },
  SHIFT_INVALID: { zh: '班次信息有误：{reason}', en: 'The shift is invalid: {reason}' },
  SHIFT_FULL: { zh: '该班次已满（需要 {needed} 人），请选择其他班次', en: 'The shift is full ({needed} needed); choose another one' },
  SHIFT_TAKEN: { zh: '已报名该班次', en: 'Already signed up for this shift' },
  SHIFT_OVER: { zh: '该班次已结束，不能报名', en: 'The shift is over; sign-ups are closed' },
  ZONE_NOT_FOUND: { zh: '责任区不存在', en: 'No such responsibility zone' },
  TEAM_NOT_FOUND: { zh: '突击队不存在', en: 'No such shock team' },
  BRANCH_NOT_FOUND: { zh: '临时党支部不存在', en: 'No such temporary branch' },
  BRANCH_CLOSED: { zh: '该临时党支部已撤销', en: 'The temporary branch is closed' },
  SIGNUP_NOT_FOUND: { zh: '报名记录不存在', en: 'No such sign-up' },
  SIGNUP_CANCELLED: { zh: '该报名已取消', en: 'The sign-up was cancelled' },
  CHECKIN_CODE_INVALID: { zh: '签到码不正确，请扫描点位现场的二维码', en: 'Wrong check-in code; scan the QR code at the post' },
  CHECKIN_CODE_EXPIRED: { zh: '签到码已过期，请重新扫描', en: 'The check-in code has expired; scan it again' },
  CHECKIN_TOO_FAR: { zh: '您距离点位约 {distance} 米，须在 {radius} 米内签到', en: 'You are about {distance} m from the post; check in within {radius} m' },
  CHECKIN_WINDOW: { zh: '签到时间为班次开始前 30 分钟至班次结束', en: 'Check-in opens 30 minutes before the shift and closes at its end' },
  CHECKIN_DONE: { zh: '已签到', en: 'Already checked in' },
} as const satisfies Record<string, { zh: string; en: string }>

export const mobilisationDetails = {
  'mobilisation.orgKind': { zh: '应急事件须在区或街道发起', en: 'Declare an emergency at a district or a street' },
  'mobilisation.areaOutside': { zh: '范围须为有效的多边形', en: 'The area must be a valid polygon' },
  'mobilisation.zoneInvalid': { zh: '责任区须为有效的多边形', en: 'The zone must be a valid polygon' },
  'mobilisation.shiftOrder': { zh: '结束时间须晚于开始时间，且一个班次不超过 24 小时', en: 'The end must follow the start, within 24 hours' },
  'mobilisation.otherEmergency': { zh: '须属于同一应急事件', en: 'Must belong to the same emergency' },
  'mobilisation.positionOrCode': { zh: '请扫码或提供当前位置', en: 'Scan the code or give your position' },
} as const satisfies Record<string, { zh: string; en: string }>

export const mobilisationAuditWords = {
  actions: {
    'emergency.declare': { zh: '发起应急动员', en: 'Declare emergency' },
    'emergency.end': { zh: '结束应急动员', en: 'End emergency' },
    'emergency_branch.create': { zh: '组建临时党支部', en: 'Form temporary branch' },
    'emergency_team.create': { zh: '组建突击队', en: 'Form shock team' },
    'emergency_zone.create': { zh: '划定责任区', en: 'Draw responsibility zone' },
    'emergency_post.create': { zh: '设立值守点位', en: 'Set up duty post' },
    'emergency_shift.create': { zh: '排设班次', en: 'Add shifts' },
    'shift_signup.assign': { zh: '指派值守人员', en: 'Assign to shift' },
    'shift_signup.cancel': { zh: '取消值守报名', en: 'Cancel shift sign-up' },
    'emergency_hazard.report': { zh: '上报险情', en: 'Report hazard' },
    'emergency_commendation.propose': { zh: '推荐表彰', en: 'Propose commendation' },
  },
  entities: {
    emergency: { zh: '应急事件', en: 'Emergency' },
    emergency_branch: { zh: '临时党支部', en: 'Temporary branch' },
    emergency_team: { zh: '突击队', en: 'Shock team' },
    emergency_zone: { zh: '责任区', en: 'Responsibility zone' },
    emergency_post: { zh: '值守点位', en: 'Duty post' },
    emergency_shift: { zh: '班次', en: 'Shift' },
    shift_signup: { zh: '值守报名', en: 'Shift sign-up' },
    emergency_hazard: { zh: '险情', en: 'Hazard' },
    emergency_commendation: { zh: '表彰推荐', en: 'Commendation' },
  },
} as const satisfies AuditWords

export const emergencyKindWords = { flood: '防汛', epidemic: '疫情防控', fire: '火灾', event: '重大活动', other: '其他' } as const
export const postKindWords = { checkpoint: '卡口', embankment: '堤段', shelter: '安置点', patrol: '巡查', other: '其他' } as const
export const levelWords = { normal: '一般', high: '较急', urgent: '紧急' } as const
