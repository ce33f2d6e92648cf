/**
 * Status changes that take time (an endpoint Creating → InService, a job InProgress → Completed)
 * are scheduled as absolute times when the request that starts them is served, and applied lazily
 * from the request clock (`ctx.now`) whenever SageMaker state is read: no timers, nothing keeps
 * the process alive, and a restart in between changes nothing (the schedule is persisted state).
 */
import type { Progressing, Transition } from './state.ts';

/** Replaces what is still pending with new transitions. */
export function schedule(resource: Progressing, transitions: Transition[]): void {
  resource.transitions = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Applies the transitions due at `now`, oldest first, one at a time: each is removed, the status
 * and modification time updated, and then it is yielded, so the caller sees the resource exactly as
 * it was at that moment (what a state-change event must describe).
 */
export function* due(resource: Progressing, now: Date): Generator<Transition> {
  while (resource.transitions.length && resource.transitions[0]!.at <= now) {
    const next = resource.transitions.shift()!;
    if (next.status !== 'deleted') resource.status = next.status;
    resource.lastModifiedTime = next.at;
    yield next;
  }
}

/** Applies every due transition and returns them (for resources whose steps need no per-step view). */
export function takeDue(resource: Progressing, now: Date): Transition[] {
  return [...due(resource, now)];
}
