export default definePageConfig({ navigationBarTitleText: '我的借用', enablePullDownRefresh: true })
