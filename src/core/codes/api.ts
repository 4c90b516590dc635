/** Building and grid invite codes as admins manage them (resolving a scanned code is `code.resolve`). */
export const codeActions = {}
