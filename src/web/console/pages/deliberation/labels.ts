// The console's words for deliberation (协商议事), Chinese first.
import type { TopicState } from '@server/modules/deliberation/deliberation.schemas.ts'
import type { Tone } from '../../common.tsx'
import { useLabels } from '../../common.tsx'

export const topicStateWords: Record<TopicState, { zh: string; en: string; tone: Tone }> = {
  proposed: { zh: '征集附议', en: 'Gathering support', tone: 'warning' },
  deliberating: { zh: '协商中', en: 'Under deliberation', tone: 'info' },
  settled: { zh: '已办结', en: 'Settled', tone: 'success' },
  merged: { zh: '已合并', en: 'Merged', tone: 'muted' },
  expired: { zh: '已过期', en: 'Expired', tone: 'muted' },
  rejected: { zh: '不予立项', en: 'Rejected', tone: 'danger' },
}
export const eventWords: Record<string, { zh: string; en: string }> = {
  create: { zh: '提出议题', en: 'Proposed' },
  support: { zh: '附议', en: 'Supported' },
  threshold: { zh: '附议达到门槛，提交“两委”商议', en: 'Support threshold reached' },
  advance: { zh: '完成阶段', en: 'Stage completed' },
  merge: { zh: '并入其他议题', en: 'Merged into another topic' },
  absorb: { zh: '合并相似议题', en: 'Absorbed a similar topic' },
  reject: { zh: '不予立项', en: 'Rejected' },
  expire: { zh: '附议不足，已过期', en: 'Expired without support' },
  vote_opened: { zh: '发起表决', en: 'Vote opened' },
  vote_closed: { zh: '表决结束', en: 'Vote closed' },
}
export const outputWords: Record<string, { zh: string; en: string }> = {
  minutes: { zh: '会议纪要', en: 'Minutes' }, resolution: { zh: '决议', en: 'Resolution' }, public_notice: { zh: '公示', en: 'Public notice' }, none: { zh: '无', en: 'None' },
}
export const sourceWords: Record<string, { zh: string; en: string }> = {
  case: { zh: '案件', en: 'Case' }, visit: { zh: '走访', en: 'Visit' }, order: { zh: '服务订单', en: 'Order' }, hotspot: { zh: '热点', en: 'Hotspot' },
}
export const choiceWords = { for: { zh: '赞成', en: 'For' }, against: { zh: '反对', en: 'Against' }, abstain: { zh: '弃权', en: 'Abstain' } } as const
export const resolutionStateWords = {
  executing: { zh: '落实中', en: 'Executing', tone: 'info' as Tone }, done: { zh: '已落实', en: 'Done', tone: 'success' as Tone }, cancelled: { zh: '已撤销', en: 'Cancelled', tone: 'muted' as Tone },
}

