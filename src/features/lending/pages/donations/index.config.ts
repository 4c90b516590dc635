export default definePageConfig({ navigationBarTitleText: '捐赠审核', enablePullDownRefresh: true })
