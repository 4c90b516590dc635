export default definePageConfig({ navigationBarTitleText: '工单类别与时限' })
