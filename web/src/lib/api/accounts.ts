/** Accounts API calls: signing up and in, the session, the signed-in person. */
import type { TLoginInput, TMe, TMePatch, TSessionState, TSignupInput } from '$shared/accounts.schemas';
import { operation, type Call } from './operation';

export function accountsApi(call: Call) {
  return {
    signup: (input: TSignupInput) => call<TMe>(operation('POST /auth/signup'), { json: input }),
    login: (input: TLoginInput) => call<TMe>(operation('POST /auth/login'), { json: input }),
    logout: () => call<void>(operation('POST /auth/logout')),
    me: () => call<TMe>(operation('GET /me')),
    session: () => call<TSessionState>(operation('GET /auth/session')),
    patchMe: (patch: TMePatch) => call<TMe>(operation('PATCH /me'), { json: patch }),
  };
}
