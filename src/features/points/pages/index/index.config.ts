export default definePageConfig({ navigationBarTitleText: '我的爱心卡', enablePullDownRefresh: true })
