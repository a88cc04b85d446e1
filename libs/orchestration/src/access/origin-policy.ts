// Which browser origins may call the orchestrator: its own, and those the operator lists (`--cors-origin`).

/**
 * True when a request may go on as far as its `Origin` header goes: no header (not a browser, or a same-origin GET),
 * the orchestrator's own origin (the header's host equals the `Host` the request was sent to), or an allowed origin.
 * A page on any other site is refused, whatever it sends.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Checks a `--cors-origin` value: a scheme, a host and at most a port (`https://dashboard.example:8443`). */
export function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`expected an origin such as https://dashboard.example, got "${value}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) throw new Error(`expected an origin (scheme://host[:port], no path), got "${value}"`);
  return url.origin;
}
