// The transport conformance suite against redis with a tick's messages batched per department; REDIS_URL unset, so
// the command starts its own redis-server.
import { describeTransportConformance } from './transport.conformance';

describeTransportConformance({ name: 'redis/tick', flags: ['--transport', 'redis', '--delivery', 'tick'], redisUrl: null });
