/**
 * Main package: only the first screens (home, join, me). Every feature lives in its own subpackage
 * so the main package stays under its size budget (config/size-budget.json).
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/join/index', 'pages/me/index'],
  subPackages: [
    { root: 'features/dashboard', name: 'dashboard', pages: ['pages/index/index'] },
    {
      root: 'features/deliberation',
      name: 'deliberation',
      pages: [
        'pages/index/index',
        'pages/topic/index',
        'pages/propose/index',
        'pages/meeting/index',
        'pages/settings/index',
        'pages/raise/index',
        'pages/sources/index',
      ],
    },
    { root: 'features/workbench', name: 'workbench', pages: ['pages/index/index'] },
    {
      root: 'features/wishes',
      name: 'wishes',
      pages: ['pages/index/index', 'pages/detail/index', 'pages/post/index'],
    },
    {
      root: 'features/reports',
      name: 'reports',
      pages: [
        'pages/index/index',
        'pages/mine/index',
        'pages/detail/index',
        'pages/inbox/index',
        'pages/queue/index',
      ],
    },
    {
      root: 'features/errands',
      name: 'errands',
      pages: [
        'pages/index/index',
        'pages/mine/index',
        'pages/board/index',
        'pages/detail/index',
        'pages/queue/index',
      ],
    },
    {
      root: 'features/points',
      name: 'points',
      pages: ['pages/index/index', 'pages/hours/index', 'pages/admin/index', 'pages/give/index'],
    },
    {
      root: 'features/activities',
      name: 'activities',
      pages: [
        'pages/index/index',
        'pages/detail/index',
        'pages/checkin/index',
        'pages/publish/index',
        'pages/manage/index',
        'pages/export/index',
      ],
    },
    {
      root: 'features/market',
      name: 'market',
      pages: [
        'pages/index/index',
        'pages/vouchers/index',
        'pages/verify/index',
        'pages/items/index',
        'pages/fund/index',
      ],
    },
    { root: 'features/grid', name: 'grid', pages: ['pages/joins/index'] },
    {
      root: 'features/admin',
      name: 'admin',
      pages: [
        'pages/org/index',
        'pages/import/index',
        'pages/staff/index',
        'pages/codes/index',
        'pages/print/index',
        'pages/order-config/index',
      ],
    },
    {
      root: 'features/mine',
      name: 'mine',
      pages: ['pages/data/index', 'pages/household/index', 'pages/helper/index'],
    },
    {
      root: 'features/notices',
      name: 'notices',
      pages: ['pages/index/index', 'pages/detail/index', 'pages/edit/index', 'pages/manage/index'],
    },
    {
      root: 'features/guide',
      name: 'guide',
      pages: ['pages/index/index', 'pages/detail/index', 'pages/edit/index'],
    },
    {
      root: 'features/lending',
      name: 'lending',
      pages: [
        'pages/index/index',
        'pages/item/index',
        'pages/mine/index',
        'pages/loan/index',
        'pages/desk/index',
        'pages/edit/index',
        'pages/label/index',
        'pages/staff/index',
        'pages/donate/index',
        'pages/donation/index',
        'pages/donations/index',
      ],
    },
    { root: 'features/exports', name: 'exports', pages: ['pages/index/index'] },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['reports'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#B8322A',
    navigationBarTitleText: 'e睦邻',
    navigationBarTextStyle: 'white',
    // WeChat's own; on H5 Taro draws its title bar (with back) only when asked for it by name.
    navigationStyle: 'default',
    backgroundColor: '#F6F3EE',
  },
  tabBar: {
    color: '#4A4A4A',
    selectedColor: '#B8322A',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // WeChat privacy guide (用户隐私保护指引): pages call wx.requirePrivacyAuthorize before personal fields.
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
