export default definePageConfig({ navigationBarTitleText: '兑换券核销' })
