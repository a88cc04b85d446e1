// The global guard: every route is checked against the access rules (bearer token → role → permission) before it runs.
import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, type ApiAccess, type Permission, type Principal } from '@silolab/orchestration';
import { API_ACCESS } from './api-access.token';
import { REQUIRES } from './requires.decorator';

interface HttpRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** Who presented the token (null: none needed); seat routes read the participant's seat from it. */
  principal?: Principal | null;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Answers 401 (no or unknown token, with `WWW-Authenticate: Bearer`) or 403 (a token whose role lacks the permission).
 * Body: `{ statusCode, error, code, message }` like the run API's other errors.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_ACCESS) private readonly access: ApiAccess,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const declared = this.reflector.getAllAndOverride<Permission | 'public' | undefined>(REQUIRES, [context.getHandler(), context.getClass()]);
    const needed = declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'runs:read' : 'runs:control');
    if (needed === 'public') return true;
    const decision = this.access.decide(needed, bearerToken(request.headers.authorization));
    if (decision.allowed) {
      request.principal = decision.principal;
      return true;
    }
    if (decision.status === 401) context.switchToHttp().getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="silolab"');
    const [error, code] = decision.status === 401 ? ['Unauthorized', 'UNAUTHENTICATED'] : ['Forbidden', 'FORBIDDEN'];
    throw new HttpException({ statusCode: decision.status, error, code, message: decision.message }, decision.status);
  }
}
