// What the desks of protocols whose departments talk to each other directly (`direct`, `negotiated`) share.
import { departmentIdentity, departmentIndexOf } from '../department-identity';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from '../identities';
import { Outgoing, type Parcel, type RequestRows } from '../exchange-rows';
import type { WireRejection } from '../exchange-wire';
import { idOf, notHere, onlyNewFromOrchestrator, rejectAll } from '../owner-desk';
import type { DepartmentDesk, DepartmentDeskContext, DepartmentDeskResult } from './exchange-protocol';

/**
 * A department desk whose requester sends each new request straight to the owner's endpoint and signs evidence of it
 * for the hub. Subclasses say what the first message to the owner is (`toOwner`) and how the owner answers.
 */
export abstract class PeerDesk implements DepartmentDesk {
  /** Transport identity of each department, made once per desk. */
  private readonly identities: string[] = [];

  constructor(protected readonly context: DepartmentDeskContext) {}

  /** True when this process hosts `identity`. */
  protected hosts(identity: string): boolean {
    return this.context.hosted.has(departmentIndexOf(identity));
  }

  /** The transport identity of department `index`. */
  protected identity(index: number): string {
    return (this.identities[index] ??= departmentIdentity(index));
  }

  /** Puts row k of `rows`, a new request, into `owner`'s parcel as the protocol's first message to the owner. */
  protected abstract toOwner(owner: Parcel, rows: RequestRows, k: number): void;

  async forward(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    if (from !== ORCHESTRATOR_IDENTITY || !this.hosts(self)) return rejectAll(tick, rows, onlyNewFromOrchestrator(self, from));
    const { wire } = this.context.rules.builtFor(tick) ?? (await this.context.rules.rulesFor(tick));
    const result = { outgoing: new Outgoing(tick, wire), rejected: [] as WireRejection[], evidence: new Outgoing(tick, wire) };
    const sent = result.evidence.to(HUB_IDENTITY).requests;
    const selfIndex = departmentIndexOf(self);
    for (let k = 0; k < rows.length; k++) {
      if (rows.requester[k] !== selfIndex) {
        result.rejected.push(notHere(idOf(tick, rows, k), self, 'requester'));
        continue;
      }
      this.toOwner(result.outgoing.to(this.identity(rows.owner[k])), rows, k);
      sent.push(rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]);
    }
    return result;
  }

  abstract decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult>;
}
