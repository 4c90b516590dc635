export default definePageConfig({ navigationBarTitleText: '事项详情', enablePullDownRefresh: true })
