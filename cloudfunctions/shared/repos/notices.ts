/**
 * The notices store (社区公告): this module is its public face. It only talks to the SDK; who may
 * publish, read and manage, and what a notice may hold, is src/core/notices/rules.ts. Its parts:
 * - `notices-base.ts`: loading, the card and the detail;
 * - `notices-read.ts`: residents' list, the home card, one notice and its read receipt;
 * - `notices-publish.ts`: publishing, editing, withdrawing;
 * - `notices-manage.ts`: the staff's lists and the places they may publish for;
 * - `notices-sweep.ts`: scheduled messages sent by the timer; `notices-privacy.ts`: me.data/me.delete.
 */
export { list, latest, get } from './notices-read'
export { type PublishInput, type EditInput, publish, edit, withdraw } from './notices-publish'
export { manage, options } from './notices-manage'
