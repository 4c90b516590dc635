import { Switch, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { WishDetail, WishHelper } from '@core/wishes/api'
import {
  EXPIRE_DAYS,
  GROUP_NAME_MAX,
  POINTS_MAX,
  ShowLevelLabel,
  ShowLevels,
  WISH_PHOTOS_MAX,
  WISH_STORY_MAX,
  WISH_TEXT_MAX,
  fulfilPhotoPath,
  type NameShow,
  type ShowLevel,
} from '@core/wishes/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { PhotoPicker } from '../../../components/PhotoPicker'
import { StepForm } from '../../../components/StepForm'
import { TextBox } from '../../../components/TextBox'
import { callApi as callMain } from '../../../services/cloud'
import { uploadPhoto } from '../../../services/upload'
import type { PickedPhoto } from '../../../services/upload-rules'
import { callApi } from '../api'

type Run = (call: () => Promise<WishDetail>, done: string) => Promise<void>

interface FormProps {
  readonly wish: WishDetail
  readonly busy: boolean
  readonly run: Run
  readonly onBack: () => void
}

const SHOWS = ShowLevels.map((s) => ({ id: s, name: ShowLevelLabel[s] }))

/** 核实公示 (staff): how much of the place the card shows, the card's text (leave out who it is), points, days, photos. */
export function PublishForm({ wish, busy, run, onBack }: FormProps) {
  const [show, setShow] = useState<ShowLevel>('grid')
  const [text, setText] = useState(wish.text ?? '')
  const [points, setPoints] = useState(wish.kind === 'need' ? '10' : '0')
  const [days, setDays] = useState(String(EXPIRE_DAYS.default))
  const [showPhotos, setShowPhotos] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = () => {
    const p = Number(points)
    const d = Number(days)
    if (!text.trim()) return setProblem('请填写公示内容')
    if (!Number.isInteger(p) || p < 0 || p > POINTS_MAX) return setProblem(`积分应为 0–${POINTS_MAX} 的整数`)
    if (!Number.isInteger(d) || d < EXPIRE_DAYS.min || d > EXPIRE_DAYS.max)
      return setProblem(`有效期应为 ${EXPIRE_DAYS.min}–${EXPIRE_DAYS.max} 天`)
    setProblem(null)
    void run(
      () =>
        callApi('wish.publish', {
          wishId: wish.wishId,
          show,
          publicText: text.trim(),
          ...(wish.kind === 'need' ? { points: p, expireDays: d } : {}),
          showPhotos,
        }),
      '已核实，心愿已上墙公示',
    )
  }
  return (
    <StepForm
      label="核实公示"
      submit="核实并公示"
      busy={busy}
      onSubmit={submit}
      onBack={onBack}
      problem={problem}
    >
      <ChoiceList
        label="公示的位置"
        options={SHOWS}
        selected={show}
        onSelect={(o) => setShow(o.id as ShowLevel)}
      />
      <Text className="t-body wish__label">公示内容（请去掉姓名、门牌等能认出这户人家的信息）</Text>
      <TextBox
        name="公示内容"
        className="wish__textarea"
        value={text}
        maxlength={WISH_TEXT_MAX}
        onInput={setText}
      />
      {wish.kind === 'need' && (
        <>
          <Field label="实现后发放积分" value={points} type="number" maxlength={3} onInput={setPoints} />
          <Field
            label="公示天数"
            value={days}
            type="number"
            maxlength={2}
            hint="到期无人认领会提醒您"
            onInput={setDays}
          />
        </>
      )}
      {wish.photos.length > 0 && (
        <View className="wish__actions">
          <Text className="t-body">公开照片</Text>
          <Switch checked={showPhotos} ariaLabel="公开照片" onChange={(e) => setShowPhotos(e.detail.value)} />
        </View>
      )}
    </StepForm>
  )
}

/** 认领 (a helper): alone, or as a group of the grid's helpers with a name (组团认领). */
export function ClaimForm({ wish, busy, run, onBack }: FormProps) {
  const [group, setGroup] = useState(false)
  const [name, setName] = useState('')
  const [helpers, setHelpers] = useState<readonly WishHelper[] | null>(null)
  const [picked, setPicked] = useState<readonly string[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (group && helpers === null)
      callApi('wish.helpers', { wishId: wish.wishId }).then(
        (r) => setHelpers(r.helpers),
        () => setHelpers([]),
      )
  }, [group, helpers, wish.wishId])
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))
  const submit = () => {
    if (group && (!name.trim() || picked.length === 0))
      return setProblem('请填写团队名称，并至少选择一位同伴')
    setProblem(null)
    void run(
      () =>
        callApi('wish.claim', {
          wishId: wish.wishId,
          ...(group ? { group: { name: name.trim(), memberIds: [...picked] } } : {}),
        }),
      '认领成功，请尽快联系并帮TA实现心愿',
    )
  }
  return (
    <StepForm
      label="认领心愿"
      submit="确认认领"
      busy={busy}
      onSubmit={submit}
      onBack={onBack}
      problem={problem}
    >
      <ChoiceList
        label="怎么认领"
        options={[
          { id: 'solo', name: '我一个人认领' },
          { id: 'group', name: '组团认领' },
        ]}
        selected={group ? 'group' : 'solo'}
        onSelect={(o) => setGroup(o.id === 'group')}
      />
      {group && (
        <>
          <Field
            label="团队名称"
            value={name}
            maxlength={GROUP_NAME_MAX}
            placeholder="如：区税务局党支部"
            onInput={setName}
          />
          <Text className="t-body wish__label">同伴（本网格的帮办人）</Text>
          {helpers === null && <Text className="t-muted">正在加载…</Text>}
          <View className="wish__members" ariaRole="group" ariaLabel="同伴">
            {(helpers ?? []).map((h) => (
              <View
                key={h.userId}
                className={
                  picked.includes(h.userId) ? 'wish__member btn wish__member--on' : 'wish__member btn'
                }
                ariaRole="checkbox"
                {...({ ariaChecked: picked.includes(h.userId) } as object)}
                onClick={() => toggle(h.userId)}
              >
                {h.name}
              </View>
            ))}
          </View>
        </>
      )}
      <Text className="t-muted">认领后您会看到这户人家的联系方式（仅用于实现心愿，查看会被记录）。</Text>
    </StepForm>
  )
}

