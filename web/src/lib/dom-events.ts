import { tick } from 'svelte';

// DOM event types for handlers in .svelte files (where ESLint's no-undef does not know DOM types).
export type SubmitEvt = SubmitEvent;
export type FormDataEvt = FormDataEvent;
export type ChangeEvt<T extends HTMLElement> = Event & { currentTarget: EventTarget & T };
export type SelectChange = ChangeEvt<HTMLSelectElement>;
export type InputChange = ChangeEvt<HTMLInputElement>;
export type KeyEvt = KeyboardEvent;

/**
 * After a failed submit, move focus to the first field marked invalid; when the answer names no
 * field (a conflict, the server unreachable), to the form's message, so a person who submitted at
 * the bottom of a long form on a phone sees it: focus scrolls it into view.
 */
export async function focusFirstInvalid(form: EventTarget | null): Promise<void> {
  await tick();
  if (!(form instanceof HTMLFormElement)) return;
  const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field) return field.focus();
  const message = form.querySelector<HTMLElement>('[role="alert"]');
  if (!message) return;
  message.tabIndex = -1;
  message.focus();
}

/** After a failed submit, move focus to the first element of the form that `selector` finds. */
export async function focusFirstMatch(form: EventTarget | null, selector: string): Promise<void> {
  await tick();
  if (form instanceof HTMLFormElement) form.querySelector<HTMLElement>(selector)?.focus();
}
