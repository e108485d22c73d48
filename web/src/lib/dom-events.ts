import { tick } from 'svelte';

// DOM event types for handlers in .svelte files (where ESLint's no-undef does not know DOM types).
export type SubmitEvt = SubmitEvent;
export type FormDataEvt = FormDataEvent;
export type ChangeEvt<T extends HTMLElement> = Event & { currentTarget: EventTarget & T };
export type SelectChange = ChangeEvt<HTMLSelectElement>;
export type InputChange = ChangeEvt<HTMLInputElement>;
export type KeyEvt = KeyboardEvent;

/** After a failed submit, move focus to the first field marked invalid. */
export async function focusFirstInvalid(form: EventTarget | null): Promise<void> {
  await tick();
  if (form instanceof HTMLFormElement) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** After a failed submit, move focus to the first element of the form that `selector` finds. */
export async function focusFirstMatch(form: EventTarget | null, selector: string): Promise<void> {
  await tick();
  if (form instanceof HTMLFormElement) form.querySelector<HTMLElement>(selector)?.focus();
}
