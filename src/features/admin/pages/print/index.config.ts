export default definePageConfig({ navigationBarTitleText: '打印二维码' })
