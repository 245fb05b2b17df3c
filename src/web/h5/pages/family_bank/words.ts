// The phone pages' words for 家风银行, Chinese first.
import { useWords } from '../../labels.ts'

const zh = {
  title: '家风银行', hint: '存入一句家训、一个家风故事，传承好家风', deposit: '我要存家风', mine: '我的存单', all: '全部', motto: '家训', story: '家风故事',
  mottos: '家训', stories: '家风故事', families: '户家庭', empty: '这里还没有展示的家风', titleField: '故事标题', mottoField: '家训（最多 200 字）', storyField: '家风故事',
  submit: '存入', submitted: '已存入，社区审核后展示', pending: '待审核', published: '已展示', rejected: '未通过', withdrawn: '已撤回', reason: '原因：{reason}',
  withdraw: '撤回', mineEmpty: '您还没有存入家风', privacy: '公开展示时只显示“王家”这样的姓氏称呼，不显示您的姓名。', allPlaces: '全部社区',
}
const en: typeof zh = {
  title: 'Family tradition bank', hint: 'Deposit a family motto or story to pass good traditions on', deposit: 'Deposit', mine: 'My deposits', all: 'All', motto: 'Motto', story: 'Story',
  mottos: 'Mottos', stories: 'Stories', families: 'families', empty: 'Nothing shown here yet', titleField: 'Story title', mottoField: 'Motto (up to 200 characters)', storyField: 'Story',
  submit: 'Deposit', submitted: 'Deposited; shown after the community reviews it', pending: 'Waiting', published: 'Shown', rejected: 'Not accepted', withdrawn: 'Withdrawn', reason: 'Reason: {reason}',
  withdraw: 'Withdraw', mineEmpty: 'You have not deposited anything yet', privacy: 'The public page shows only your family’s surname ("the Wangs"), never your name.', allPlaces: 'All communities',
}

export const useFamilyWords = () => useWords({ zh, en })
