// The exchange-protocol conformance suite (exchange-protocol.conformance.ts) for the `negotiated` protocol.
import { describeProtocolConformance } from './exchange-protocol.conformance';

// A department killed mid-negotiation is this protocol's own risk (steps in flight between two departments). Its hub
// does exactly what `direct`'s does — issue grants, collect evidence when a tick closes — so the hub kill is left to
// exchange-protocol.direct.e2e-spec.ts.
describeProtocolConformance('negotiated', ['department']);
