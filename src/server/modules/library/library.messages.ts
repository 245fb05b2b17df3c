// The shared library's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const libraryMessages = {
  PRACTICE_NOT_FOUND: { zh: '经验做法不存在', en: 'No such practice' },
  PRACTICE_VERSION_NOT_FOUND: { zh: '该版本不存在', en: 'No such version' },
  LIBRARY_COMMENT_NOT_FOUND: { zh: '评论不存在', en: 'No such comment' },
  PRACTICE_INVALID: { zh: '经验做法信息有误，请检查标出的各项', en: 'The practice is invalid; see the marked fields' },
  TEMPLATE_KIND_UNKNOWN: { zh: '不支持的模板类型“{kind}”', en: 'Unknown template kind "{kind}"' },
  TEMPLATE_INVALID: { zh: '模板内容有误，请检查标出的各项', en: 'The template is invalid; see the marked fields' },
  PRACTICE_NO_TEMPLATE: { zh: '这条经验没有可导入的模板', en: 'This practice carries no template to import' },
  PRACTICE_ALREADY_ADOPTED: { zh: '{org}已经标记采纳过这条经验', en: '{org} has already adopted this practice' },
  PRACTICE_ADOPT_OWN: { zh: '不能采纳本单位发布的经验', en: 'A node cannot adopt its own practice' },
  PRACTICE_NOT_ADOPTED: { zh: '{org}尚未采纳这条经验', en: '{org} has not adopted this practice' },
} as const satisfies Record<string, { zh: string; en: string }>

export const libraryDetails = {
  'library.tagsRepeated': { zh: '标签不能重复', en: 'Tags must not repeat' },
  'library.nothingChanged': { zh: '没有修改任何内容', en: 'Nothing was changed' },
  'library.adoptOwn': { zh: '请选择发布单位以外的单位', en: 'Choose a node other than the publisher' },
  'library.templateSource': { zh: '请给出模板内容或来源记录之一', en: 'Give either the template content or its source record' },
} as const satisfies Record<string, { zh: string; en: string }>

export const libraryAuditWords = {
  actions: {
    'practice.publish': { zh: '发布经验做法', en: 'Publish practice' },
    'practice.revise': { zh: '修订经验做法', en: 'Revise practice' },
    'practice.delete': { zh: '删除经验做法', en: 'Delete practice' },
    'practice.adopt': { zh: '采纳经验做法', en: 'Adopt practice' },
    'practice.unadopt': { zh: '取消采纳经验做法', en: 'Withdraw adoption' },
    'practice.import': { zh: '导入经验模板', en: 'Import practice template' },
    'library_comment.delete': { zh: '删除经验评论', en: 'Delete practice comment' },
  },
  entities: {
    practice: { zh: '经验做法', en: 'Practice' },
    library_comment: { zh: '经验评论', en: 'Practice comment' },
  },
} as const satisfies AuditWords
