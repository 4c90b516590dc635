import type { guideActions } from '../../../../src/core/guide/api'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/guide'
import { callerOpenId } from '../../../shared/sdk'

const now = () => new Date()
const secure = async (text: string) => {
  await checkText(callerOpenId(), text, SecScene.forum)
}

const routes: RoutesFor<typeof guideActions> = {
  'guide.list': (input, ctx) => store.list(ctx.actor, input),
  'guide.get': (input, ctx) => store.get(ctx.actor, input),
  'guide.save': (input, ctx) => store.save(ctx, input, now(), secure),
  'guide.remove': (input, ctx) => store.remove(ctx, input),
}

/** The guide stores nothing about a person but who last edited an entry (staff, an internal id). */
export const guideServer = defineServerFeature({ name: 'guide', routes })
