// The providers every exchange service process shares (hub and department services): its settings, key ring,
// Redis client, signed outboxes, tick store and rejection counter — built by factory providers from the settings.
import { Global, Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { countRejections, EvidenceLog, exchangeProtocol, faultCounter, faultCountsKey, MessageFaults, OpmonLog, OpmonRecorder, parseFaultsEnv, PermissionGrants, SignedOutboxes, TickStore, type ProtocolParts, type ServiceSettings, type SharedTransportOptions } from '@silolab/exchange';
import { connectionErrors, KeyRing } from '@silolab/protocol';
import Redis from 'ioredis';
import { ServiceShutdown } from './service-shutdown';
import { PROTOCOL_PARTS, REJECTIONS, SERVICE_REDIS, SERVICE_SETTINGS, SHARED_TRANSPORT } from './service.tokens';

/** The BullMQ options every inbox and outbox of a service shares (provided as SHARED_TRANSPORT), all of them set. */
export type ServiceTransportOptions = SharedTransportOptions & Required<Pick<SharedTransportOptions, 'prefix' | 'keepCompletedSeconds'>>;

/** Jobs a service keeps completed in its inboxes, in seconds (what a restarted hub reads its history from). */
const KEEP_COMPLETED_SECONDS = 600;

/** The prefix of the run's own keys: `<prefix>:<run>`. */
const runBase = (settings: ServiceSettings) => `${settings.SILOLAB_PREFIX}:${settings.SILOLAB_RUN}`;

/** `ExchangeServiceModule.forRoot({ name, settings })`: global, so each app's module injects what it needs. */
@Global()
@Module({})
export class ExchangeServiceModule {
  static forRoot(options: { name: string; settings: ServiceSettings }): DynamicModule {
    const { settings } = options;
    const providers: Provider[] = [
      { provide: SERVICE_SETTINGS, useValue: settings },
      { provide: Logger, useFactory: () => new Logger(options.name) },
      { provide: KeyRing, useFactory: () => KeyRing.fromEnv(settings.SILOLAB_RUN) },
      {
        provide: SHARED_TRANSPORT,
        inject: [KeyRing, SERVICE_REDIS],
        useFactory: (keyRing: KeyRing, redis: Redis): ServiceTransportOptions => {
          // A fault run: this process drops, copies and holds back messages as the run's keyed draws say (docs/protocols.md §4).
          const faults = settings.SILOLAB_FAULTS === undefined ? undefined : parseFaultsEnv(settings.SILOLAB_FAULTS);
          return {
            connection: { url: settings.REDIS_URL },
            run: settings.SILOLAB_RUN,
            keyRing,
            prefix: settings.SILOLAB_PREFIX,
            keepCompletedSeconds: KEEP_COMPLETED_SECONDS,
            faults: faults && new MessageFaults(faults.seed, faults.messages, faultCounter(redis, faultCountsKey(settings.SILOLAB_PREFIX, settings.SILOLAB_RUN))),
          };
        },
      },
      {
        provide: SERVICE_REDIS,
        inject: [Logger],
        useFactory: (logger: Logger) => new Redis(settings.REDIS_URL).on('error', (error: Error) => connectionErrors.report('redis', error.message, (line) => logger.error(line))),
      },
      { provide: SignedOutboxes, inject: [SHARED_TRANSPORT, Logger], useFactory: (shared: ServiceTransportOptions, logger: Logger) => new SignedOutboxes(shared, (message) => logger.error(message)) },
      {
        provide: TickStore,
        inject: [SERVICE_REDIS, KeyRing],
        useFactory: (redis: Redis, keyRing: KeyRing) => {
          const store = new TickStore(redis, keyRing, runBase(settings));
          // A message signed after a key rotation verifies once the rotation is taken up from the run's keys.
          keyRing.refreshWith(() => store.refreshKeys());
          return store;
        },
      },
      { provide: REJECTIONS, inject: [SERVICE_REDIS, Logger], useFactory: (redis: Redis, logger: Logger) => countRejections(redis, runBase(settings), (line) => logger.warn(line)) },
      {
        // The run's exchange protocol, with the permission grants and evidence log a collecting protocol needs.
        provide: PROTOCOL_PARTS,
        inject: [SERVICE_REDIS, KeyRing, SignedOutboxes],
        useFactory: (redis: Redis, keyRing: KeyRing, outboxes: SignedOutboxes): ProtocolParts => ({
          protocol: exchangeProtocol(settings.SILOLAB_PROTOCOL),
          grants: new PermissionGrants(redis, keyRing, runBase(settings)),
          evidence: new EvidenceLog(redis, runBase(settings), outboxes, keyRing),
        }),
      },
      // Each handled message's times and size, per exchange (runService listens; ServiceShutdown flushes the last).
      { provide: OpmonRecorder, useFactory: () => new OpmonRecorder(settings.SILOLAB_OPMON_CAP) },
      { provide: OpmonLog, inject: [SERVICE_REDIS], useFactory: (redis: Redis) => new OpmonLog(redis, runBase(settings)) },
      ServiceShutdown,
    ];
    return { module: ExchangeServiceModule, providers, exports: providers.filter((provider) => provider !== ServiceShutdown).map((provider) => ('provide' in provider ? provider.provide : provider)) };
  }
}
