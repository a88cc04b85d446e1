// The facilitator's token: `silolab serve` prints a URL carrying it in the fragment (`/#token=…`), which never
// reaches a server log or a Referer header. The page moves it to sessionStorage (this tab only, gone when it closes)
// and strips it from the address bar, so a projected or shared screen never shows it.

const STORAGE_KEY = 'silolab.facilitatorToken';

/** Takes `token` out of the location's fragment into sessionStorage; call once, before the first request. */
export function captureFacilitatorToken(location: Location = window.location, history: History = window.history): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) return;
  if (token) sessionStorage.setItem(STORAGE_KEY, token);
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
}

/** The token of this tab, or null (a projector or observer has none and needs none). */
export function facilitatorToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Forgets the token (the server refused it). */
export function forgetFacilitatorToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
