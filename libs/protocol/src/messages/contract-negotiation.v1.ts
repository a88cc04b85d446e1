// Body of `contract.negotiation.v1`: one step of a contract negotiation (Dataspace Protocol) for one exchange request.
import { z } from 'zod';
import { exchangeRequestV1Body } from './exchange-request.v1';

/** Wire type of a contract-negotiation step (the `negotiated` exchange protocol). */
export const CONTRACT_NEGOTIATION_V1 = 'contract.negotiation.v1' as const;

/**
 * The states of a contract negotiation, as the Dataspace Protocol names them (Eclipse EDC implements it): the
 * consumer (requester) moves it to REQUESTED, ACCEPTED and VERIFIED, the provider (owner) to OFFERED, AGREED and
 * FINALIZED; TERMINATED ends it without data. A message carries the state its sender moves the negotiation to.
 */
export const NEGOTIATION_STATES = ['REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED', 'TERMINATED'] as const;

/** A state of a contract negotiation. */
export type NegotiationStateName = (typeof NEGOTIATION_STATES)[number];

/**
 * Body of `contract.negotiation.v1`: the request it is about (the fields of `exchange.request.v1`, so every step is
 * self-contained and a redelivered or late step is judged without memory of earlier ones), and:
 * - `state`: the state the sender moves the negotiation to;
 * - `decision`, `reason`: the exchange's terminal outcome on FINALIZED and TERMINATED (names of @silolab/model's
 *   DECISIONS and REASONS), null otherwise;
 * - `replyDue`: for conditional data (有条件共享) without an agreement in force, the day (tick) by which the owner
 *   must answer the agreement application — opened by this termination, or pending — else null;
 * - `escalated`: the application is past its reply deadline (it goes to a supervisor at this day's close unless the
 *   owner answers), or the agreement the offer rests on was granted by that escalation.
 */
export const contractNegotiationV1Body = exchangeRequestV1Body.extend({
  state: z.enum(NEGOTIATION_STATES),
  decision: z.string().min(1).nullable(),
  reason: z.string().min(1).nullable(),
  replyDue: z.number().int().min(0).nullable(),
  escalated: z.boolean(),
});

/** A validated `contract.negotiation.v1` body. */
export type ContractNegotiationV1Body = z.infer<typeof contractNegotiationV1Body>;
