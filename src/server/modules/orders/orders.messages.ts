// The orders module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const ordersMessages = {
  SERVICE_ITEM_NOT_FOUND: { zh: '服务项目不存在', en: 'No such service item' },
  SERVICE_ITEM_INVALID: { zh: '服务项目信息有误，请检查标出的各项', en: 'The service item is invalid; see the marked fields' },
  SERVICE_ITEM_RETIRED: { zh: '该服务项目已下架，不能再下单', en: 'The service item is retired; it cannot be ordered' },
  ORDER_NOT_FOUND: { zh: '订单不存在', en: 'No such order' },
  ORDER_INVALID: { zh: '订单信息有误，请检查标出的各项', en: 'The order is invalid; see the marked fields' },
  ORDER_NO_ADDRESS: { zh: '没有找到服务地址：请在地图上选择地点，或先登记居住信息', en: 'No address: pick a place on the map, or register where you live first' },
  ORDER_NOT_OFFERED: { zh: '该服务项目不在您所在的社区提供', en: 'The item is not offered where you live' },
  ORDER_AUDIENCE: { zh: '该服务项目仅限{audience}下单', en: 'Only {audience} may order this item' },
  ORDER_STATE_CONFLICT: { zh: '订单当前为“{state}”，不能{action}', en: 'The order is {state}; it cannot be {action}' },
  ORDER_ALREADY_CLAIMED: { zh: '手慢了，该订单已被其他人接单', en: 'Someone else has already taken this order' },
  ORDER_ALREADY_RATED: { zh: '该订单已经评价过了', en: 'The order is already rated' },
  ORDER_NOT_PROVIDER: { zh: '只有接单的服务者才能操作', en: 'Only the provider may do this' },
  ORDER_NOT_ELIGIBLE: { zh: '您不符合该订单的接单条件（服务类型、技能、距离或时间冲突）', en: 'You cannot take this order (kind, skill, distance or a clash in time)' },
  ORDER_MERGE_INVALID: { zh: '不能合并到该订单', en: 'The order cannot be merged into that one' },
  ORDER_RATE_BY_CALL: { zh: '工作人员只能登记电话回访的评价', en: 'Staff record ratings only from a follow-up call' },
  ORDER_NOT_SERVING: { zh: '您还不是在职党员、志愿者或社区工作者，不能抢单', en: 'Only members, volunteers and staff may grab orders' },
  DEVICE_NOT_FOUND: { zh: '设备不存在', en: 'No such device' },
  DEVICE_SERIAL_TAKEN: { zh: '设备编号 {serial} 已登记', en: 'Device {serial} is already registered' },
  DEVICE_INVALID: { zh: '设备信息有误，请检查标出的各项', en: 'The device is invalid; see the marked fields' },
  DEVICE_SIGNATURE: { zh: '设备签名无效', en: 'The device signature is invalid' },
  DEVICE_REPLAY: { zh: '设备请求已处理过或时间戳过旧（疑似重放）', en: 'The device request was already handled or is too old (a replay)' },
  DEVICE_RETIRED: { zh: '设备已停用', en: 'The device is retired' },
  PRESS_NOT_FOUND: { zh: '呼叫记录不存在', en: 'No such call' },
  PRESS_NOT_PENDING: { zh: '呼叫已生成订单，不能再取消；如是误按请联系社区取消订单', en: 'The call has already become an order; ask the community to cancel it' },
  PRESS_ACKNOWLEDGED: { zh: '该呼叫已由{name}响应', en: 'The call was already answered by {name}' },
} as const satisfies Record<string, { zh: string; en: string }>

export const ordersDetails = {
  'orders.itemOrgKind': { zh: '服务项目须设在市、区、街道或社区', en: 'A service item belongs to a city, district, street or community' },
  'orders.catalogueEmpty': { zh: '该组织没有设立自己的服务项目', en: 'The node defines no service items of its own' },
  'orders.tagsRequired': { zh: '请选择可下单的居民标签', en: 'Choose the residents\' tags that may order' },
  'orders.mergeSelf': { zh: '不能合并到自身', en: 'An order cannot be merged into itself' },
  'orders.mergeClosed': { zh: '目标订单已结束', en: 'The target order is closed' },
  'orders.rateByCall': { zh: '请勾选“电话回访”', en: 'Mark it as a follow-up call' },
  'orders.onBehalfOutside': { zh: '只能为本辖区的居民代下单', en: 'You may order only for residents of your area' },
  'orders.windowPast': { zh: '服务时间不能早于现在', en: 'The service window cannot be in the past' },
  'orders.locationOutside': { zh: '所选地点不在任何网格内', en: 'The place is outside every grid' },
  'orders.itemNotDefault': { zh: '设备的默认服务须是本社区可下单的项目', en: 'The default item must be offered in the device\'s community' },
  'orders.personNoHome': { zh: '该居民还没有登记居住信息', en: 'The resident has no registered home' },
} as const satisfies Record<string, { zh: string; en: string }>

export const ordersAuditWords = {
  actions: {
    'service_item.create': { zh: '新增服务项目', en: 'Create service item' },
    'service_item.update': { zh: '修改服务项目', en: 'Update service item' },
    'service_item.retire': { zh: '下架服务项目', en: 'Retire service item' },
    'service_item.restore': { zh: '恢复服务项目', en: 'Restore service item' },
    'order.place_for': { zh: '代下单', en: 'Place order on behalf' },
    'device.create': { zh: '登记一键通设备', en: 'Register device' },
    'device.update': { zh: '修改一键通设备', en: 'Update device' },
    'device.rotate_secret': { zh: '重置设备密钥', en: 'Rotate device secret' },
    'device.reveal_phone': { zh: '查看联系人完整电话', en: 'Reveal contact phone' },
  },
  entities: {
    service_item: { zh: '服务项目', en: 'Service item' },
    order: { zh: '服务订单', en: 'Service order' },
    device: { zh: '一键通设备', en: 'Device' },
  },
} as const satisfies AuditWords
