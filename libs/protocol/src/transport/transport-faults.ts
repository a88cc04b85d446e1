// The port through which faults are injected where messages enter and leave Redis (docs/protocols.md §4).

/** What happens to one message as it is queued. */
export interface SendFault {
  /** Hold the job back this long before its recipient may take it (BullMQ's `delay`), ms; 0: none. */
  delayMs: number;
  /** Queue a copy under another job id, this many ms after the original; null: no copy. */
  copyAfterMs: number | null;
}

/** What is counted while faults are injected: the faults themselves, and what the consumers survived. */
export type FaultCount = 'dropped' | 'duplicated' | 'delayed' | 'reordered' | 'redelivered' | 'duplicateDropped' | 'duplicateHandled';

/**
 * Decides the faults of each message. Every decision is a pure function of the message id and the delivery attempt
 * (keyed random numbers), so a faulty run is itself reproducible. Implemented by `@silolab/exchange` (MessageFaults).
 */
export interface TransportFaults {
  /** Faults of message `messageId` as it is queued. */
  onSend(messageId: string): SendFault;
  /** True: this delivery of message `messageId` is lost (the job fails and BullMQ's retry redelivers it). */
  dropsDelivery(messageId: string, attempt: number, attempts: number): boolean;
  /** Whether copies are made (every delivery then reads the processed mark). */
  readonly duplicates: boolean;
  /** Counts `event`; with a `member`, counts it once per distinct member (a message sent again is not a new fault). */
  count(event: FaultCount, member?: string): void;
}

/** The job id of the copy of a job: distinct, so BullMQ does not de-duplicate it and the inbox's marks must. */
export function copyJobId(jobId: string): string {
  return `${jobId}.copy`;
}

/** True for a copy made by {@link copyJobId}. */
export function isCopyJobId(jobId: string | undefined): boolean {
  return jobId !== undefined && jobId.endsWith('.copy');
}
