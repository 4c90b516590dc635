import type { codeActions } from '../../../../src/core/codes/api'
import type { RoutesFor } from '../../../shared/kit'

/** Building and grid invite codes: list, mini-program code images, regenerate. */
export const codeRoutes: RoutesFor<typeof codeActions> = {}
