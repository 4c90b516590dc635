export default definePageConfig({ navigationBarTitleText: '互助纠纷', enablePullDownRefresh: true })
