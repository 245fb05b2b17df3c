// The deliberation module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const deliberationMessages = {
  TOPIC_NOT_FOUND: { zh: '议题不存在', en: 'No such topic' },
  TOPIC_INVALID: { zh: '议题信息有误，请检查标出的各项', en: 'The topic is invalid; see the marked fields' },
  TOPIC_STATE: { zh: '议题当前为“{state}”，不能{action}', en: 'The topic is {state}; it cannot be {action}' },
  TOPIC_ALREADY_SUPPORTED: { zh: '您已经附议过这个议题', en: 'You already support this topic' },
  TOPIC_STAGE_ROLE: { zh: '“{stage}”阶段须由{role}办理', en: 'The stage "{stage}" is for {role}' },
  TOPIC_OUTPUT_REQUIRED: { zh: '“{stage}”阶段须留下{output}', en: 'The stage "{stage}" needs its {output}' },
  TOPIC_QUORUM: { zh: '“{stage}”阶段须至少 {quorum} 人参加', en: 'The stage "{stage}" needs at least {quorum} participants' },
  TOPIC_VOTE_REQUIRED: { zh: '“{stage}”阶段须先完成表决并获通过', en: 'The stage "{stage}" needs a vote that passed' },
  TOPIC_SOURCE_NOT_FOUND: { zh: '来源记录不存在', en: 'No such source record' },
  TOPIC_MERGE_SELF: { zh: '不能合并到自身或不同社区的议题', en: 'A topic merges only into another topic of the same community' },
  TEMPLATE_NOT_FOUND: { zh: '议事流程模板不存在', en: 'No such process template' },
  TEMPLATE_CODE_TAKEN: { zh: '模板代码已被使用', en: 'The template code is taken' },
  VOTE_NOT_FOUND: { zh: '表决不存在', en: 'No such vote' },
  VOTE_INVALID: { zh: '表决设置有误，请检查标出的各项', en: 'The vote is invalid; see the marked fields' },
  VOTE_NOT_OPEN: { zh: '表决未在进行中', en: 'The vote is not open' },
  VOTE_NOT_ELIGIBLE: { zh: '您不在本次表决的范围内（须为本社区登记居民）', en: 'You are not in this vote\'s electorate (registered residents of the community)' },
  VOTE_ALREADY_CAST: { zh: '您已经投过票，每人只能投一次', en: 'You have already voted; one ballot per person' },
  VOTE_OPEN_EXISTS: { zh: '这个议题已有进行中的表决', en: 'The topic already has a vote under way' },
  TALLY_NOT_FOUND: { zh: '纸质计票记录不存在', en: 'No such paper tally' },
  TALLY_SAME_TELLER: { zh: '须由另一位计票人复核', en: 'A second teller must confirm' },
  TALLY_MISMATCH: { zh: '复核数字与录入不一致，请重新清点', en: 'The confirmed counts differ from those entered; count again' },
  TALLY_CONFIRMED: { zh: '这份计票已经复核', en: 'This tally is already confirmed' },
  RESOLUTION_NOT_FOUND: { zh: '决议不存在', en: 'No such resolution' },
  RESOLUTION_TASK_NOT_FOUND: { zh: '决议任务不存在', en: 'No such resolution task' },
  RESOLUTION_CLOSED: { zh: '决议已办结或撤销', en: 'The resolution is closed' },
} as const satisfies Record<string, { zh: string; en: string }>

export const deliberationDetails = {
  'deliberation.orgKind': { zh: '请选择社区（村）或其下的节点', en: 'Choose a community or a node in it' },
  'deliberation.window': { zh: '截止时间须晚于开始时间，且在现在之后', en: 'The vote must close after it opens and in the future' },
  'deliberation.threshold': { zh: '请设置附议户数或比例', en: 'Set a number of households or a share' },
} as const satisfies Record<string, { zh: string; en: string }>

export const deliberationAuditWords = {
  actions: {
    'topic.create': { zh: '提出议题', en: 'Propose topic' },
    'topic.advance': { zh: '推进议题阶段', en: 'Advance topic' },
    'topic.merge': { zh: '合并议题', en: 'Merge topic' },
    'topic.reject': { zh: '不予立项', en: 'Reject topic' },
    'vote.create': { zh: '发起表决', en: 'Open vote' },
    'vote.close': { zh: '结束表决', en: 'Close vote' },
    'tally.enter': { zh: '录入纸质计票', en: 'Enter paper tally' },
    'tally.confirm': { zh: '复核纸质计票', en: 'Confirm paper tally' },
    'resolution.update': { zh: '更新决议进度', en: 'Update resolution' },
    'resolution.task': { zh: '分解决议任务', en: 'Add resolution task' },
    'deliberationTemplate.create': { zh: '新建议事流程模板', en: 'Create process template' },
    'deliberationTemplate.update': { zh: '修改议事流程模板', en: 'Update process template' },
    'deliberation.settings': { zh: '设置附议门槛', en: 'Set support threshold' },
  },
  entities: {
    topic: { zh: '议题', en: 'Topic' },
    vote: { zh: '表决', en: 'Vote' },
    paper_tally: { zh: '纸质计票', en: 'Paper tally' },
    resolution: { zh: '决议', en: 'Resolution' },
    deliberation_template: { zh: '议事流程模板', en: 'Process template' },
    deliberation_settings: { zh: '议事设置', en: 'Deliberation settings' },
  },
} as const satisfies AuditWords

export const topicStateWords = {
  proposed: { zh: '征集附议', en: 'gathering support' },
  deliberating: { zh: '协商中', en: 'under deliberation' },
  settled: { zh: '已办结', en: 'settled' },
  merged: { zh: '已合并', en: 'merged' },
  expired: { zh: '已过期', en: 'expired' },
  rejected: { zh: '不予立项', en: 'rejected' },
} as const
export const outputWords = {
  minutes: { zh: '会议纪要', en: 'minutes' },
  resolution: { zh: '决议', en: 'resolution' },
  public_notice: { zh: '公示', en: 'public notice' },
  none: { zh: '无', en: 'none' },
} as const
export const roleWords: Record<string, string> = {
  resident: '居民', member: '党员', volunteer: '志愿者', building_leader: '楼栋长', grid_worker: '网格员', grid_leader: '网格长',
  community_cadre: '社区干部', street_admin: '街道管理员', district_admin: '区级管理员', admin: '系统管理员',
}
