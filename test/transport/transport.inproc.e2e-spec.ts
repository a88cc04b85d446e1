// The transport conformance suite against the in-process transport.
import { describeTransportConformance } from './transport.conformance';

describeTransportConformance({ name: 'inproc', flags: ['--transport', 'inproc'] });
