export default definePageConfig({ navigationBarTitleText: '捐赠工具' })
