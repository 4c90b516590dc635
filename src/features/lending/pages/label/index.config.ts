export default definePageConfig({ navigationBarTitleText: '物品标签' })
