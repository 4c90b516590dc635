export default definePageConfig({ navigationBarTitleText: '物品详情', enablePullDownRefresh: true })
