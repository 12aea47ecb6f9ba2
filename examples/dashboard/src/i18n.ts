/**
 * Every label of the dashboard in Chinese (the default) and English. The English table is typed
 * against the Chinese one, so a label missing in either language fails the type check.
 */

export type Language = 'zh' | 'en';

/** A label in both languages, as the gateway sends them. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

const zh = {
  appTitle: '基层治理 · 街道工作台',
  appSubtitle: '网格、诉求、协商与党员积分一屏掌握',
  switchLanguage: 'English',
  switchLanguageHint: '切换到英文界面',
  loading: '加载中…',
  retry: '重试',
  refresh: '刷新',
  none: '—',
  hoursUnit: '小时',
  daysUnit: '天',
  // Sign in
  signInTitle: '登录',
  signInIntro:
    '粘贴开发令牌（jiceng serve 启动时打印的令牌，或 jiceng token --role street_admin --scope 330102001 生成的令牌）。令牌只保存在本标签页中，关闭即清除。',
  tokenLabel: '身份令牌',
  tokenPlaceholder: 'eyJhbGciOi…',
  signIn: '登录',
  signingIn: '正在验证…',
  signOut: '退出登录',
  signedInAs: '当前用户',
  tokenRejected: '令牌无效或已过期，请重新登录。',
  tokenEmpty: '请先粘贴令牌。',
  serverUnreachable: '无法连接网关，请确认 jiceng serve 正在运行。',
  // Roles
  role_county_admin: '县级管理员',
  role_street_admin: '街道管理员',
  role_community_admin: '社区管理员',
  role_branch_secretary: '支部书记',
  role_grid_worker: '网格员',
  role_member: '党员',
  role_public: '公众',
  // Scope
  scope: '管辖范围',
  focusStreet: '查看街道',
  noStreet: '您的管辖范围内没有街道的网格数据。',
  // Headline figures
  headlineTitle: '本街道概况',
  communities: '社区',
  grids: '网格',
  workers: '网格员',
  partyMembers: '党员',
  partyOrganisations: '党组织',
  households: '户数',
  openRequests: '在办诉求',
  overdueRequests: '超期诉求',
  asOf: '数据时间',
  // Tree
  treeTitle: '社区与网格',
  treeIntro: '点击社区查看其网格。',
  perCommunityChart: '各社区户数、网格员、党员与在办诉求',
  name: '名称',
  code: '编码',
  requestsOpen: '在办',
  requestsOverdue: '超期',
  requestsTotal: '诉求总数',
  medianResolve: '办结用时中位数',
  p90Resolve: '办结用时 P90',
  team: '网格员',
  partyMemberMark: '（党员）',
  gridsOf: '的网格',
  // Requests
  requestsTitle: '民情诉求',
  byType: '按类型',
  byStatus: '按状态',
  resolutionTimes: '办结用时',
  escalated: '曾升级',
  resolvedLate: '超期办结',
  overdueTitle: '超期诉求清单',
  overdueIntro: '在办且已过办理期限的诉求，最新上报在前。',
  requestId: '编号',
  type: '类型',
  status: '状态',
  grid: '网格',
  summary: '事项',
  dueDate: '办理期限',
  overdueDays: '超期（工作日）',
  level: '责任层级',
  levelDue: '应升级至',
  level_grid: '网格',
  level_community: '社区',
  level_street: '街道',
  type_dispute: '矛盾纠纷',
  type_safety_hazard: '安全隐患',
  type_service_request: '便民服务',
  reporter: '反映人',
  masked: '已脱敏',
  loadMore: '加载更多',
  noOverdue: '没有超期诉求。',
  shownOf: '已显示',
  // Consultations
  consultationsTitle: '协商议事',
  consultationsByStage: '各环节协商数',
  consultationTopic: '议题',
  township: '乡镇（街道）',
  form: '形式',
  year: '年度',
  stage: '环节',
  reportDue: '成果上报期限',
  reportLate: '逾期上报',
  noConsultations: '您的管辖范围内暂无协商。',
  form_routine: '例行协商',
  form_thematic: '专题协商',
  stage_pre_consultation: '商前沟通',
  stage_research: '调查研究',
  stage_plan: '协商方案',
  stage_meeting: '协商会议',
  stage_report: '成果报送',
  stage_completed: '已上报',
  // Points
  pointsTitle: '党员积分',
  leaderboard: '积分排行',
  rank: '名次',
  member: '党员',
  branch: '支部',
  total: '总分',
  awards: '加分',
  deductions: '扣分',
  rating: '评定等次',
  ratingDistribution: '等次分布',
  pendingTitle: '待审核积分',
  pendingIntro: '党员提交或社区记录、等待支部审核的积分。审核通过后计入总分。',
  item: '积分项目',
  points: '分值',
  occurredOn: '发生日期',
  recordedBy: '记录人',
  approve: '审核通过',
  approving: '正在审核…',
  approved: '已通过，总分已更新',
  noPending: '没有待审核的积分。',
  pointsYear: '积分年度',
  yearTotal: '年度总分',
  quotaUsed: '名额已用',
  rulesVersion: '规则版本',
  community: '社区',
  branchReviews: '待党支部审核',
  noMembers: '该范围内没有党员积分记录。',
  recorder_self: '本人自评',
  recorder_branch: '党支部',
  recorder_community: '社区',
  recorder_committee: '党委',
  recorder_system: '系统',
  partyScope: '您的管辖范围是党组织，这里显示其党员积分。网格与诉求统计请以街道或社区管理员身份查看。',
  // Errors
  errorTitle: '出错了',
  forbidden: '您的角色无权查看此部分。',
} as const;

export type MessageKey = keyof typeof zh;

const en: Readonly<Record<MessageKey, string>> = {
  appTitle: 'Jiceng · Street dashboard',
  appSubtitle: 'Grids, resident requests, consultations and member points at a glance',
  switchLanguage: '中文',
  switchLanguageHint: 'Switch to Chinese',
  loading: 'Loading…',
  retry: 'Retry',
  refresh: 'Refresh',
  none: '—',
  hoursUnit: 'h',
  daysUnit: 'days',
  signInTitle: 'Sign in',
  signInIntro:
    'Paste a development token (the one jiceng serve prints, or one from jiceng token --role street_admin --scope 330102001). It is kept in this tab only and cleared when you close it.',
  tokenLabel: 'Token',
  tokenPlaceholder: 'eyJhbGciOi…',
  signIn: 'Sign in',
  signingIn: 'Checking…',
  signOut: 'Sign out',
  signedInAs: 'Signed in',
  tokenRejected: 'The token is not valid or has expired; sign in again.',
  tokenEmpty: 'Paste a token first.',
  serverUnreachable: 'Cannot reach the gateway; is jiceng serve running?',
  role_county_admin: 'County administrator',
  role_street_admin: 'Street administrator',
  role_community_admin: 'Community administrator',
  role_branch_secretary: 'Branch secretary',
  role_grid_worker: 'Grid worker',
  role_member: 'Party member',
  role_public: 'Public',
  scope: 'Scope',
  focusStreet: 'Street',
  noStreet: 'No street within your scope has grid data.',
  headlineTitle: 'The street at a glance',
  communities: 'Communities',
  grids: 'Grids',
  workers: 'Grid workers',
  partyMembers: 'Party members',
  partyOrganisations: 'Party organisations',
  households: 'Households',
  openRequests: 'Open requests',
  overdueRequests: 'Overdue requests',
  asOf: 'As of',
  treeTitle: 'Communities and grids',
  treeIntro: 'Open a community to see its grids.',
  perCommunityChart: 'Households, grid workers, party members and open requests per community',
  name: 'Name',
  code: 'Code',
  requestsOpen: 'Open',
  requestsOverdue: 'Overdue',
  requestsTotal: 'Requests',
  medianResolve: 'Median time to resolve',
  p90Resolve: 'P90 time to resolve',
  team: 'Grid workers',
  partyMemberMark: ' (party member)',
  gridsOf: ': grids',
  requestsTitle: 'Resident requests',
  byType: 'By type',
  byStatus: 'By status',
  resolutionTimes: 'Time to resolve',
  escalated: 'Escalated',
  resolvedLate: 'Resolved late',
  overdueTitle: 'Overdue requests',
  overdueIntro: 'Open requests past their due day, newest first.',
  requestId: 'ID',
  type: 'Type',
  status: 'Status',
  grid: 'Grid',
  summary: 'Summary',
  dueDate: 'Due',
  overdueDays: 'Overdue (working days)',
  level: 'Answerable level',
  levelDue: 'Should be at',
  level_grid: 'grid',
  level_community: 'community',
  level_street: 'street',
  type_dispute: 'Dispute',
  type_safety_hazard: 'Safety hazard',
  type_service_request: 'Service request',
  reporter: 'Reporter',
  masked: 'masked',
  loadMore: 'Load more',
  noOverdue: 'No overdue requests.',
  shownOf: 'Showing',
  consultationsTitle: 'Consultations',
  consultationsByStage: 'Consultations by stage',
  consultationTopic: 'Topic',
  township: 'Township',
  form: 'Form',
  year: 'Year',
  stage: 'Stage',
  reportDue: 'Report due',
  reportLate: 'Reported late',
  noConsultations: 'No consultations within your scope.',
  form_routine: 'Routine',
  form_thematic: 'Thematic',
  stage_pre_consultation: 'Pre-consultation',
  stage_research: 'Research',
  stage_plan: 'Plan',
  stage_meeting: 'Meeting',
  stage_report: 'Report',
  stage_completed: 'Reported',
  pointsTitle: 'Member points',
  leaderboard: 'Leaderboard',
  rank: 'Rank',
  member: 'Member',
  branch: 'Branch',
  total: 'Total',
  awards: 'Awards',
  deductions: 'Deductions',
  rating: 'Rating',
  ratingDistribution: 'Ratings',
  pendingTitle: 'Entries awaiting review',
  pendingIntro:
    'Entries a member submitted or a community recorded, waiting for the branch review. Approved, they count toward the total.',
  item: 'Item',
  points: 'Points',
  occurredOn: 'Date',
  recordedBy: 'Recorded by',
  approve: 'Approve',
  approving: 'Approving…',
  approved: 'Approved; the total is updated',
  noPending: 'No entries await review.',
  pointsYear: 'Year',
  yearTotal: 'Year total',
  quotaUsed: 'places used',
  rulesVersion: 'Rules',
  community: 'Community',
  branchReviews: 'awaits the branch',
  noMembers: 'No member points within this scope.',
  recorder_self: 'Member (self)',
  recorder_branch: 'Branch',
  recorder_community: 'Community',
  recorder_committee: 'Party committee',
  recorder_system: 'System',
  partyScope:
    'Your scope is a party organisation: its member points are shown here. Grid and request figures are for street and community administrators.',
  errorTitle: 'Something went wrong',
  forbidden: 'Your role may not see this part.',
};

const tables: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { zh, en };

const STORAGE_KEY = 'jiceng.dashboard.language';

/** The language chosen last time on this browser, else Chinese. */
export function storedLanguage(storage: Storage): Language {
  return storage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function storeLanguage(storage: Storage, language: Language): void {
  storage.setItem(STORAGE_KEY, language);
}

/** A translator for one language. */
export interface Translator {
  readonly language: Language;
  /** The BCP 47 tag for `<html lang>` and number formats. */
  readonly locale: string;
  t(key: MessageKey): string;
  /** Picks the gateway's label in this language. */
  pick(text: LocalizedText): string;
  /** Whether a dynamic key has a label. */
  has(key: string): key is MessageKey;
  /** The label of a code (a role, a stage, a type) under a prefix, or the code itself. */
  label(prefix: string, code: string): string;
  number(value: number, fractionDigits?: number): string;
}

export function translator(language: Language): Translator {
  const table = tables[language];
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  const formats = new Map<number, Intl.NumberFormat>();
  return {
    language,
    locale,
    t: (key) => table[key],
    pick: (text) => text[language],
    has: (key): key is MessageKey => Object.hasOwn(table, key),
    label: (prefix, code) => {
      const key = `${prefix}${code}`;
      return Object.hasOwn(table, key) ? table[key as MessageKey] : code;
    },
    number(value, fractionDigits = 0) {
      let format = formats.get(fractionDigits);
      if (format === undefined) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
        formats.set(fractionDigits, format);
      }
      return format.format(value);
    },
  };
}
