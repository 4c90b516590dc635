export default definePageConfig({ navigationBarTitleText: '社区基金', enablePullDownRefresh: true })
