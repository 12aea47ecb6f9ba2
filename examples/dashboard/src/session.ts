/**
 * The signed-in token lives in sessionStorage: it survives a reload but not closing the tab, and
 * is never written anywhere else.
 */

const TOKEN_KEY = 'jiceng.dashboard.token';

export function storedToken(storage: Storage): string | undefined {
  const token = storage.getItem(TOKEN_KEY);
  return token === null || token === '' ? undefined : token;
}

export function storeToken(storage: Storage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

export function clearToken(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}

/** What a user pastes: the bare token, or the whole `Authorization: Bearer …` line. */
export function normaliseToken(pasted: string): string {
  return pasted
    .trim()
    .replace(/^authorization:\s*/i, '')
    .replace(/^bearer\s+/i, '')
    .trim();
}
