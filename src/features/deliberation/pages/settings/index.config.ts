export default definePageConfig({ navigationBarTitleText: '议事设置' })
