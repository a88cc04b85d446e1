// Injection tokens of what every exchange service process shares (the rest are provided under their classes:
// KeyRing, SignedOutboxes, TickStore, Logger).

/** The validated {@link ServiceSettings} of the process. */
export const SERVICE_SETTINGS = Symbol('silolab.service.settings');
/** The process's ioredis client for SiloLab's own keys (tick state, rejection counts). */
export const SERVICE_REDIS = Symbol('silolab.service.redis');
/** The BullMQ options every inbox and outbox of the process shares (the identity is added per inbox / outbox). */
export const SHARED_TRANSPORT = Symbol('silolab.service.transport');
/** The {@link RejectionSink} that warns and counts refused messages by code. */
export const REJECTIONS = Symbol('silolab.service.rejections');
/** The run's exchange protocol and what it needs ({@link ProtocolParts} of @silolab/exchange). */
export const PROTOCOL_PARTS = Symbol('silolab.service.protocol');
