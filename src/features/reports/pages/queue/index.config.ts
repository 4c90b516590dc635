export default definePageConfig({ navigationBarTitleText: '工单督办', enablePullDownRefresh: true })