const zh = {
  title: '协商议事', tabBoard: '议题看板', tabList: '全部议题', tabResolutions: '决议跟踪', tabTemplates: '议事流程', propose: '收集议题',
  scope: '范围（社区或街道）', search: '搜索议题标题或内容', allStates: '全部状态', noTopics: '没有符合条件的议题', topic: '议题', state: '状态', stage: '当前阶段',
  support: '附议', supportOf: '户附议', needed: '需', overdue: '已超期', due: '期限', community: '社区', createdAt: '提出时间', source: '来源', proposer: '提议人', collectedBy: '收集人',
  template: '议事流程', body: '议题内容', stages: '议事阶段', timeline: '时间线', votes: '表决', resolutions: '决议', advance: '完成本阶段', merge: '合并', reject: '不予立项',
  output: '阶段产出', outputHint: '会议纪要、决议内容或公示内容', attendees: '参加人数', parties: '参与方', mergeInto: '并入哪个议题', reason: '原因（会告知提议人）',
  newVote: '发起表决', mode: '方式', open: '公开表决', secret: '无记名投票', quorum: '法定人数（选民的百分比）', threshold: '通过比例（赞成票须超过的百分比）', closesAt: '截止时间',
  electorate: '选民', participants: '已投票', closeVote: '结束并计票', remind: '提醒未投票的居民', reminded: '已提醒', passed: '通过', failed: '未通过', quorumMissed: '未达法定人数',
  paper: '纸质选票', tallyLabel: '计票点', enterTally: '录入纸质计票', confirm: '复核', confirmHint: '第二位计票人重新清点后录入，数字一致才生效', confirmed: '已复核', awaiting: '待复核',
  online: '线上', totals: '合计', resultHidden: '表决结束后公布结果', progress: '进度', tasks: '任务', addTask: '分解任务', owner: '责任人', dueOn: '期限', done: '完成', comments: '居民评议',
  decidedAt: '决议时间', rollup: '按下级汇总', resolutionsN: '决议数', doneN: '已落实', avgProgress: '平均进度', noResolutions: '没有决议', stagesN: '个阶段', version: '版本',
  role: '办理角色', deadline: '期限（天）', shipped: '系统内置', saved: '已保存', who: '办理人', none: '—', system: '系统', publicBoard: '公开栏', titleField: '议题标题', orgField: '所属社区', meetings: '议事会议', fromCase: '协商议事', raiseTopic: '转为议题', noTopicYet: '尚未转为议题：需要居民协商解决的，可转为议题提交议事。', raised: '已转为议题', opensAt: '开始时间', opensAtHint: '不填则立即开始；到时系统自动开启并通知居民',
  newTemplate: '新建流程模板', editTemplate: '编辑流程模板', copyTemplate: '复制为新模板', edit: '编辑', cancel: '取消', saveTemplate: '保存模板', templateName: '模板名称', templateCode: '模板代码',
  templateCodeHint: '小写字母、数字或下划线，创建后不可修改', templateDescription: '说明', templateOrg: '所属节点', templateOrgHint: '本街道或社区使用；不选为全市通用（须系统管理员）', archived: '停用此模板（已在进行的议题不受影响）',
  versionHint: '修改阶段会生成新版本；已在进行的议题沿用开始时的版本。', stageN: '第 {n} 阶段', stageName: '阶段名称', stageKey: '阶段代码', partiesHint: '输入后回车，如：居委会、业委会、物业服务企业', noDeadline: '不限',
  stageQuorum: '最少参与人数', noQuorum: '不限', byVote: '以表决决定', addStage: '添加阶段', moveUp: '上移阶段', moveDown: '下移阶段', removeStage: '删除阶段',
  settingsTitle: '附议门槛与默认流程', settingsNode: '节点', supportHouseholds: '附议户数', supportPercent: '附议户数比例（%）', expireDays: '征集期限（天）', defaultTemplate: '默认议事流程',
  inheritTemplate: '系统默认（协商六议）', households: '登记户数', supportNeeded: '当前需要附议', inherited: '当前沿用上级节点的设置，保存后本节点单独设置', saveSettings: '保存设置', thresholdHint: '户数与比例至少填一项；都填时取较小者', readOnly: '只有本节点的社区干部及以上可以修改',
}
const en: typeof zh = {
  title: 'Deliberation', tabBoard: 'Board', tabList: 'All topics', tabResolutions: 'Resolutions', tabTemplates: 'Processes', propose: 'Collect a topic',
  scope: 'Area (community or street)', search: 'Search title or text', allStates: 'All states', noTopics: 'No matching topics', topic: 'Topic', state: 'State', stage: 'Stage',
  support: 'Support', supportOf: 'households', needed: 'needs', overdue: 'Overdue', due: 'Due', community: 'Community', createdAt: 'Proposed', source: 'Source', proposer: 'Proposer', collectedBy: 'Collected by',
  template: 'Process', body: 'Text', stages: 'Stages', timeline: 'Timeline', votes: 'Votes', resolutions: 'Resolutions', advance: 'Complete stage', merge: 'Merge', reject: 'Reject',
  output: 'Output', outputHint: 'Minutes, the resolution or the public notice', attendees: 'Participants', parties: 'Parties', mergeInto: 'Merge into', reason: 'Reason (the proposer is told)',
  newVote: 'New vote', mode: 'Mode', open: 'Open vote', secret: 'Secret ballot', quorum: 'Quorum (% of electorate)', threshold: 'Threshold (% for, exceeded)', closesAt: 'Closes at',
  electorate: 'Electorate', participants: 'Voted', closeVote: 'Close and count', remind: 'Remind those who have not voted', reminded: 'Reminded', passed: 'Passed', failed: 'Not passed', quorumMissed: 'No quorum',
  paper: 'Paper ballots', tallyLabel: 'Counting point', enterTally: 'Enter a paper tally', confirm: 'Confirm', confirmHint: 'The second teller counts again; the numbers must match', confirmed: 'Confirmed', awaiting: 'Awaiting confirmation',
  online: 'Online', totals: 'Total', resultHidden: 'Results are published when the vote closes', progress: 'Progress', tasks: 'Tasks', addTask: 'Add task', owner: 'Owner', dueOn: 'Due', done: 'Done', comments: 'Residents\' comments',
  decidedAt: 'Decided', rollup: 'Roll-up', resolutionsN: 'Resolutions', doneN: 'Done', avgProgress: 'Avg. progress', noResolutions: 'No resolutions', stagesN: 'stages', version: 'Version',
  role: 'Role', deadline: 'Deadline (days)', shipped: 'Built in', saved: 'Saved', who: 'By', none: '—', system: 'System', publicBoard: 'Public board', titleField: 'Title', orgField: 'Community', meetings: 'Meetings', fromCase: 'Deliberation', raiseTopic: 'Raise as a topic', noTopicYet: 'Not a topic yet: raise it when residents need to deliberate on it.', raised: 'Raised as a topic', opensAt: 'Opens at', opensAtHint: 'Empty: opens now; otherwise it opens by itself then and residents are told',
  newTemplate: 'New process template', editTemplate: 'Edit process template', copyTemplate: 'Copy as new', edit: 'Edit', cancel: 'Cancel', saveTemplate: 'Save template', templateName: 'Name', templateCode: 'Code',
  templateCodeHint: 'Lower-case letters, digits or underscores; fixed once created', templateDescription: 'Description', templateOrg: 'Node', templateOrgHint: 'Used in this street or community; none: for everyone (administrators)', archived: 'Archive (topics under way are not affected)',
  versionHint: 'Changing the stages makes a new version; topics under way keep theirs.', stageN: 'Stage {n}', stageName: 'Stage name', stageKey: 'Stage code', partiesHint: 'Type and press Enter', noDeadline: 'None',
  stageQuorum: 'Minimum participants', noQuorum: 'None', byVote: 'Decided by a vote', addStage: 'Add stage', moveUp: 'Move stage up', moveDown: 'Move stage down', removeStage: 'Remove stage',
  settingsTitle: 'Support threshold and default process', settingsNode: 'Node', supportHouseholds: 'Supporting households', supportPercent: 'Share of households (%)', expireDays: 'Collection period (days)', defaultTemplate: 'Default process',
  inheritTemplate: 'Default (six-step)', households: 'Households', supportNeeded: 'Support needed now', inherited: 'This node uses its parent\'s settings; saving gives it its own', saveSettings: 'Save settings', thresholdHint: 'At least one of the two; with both, the smaller applies', readOnly: 'Community cadres and above of this node may change them',
}
export const useDelibLabels = () => useLabels({ zh, en })
