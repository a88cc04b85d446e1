// GET /metrics: the orchestrator's Prometheus metrics in the text exposition format. A read like the run API's: open
// on a loopback host, needing the token elsewhere (Prometheus sends it with `authorization: { credentials_file }`).
import { Controller, Get, Header, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { RunManager } from '@silolab/orchestration';
import { runMetrics } from './run-metrics';

/** The registry of this orchestrator, fed by its run manager's events. */
@Injectable()
export class OrchestratorMetrics implements OnModuleDestroy {
  readonly registry;
  private readonly close: () => void;

  constructor(@Inject(RunManager) manager: RunManager) {
    ({ registry: this.registry, close: this.close } = runMetrics(manager));
  }

  onModuleDestroy(): void {
    this.close();
  }
}

// Unthrottled like health: monitors poll it.
@ApiTags('monitoring')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(OrchestratorMetrics) private readonly metrics: OrchestratorMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
