/**
 * Joining a grid in the store (src/core/join): this module is its public face; each part lives next
 * door:
 * - `join-base.ts`: the collection, the applicant's view of a request, their latest request;
 * - `join-places.ts`: a scanned code's place (code.resolve) and the manual picker (join.options);
 * - `join-admit.ts`: the household at a unit and room, and admitting the applicant into it;
 * - `join-apply.ts`: the applicant's side: my request, submit (admitted at once under `auto`), cancel;
 * - `join-decide.ts`: the deciders' side: the inbox and approve or reject.
 * Who is told of a pending request: src/core/join/effects.ts, carried out by the one dispatcher
 * (../outbox.ts).
 */
export { latestJoin } from './join-base'
export { resolveCode, options } from './join-places'
export { type SubmitInput, mine, submit, cancel } from './join-apply'
export { inbox, decide } from './join-decide'
