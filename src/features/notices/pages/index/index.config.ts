export default definePageConfig({ navigationBarTitleText: 'Notices', enablePullDownRefresh: true })
