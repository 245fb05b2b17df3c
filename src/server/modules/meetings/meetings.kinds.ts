// The kinds of meetings, of invited parties and the words of meeting states, Chinese and English
// (browser-safe: the console and the phone pages import them). A kind belongs to a family: the
// deliberation meetings of issue 16 here; the Party's organisation life (三会一课, 主题党日, "五微")
// adds its kinds to this one list with family 'party', and a migration regenerates the check
// constraint the table builds from `meetingKindCodes`.
type W = { zh: string; en: string }

export const meetingKinds = {
  council_hall: { zh: '议事厅', en: 'Council hall', family: 'deliberation' },
  round_table: { zh: '圆桌会', en: 'Round table', family: 'deliberation' },
  council: { zh: '理事会', en: 'Council', family: 'deliberation' },
  five_party: { zh: '五位一体', en: 'Five-party meeting', family: 'deliberation' },
  branch_assembly: { zh: '支部党员大会', en: 'Branch member assembly', family: 'party' },
  branch_committee: { zh: '支委会', en: 'Branch committee meeting', family: 'party' },
  group_meeting: { zh: '党小组会', en: 'Party group meeting', family: 'party' },
  party_class: { zh: '党课', en: 'Party class', family: 'party' },
  theme_day: { zh: '主题党日', en: 'Theme Party day', family: 'party' },
  micro_class: { zh: '微党课', en: 'Micro Party class', family: 'party' },
  micro_meeting: { zh: '微会议', en: 'Micro meeting', family: 'party' },
  micro_day: { zh: '微党日', en: 'Micro Party day', family: 'party' },
} as const satisfies Record<string, W & { family: 'deliberation' | 'party' }>

export type MeetingKind = keyof typeof meetingKinds
export const meetingKindCodes = Object.keys(meetingKinds) as [MeetingKind, ...MeetingKind[]]
export const partyMeetingKindCodes = meetingKindCodes.filter((k) => meetingKinds[k].family === 'party') as [MeetingKind, ...MeetingKind[]]
export const isPartyKind = (kind: string) => (meetingKinds as Record<string, { family: string }>)[kind]?.family === 'party'

export const partyKindWords = {
  residents_committee: { zh: '居委会', en: "Residents' committee" },
  owners_committee: { zh: '业委会', en: "Owners' committee" },
  residents_council: { zh: '居民理事会', en: "Residents' council" },
  property_firm: { zh: '物业公司', en: 'Property firm' },
  party_organisation: { zh: '党组织', en: 'Party organisation' },
  police: { zh: '派出所', en: 'Police' },
  school: { zh: '学校', en: 'School' },
  unit: { zh: '共建单位', en: 'Unit' },
  residents: { zh: '居民代表', en: 'Residents' },
} as const satisfies Record<string, W>

export type PartyKind = keyof typeof partyKindWords
export const partyKindCodes = Object.keys(partyKindWords) as [PartyKind, ...PartyKind[]]

export const meetingStates = ['planned', 'open', 'held', 'minutes_approved', 'cancelled'] as const
export type MeetingState = (typeof meetingStates)[number]

export const meetingStateWords: Record<MeetingState, W> = {
  planned: { zh: '筹备中', en: 'planned' },
  open: { zh: '进行中', en: 'open' },
  held: { zh: '已召开', en: 'held' },
  minutes_approved: { zh: '纪要已通过', en: 'minutes approved' },
  cancelled: { zh: '已取消', en: 'cancelled' },
}

export const attendanceHows = ['qr', 'by_hand'] as const
export const minutesStates = ['pending', 'approved', 'superseded'] as const
export const minutesVerdicts = ['approve', 'object'] as const
export const inviteeRoles = ['chair', 'secretary', 'attendee', 'observer'] as const
export type InviteeRole = (typeof inviteeRoles)[number]

export const inviteeRoleWords: Record<InviteeRole, W> = {
  chair: { zh: '主持人', en: 'Chair' },
  secretary: { zh: '记录人', en: 'Secretary' },
  attendee: { zh: '参会', en: 'Attendee' },
  observer: { zh: '列席', en: 'Observer' },
}
