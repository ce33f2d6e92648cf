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

/** Removes and returns the transitions due at `now`, oldest first, updating status and modification time. */
export function takeDue(resource: Progressing, now: Date): Transition[] {
  if (!resource.transitions.length || resource.transitions[0]!.at > now) return [];
  const due: Transition[] = [];
  while (resource.transitions.length && resource.transitions[0]!.at <= now) {
    const next = resource.transitions.shift()!;
    if (next.status !== 'deleted') resource.status = next.status;
    resource.lastModifiedTime = next.at;
    due.push(next);
  }
  return due;
}
