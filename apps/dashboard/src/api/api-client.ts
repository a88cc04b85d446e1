// The one way the page talks HTTP to the orchestrator: JSON both ways, the facilitator's bearer token on every
// request when the tab has one (writes need it; so do reads on an orchestrator not on loopback), and every 4xx turned
// into an ApiError carrying the server's code and the paths of bad fields.
import type { ApiErrorBody, InputIssue } from './contracts';
import { facilitatorToken } from './facilitator-token';

/** An answer other than 2xx (or no answer). `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server wants the facilitator's token (missing or wrong). */
  get unauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** Sends a request to `path` (e.g. `/api/runs`); resolves with the parsed JSON body, rejects with an ApiError. */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, bearer?: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const write = method !== 'GET';
  if (write) headers['content-type'] = 'application/json';
  // A participant's page sends its seat token instead of the facilitator's.
  const token = bearer !== undefined ? bearer : facilitatorToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: write ? JSON.stringify(body ?? {}) : undefined, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, 'UNREACHABLE', `the orchestrator cannot be reached (${(error as Error).message})`);
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (response.ok) return parsed as T;
  const failure = (parsed ?? {}) as Partial<ApiErrorBody>;
  throw new ApiError(response.status, failure.code ?? failure.error ?? `HTTP_${response.status}`, failure.message ?? response.statusText, failure.issues ?? []);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