/** 提交实现 (the claimant): at least one photo of it, and a note. */
export function FulfilForm({ wish, busy, run, onBack }: FormProps) {
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([])
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  const uploaded = useRef(new Map<string, string>())
  const submit = () => {
    if (photos.length === 0) return setProblem('请上传至少一张实现心愿的照片')
    setProblem(null)
    void run(async () => {
      const me = (await callMain('me.profile', {})).userId
      const ids: string[] = []
      for (const [i, p] of photos.entries()) {
        const path = fulfilPhotoPath(me, wish.wishId, i + 1)
        const key = `${p.path}→${path}`
        const id = uploaded.current.get(key) ?? (await uploadPhoto(p.path, path))
        uploaded.current.set(key, id)
        ids.push(id)
      }
      return callApi('wish.fulfil', {
        wishId: wish.wishId,
        photos: ids,
        ...(note.trim() ? { note: note.trim() } : {}),
      })
    }, '已提交，等待居民确认')
  }
  return (
    <StepForm
      label="心愿已实现"
      submit="提交"
      busy={busy || picking}
      onSubmit={submit}
      onBack={onBack}
      problem={problem}
    >
      <PhotoPicker
        label="实现心愿的照片"
        required
        photos={photos}
        onChange={setPhotos}
        busy={picking}
        setBusy={setPicking}
        onNotice={setProblem}
        max={WISH_PHOTOS_MAX}
      />
      <Text className="t-body wish__label">说明（选填）</Text>
      <TextBox name="说明" className="wish__textarea" value={note} maxlength={200} onInput={setNote} />
    </StepForm>
  )
}

/** 确认实现 (the resident, or staff for them): closes it, pays the points, posts the story as chosen. */
export function ConfirmForm({ wish, busy, run, onBack }: FormProps) {
  const [show, setShow] = useState<NameShow>('hidden')
  const [story, setStory] = useState('')
  return (
    <StepForm
      label="确认心愿已实现"
      submit="确认已实现"
      busy={busy}
      onSubmit={() =>
        void run(
          () =>
            callApi('wish.confirm', {
              wishId: wish.wishId,
              showName: show,
              ...(story.trim() ? { story: story.trim() } : {}),
            }),
          wish.points > 0 ? `已确认，${wish.points} 积分已发给认领人` : '已确认，谢谢邻里的温暖',
        )
      }
      onBack={onBack}
    >
      <Text className="t-body wish__label">想对帮忙的人说的话（选填，会公开在心愿墙）</Text>
      <TextBox
        name="感谢的话"
        className="wish__textarea"
        value={story}
        maxlength={WISH_STORY_MAX}
        onInput={setStory}
      />
      <ChoiceList
        label="心愿墙上怎么称呼您"
        options={[
          { id: 'hidden', name: '一位居民（不显示姓氏）' },
          { id: 'surname', name: '只显示姓氏，如 王**' },
        ]}
        selected={show}
        onSelect={(o) => setShow(o.id as NameShow)}
      />
    </StepForm>
  )
}

/** A move that needs a reason: decline (staff), redo (resident or staff), release (optional). */
export function ReasonForm(
  props: FormProps & {
    readonly move: 'decline' | 'redo' | 'release'
    readonly label: string
    readonly submit: string
    readonly done: string
    readonly optional?: boolean
  },
) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <StepForm
      label={props.label}
      submit={props.submit}
      busy={props.busy}
      problem={problem}
      onSubmit={() => {
        if (!props.optional && !reason.trim()) return setProblem('请说明原因')
        setProblem(null)
        void props.run(
          () =>
            callApi('wish.move', {
              wishId: props.wish.wishId,
              move: props.move,
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            }),
          props.done,
        )
      }}
      onBack={props.onBack}
    >
      <Text className="t-body wish__label">{props.optional ? '原因（选填）' : '原因'}</Text>
      <TextBox name="原因" className="wish__textarea" value={reason} maxlength={100} onInput={setReason} />
    </StepForm>
  )
}
