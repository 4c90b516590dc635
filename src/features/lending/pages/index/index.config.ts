export default definePageConfig({ navigationBarTitleText: 'Lending', enablePullDownRefresh: true })
