import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LIMITS } from '@core/lending/model'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import type { PickedPhoto } from '../../../../services/upload-rules'
import { callApi, LendingPages } from '../../api'
import { PhotoPick, usePhotoUpload } from '../../components/PhotoPick'
import '../../lending.scss'

/**
 * 捐赠工具: a resident offers a tool to the 百宝屋 (what it is and its state, up to 3 photos). The
 * text passes content security; community staff look at it and accept it into the inventory (the
 * donor earns 志愿积分) or decline it with a reason.
 */
export default function DonatePage() {
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const upload = usePhotoUpload(() => requestId.current)

  const submit = async () => {
    if (!text.trim()) return setMessage('请说明要捐赠什么')
    setBusy(true)
    setMessage(null)
    try {
      const fileIds = await upload(photos)
      const d = await callApi('lending.donate', {
        text: text.trim(),
        photos: fileIds,
        requestId: requestId.current,
      })
      toast('已提交')
      void Taro.redirectTo({ url: LendingPages.donation(d.donationId) })
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page className="lend" label="捐赠工具">
      <View className="card" ariaRole="form" ariaLabel="捐赠">
        <Text className="t-body lend__label">捐赠什么</Text>
        <Textarea
          className="lend__textarea t-body"
          value={text}
          maxlength={LIMITS.donation}
          placeholder="如：九成新的电钻一把，带两块电池"
          ariaLabel="捐赠什么"
          nativeProps={{ 'aria-label': '捐赠什么' }}
          onInput={(e) => setText(e.detail.value)}
        />
        <PhotoPick
          label="照片"
          max={LIMITS.donationPhotos}
          photos={photos}
          onChange={setPhotos}
          onNotice={setMessage}
        />
        <Text className="t-muted">社区工作人员审核后收入百宝屋，您将获得志愿积分。</Text>
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        提交捐赠
      </SubmitButton>
    </Page>
  )
}
