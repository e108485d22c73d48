/**
 * Paths of API calls, typed by the contract: `operation('GET /streams/{id}', { id })` accepts only
 * an operation the served OpenAPI document has (see operations.ts) and exactly its parameters, and
 * answers the method and the path with each parameter encoded. No path is typed by hand.
 */
import type { ApiOperation } from './operations';

type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | ParamNames<Rest>
  : never;

export type OperationParams<O extends ApiOperation> = { [K in ParamNames<O>]: string | number };

type ParamArgs<O extends ApiOperation> = [ParamNames<O>] extends [never] ? [] : [params: OperationParams<O>];

export type Operation = { method: string; path: string };

export type Query = Record<string, string | number | undefined | null>;

/** What a call may carry besides its operation: a query, a JSON body or a form, and headers. */
export type RequestOptions = {
  query?: Query;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
};

/** How a module's client sends one operation (made by createApi in api.ts). */
export type Call = <T>(op: Operation, o?: RequestOptions) => Promise<T>;

export function operation<O extends ApiOperation>(op: O, ...[params]: ParamArgs<O>): Operation {
  const space = op.indexOf(' ');
  const values = (params ?? {}) as Record<string, string | number>;
  const path = op
    .slice(space + 1)
    .replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name])));
  return { method: op.slice(0, space), path };
}
