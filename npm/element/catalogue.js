// The one catalogue of the element's own words (buttons, headings, short UI phrases), zh first.
// Everything about a policy — questions, choices, help, units, findings, verdicts, notes,
// party names — comes from the package's schema(), menu() and results, never from here.
// Placeholders are written {name}; counts go through Intl.PluralRules (see `t`).

const zh = {
  title: '老旧小区改造计算器',
  loading: '正在载入计算程序……',
  loadFailed: '计算程序未能载入，请刷新页面再试。',
  privacy: '全部计算在您的手机或电脑上完成，填写的内容不会发送到任何地方。',
  disclaimer: '结果依据公开文件测算，仅供参考，以当地主管部门和本小区改造方案为准。',
  language: 'English',
  languageName: '切换为英文',
  elderly: '长辈版',
  elderlyOn: '退出长辈版',
  choose: '小区在哪里？',
  chooseHelp: '各地的改造条件和出资办法不同。请选择小区所在地。',
  choosePrompt: '请选择所在地',
  chooseNone: '—— 请选择 ——',
  draft: '征求意见稿',
  changePlace: '换一个地方',
  q1: '我们小区能改造吗？',
  q1Help: '回答下面几个问题。不清楚的可以不填，结果会说明还缺什么。',
  q1NoAnswers: '您还没有回答问题。请点“上一题”返回去回答；不清楚的可以跳过，结果会说明还缺什么。',
  q2: '可以改造哪些内容？',
  q2Help: '这些是当地文件列出的改造内容。勾选您小区要改的，填上公示或报价中的金额。',
  q3: '我家要出多少钱？',
  yes: '是',
  no: '否',
  unknown: '不清楚',
  answer: '结论',
  stillNeeded: '还需要了解',
  neededResident: '您可以在上面回答：',
  neededOfficial: '这些一般由社区居委会、业主委员会或街道掌握（填写在“更多细节”中）：',
  neededResidentElderly: '您跳过了这些问题，可以返回去回答：',
  neededResidentElderlyMore: '查看您跳过的 {count} 个问题',
  neededOfficialElderly: '另有 {count} 项（如业主表决的情况）一般由社区居委会、业主委员会或街道掌握，可以向他们询问。',
  why: '为什么这样判断',
  decisive: '决定结论的条件',
  reminders: '提醒',
  conditional: '视改造内容而定',
  pass: '符合',
  fail: '不符合',
  unknownOutcome: '待确定',
  noteMark: '注意',
  source: '出处',
  chineseOriginal: '',
  assumption: '这是本计算器的假设',
  more: '更多细节（供社区和工作人员填写）',
  moreItem: '按数量和单价计算',
  amountFor: '{item}——{what}',
  notCosted: '还没有填金额，暂不计入',
  noItems: '勾选改造内容并填写金额后，这里会算出总费用和各方分担。',
  total: '改造总费用',
  whoPays: '各方分担',
  perHousehold: '平均每户',
  perHouseholdNote: '总费用除以户数，只是参考，不是实际分摊。',
  myBill: '我家承担',
  myBillShared: '公共部分',
  myBillElevator: '电梯部分',
  myBillAsk: '填写上面“我家”的情况，可以算出您家承担多少。',
  lines: '每项费用怎么分',
  lineRule: '依据',
  edited: '您自己的比例',
  assumed: '假设',
  assumedBadge: '（假设）',
  editedBadge: '（您的比例）',
  borrowed: '借用{place}的比例',
  policyBasis: '文件规定',
  shares: '调整出资比例',
  sharesHelp: '按本地实际协议修改各方的份数，结果会立即重算，并标为您自己的比例。',
  sharesReset: '恢复文件或假设的比例',
  floors: '电梯按楼层分摊',
  floorsHelp: '逐层填写户数。没有填写的楼层不会被猜测。',
  floorAdd: '添加一层',
  floorRemove: '删除这一层',
  waiver: '困难家庭减免',
  benchmark: '没有报价时，按文件的户均标准估算',
  benchmarkNone: '不使用',
  notes: '说明',
  errorsTitle: '请更正下面的内容：',
  fixBelow: '请更正：',
  next: '下一题',
  back: '上一题',
  skip: '不清楚，跳过',
  toResult: '看结论',
  toItems: '看可以改造的内容',
  toPay: '算我家要出多少钱',
  restart: '从头再来',
  screenOf: '第 {n} 题，共 {total} 题',
  details: '查看详细理由',
  save: '保存在本机',
  saved: '已保存在本机。',
  share: '复制分享链接',
  shareWithHousehold: '链接里包含我家的楼层和面积',
  shareCopied: '链接已复制。',
  shareHint: '链接只包含小区情况和所选内容；除非您勾选上面一项，否则不含您家的楼层和面积。',
  print: '打印',
  openShared: '您打开了一个分享链接。要用链接里的内容替换您保存在本机的内容吗？',
  openSharedYes: '使用链接的内容',
  openSharedNo: '保留我保存的内容',
  linkUnsupported: '这个分享链接是压缩过的，本浏览器打不开。请换用较新的浏览器打开，或请分享的人重新复制链接。您在本机保存的内容没有改动。',
  linkBroken: '这个分享链接不完整或被改动过，无法打开。请分享的人重新复制链接。您在本机保存的内容没有改动。',
  linkNoticeOk: '知道了',
  version: '计算程序 {version}',
  packsUsed: '依据的文件',
  unitYuan: '元',
  of: '{part} / {whole}',
  households: '{count} 户',
  owners: '{count} 位业主',
  status: '文件状态',
};

// English: the words shown before the rest can load, or when it cannot; the rest is in
// element-en.js (loaded by `loadLang`).
const enCore = {
  title: 'Old compound renovation calculator',
  loading: 'Loading the calculator…',
  loadFailed: 'The calculator could not be loaded. Please reload the page.',
};

const CATALOGUE = { zh, en: enCore };

let english = null;

/** Whether `lang`'s words are loaded (zh always is). */
export function hasLang(lang) {
  return lang !== 'en' || CATALOGUE.en !== enCore;
}

/** Makes `lang`'s words available to `t`: English is fetched once, the first time a page asks for
 * it (zh is built in). Rejects when that file cannot be loaded. */
export function loadLang(lang) {
  if (lang !== 'en') return Promise.resolve();
  english ??= import('./element-en.js').then(
    (m) => {
      CATALOGUE.en = { ...m.default, ...enCore };
    },
    (e) => {
      english = null; // a later call tries again
      throw e;
    },
  );
  return english;
}

const plurals = {};

/** The catalogue's words for `key` in `lang`, with {placeholders} filled in as plain text.
 * An entry may be a plural table ({one, other, …}): `vars.count` picks the form. */
export function t(lang, key, vars = {}) {
  const table = CATALOGUE[lang] ?? zh;
  let entry = table[key] ?? zh[key] ?? key;
  if (typeof entry === 'object') {
    plurals[lang] ??= new Intl.PluralRules(lang === 'zh' ? 'zh-CN' : 'en');
    entry = entry[plurals[lang].select(Number(vars.count ?? 0))] ?? entry.other;
  }
  return entry.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? `{${k}}`));
}
