export default definePageConfig({ navigationBarTitleText: '借用记录', enablePullDownRefresh: true })
