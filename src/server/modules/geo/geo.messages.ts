// The geo module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
export const geoMessages = {
  LOCATION_OUTSIDE: { zh: '该位置不在任何网格内', en: 'This location is not inside any grid' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field messages of the geo module. */
export const geoDetails = {
  'geo.bboxOrder': { zh: '范围应为 西,南,东,北，西小于东、南小于北', en: 'The box is west,south,east,north with west < east and south < north' },
  'geo.bboxTooLarge': { zh: '范围过大：每边不超过 2 度', en: 'The box is too large: at most 2 degrees each way' },
} as const satisfies Record<string, { zh: string; en: string }>
