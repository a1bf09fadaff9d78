// Error types that carry what a user needs, and the one table that says which can heal.

/** Bad input: names the input, is raised before any request is sent. */
export class InputError extends Error {
  constructor(input: string, problem: string) {
    super(`Input '${input}': ${problem}`);
    this.name = 'InputError';
  }
}

/** The API answered with Response.Error. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, apiMessage: string, requestId?: string) {
    super(`${code}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ''}`);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** No usable API answer: network failure, hang, non-200 status or a body that is not the API's JSON. */
export class TransportError extends Error {
  readonly httpStatus: number | undefined;
  /** Will not heal by sending again (a local error, an untrusted certificate). */
  readonly permanent: boolean;
  constructor(message: string, httpStatus?: number, permanent = false) {
    super(message);
    this.name = 'TransportError';
    this.httpStatus = httpStatus;
    this.permanent = permanent;
  }
}

/**
 * The API's JSON, with a well-formed RequestId, that breaks the answer's shape. Sent again, the
 * same question gets the same answer: not retried. The client adds the call and RequestId.
 */
export class MalformedAnswerError extends TransportError {
  constructor(message: string) {
    super(message, undefined, true);
    this.name = 'MalformedAnswerError';
  }
}

export class TimeoutError extends Error {
  constructor(message = 'timed out') {
    super(message);
    this.name = 'TimeoutError';
  }
}

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

const RETRYABLE_CODES = new Set(['InternalError', 'ServiceUnavailable', 'RequestLimitExceeded', 'ResourceUnavailable']);

/** Can this error heal if the same request is sent again later? */
export function isRetryable(err: unknown): boolean {
  if (err instanceof TransportError)
    return !err.permanent && (err.httpStatus === undefined || err.httpStatus >= 500 || err.httpStatus === 429);
  if (!(err instanceof ApiError)) return false;
  const family = err.code.split('.')[0];
  return RETRYABLE_CODES.has(err.code) || RETRYABLE_CODES.has(family);
}

export const isRateLimited = (err: unknown): boolean =>
  err instanceof ApiError && err.code.startsWith('RequestLimitExceeded');

/** What the user should do about a non-retryable API error. */
export function hintFor(code: string, action: string, service: string): string | undefined {
  const permission = `${service}:${action}`;
  if (code === 'AuthFailure.SignatureExpire')
    return "the request timestamp is more than 5 minutes off Tencent's clock: check the runner's system clock (NTP)";
  if (code === 'AuthFailure.SecretIdNotFound' || code === 'AuthFailure.InvalidSecretId')
    return 'check secret-id (or TENCENTCLOUD_SECRET_ID): the key may be wrong, disabled or deleted';
  if (code === 'AuthFailure.SignatureFailure')
    return 'check secret-key (or TENCENTCLOUD_SECRET_KEY): it does not match secret-id';
  if (code === 'AuthFailure.TokenFailure')
    return 'the session token is invalid or expired: refresh the temporary credentials (token input)';
  if (service === 'sts') {
    if (code.startsWith('InvalidParameter.WebIdentityTokenError'))
      return "STS refused the web identity token: check provider-id, and that the token's audience (the audience input on GitHub) matches the CAM identity provider's client ID";
    if (action === 'AssumeRole' && (code === 'UnauthorizedOperation' || code.startsWith('InvalidParameter')))
      return "check role-arn, and that the role's trust policy lets the base credentials' account or user assume it (sts:AssumeRole)";
    if (code === 'UnauthorizedOperation' || code.startsWith('InvalidParameter'))
      return "check role-arn, and that the role's trust policy allows this identity provider and repository (see README, Keyless)";
  }
  if (code === 'AuthFailure.UnauthorizedOperation' || code === 'UnauthorizedOperation')
    return `grant the CAM permission ${permission} to this key or role`;
  if (code === 'InvalidParameter.RegionNotFound' || code === 'UnsupportedRegion')
    return 'check the region input (or TENCENTCLOUD_REGION), e.g. ap-guangzhou';
  if (action === 'DescribeTargetHealth') {
    if (code.startsWith('UnsupportedOperation'))
      return 'DescribeTargetHealth does not support classic CLB instances: gate on CLB (non-classic) load balancers only';
    if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code.startsWith('ResourceNotFound'))
      return 'check load-balancers and listener-ids: each must exist in this region (region input), and listeners must belong to them';
  }
  if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code === 'ResourceNotFound')
    return 'check the task-id / deal-name values: each must be the RequestId of a mutating CLB call (or an order id)';
  if (code.startsWith('AuthFailure')) return 'check the credentials given to the action';
  return undefined;
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * A credential source that is configured but cannot be used, or none found: one line naming
 * the source, its path or variable and the reason (never a file's contents). Raised before any
 * request; an InputError, so the command line exits 2.
 */
export class CredentialError extends InputError {
  constructor(message: string) {
    super('credentials', message);
    this.message = `credentials: ${message}`;
    this.name = 'CredentialError';
  }
}
