// Health: the database answers a ping (terminus's TypeORM indicator on the persistence DataSource) and no query has
// met damaged data since start-up; otherwise 503 with the reason.
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { DATABASE, type Database } from '@silolab/persistence';
import { Requires } from '../access/requires.decorator';

// Public and unthrottled: load balancers and monitors poll it without a token.
@ApiTags('health')
@Requires('public')
@SkipThrottle()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ping: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => {
        const damage = this.database.condition.damage;
        if (damage) return this.indicator.check('database').down({ message: `damaged: ${damage}; restore a backup (docs/persistence.md#backups)` });
        // The DataSource comes from PersistenceModule, not @nestjs/typeorm, so it is passed explicitly.
        return this.ping.pingCheck('database', { connection: this.database.dataSource }).withTimeout(3000);
      },
    ]);
  }
}
