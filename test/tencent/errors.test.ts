import {
  ApiError,
  CancelledError,
  hintFor,
  InputError,
  isRateLimited,
  isRetryable,
  messageOf,
  TimeoutError,
  TransportError,
} from '../../src/tencent/errors.ts';

describe('error types', () => {
  it('name the input, and carry the API code and RequestId', () => {
    const input = new InputError('timeout', 'is wrong');
    expect([input.name, input.message]).toEqual(['InputError', "Input 'timeout': is wrong"]);
    const api = new ApiError('InternalError', 'try later', 'rid-1');
    expect([api.name, api.code, api.message]).toEqual([
      'ApiError',
      'InternalError',
      'InternalError: try later (RequestId rid-1)',
    ]);
    expect(new ApiError('InternalError', 'try later').message).toBe('InternalError: try later');
  });

  it('default a transport error to retryable, with no status', () => {
    const t = new TransportError('network error: ECONNRESET');
    expect([t.name, t.message, t.httpStatus, t.permanent]).toEqual([
      'TransportError',
      'network error: ECONNRESET',
      undefined,
      false,
    ]);
    const p = new TransportError('HTTP 302', 302, true);
    expect([p.httpStatus, p.permanent]).toEqual([302, true]);
  });

  it('say what ended the wait', () => {
    expect([new TimeoutError().name, new TimeoutError().message]).toEqual(['TimeoutError', 'timed out']);
    expect([new CancelledError().name, new CancelledError().message]).toEqual(['CancelledError', 'cancelled']);
    expect(new CancelledError('stopped').message).toBe('stopped');
  });

  it('messageOf quotes an error’s message, or the value itself', () => {
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('plain')).toBe('plain');
    expect(messageOf(42)).toBe('42');
  });
});

describe('isRetryable', () => {
  it.each([
    ['a network failure (no status)', new TransportError('network error'), true],
    ['HTTP 500', new TransportError('HTTP 500', 500), true],
    ['HTTP 502', new TransportError('HTTP 502', 502), true],
    ['HTTP 599', new TransportError('HTTP 599', 599), true],
    ['HTTP 429', new TransportError('HTTP 429', 429), true],
    ['HTTP 499', new TransportError('HTTP 499', 499), false],
    ['HTTP 428', new TransportError('HTTP 428', 428), false],
    ['HTTP 430', new TransportError('HTTP 430', 430), false],
    ['HTTP 404', new TransportError('HTTP 404', 404), false],
    ['a permanent failure without status', new TransportError('TLS error', undefined, true), false],
    ['a permanent failure with status 503', new TransportError('odd', 503, true), false],
    ['InternalError', new ApiError('InternalError', 'x'), true],
    ['InternalError.DbError', new ApiError('InternalError.DbError', 'x'), true],
    ['ServiceUnavailable', new ApiError('ServiceUnavailable', 'x'), true],
    ['RequestLimitExceeded', new ApiError('RequestLimitExceeded', 'x'), true],
    ['RequestLimitExceeded.UinLimitExceeded', new ApiError('RequestLimitExceeded.UinLimitExceeded', 'x'), true],
    ['ResourceUnavailable', new ApiError('ResourceUnavailable', 'x'), true],
    ['ResourceUnavailable.LoadBalancerBusy', new ApiError('ResourceUnavailable.LoadBalancerBusy', 'x'), true],
    ['ResourceNotFound', new ApiError('ResourceNotFound', 'x'), false],
    ['AuthFailure.SignatureFailure', new ApiError('AuthFailure.SignatureFailure', 'x'), false],
    ['InvalidParameter', new ApiError('InvalidParameter', 'x'), false],
    ['a code that only starts like a retryable one', new ApiError('InternalErrorX', 'x'), false],
    ['a plain Error', new Error('ECONNRESET'), false],
    ['a string', 'InternalError', false],
  ])('%s → %s', (_what, err, expected) => expect(isRetryable(err)).toBe(expected));
});

describe('isRateLimited', () => {
  it.each([
    ['RequestLimitExceeded', new ApiError('RequestLimitExceeded', 'x'), true],
    ['RequestLimitExceeded.UinLimitExceeded', new ApiError('RequestLimitExceeded.UinLimitExceeded', 'x'), true],
    ['InternalError', new ApiError('InternalError', 'x'), false],
    ['ResourceUnavailable', new ApiError('ResourceUnavailable', 'x'), false],
    ['an HTTP 429', new TransportError('HTTP 429', 429), false],
    ['a plain Error naming the code', new Error('RequestLimitExceeded'), false],
  ])('%s → %s', (_what, err, expected) => expect(isRateLimited(err)).toBe(expected));
});

