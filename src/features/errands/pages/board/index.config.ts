export default definePageConfig({ navigationBarTitleText: '帮邻居', enablePullDownRefresh: true })
