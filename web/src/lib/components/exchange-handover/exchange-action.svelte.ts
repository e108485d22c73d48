/** One exchange action as rune state: busy flag, errors, and an Idempotency-Key kept for retries. */
import { ApiError, type FieldErrors } from '$lib/api';
import { newIdempotencyKey } from '$lib/api/exchanges';

export class ExchangeAction {
  busy = $state(false);
  error = $state<string | null>(null);
  fields = $state<FieldErrors>({});
  #key = newIdempotencyKey();

  /** Runs `call` with this action's key; the key is kept only when no answer came (a retry acts once). */
  async run<T>(call: (key: string) => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = null;
    this.fields = {};
    try {
      const result = await call(this.#key);
      this.#key = newIdempotencyKey();
      return result;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status !== 0) this.#key = newIdempotencyKey();
      this.error = e.message;
      this.fields = e.fields;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