describe('hintFor', () => {
  const task = (code: string) => hintFor(code, 'DescribeTaskStatus', 'clb');
  const health = (code: string) => hintFor(code, 'DescribeTargetHealth', 'clb');
  const sts = (code: string) => hintFor(code, 'AssumeRoleWithWebIdentity', 'sts');

  const CLOCK =
    "the request timestamp is more than 5 minutes off Tencent's clock: check the runner's system clock (NTP)";
  const SECRET_ID = 'check secret-id (or TENCENTCLOUD_SECRET_ID): the key may be wrong, disabled or deleted';
  const SECRET_KEY = 'check secret-key (or TENCENTCLOUD_SECRET_KEY): it does not match secret-id';
  const TOKEN = 'the session token is invalid or expired: refresh the temporary credentials (token input)';
  const REGION = 'check the region input (or TENCENTCLOUD_REGION), e.g. ap-guangzhou';
  const TASK_IDS =
    'check the task-id / deal-name values: each must be the RequestId of a mutating CLB call (or an order id)';
  const CREDENTIALS = 'check the credentials given to the action';
  const LBS =
    'check load-balancers and listener-ids: each must exist in this region (region input), and listeners must belong to them';
  const CLASSIC =
    'DescribeTargetHealth does not support classic CLB instances: gate on CLB (non-classic) load balancers only';
  const WEB_IDENTITY =
    "STS refused the web identity token: check provider-id, and that the token's audience (the audience input on GitHub) matches the CAM identity provider's client ID";
  const TRUST =
    "check role-arn, and that the role's trust policy allows this identity provider and repository (see README, Keyless)";

  it.each([
    ['AuthFailure.SignatureExpire', CLOCK],
    ['AuthFailure.SecretIdNotFound', SECRET_ID],
    ['AuthFailure.InvalidSecretId', SECRET_ID],
    ['AuthFailure.SignatureFailure', SECRET_KEY],
    ['AuthFailure.TokenFailure', TOKEN],
    ['AuthFailure.UnauthorizedOperation', 'grant the CAM permission clb:DescribeTaskStatus to this key or role'],
    ['UnauthorizedOperation', 'grant the CAM permission clb:DescribeTaskStatus to this key or role'],
    ['InvalidParameter.RegionNotFound', REGION],
    ['UnsupportedRegion', REGION],
    ['InvalidParameter', TASK_IDS],
    ['InvalidParameterValue.Length', TASK_IDS],
    ['MissingParameter', TASK_IDS],
    ['ResourceNotFound', TASK_IDS],
    ['AuthFailure.MFAFailure', CREDENTIALS],
    ['AuthFailure', CREDENTIALS],
    ['ResourceNotFound.Task', undefined],
    ['UnsupportedOperation', undefined],
    ['LimitExceeded', undefined],
    ['FailedOperation', undefined],
    ['MissingParameterX', undefined],
    ['XAuthFailure', undefined],
  ])('DescribeTaskStatus: %s → %s', (code, hint) => expect(task(code)).toBe(hint));

  it.each([
    ['UnauthorizedOperation', 'grant the CAM permission clb:DescribeTargetHealth to this key or role'],
    ['AuthFailure.UnauthorizedOperation', 'grant the CAM permission clb:DescribeTargetHealth to this key or role'],
    ['AuthFailure.SignatureFailure', SECRET_KEY],
    ['InvalidParameter.RegionNotFound', REGION],
    ['InvalidParameter.LBIdNotFound', LBS],
    ['InvalidParameterValue', LBS],
    ['MissingParameter', LBS],
    ['ResourceNotFound', LBS],
    ['ResourceNotFound.LoadBalancer', LBS],
    ['UnsupportedOperation', CLASSIC],
    ['UnsupportedOperation.ClassicInstance', CLASSIC],
    ['FailedOperation', undefined],
  ])('DescribeTargetHealth: %s → %s', (code, hint) => expect(health(code)).toBe(hint));

  it.each([
    ['InvalidParameter.WebIdentityTokenError', WEB_IDENTITY],
    ['InvalidParameter.WebIdentityTokenError.Expired', WEB_IDENTITY],
    ['UnauthorizedOperation', TRUST],
    ['InvalidParameter', TRUST],
    ['InvalidParameter.RoleNotExist', TRUST],
    ['AuthFailure.UnauthorizedOperation', 'grant the CAM permission sts:AssumeRoleWithWebIdentity to this key or role'],
    ['AuthFailure.SignatureExpire', CLOCK],
    ['UnsupportedRegion', REGION],
    ['MissingParameter', TASK_IDS],
    ['InternalError', undefined],
  ])('STS: %s → %s', (code, hint) => expect(sts(code)).toBe(hint));

  it.each([
    [
      'UnauthorizedOperation',
      "check role-arn, and that the role's trust policy lets the base credentials' account or user assume it (sts:AssumeRole)",
    ],
    [
      'InvalidParameter.RoleNotExist',
      "check role-arn, and that the role's trust policy lets the base credentials' account or user assume it (sts:AssumeRole)",
    ],
    ['AuthFailure.SecretIdNotFound', SECRET_ID],
    ['AuthFailure.UnauthorizedOperation', 'grant the CAM permission sts:AssumeRole to this key or role'],
  ])('STS AssumeRole (role chaining): %s → %s', (code, hint) => expect(hintFor(code, 'AssumeRole', 'sts')).toBe(hint));

  it('gives STS hints only for STS', () => {
    expect(hintFor('InvalidParameter.WebIdentityTokenError', 'DescribeTaskStatus', 'clb')).toBe(TASK_IDS);
    expect(hintFor('UnauthorizedOperation', 'AssumeRoleWithWebIdentity', 'clb')).toBe(
      'grant the CAM permission clb:AssumeRoleWithWebIdentity to this key or role',
    );
  });
});
