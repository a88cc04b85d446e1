// Opens a plain ioredis connection from transport connection options (for SiloLab's own keys).
import Redis from 'ioredis';
import type { TransportConnection } from './transport-options';

/**
 * A new ioredis client for `connection` (URL and/or options), the same way BullMQ builds its own.
 * Callers must attach an `error` listener: ioredis emits connection errors as events.
 */
export function openRedis(connection: TransportConnection): Redis {
  const { url, ...options } = connection;
  return typeof url === 'string' ? new Redis(url, options) : new Redis(options);
}
