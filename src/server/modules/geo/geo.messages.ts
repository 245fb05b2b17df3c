// The geo module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
export const geoMessages = {
  LOCATION_OUTSIDE: { zh: '该位置不在任何网格内', en: 'This location is not inside any grid' },
} as const satisfies Record<string, { zh: string; en: string }>
