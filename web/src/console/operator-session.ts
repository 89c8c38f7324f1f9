import { createSignal } from 'solid-js';
import { isApiError, type ApiError } from '../api/api-error.js';
import { makeJsonStorage } from '../storage/make-json-storage.js';

/**
 * The operator token for this tab: sessionStorage (`banjjak.console.token`), so it dies with the
 * tab and never travels in a URL. A 401 from any operator call forgets it and brings the token
 * form back with the reason.
 */
const storage = makeJsonStorage('session', 'console', (value): value is string => typeof value === 'string' && value.length > 0);
const [token, setToken] = createSignal<string | undefined>(storage.read('token'));
const [refusal, setRefusal] = createSignal<ApiError>();

export const operatorSession = {
  token,
  /** Why the last token was refused, shown on the token form. */
  refusal,
  signIn(value: string) {
    storage.write('token', value);
    setRefusal(undefined);
    setToken(value);
  },
  signOut(reason?: ApiError) {
    storage.remove('token');
    setRefusal(reason);
    setToken(undefined);
  },
  /** Call with any failure of an operator request: a refused token ends the session. */
  check(error: unknown) {
    if (isApiError(error, 'invalid_token', 'unauthorized')) operatorSession.signOut(error);
  },
};
