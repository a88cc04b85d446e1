// The exchange-protocol conformance suite (exchange-protocol.conformance.ts) for the `negotiated` protocol.
import { describeProtocolConformance } from './exchange-protocol.conformance';

describeProtocolConformance('negotiated');
