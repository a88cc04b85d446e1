// A query that met damaged data answers 503 naming the problem (not a bare 500); health reports the damage too.
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseDamage } from '@silolab/persistence';
import { QueryFailedError } from 'typeorm';

/** Body: `{ statusCode: 503, error, code: 'DATABASE_DAMAGED', message }`; other query failures stay 500s. */
@Catch(QueryFailedError)
export class DatabaseErrorFilter implements ExceptionFilter {
  catch(error: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (!isDatabaseDamage(error)) {
      response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'the database refused a query; see the orchestrator log' });
      process.stderr.write(`silolab orchestrator: ${error.message}\n`);
      return;
    }
    response.status(503).json({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_DAMAGED', message: `the database is damaged (${error.message}); see /api/health and docs/persistence.md#backups` });
  }
}
