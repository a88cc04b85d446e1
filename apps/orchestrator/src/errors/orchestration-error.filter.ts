// Turns the run manager's expected failures into HTTP answers: 400 naming every bad field, 404, 409, 429, 503.
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { OrchestrationError, type OrchestrationErrorCode } from '@silolab/orchestration';

const STATUS: Record<OrchestrationErrorCode, [number, string]> = {
  INVALID_INPUT: [400, 'Bad Request'],
  RUN_NOT_FOUND: [404, 'Not Found'],
  INVALID_STATE: [409, 'Conflict'],
  TOO_MANY_RUNS: [429, 'Too Many Requests'],
  UNAVAILABLE: [503, 'Service Unavailable'],
};

/** Body: `{ statusCode, error, code, message, issues: [{ path, message }] }`. */
@Catch(OrchestrationError)
export class OrchestrationErrorFilter implements ExceptionFilter {
  catch(error: OrchestrationError, host: ArgumentsHost): void {
    const [statusCode, name] = STATUS[error.code];
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    response.status(statusCode).json({ statusCode, error: name, code: error.code, message: error.message.split('\n')[0], issues: error.issues });
  }
}
