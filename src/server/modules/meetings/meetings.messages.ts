// The meetings module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const meetingsMessages = {
  MEETING_NOT_FOUND: { zh: '会议不存在', en: 'No such meeting' },
  MEETING_STATE: { zh: '会议当前为“{state}”，不能{action}', en: 'The meeting is {state}; it cannot be {action}' },
  MEETING_TIME: { zh: '会议时间有误：{reason}', en: 'The meeting time is invalid: {reason}' },
  MEETING_PARTY_NOT_FOUND: { zh: '该会议没有这个参会方', en: 'No such party at this meeting' },
  MEETING_INVITEE_NOT_FOUND: { zh: '该人员未受邀参加本次会议', en: 'That person is not invited to this meeting' },
  MEETING_NOT_INVITED: { zh: '您未受邀参加本次会议，请联系会议组织者', en: 'You are not invited to this meeting; ask its organiser' },
  MEETING_INVITEE_PRESENT: { zh: '{name} 已签到，不能移出会议', en: '{name} is present and cannot be removed' },
  MEETING_CODE_INVALID: { zh: '签到码不是本次会议的，请扫描会场屏幕上的二维码', en: 'The code is not this meeting\'s; scan the QR code on the screen' },
  MEETING_CODE_EXPIRED: { zh: '签到码已过期，请重新扫描会场屏幕上的二维码', en: 'The code has expired; scan the QR code on the screen again' },
  MEETING_CHECK_IN_CLOSED: { zh: '签到时间为会议开始前 {minutes} 分钟至会议结束', en: 'Check-in opens {minutes} minutes before the start and closes at the end' },
  MEETING_ALREADY_CHECKED_IN: { zh: '您已签到', en: 'You have already checked in' },
  MEETING_NOBODY_PRESENT: { zh: '还没有人签到，请先登记出席情况', en: 'Nobody is present yet; record the attendance first' },
  MEETING_MINUTES_NOT_FOUND: { zh: '会议纪要第 {version} 版不存在', en: 'Minutes version {version} does not exist' },
  MEETING_MINUTES_NOT_CURRENT: { zh: '这一版纪要已被新版本取代或已通过，请查看最新版', en: 'These minutes were superseded or already approved; see the latest version' },
  MEETING_NOT_PRESENT: { zh: '只有出席会议的人员才能确认会议纪要', en: 'Only those present may approve the minutes' },
  MEETING_DECISION_NOT_FOUND: { zh: '该会议没有这条决定', en: 'No such decision at this meeting' },
  MEETING_NOT_PARTY_ORG: { zh: '党组织生活会议只能由党组织（党委、党总支、党支部、党小组）召开', en: 'Party meetings are held by Party organisations' },
  MEETING_ACTIVITY_NOT_FOUND: { zh: '志愿活动不存在或未发布', en: 'No such published volunteering activity' },
  MEETING_UNIT_STAFF: { zh: '{name} 不是该单位的人员，不能作为单位代表', en: '{name} does not act for that unit' },
} as const satisfies Record<string, { zh: string; en: string }>

export const meetingsDetails = {
  'meetings.endsBeforeStart': { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  'meetings.roomOrPlace': { zh: '请选择会议室或填写会议地点', en: 'Choose a room or give a place' },
  'meetings.absenceReason': { zh: '缺席须写明原因（如请假、出差）', en: 'An absence needs a reason' },
  'meetings.objectionNote': { zh: '提出异议须写明意见', en: 'An objection needs a note' },
  'meetings.notPartyOrg': { zh: '该节点没有党组织', en: 'That node has no Party organisation' },
  'meetings.partyOnly': { zh: '只有党组织生活会议可以关联志愿活动或微心愿', en: 'Only Party meetings link activities or wishes' },
  'meetings.activityNotFound': { zh: '志愿活动不存在或未发布', en: 'No such published activity' },
  'meetings.notInvited': { zh: '此人未受邀参加本次会议，请先邀请', en: 'Not invited to this meeting; invite them first' },
} as const satisfies Record<string, { zh: string; en: string }>

export const meetingsAuditWords = {
  actions: {
    'meeting.create': { zh: '发起会议', en: 'Create meeting' },
    'meeting.update': { zh: '修改会议', en: 'Update meeting' },
    'meeting.agenda': { zh: '修改会议议程', en: 'Set meeting agenda' },
    'meeting.invite': { zh: '邀请参会', en: 'Invite to meeting' },
    'meeting.uninvite': { zh: '移出参会人员', en: 'Remove invitee' },
    'meeting.register': { zh: '会议报名', en: 'Register for meeting' },
    'meeting.check_in': { zh: '会议签到', en: 'Check in at meeting' },
    'meeting.attendance': { zh: '登记会议出席', en: 'Record attendance' },
    'meeting.open': { zh: '开始会议', en: 'Open meeting' },
    'meeting.close': { zh: '结束会议', en: 'Close meeting' },
    'meeting.cancel': { zh: '取消会议', en: 'Cancel meeting' },
    'meeting.photos': { zh: '更新会议照片', en: 'Set meeting photos' },
    'meeting.minutes': { zh: '起草会议纪要', en: 'Draft minutes' },
    'meeting.minutes_verdict': { zh: '确认会议纪要', en: 'Approve or object to minutes' },
    'meeting.decision': { zh: '记录会议决定', en: 'Record decision' },
    'meeting.decision_delete': { zh: '删除会议决定', en: 'Delete decision' },
  },
  entities: {
    meeting: { zh: '会议', en: 'Meeting' },
  },
} as const satisfies AuditWords
