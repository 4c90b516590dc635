export default definePageConfig({ navigationBarTitleText: '百宝屋', enablePullDownRefresh: true })
