// The transport conformance suite against redis with a job per exchange hop (on the test Redis).
import { describeTransportConformance } from './transport.conformance';

describeTransportConformance({ name: 'redis/message', flags: ['--transport', 'redis', '--delivery', 'message'], redisUrl: process.env.REDIS_URL_TEST });
