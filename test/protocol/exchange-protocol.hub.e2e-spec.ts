// The exchange-protocol conformance suite (exchange-protocol.conformance.ts) for the `hub` protocol.
import { describeProtocolConformance } from './exchange-protocol.conformance';

describeProtocolConformance('hub');
