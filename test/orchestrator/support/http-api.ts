// Test support: calls to an orchestrator's REST API (with the test token), and waiting for a run to reach a status.
import { authorised } from './orchestrator-process';

/** A response: its status and parsed JSON body (null when empty). */
export interface ApiResponse {
  status: number;
  /** The JSON as it came: the tests assert on its shape. */
  body: any;
}

/** A client of the API at `base`: `api(method, path, body?, raw?)` (`raw`: a body sent as it is, e.g. broken JSON). */
export function apiClient(base: string): (method: string, path: string, body?: unknown, raw?: string) => Promise<ApiResponse> {
  return async (method, path, body, raw) => {
    const response = await fetch(base + path, {
      method,
      headers: body !== undefined || raw !== undefined ? authorised : { authorization: authorised.authorization },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** Polls `GET /api/runs/:id` until `done(run)` holds; rejects after `timeoutMs` with the last view. */
export async function waitForRun(base: string, id: string, done: (run: ApiResponse['body']) => boolean, timeoutMs = 120_000): Promise<ApiResponse['body']> {
  const api = apiClient(base);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api('GET', `/api/runs/${id}`);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`run ${id} did not get there within ${timeoutMs} ms: ${JSON.stringify(body).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A call to `base + path` with a bearer token of the caller's choosing (or none): a participant's seat token, a forged one. */
export async function callWithToken(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
