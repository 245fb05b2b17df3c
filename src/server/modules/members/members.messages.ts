// The members module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const membersMessages = {
  MEMBER_NOT_FOUND: { zh: '党员不存在', en: 'No such Party member' },
  MEMBER_EXISTS: { zh: '该人员已登记为党员', en: 'This person is already registered as a Party member' },
  MEMBER_COMMUNITY_KIND: { zh: '报到社区须为社区或村', en: 'A member registers at a community or village' },
  MEMBER_TARGET_ORG_KIND: { zh: '年度目标按市、区、街道或社区设定', en: 'Yearly targets are set for a city, district, street or community' },
  REGISTRATION_NOT_FOUND: { zh: '报到记录不存在', en: 'No such registration' },
  REGISTRATION_EXISTS: { zh: '已提交过报到', en: 'A registration already exists' },
  REGISTRATION_STATE_CONFLICT: { zh: '报到当前为“{state}”，不能{action}', en: 'The registration is {state}; it cannot be {action}' },
  REGISTRATION_LETTER_REQUIRED: { zh: '请提供单位介绍信', en: 'An introduction letter from the employer is required' },
  REGISTRATION_COMMUNITY_MISMATCH: { zh: '请向居住地社区报到', en: 'Register at the community where you live' },
  REGISTRATION_NOT_ACCEPTED: { zh: '社区尚未接收报到', en: 'The community has not accepted the registration yet' },
  LETTER_NOT_FOUND: { zh: '介绍信不存在', en: 'No such introduction letter' },
  LETTER_USED: { zh: '该介绍信已使用', en: 'This introduction letter has already been used' },
  POST_NOT_FOUND: { zh: '岗位不存在', en: 'No such post' },
  POST_FULL: { zh: '该岗位 {capacity} 个名额已满', en: 'All {capacity} seats of this post are taken' },
  POST_INACTIVE: { zh: '该岗位已停止认领', en: 'This post is closed' },
  POST_ALREADY_CLAIMED: { zh: '已认领该岗位', en: 'You have already claimed this post' },
  POST_CAPACITY_BELOW_TAKEN: { zh: '名额不能少于已认领人数（{taken}）', en: 'The capacity cannot be below the {taken} seats taken' },
  CLAIM_NOT_FOUND: { zh: '认领记录不存在', en: 'No such claim' },
  CLAIM_RELEASED: { zh: '该认领已取消', en: 'This claim has already been released' },
  CARD_NOT_FOUND: { zh: '反馈卡不存在', en: 'No such feedback card' },
  CARD_EXISTS: { zh: '该党员 {period} 的反馈卡已生成', en: 'The feedback card for {period} already exists' },
  CARD_STATE_CONFLICT: { zh: '反馈卡当前为“{state}”，不能{action}', en: 'The feedback card is {state}; it cannot be {action}' },
  CARD_NO_UNIT: { zh: '该党员没有登记工作单位，反馈卡无处发送', en: 'The member has no employer to send the card to' },
  CARD_PERIOD_IN_FUTURE: { zh: '期间 {period} 尚未开始', en: 'The period {period} has not started yet' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the members module, rendered in the reader's language by the error handler. */
export const membersDetails = {
  'members.communityRequired': { zh: '请选择社区或村', en: 'Choose a community or village' },
  'members.letterRequired': { zh: '请上传单位介绍信照片或选择单位开具的介绍信', en: 'Upload a photo of the unit\'s introduction letter or choose a letter the unit issued' },
  'members.letterMissing': { zh: '介绍信不存在或不是为该党员开具的', en: 'No such letter, or it was not issued for this member' },
  'members.letterUsed': { zh: '该介绍信已使用', en: 'This letter has already been used' },
  'members.personAlreadyMember': { zh: '该人员已登记为党员', en: 'This person is already registered as a member' },
  'members.unitAlreadyRegistered': { zh: '该单位已向该社区报到', en: 'This unit has already registered with this community' },
  'members.registrationPending': { zh: '已提交过报到，被退回时请重新提交', en: 'Already submitted; submit again only if it is returned' },
  'members.claimNeedsRegistration': { zh: '社区接收报到后才能认领岗位', en: 'Posts can be claimed once the community accepts the registration' },
  'members.postClosed': { zh: '该岗位已停止认领', en: 'This post no longer takes claims' },
  'members.targetOrgKind': { zh: '目标按市、区、街道或社区设定', en: 'Targets are set for a city, district, street or community' },
  'members.periodNotStarted': { zh: '该期间尚未开始', en: 'This period has not started yet' },
  'members.memberNotRegistered': { zh: '该党员尚未完成报到', en: 'This member has not completed registration' },
  'members.registerAtHomeCommunity': { zh: '请向居住地社区（{community}）报到', en: 'Register with the community you live in ({community})' },
  'members.postTaken': { zh: '已有 {taken} 人认领', en: '{taken} people have already claimed it' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const membersAuditWords = {
  actions: {
    'member.create': { zh: '登记党员', en: 'Record member' },
    'member.update': { zh: '修改党员信息', en: 'Update member' },
    'member_target.create': { zh: '设定服务目标', en: 'Set service target' },
    'member_target.update': { zh: '修改服务目标', en: 'Update service target' },
    'registration.submit': { zh: '提交报到', en: 'Submit registration' },
    'registration.resubmit': { zh: '重新提交报到', en: 'Resubmit registration' },
    'registration.accept': { zh: '接收报到', en: 'Accept registration' },
    'registration.return': { zh: '退回报到', en: 'Return registration' },
    'introduction_letter.issue': { zh: '开具介绍信', en: 'Issue introduction letter' },
    'community_post.create': { zh: '设立岗位', en: 'Create post' },
    'community_post.update': { zh: '修改岗位', en: 'Update post' },
    'post_claim.create': { zh: '认领岗位', en: 'Claim post' },
    'post_claim.release': { zh: '退出岗位', en: 'Release post' },
    'feedback_card.generate': { zh: '生成反馈卡', en: 'Generate feedback cards' },
    'feedback_card.review': { zh: '评定反馈卡', en: 'Review feedback card' },
    'feedback_card.send': { zh: '发送反馈卡', en: 'Send feedback card' },
  },
  entities: {
    member: { zh: '党员', en: 'Party member' },
    party_member: { zh: '党员', en: 'Party member' },
    member_target: { zh: '服务目标', en: 'Service target' },
    registration: { zh: '报到', en: 'Registration' },
    introduction_letter: { zh: '介绍信', en: 'Introduction letter' },
    community_post: { zh: '岗位', en: 'Post' },
    post_claim: { zh: '岗位认领', en: 'Post claim' },
    feedback_card: { zh: '反馈卡', en: 'Feedback card' },
  },
} as const satisfies AuditWords
