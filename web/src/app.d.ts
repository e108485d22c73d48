// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
    }
    /** History state of a page: `saved` when the request form just saved what the page shows. */
    interface PageState {
      saved?: boolean;
    }
  }
}

export {};
