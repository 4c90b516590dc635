export default definePageConfig({ navigationBarTitleText: '入格审核', enablePullDownRefresh: true })
