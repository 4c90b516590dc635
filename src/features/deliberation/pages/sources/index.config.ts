export default definePageConfig({ navigationBarTitleText: '从工单发起议题' })
