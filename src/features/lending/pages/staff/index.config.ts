export default definePageConfig({ navigationBarTitleText: '百宝屋待办', enablePullDownRefresh: true })
