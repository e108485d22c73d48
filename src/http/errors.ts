import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERRORS, type ErrorCode } from '../shared/errors';
import type { FieldError } from '../shared/validation';

export type ErrorDetails = { fields?: FieldError[]; [key: string]: unknown };

/** An error the API answers with: a code from src/shared/errors, its status and its envelope. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    { details, headers = {} }: { details?: ErrorDetails; headers?: Record<string, string> } = {},
  ) {
    super(ERRORS[code].status as ContentfulStatusCode, { message: code });
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** A 422 naming the fields that failed, with messages already in the reader's language. */
export function validationError(fields: FieldError[]): ApiError {
  return new ApiError('VALIDATION_FAILED', { details: { fields } });
}
