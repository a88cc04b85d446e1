// Public surface of @silolab/exchange-service: what the exchange hub and department service apps share as Nest
// applications — the providers built from a service's settings (ExchangeServiceModule) and one way to start and stop
// a service process (runService). Loads NestJS: used by the service apps, not by the libs below them.
export * from './service.tokens';
export * from './exchange-service.module';
export * from './service-shutdown';
export * from './run-service';
export { SERVICE_METRICS_LINE, startServiceMetrics, type ServiceMetrics } from './service-metrics';
