// Words of the shared library's console pages, Chinese and English.
import { useLabels } from '../../common.tsx'

const labels = {
  zh: {
    title: '经验库（云平台）', publish: '发布经验', search: '搜索经验，如：电动车棚、老年食堂', tag: '标签', node: '发布单位', tabBrowse: '经验检索', tabFigures: '采纳统计',
    practice: '经验做法', org: '发布单位', street: '所属街道', version: '版本', adoptions: '采纳', comments: '评论', updatedAt: '更新时间', none: '没有找到经验做法',
    body: '正文', tags: '标签', photos: '照片', template: '附带模板', templateKind: '模板类型', noTemplate: '不附带模板', history: '历史版本', note: '修订说明',
    adopt: '标记采纳', adoptAt: '采纳单位', adopted: '已采纳', importToo: '同时一键导入模板', importAt: '导入到', adoptNote: '采纳说明（可选）', unadopt: '取消采纳',
    comment: '写评论', send: '发表', delete: '删除', revise: '修订', reviseNote: '修订了什么', save: '保存为新版本', figures: '按街道统计', published: '发布',
    mostAdopted: '采纳最多的经验', total: '经验总数', totalAdoptions: '采纳总数', visitName: '计划名称', visitKind: '走访方式', night: '民情夜访', home: '民情家访',
    dayOfMonth: '每月几号', graceDays: '宽限天数', titleField: '标题', orgField: '发布单位', imported: '已导入', adoptedBy: '采纳单位', files: '附件文件',
  },
  en: {
    title: 'Practice library', publish: 'Publish', search: 'Search practices', tag: 'Tag', node: 'Publisher', tabBrowse: 'Browse', tabFigures: 'Adoption figures',
    practice: 'Practice', org: 'Publisher', street: 'Street', version: 'Version', adoptions: 'Adopted', comments: 'Comments', updatedAt: 'Updated', none: 'No practices found',
    body: 'Text', tags: 'Tags', photos: 'Photos', template: 'Template', templateKind: 'Template kind', noTemplate: 'No template', history: 'History', note: 'What changed',
    adopt: 'Mark adopted', adoptAt: 'Adopting node', adopted: 'Adopted', importToo: 'Also import the template', importAt: 'Import at', adoptNote: 'Note (optional)', unadopt: 'Withdraw',
    comment: 'Comment', send: 'Send', delete: 'Delete', revise: 'Revise', reviseNote: 'What changed', save: 'Save as new version', figures: 'By street', published: 'Published',
    mostAdopted: 'Most adopted', total: 'Practices', totalAdoptions: 'Adoptions', visitName: 'Schedule name', visitKind: 'Visit kind', night: 'Night visit', home: 'Home visit',
    dayOfMonth: 'Day of month', graceDays: 'Grace days', titleField: 'Title', orgField: 'Publisher', imported: 'Imported', adoptedBy: 'Adopted by', files: 'Files',
  },
}

export const useLibraryLabels = () => useLabels(labels)
