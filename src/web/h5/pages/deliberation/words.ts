// The phone pages' words for deliberation (居民议事), Chinese first.
import { useWords, type Words } from '../../labels.ts'

const zh = {
  hall: '居民议事', hallHint: '有事多商量：提议题、附议、投票、看决议落实', propose: '我要提议题', topics: '社区议题', resolutions: '决议落实',
  empty: '这里还没有议题', noResolutions: '还没有决议', supportN: '{n}/{need} 户附议', support: '我附议', supported: '已附议', supportedOk: '附议成功',
  stage: '进行到：{stage}', settled: '已办结', title: '议题是什么', titleHint: '如：小区电动车棚建在哪里', body: '具体说说', bodyHint: '问题在哪、希望怎么解决；请不要写他人姓名、电话',
  submit: '提交议题', posted: '议题已提交，邀请邻居一起附议吧（满 {need} 户提交社区“两委”商议，{days} 天内有效）', noCommunity: '找不到您所在的社区，请先在“我的”里选择住址',
  vote: '去投票', votes: '表决', voteFor: '赞成', voteAgainst: '反对', voteAbstain: '弃权', voteAsk: '确定投“{choice}”吗？投票后不能更改',
  voted: '您已投票', votedOk: '投票成功，谢谢参与', secret: '无记名投票：系统只记录您已投票，不记录您投了什么', open: '公开表决', closesAt: '截止 {time}',
  result: '结果：赞成 {for}，反对 {against}，弃权 {abstain}', passed: '通过', failed: '未通过', notEligible: '本次表决由本社区登记居民参加',
  progress: '落实进度 {p}%', tasks: '任务', comment: '说说落实得怎么样', commentSend: '发表评议', commented: '评议已发表', stages: '议事过程', back: '返回', login: '登录后参与议事',
  raise: '转为议题', raiseHint: '这件事需要邻居们一起商量解决？可以提成社区议题，请大家附议。', fromRecord: '来自：{kind}',
  kindCase: '我反映的问题', kindOrder: '我的服务订单',
}
const en: typeof zh = {
  hall: 'Residents\' deliberation', hallHint: 'Talk it over: propose, support, vote, follow resolutions', propose: 'Propose a topic', topics: 'Topics', resolutions: 'Resolutions',
  empty: 'No topics yet', noResolutions: 'No resolutions yet', supportN: '{n}/{need} households', support: 'Support', supported: 'Supported', supportedOk: 'Thank you for your support',
  stage: 'Now: {stage}', settled: 'Settled', title: 'What is it about', titleHint: 'e.g. Where to build the e-bike shed', body: 'Tell us more', bodyHint: 'What is wrong and how to fix it; no names or phones of others',
  submit: 'Submit', posted: 'Submitted. Ask your neighbours to support it ({need} households take it to the committee; valid {days} days)', noCommunity: 'Your community is not known; choose your home first',
  vote: 'Vote', votes: 'Votes', voteFor: 'For', voteAgainst: 'Against', voteAbstain: 'Abstain', voteAsk: 'Vote "{choice}"? You cannot change it later',
  voted: 'You have voted', votedOk: 'Your vote is in. Thank you', secret: 'Secret ballot: we record only that you voted, never how', open: 'Open vote', closesAt: 'Closes {time}',
  result: 'Result: for {for}, against {against}, abstain {abstain}', passed: 'Passed', failed: 'Not passed', notEligible: 'Registered residents of the community take part',
  progress: 'Progress {p}%', tasks: 'Tasks', comment: 'How is it going?', commentSend: 'Post', commented: 'Posted', stages: 'How it went', back: 'Back', login: 'Sign in to take part',
  raise: 'Raise as a topic', raiseHint: 'Does this need the neighbours to settle it together? Raise it as a community topic for them to support.', fromRecord: 'From: {kind}',
  kindCase: 'my report', kindOrder: 'my service order',
}
export const delibWords: Words<keyof typeof zh> = { zh, en }
export const useDelibWords = () => useWords(delibWords)
