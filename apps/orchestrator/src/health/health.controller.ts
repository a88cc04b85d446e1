// Health: the database answers a ping (terminus's TypeORM indicator on the persistence DataSource).
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Requires } from '../access/requires.decorator';

// Public and unthrottled: load balancers and monitors poll it without a token.
@ApiTags('health')
@Requires('public')
@SkipThrottle()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    // The DataSource comes from PersistenceModule, not @nestjs/typeorm, so it is passed explicitly.
    return this.health.check([() => this.database.pingCheck('database', { connection: this.dataSource }).withTimeout(3000)]);
  }
}
