// The exchange-protocol conformance suite (exchange-protocol.conformance.ts) for the `direct` protocol.
import { describeProtocolConformance } from './exchange-protocol.conformance';

describeProtocolConformance('direct');
