import { View } from '@tarojs/components'
import type { VoteView } from '@core/deliberation/api'
import { ChoiceLabel, Choices, type BallotChoice } from '@core/deliberation/model'
import { Button } from '../../../components/ui'

/** `ballot.cast`'s input for a choice: an option's index, or 同意/不同意/弃权. */
export const castInput = (c: BallotChoice) => (typeof c === 'number' ? { option: c } : { choice: c })

/** The big buttons of a ballot: one per option and 弃权, or 同意/不同意/弃权 (elder mode: 60×60 targets). */
export function ballotChoices(options: readonly string[] | null): { id: BallotChoice; label: string }[] {
  if (!options?.length) return Choices.map((c) => ({ id: c, label: ChoiceLabel[c] }))
  return [...options.map((label, i) => ({ id: i as BallotChoice, label })), { id: 'abstain', label: '弃权' }]
}

/**
 * A household's ballot: one big button per choice, under the rule sentence the page shows above
 * it. The household's last ballot counts, so tapping again replaces it.
 */
export function BallotButtons(props: {
  readonly vote: Pick<VoteView, 'options'>
  readonly busy: boolean
  readonly onVote: (choice: BallotChoice) => void
}) {
  return (
    <View className="topic__ballot" ariaRole="group" ariaLabel="投票">
      {ballotChoices(props.vote.options).map((c) => (
        <Button
          key={String(c.id)}
          className="btn topic__choice"
          block
          disabled={props.busy}
          onClick={() => props.onVote(c.id)}
        >
          {c.label}
        </Button>
      ))}
    </View>
  )
}
