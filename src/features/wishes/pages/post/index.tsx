import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import {
  WISH_PHOTOS_MAX,
  WISH_TEXT_MAX,
  WISH_TITLE_MAX,
  wishPhotoPath,
  type WishKind,
} from '@core/wishes/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PhotoPicker } from '../../../../components/PhotoPicker'
import { SubmitButton } from '../../../../components/SubmitButton'
import { TextBox } from '../../../../components/TextBox'
import { callApi as callMain, failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { uploadPhoto } from '../../../../services/upload'
import type { PickedPhoto } from '../../../../services/upload-rules'
import { callApi, detailUrl } from '../../api'
import '../../wishes.scss'

const KINDS = [
  { id: 'need', name: '我有个心愿（需要帮助）' },
  { id: 'suggestion', name: '我有个建议（大家的事）' },
]
const FOR = [
  { id: 'me', name: '我自己的心愿' },
  { id: 'family', name: '替困难家庭代发' },
]

interface Problems {
  title?: string
  text?: string
  name?: string
  address?: string
  phone?: string
}

/**
 * 许个心愿: a need (with photos) or a suggestion for my grid; staff of the grid may post for a family
 * in difficulty (its name, address and phone are for staff and the claimant only). Checked by the
 * grid worker before it goes on the wall, without a name or a room. Idempotent on the draft's id.
 */
export default function PostWishPage() {
  const params = useRouter().params
  const gridId = params.gridId || undefined
  // The wall says whether the caller is staff over this grid (the function checks it again).
  const staff = gridId !== undefined && params.family === '1'
  const [kind, setKind] = useState<WishKind>('need')
  const [forWhom, setForWhom] = useState<'me' | 'family'>('me')
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [family, setFamily] = useState({ name: '', address: '', phone: '' })
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([])
  const [problem, setProblem] = useState<Problems>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef(newRequestId())
  const uploaded = useRef(new Map<string, string>())
  const onBehalf = staff && forWhom === 'family'

  const upload = async (): Promise<string[]> => {
    if (photos.length === 0) return []
    const me = (await callMain('me.profile', {})).userId
    const ids: string[] = []
    for (const [i, p] of photos.entries()) {
      const path = wishPhotoPath(me, requestId.current, i + 1)
      const key = `${p.path}→${path}`
      const id = uploaded.current.get(key) ?? (await uploadPhoto(p.path, path))
      uploaded.current.set(key, id)
      ids.push(id)
    }
    return ids
  }

  const submit = async () => {
    const p: Problems = {
      ...(title.trim() ? {} : { title: '请用一句话写下心愿，如“一台电饭锅”' }),
      ...(text.trim() ? {} : { text: '请说明需要什么、为什么' }),
      ...(onBehalf && !family.name.trim() ? { name: '请填写这户人家的姓名' } : {}),
      ...(onBehalf && !family.address.trim() ? { address: '请填写住址，只给认领人看' } : {}),
      ...(onBehalf && family.phone.trim() && !/^1\d{10}$/.test(family.phone.trim())
        ? { phone: '手机号应为 11 位数字' }
        : {}),
    }
    setProblem(p)
    if (Object.keys(p).length > 0) return
    setBusy(true)
    setMessage(null)
    try {
      const ids = await upload()
      const w = await callApi('wish.post', {
        requestId: requestId.current,
        kind,
        title: title.trim(),
        text: text.trim(),
        photos: ids,
        ...(gridId ? { gridId } : {}),
        ...(onBehalf
          ? {
              onBehalf: {
                name: family.name.trim(),
                address: family.address.trim(),
                ...(family.phone.trim() ? { phone: family.phone.trim() } : {}),
              },
            }
          : {}),
      })
      toast('已提交，等待核实')
      void Taro.redirectTo({ url: detailUrl(w.wishId) })
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const setF = (k: keyof typeof family) => (v: string) => {
    setFamily((f) => ({ ...f, [k]: v }))
    setProblem((p) => ({ ...p, [k]: undefined }))
  }

  return (
    <Page label="许个心愿">
      <View className="card" ariaRole="form" ariaLabel="心愿">
        <ChoiceList
          label="心愿还是建议"
          options={KINDS}
          selected={kind}
          onSelect={(o) => setKind(o.id as WishKind)}
        />
        {staff && (
          <ChoiceList
            label="为谁许愿"
            options={FOR}
            selected={forWhom}
            onSelect={(o) => setForWhom(o.id as 'me' | 'family')}
          />
        )}
        <Field
          label={kind === 'need' ? '心愿' : '建议'}
          value={title}
          maxlength={WISH_TITLE_MAX}
          placeholder={kind === 'need' ? '如：一台电饭锅' : '如：花园边加几张长椅'}
          error={problem.title ?? null}
          onInput={(v) => (setTitle(v), setProblem((p) => ({ ...p, title: undefined })))}
        />
        <Text className="t-body wish__label">说明</Text>
        <TextBox
          name="说明"
          className="wish__textarea"
          value={text}
          maxlength={WISH_TEXT_MAX}
          placeholder="需要什么、为什么，家里的情况（不会公开姓名和门牌）"
          onInput={(v) => (setText(v), setProblem((p) => ({ ...p, text: undefined })))}
        />
        {problem.text ? (
          <View ariaRole="alert">
            <Text className="t-muted">{problem.text}</Text>
          </View>
        ) : null}
        {onBehalf && (
          <>
            <Field
              label="姓名"
              value={family.name}
              maxlength={20}
              error={problem.name ?? null}
              onInput={setF('name')}
            />
            <Field
              label="住址"
              value={family.address}
              maxlength={60}
              placeholder="如：5号楼1单元101"
              error={problem.address ?? null}
              onInput={setF('address')}
            />
            <Field
              label="联系电话（选填）"
              value={family.phone}
              type="number"
              maxlength={11}
              error={problem.phone ?? null}
              onInput={setF('phone')}
            />
          </>
        )}
        <PhotoPicker
          photos={photos}
          onChange={setPhotos}
          busy={busy}
          setBusy={setBusy}
          onNotice={setMessage}
          max={WISH_PHOTOS_MAX}
        />
        <Text className="t-muted">
          提交后由网格员核实，再以匿名卡片公示在心愿墙；照片默认不公开。认领人认领后才能看到联系方式。
        </Text>
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        提交心愿
      </SubmitButton>
    </Page>
  )
}
