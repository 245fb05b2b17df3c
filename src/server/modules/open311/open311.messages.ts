// The open311 module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
export const open311Messages = {
  OPEN311_API_KEY_INVALID: { zh: 'api_key 缺失或无效', en: 'Missing or invalid api_key' },
  OPEN311_SERVICE_CODE_REQUIRED: { zh: '缺少 service_code', en: 'service_code was not provided' },
  OPEN311_SERVICE_NOT_FOUND: { zh: '服务代码“{code}”不存在', en: 'service_code {code} was not found' },
  OPEN311_REQUEST_NOT_FOUND: { zh: '服务请求不存在', en: 'No such service request' },
  OPEN311_TOKEN_NOT_FOUND: { zh: '令牌不存在', en: 'No such token' },
  OPEN311_LOCATION_REQUIRED: { zh: '需要经纬度 (lat/long required)', en: 'lat and long are required (addresses cannot be geocoded)' },
  OPEN311_DESCRIPTION_REQUIRED: { zh: '请填写问题描述 description（2 至 2000 字）', en: 'description is required (2 to 2000 characters)' },
  OPEN311_DATE_RANGE_INVALID: { zh: '时间范围无效：end_date 不能早于 start_date，跨度不超过 90 天', en: 'Invalid range: end_date must not precede start_date and the span may not exceed 90 days' },
} as const satisfies Record<string, { zh: string; en: string }>
