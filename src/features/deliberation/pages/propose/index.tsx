import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { Field } from '../../../../components/Field'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { callApi } from '../../api'
import { usePlacePicker } from '../../components/PlacePicker'
import '../../deliberation.scss'

/**
 * 提出议题 (民事民提): a title, what it is about and the place it concerns (the whole grid, or some of
 * its buildings, mine among them). It is checked before anyone else sees it, then shown in the
 * grid's 议事厅; the place's households support it, the proposer's first.
 */
export default function ProposeTopicPage() {
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [problem, setProblem] = useState<{ title?: string; text?: string }>({})
  // One request id per draft: a retry after a lost answer lands on the same topic.
  const requestId = useRef(newRequestId())
  const place = usePlacePicker(setMessage)

  const submit = async () => {
    const p = {
      ...(title.trim() ? {} : { title: '请填写议题标题' }),
      ...(text.trim() ? {} : { text: '请说明是什么事、为什么要议' }),
    }
    setProblem(p)
    if (p.title || p.text) return
    if (place.loading) return setMessage('楼栋还在加载，请稍候')
    setBusy(true)
    setMessage(null)
    try {
      const t = await callApi('topic.propose', {
        requestId: requestId.current,
        title: title.trim(),
        text: text.trim(),
        ...(place.buildingIds ? { buildingIds: [...place.buildingIds] } : {}),
      })
      void Taro.showToast({ title: '议题已提出', icon: 'success' })
      void Taro.redirectTo({ url: `/features/deliberation/pages/topic/index?id=${t.id}` })
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page label="提出议题">
      <View className="card" ariaRole="form" ariaLabel="议题">
        <Field
          label="议题标题"
          value={title}
          maxlength={40}
          placeholder="如：在3号楼旁安装充电桩"
          error={problem.title ?? null}
          onInput={(v) => (setTitle(v), setProblem((p) => ({ ...p, title: undefined })))}
        />
        <Text className="t-body topic__label">说明</Text>
        <Textarea
          className="topic__textarea t-body"
          value={text}
          maxlength={1000}
          placeholder="是什么事、影响了谁、你的想法"
          ariaLabel="说明"
          nativeProps={{ 'aria-label': '说明' }}
          onInput={(e) => (setText(e.detail.value), setProblem((p) => ({ ...p, text: undefined })))}
        />
        {problem.text ? (
          <View ariaRole="alert">
            <Text className="t-muted">{problem.text}</Text>
          </View>
        ) : null}
        {place.fields}
        <Text className="t-muted">
          {place.wholeGrid ? '本网格' : '所选楼栋'}足够多的住户支持后即可立项。内容会先经过安全检查。
        </Text>
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        提交议题
      </SubmitButton>
    </Page>
  )
}
