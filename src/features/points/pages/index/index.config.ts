export default definePageConfig({ navigationBarTitleText: '爱心积分' })
