export default definePageConfig({ navigationBarTitleText: '百宝屋物品' })
