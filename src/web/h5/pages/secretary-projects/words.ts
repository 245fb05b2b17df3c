// The phone's words for 我的书记项目 (secretaries' projects and responsibility-list items the
// person answers for), Chinese first.
import type { Words } from '../../labels.ts'

export const projectWords: Words<
  | 'title' | 'detail' | 'progressLabel' | 'none' | 'project' | 'duty' | 'progress' | 'milestones' | 'nextDue' | 'allDone' | 'years' | 'org'
  | 'planned' | 'in_progress' | 'done' | 'overdue' | 'dueOn' | 'doneOn' | 'overdueTag' | 'complete' | 'completeTitle' | 'evidence'
  | 'evidenceRule' | 'cancel' | 'submit' | 'saved' | 'report' | 'reportHint' | 'reportNote' | 'reportSubmit' | 'closed' | 'comments' | 'noComments' | 'description'
> = {
  zh: {
    title: '我的书记项目', detail: '项目详情', progressLabel: '进度', none: '您目前没有负责的书记抓党建项目或责任清单事项。',
    project: '书记项目', duty: '责任清单', progress: '进度 {n}%', milestones: '节点 {done}/{total}', nextDue: '下一节点 {date} 到期', allDone: '节点已全部完成',
    years: '{from}—{to} 年', org: '所属',
    planned: '未开始', in_progress: '推进中', done: '已办结', overdue: '已逾期',
    dueOn: '{date} 到期', doneOn: '{date} 已完成', overdueTag: '已过期', complete: '完成这个节点', completeTitle: '完成：{title}',
    evidence: '完成情况', evidenceRule: '请写明完成情况（至少 2 个字）', cancel: '取消', submit: '提交', saved: '已保存',
    report: '填报进展', reportHint: '进度按完成的节点自动计算；也可以自己填一个百分比。', reportNote: '进展说明', reportSubmit: '提交进展',
    closed: '本事项已办结，不能再填报。', comments: '督查意见', noComments: '暂无督查意见', description: '说明',
  },
  en: {
    title: 'My projects', detail: 'Project', progressLabel: 'Progress', none: 'You answer for no secretary’s project or responsibility-list item.',
    project: 'Secretary’s project', duty: 'Responsibility list', progress: '{n}% done', milestones: 'Milestones {done}/{total}', nextDue: 'Next due {date}', allDone: 'All milestones done',
    years: '{from}–{to}', org: 'Node',
    planned: 'Planned', in_progress: 'In progress', done: 'Done', overdue: 'Overdue',
    dueOn: 'Due {date}', doneOn: 'Done {date}', overdueTag: 'Overdue', complete: 'Mark this milestone done', completeTitle: 'Done: {title}',
    evidence: 'What was done', evidenceRule: 'Say what was done (2 characters or more)', cancel: 'Cancel', submit: 'Submit', saved: 'Saved',
    report: 'Report progress', reportHint: 'Progress follows the milestones done; you may also type a percentage.', reportNote: 'Progress note', reportSubmit: 'Submit progress',
    closed: 'This item is closed; nothing more to report.', comments: 'Supervisors’ comments', noComments: 'No comments yet', description: 'About',
  },
}

/** A state's colours (the word is always shown beside the colour). */
// Text colours on white at least 4.5:1 (WCAG AA): the tags and the progress bars share them.
export const STATE_COLOR: Record<string, string> = { planned: '#595959', in_progress: '#0958d9', done: '#237804', overdue: '#cf1322' }
