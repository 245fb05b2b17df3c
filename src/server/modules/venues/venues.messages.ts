// The venues module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const venuesMessages = {
  VENUE_NOT_FOUND: { zh: '服务阵地不存在', en: 'No such venue' },
  VENUE_INVALID: { zh: '阵地信息有误，请检查标出的各项', en: 'The venue is invalid; see the marked fields' },
  ROOM_NOT_FOUND: { zh: '场地不存在', en: 'No such room' },
  ROOM_HAS_BOOKINGS: { zh: '该场地还有 {count} 个未结束的预约，请先取消', en: 'The room still has {count} upcoming bookings; cancel them first' },
  VENUE_HAS_BOOKINGS: { zh: '该阵地还有 {count} 个未结束的预约，请先取消', en: 'The venue still has {count} upcoming bookings; cancel them first' },
  BOOKING_NOT_FOUND: { zh: '预约不存在', en: 'No such booking' },
  BOOKING_CONFLICT: { zh: '该时段已被预约（{start} 至 {end}），请换一个时段', en: 'The slot is taken ({start} to {end}); choose another time' },
  BOOKING_RULE: { zh: '预约不符合场地规则：{reason}', en: 'The booking breaks the room\'s rules: {reason}' },
  BOOKING_QUOTA: { zh: '超出本月预约额度：每月最多 {quota} 小时，{month} 已预约 {used} 小时', en: 'Over the monthly quota: at most {quota} hours a month, {used} booked in {month}' },
  BOOKING_STATE: { zh: '预约当前为“{state}”，不能{action}', en: 'The booking is {state}; it cannot be {action}' },
  BOOKING_CHECKIN_CODE: { zh: '签到码不正确，请扫描场地门口的二维码', en: 'Wrong check-in code; scan the QR code at the room' },
  BOOKING_CHECKIN_WINDOW: { zh: '签到时间为开始前 {minutes} 分钟至结束', en: 'Check-in opens {minutes} minutes before the start and closes at the end' },
  BOOKING_SERIES_INVALID: { zh: '重复规则有误：{reason}', en: 'The recurrence rule is invalid: {reason}' },
  BOOKING_SERIES_EMPTY: { zh: '重复规则下没有可预约的时段', en: 'The recurrence leaves no slot to book' },
  VENUE_IMPORT_FILE_INVALID: { zh: '无法读取导入文件：{reason}', en: 'The import file cannot be read: {reason}' },
  VENUE_IMPORT_ROWS_INVALID: { zh: '导入文件有 {count} 处错误，全部未导入；请按 details 中的行和列修改', en: 'The file has {count} errors; nothing was imported. Fix the rows and columns listed in details' },
  COVERAGE_TOO_LARGE: { zh: '需要覆盖的楼栋太多（{count} 栋，最多 {max} 栋），请选择更小的范围，如一个街道或社区', en: 'Too many buildings to cover ({count}, at most {max}); choose a smaller area such as a street or a community' },
  BOOKING_FEED_INVALID: { zh: '日历订阅链接无效', en: 'The calendar feed link is invalid' },
} as const satisfies Record<string, { zh: string; en: string }>

export const venuesDetails = {
  'venues.levelRequired': { zh: '党群服务中心须选择级别（街道、社区或区域）', en: 'A Party service centre needs its level' },
  'venues.levelOnlyCenters': { zh: '只有党群服务中心有级别', en: 'Only Party service centres have a level' },
  'venues.stationKindRequired': { zh: '驿站须选择类型', en: 'A station needs its kind' },
  'venues.stationKindOnlyStations': { zh: '只有驿站有驿站类型', en: 'Only stations have a station kind' },
  'venues.hoursOrder': { zh: '关门时间须晚于开门时间', en: 'Closing time must be after opening time' },
  'venues.unitElsewhere': { zh: '所属单位须在所选组织之下', en: 'The unit must be registered under the chosen org' },
  'venues.orgKind': { zh: '请选择区、街道、社区或网格', en: 'Choose a district, street, community or grid' },
  'venues.minOverMax': { zh: '最短时长不能超过最长时长', en: 'The minimum duration cannot exceed the maximum' },
} as const satisfies Record<string, { zh: string; en: string }>

export const venuesAuditWords = {
  actions: {
    'venue.create': { zh: '登记服务阵地', en: 'Register venue' },
    'venue.update': { zh: '修改服务阵地', en: 'Update venue' },
    'venue.delete': { zh: '删除服务阵地', en: 'Delete venue' },
    'venue.import': { zh: '导入服务阵地', en: 'Import venues' },
    'room.create': { zh: '新增场地', en: 'Add room' },
    'walk_network.import': { zh: '导入步行路网', en: 'Import walking network' },
    'room.update': { zh: '修改场地规则', en: 'Update room' },
    'room.delete': { zh: '删除场地', en: 'Delete room' },
    'booking.create': { zh: '预约场地', en: 'Book room' },
    'booking.approve': { zh: '通过预约', en: 'Approve booking' },
    'booking.reject': { zh: '驳回预约', en: 'Reject booking' },
    'booking.cancel': { zh: '取消预约', en: 'Cancel booking' },
    'booking.checkin': { zh: '预约签到', en: 'Check in booking' },
  },
  entities: {
    venue: { zh: '服务阵地', en: 'Venue' },
    room: { zh: '场地', en: 'Room' },
    booking: { zh: '场地预约', en: 'Booking' },
    walk_network: { zh: '步行路网', en: 'Walking network' },
  },
} as const satisfies AuditWords

/** Names of booking states in messages. */
export const bookingStateWords = {
  pending: { zh: '待审核', en: 'pending' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  rejected: { zh: '已驳回', en: 'rejected' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  expired: { zh: '已过期', en: 'expired' },
  no_show: { zh: '未到场', en: 'no-show' },
} as const
