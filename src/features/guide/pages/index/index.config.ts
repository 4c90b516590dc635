export default definePageConfig({ navigationBarTitleText: 'Guide', enablePullDownRefresh: true })
