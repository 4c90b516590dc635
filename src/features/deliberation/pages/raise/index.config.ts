export default definePageConfig({ navigationBarTitleText: '转为议题' })
