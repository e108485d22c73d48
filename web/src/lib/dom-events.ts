// DOM event types for handlers in .svelte files (where ESLint's no-undef does not know DOM types).
export type SubmitEvt = SubmitEvent;
export type ChangeEvt<T extends HTMLElement> = Event & { currentTarget: EventTarget & T };
export type SelectChange = ChangeEvt<HTMLSelectElement>;
export type InputChange = ChangeEvt<HTMLInputElement>;
