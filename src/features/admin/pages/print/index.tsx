import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { CodeCard } from '@core/codes/api'
import { PRINT_INSTRUCTION } from '@core/codes/model'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { useGridCodes } from '../../hooks/use-grid-codes'
import { CodeImage } from '../codes/code-image'
import { printSheet, printSupported } from './print-support'
import './index.scss'

/**
 * One cell of the sheet. `data-*` carry the code for tools (and the browser journey): `data-target`
 * (building | grid), `data-target-id`, `data-code`, `data-scene`.
 */
function PrintCell({ card }: { readonly card: CodeCard }) {
  return (
    <View
      className={`print-cell print-cell--${card.target}`}
      ariaRole="listitem"
      data-target={card.target}
      data-target-id={card.targetId}
      data-code={card.code}
      data-scene={card.scene}
    >
      <CodeImage card={card} />
      <Text className="t-body print-cell__name">
        {card.target === 'grid' ? `${card.name}（网格码）` : card.name}
      </Text>
      <View className="print-cell__code-line">
        <Text className="t-body">入格码 </Text>
        <Text className="t-body print-cell__code">{card.code}</Text>
      </View>
      <Text className="t-muted print-cell__hint">{PRINT_INSTRUCTION}</Text>
    </View>
  )
}

/** 打印二维码: an A4 sheet of a grid's codes, the grid's own code first, then every building. */
export default function PrintPage() {
  const { params } = useRouter()
  const gridId = params.gridId ?? ''
  const message = gridId ? null : '请从“楼栋二维码”页面选择网格后再打印'

  const { codes, error, missing, stillMaking } = useGridCodes(gridId || null)
  const shownMessage = message ?? error

  return (
    <Page label="打印二维码">
      <View className="card no-print print__controls">
        {printSupported ? (
          <>
            <Text className="t-body">用 A4 纸打印，每栋楼一张小卡片，剪下后张贴在楼栋单元门口。</Text>
            <Button className="btn" type="primary" disabled={!codes || missing > 0} onClick={printSheet}>
              打印
            </Button>
          </>
        ) : (
          <Text className="t-body">
            小程序内不能直接打印。请在电脑上打开本页打印（电脑版微信打开小程序，或使用网页版管理端）；也可以长按二维码保存到相册后打印。
          </Text>
        )}
        {missing > 0 && (
          <Text className="t-muted">
            {stillMaking
              ? `有 ${missing} 个二维码正在生成，请稍候…`
              : `有 ${missing} 个二维码仍未生成，请稍后重新进入本页。`}
          </Text>
        )}
      </View>
      {shownMessage && (
        <View className="card no-print" ariaRole="status">
          <Text className="t-body">{shownMessage}</Text>
        </View>
      )}
      {!codes && !shownMessage && <Text className="t-muted no-print">正在加载…</Text>}
      {codes && (
        <View className="print-sheet">
          <Text className="t-title print-sheet__head">
            {codes.communityName} {codes.grid.name} 入格二维码
          </Text>
          <View className="print-sheet__cells" ariaRole="list" ariaLabel={`${codes.grid.name}的入格二维码`}>
            <PrintCell card={codes.gridCode} />
            {codes.buildings.map((card) => (
              <PrintCell key={card.targetId} card={card} />
            ))}
          </View>
        </View>
      )}
    </Page>
  )
}
