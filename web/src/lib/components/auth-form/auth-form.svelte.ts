/** Login and signup forms: values, validation with the API's schemas, and the session update. */
import { ZLoginInput, ZSignupInput, type TMe } from '$shared/accounts.schemas';
import { type TLocale } from '$shared/common.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { validate } from '$lib/validation';

export class AuthFormState {
  email = $state('');
  password = $state('');
  displayName = $state('');
  locale = $state<TLocale>('nl');
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  readonly mode: 'login' | 'signup';

  constructor(mode: 'login' | 'signup', locale: TLocale) {
    this.mode = mode;
    this.locale = locale;
  }

  async submit(app: AppState): Promise<TMe | null> {
    this.errors = {};
    this.formError = null;
    const body =
      this.mode === 'login'
        ? { email: this.email.trim(), password: this.password }
        : {
            email: this.email.trim(),
            password: this.password,
            displayName: this.displayName,
            locale: this.locale,
          };
    const check = validate(this.mode === 'login' ? ZLoginInput : ZSignupInput, body, app.locale);
    if (!check.ok) {
      this.errors = check.fields;
      this.formError = app.m.common.fixErrors;
      return null;
    }
    this.saving = true;
    try {
      const api = app.api();
      const me =
        this.mode === 'login'
          ? await api.login(body)
          : await api.signup(body as Parameters<typeof api.signup>[0]);
      app.signedIn(me);
      return me;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.errors = e.fields;
      this.formError = e.message;
      return null;
    } finally {
      this.saving = false;
    }
  }
}
