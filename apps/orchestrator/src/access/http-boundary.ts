// Express middleware in front of every route: what a request must look like before Nest parses or routes it.
import { bearerToken, originAllowed, type ApiAccess } from '@silolab/orchestration';

interface Request {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}
type Next = () => void;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const header = (request: Request, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
const refuse = (response: Response, statusCode: number, error: string, code: string, message: string) => response.status(statusCode).json({ statusCode, error, code, message });

/**
 * Writes (any method but GET, HEAD, OPTIONS) carry JSON or nothing: a body of another type (an HTML form's
 * urlencoded, multipart or text/plain) is refused with 415 before any parser runs, which also closes cross-site form
 * posts. A write from a page of another origin than the orchestrator's own or the allowed ones gets 403.
 */
export function writeBoundary(allowedOrigins: readonly string[]) {
  return (request: Request, response: Response, next: Next): void => {
    if (READ_METHODS.has(request.method)) return next();
    const type = header(request, 'content-type');
    const length = header(request, 'content-length');
    const hasBody = (length !== undefined && length !== '0') || header(request, 'transfer-encoding') !== undefined;
    const mediaType = type?.split(';')[0].trim().toLowerCase();
    if (type !== undefined ? mediaType !== 'application/json' : hasBody) {
      return refuse(response, 415, 'Unsupported Media Type', 'UNSUPPORTED_MEDIA_TYPE', `write requests take a JSON body (Content-Type: application/json), got ${type === undefined ? 'a body without a Content-Type' : JSON.stringify(type.slice(0, 80))}`);
    }
    if (!originAllowed(header(request, 'origin'), header(request, 'host'), allowedOrigins)) {
      return refuse(response, 403, 'Forbidden', 'FORBIDDEN_ORIGIN', `requests from the page at ${JSON.stringify(header(request, 'origin')?.slice(0, 100))} are not allowed (allow an origin with silolab serve --cors-origin)`);
    }
    next();
  };
}

/** The OpenAPI docs (`/api/docs`, `/api/docs-json`) follow the read rule: behind the token on a non-loopback host. */
export function docsAccess(access: ApiAccess) {
  return (request: Request, response: Response, next: Next): void => {
    const decision = access.decide('runs:read', bearerToken(request.headers.authorization));
    if (decision.allowed) return next();
    response.setHeader('WWW-Authenticate', 'Bearer realm="silolab"');
    refuse(response, decision.status, decision.status === 401 ? 'Unauthorized' : 'Forbidden', decision.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', decision.message);
  };
}
