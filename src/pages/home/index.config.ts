export default definePageConfig({
  navigationBarTitleText: 'e睦邻',
  enablePullDownRefresh: true,
})
