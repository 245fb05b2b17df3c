// The files module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const filesMessages = {
  FILE_NOT_IMAGE: { zh: '只能上传 JPEG、PNG 或 WebP 图片', en: 'Only JPEG, PNG or WebP images can be uploaded' },
  FILE_TYPE_MISMATCH: { zh: '文件内容（{actual}）与声明的类型（{declared}）不符', en: 'The file is {actual}, not {declared} as declared' },
  FILE_NOT_FOUND: { zh: '文件不存在', en: 'No such file' },
  FILE_STORAGE_UNAVAILABLE: { zh: '照片存储暂时不可用，请稍后再试', en: 'Photo storage is unavailable; try again later' },
  FILE_IMAGE_TOO_LARGE: { zh: '图片尺寸过大（{width}×{height} 像素），最多 {maxPixels} 像素', en: 'The image is too large ({width}×{height} pixels); at most {maxPixels} pixels' },
  FILE_NOT_DOCUMENT: { zh: '只能上传 PDF、Word（.docx）或 Excel（.xlsx）文件', en: 'Only PDF, Word (.docx) or Excel (.xlsx) files can be uploaded' },
  FILE_TOO_LARGE: { zh: '文件过大，最多 {maxMb} MB', en: 'The file is too large; at most {maxMb} MB' },
  DOCUMENT_NOT_FOUND: { zh: '文件不存在，请重新上传', en: 'A file was not found; upload it again' },
  PHOTO_NOT_FOUND: { zh: '照片不存在，请重新上传', en: 'A photo was not found; upload it again' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const filesAuditWords = {
  actions: {
    'file.upload': { zh: '上传照片', en: 'Upload photo' },
    'file.uploadDocument': { zh: '上传文件', en: 'Upload document' },
  },
  entities: {
    attachment: { zh: '照片', en: 'Photo' },
    document: { zh: '文件', en: 'Document' },
  },
} as const satisfies AuditWords
