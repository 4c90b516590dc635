export default definePageConfig({ navigationBarTitleText: '借还登记' })
