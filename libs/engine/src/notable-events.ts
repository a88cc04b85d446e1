// The tick's notable events, for people watching a run: leaks and who was blamed, audits of refusals, escalations.
// Recording them draws no random number and changes no state: a run gives the same digest with or without readers.

/**
 * A leak of a delivered copy (phase 5). `detected` and `identified` (the leaker found) are the draws of the leak
 * phase; the penalties are what the liability regime made each party pay (both 0 for an undetected leak).
 */
export interface LeakEvent {
  owner: number;
  holder: number;
  dataset: number;
  detected: boolean;
  identified: boolean;
  ownerPenalty: number;
  holderPenalty: number;
}

/** An owner's refusal of an allowed request that was audited, and the penalty the owner paid for it. */
export interface AuditEvent {
  owner: number;
  requester: number;
  dataset: number;
  penalty: number;
}

/** A conditional-data (有条件共享) application past its deadline, escalated to a supervisor who granted it or not. */
export interface EscalationEvent {
  requester: number;
  owner: number;
  dataset: number;
  granted: boolean;
}

/** The notable events of one tick, each list in canonical order. Department and dataset fields are indices. */
export interface NotableEvents {
  leaks: LeakEvent[];
  audits: AuditEvent[];
  escalations: EscalationEvent[];
}

/**
 * Events kept per kind and tick. The tick's metrics count them all (`leaks`, `auditedRefusals`, `escalations`);
 * the lists name the first ones, so a tick of thousands of audits cannot make its report thousands of lines.
 */
export const NOTABLE_EVENTS_PER_KIND = 50;

/** Collects a tick's notable events, up to {@link NOTABLE_EVENTS_PER_KIND} of each kind. */
export class NotableEventLog {
  private events: NotableEvents = { leaks: [], audits: [], escalations: [] };

  leak(event: LeakEvent): void {
    if (this.events.leaks.length < NOTABLE_EVENTS_PER_KIND) this.events.leaks.push(event);
  }

  audit(event: AuditEvent): void {
    if (this.events.audits.length < NOTABLE_EVENTS_PER_KIND) this.events.audits.push(event);
  }

  escalation(event: EscalationEvent): void {
    if (this.events.escalations.length < NOTABLE_EVENTS_PER_KIND) this.events.escalations.push(event);
  }

  /** Hands over the events recorded since the last call and starts an empty log. */
  take(): NotableEvents {
    const events = this.events;
    this.events = { leaks: [], audits: [], escalations: [] };
    return events;
  }
}
