export default definePageConfig({ navigationBarTitleText: '志愿服务资料' })
