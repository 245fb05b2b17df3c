// The notifications module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
export const notificationsMessages = {
  NOTIFICATION_NOT_FOUND: { zh: '消息不存在', en: 'No such notification' },
} as const satisfies Record<string, { zh: string; en: string }>
