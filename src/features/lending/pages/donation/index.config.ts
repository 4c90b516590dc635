export default definePageConfig({ navigationBarTitleText: '捐赠详情', enablePullDownRefresh: true })
