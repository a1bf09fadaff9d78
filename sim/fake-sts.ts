// STS on the fake endpoint: a GitHub-style ID token service, AssumeRoleWithWebIdentity
// (unsigned; the token is the proof: GitHub's, or one minted for a GitLab or TKE test) and
// AssumeRole (TC3-signed with base keys, verified like any CLB call), issuing temporary
// credentials the CLB side then verifies.
import { randomBytes, randomUUID } from 'node:crypto';
import { TEST_ACCOUNT, type FakeClb } from './fake-clb.ts';

export interface FakeOidcOptions {
  /** The role the trust policy allows, e.g. qcs::cam::uin/100000000001:roleName/deployer. */
  roleArn: string;
  providerId: string;
  audience?: string;
  /** Lifetime of issued credentials (default: the DurationSeconds asked for). */
  lifetimeSeconds?: number;
  /** SecretIds whose signature AssumeRole accepts for roleArn (the role's trust policy); default the test account. */
  trustedKeys?: string[];
}

export interface FakeOidc {
  /** ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN, as the runner would set them. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  /** Every ID token and temporary secret handed out, to check none leaks into a log. */
  issued: { idTokens: string[]; secretIds: string[]; secretKeys: string[]; tokens: string[] };
  assumeRoleCalls: Array<{ RoleSessionName: unknown; DurationSeconds: unknown; region: unknown }>;
  /** AssumeRole (role chaining) calls, with the SecretId that signed each. */
  chainCalls: Array<{ RoleArn: unknown; RoleSessionName: unknown; DurationSeconds: unknown; signedBy: string }>;
  /** A JWT-shaped web identity token STS will accept, as GitLab's id_tokens or a TKE pod's token file would hold. */
  mintToken(): string;
}

const apiError = (code: string, message: string) => Object.assign(new Error(message), { code });

export function enableFakeOidc(sim: FakeClb, o: FakeOidcOptions): FakeOidc {
  const bearer = randomUUID();
  const audience = o.audience ?? 'sts.tencentcloudapi.com';
  const issued: FakeOidc['issued'] = { idTokens: [], secretIds: [], secretKeys: [], tokens: [] };
  /** A JWT-shaped token for the audience, recorded as issued. */
  const mintToken = () => {
    const jwt = [
      'eyJhbGciOiJSUzI1NiJ9',
      Buffer.from(JSON.stringify({ aud: audience, jti: randomUUID() })).toString('base64url'),
      randomBytes(32).toString('base64url'),
    ].join('.');
    issued.idTokens.push(jwt);
    return jwt;
  };
  const assumeRoleCalls: FakeOidc['assumeRoleCalls'] = [];

  sim.routes.set('GET /_actions/idtoken', (url, req) => {
    if (req.headers.authorization !== `Bearer ${bearer}`) return { status: 401, body: { message: 'bad bearer' } };
    if (url.searchParams.get('audience') !== audience) return { status: 400, body: { message: 'unexpected audience' } };
    return { status: 200, body: { value: mintToken() } };
  });

  sim.handlers.set('AssumeRoleWithWebIdentity', (p, req) => {
    assumeRoleCalls.push({
      RoleSessionName: p.RoleSessionName,
      DurationSeconds: p.DurationSeconds,
      region: req.headers['x-tc-region'],
    });
    if (req.headers.authorization !== 'SKIP')
      throw apiError(
        'InvalidParameter.ParamError',
        'AssumeRoleWithWebIdentity is not signed: send Authorization: SKIP.',
      );
    if (typeof p.WebIdentityToken !== 'string' || !issued.idTokens.includes(p.WebIdentityToken))
      throw apiError('InvalidParameter.WebIdentityTokenError', 'The WebIdentityToken is invalid.');
    if (p.ProviderId !== o.providerId)
      throw apiError('InvalidParameter.WebIdentityTokenError', 'The identity provider does not exist.');
    if (p.RoleArn !== o.roleArn)
      throw apiError('UnauthorizedOperation', 'The role does not trust this identity provider.');
    return issue(p);
  });

  /** Temporary credentials for the role, registered with the CLB side. */
  const issue = (p: Record<string, unknown>) => {
    const lifetime = o.lifetimeSeconds ?? Number(p.DurationSeconds ?? 7200);
    const secretId = `AKIDtmp${randomBytes(8).toString('hex')}`;
    const secretKey = randomBytes(16).toString('hex');
    const token = randomBytes(24).toString('hex');
    const expiresAt = Date.now() + lifetime * 1000;
    sim.accounts.set(secretId, { secretKey, token, expiresAt });
    issued.secretIds.push(secretId);
    issued.secretKeys.push(secretKey);
    issued.tokens.push(token);
    return {
      Credentials: { TmpSecretId: secretId, TmpSecretKey: secretKey, Token: token },
      ExpiredTime: Math.floor(expiresAt / 1000),
      Expiration: new Date(expiresAt).toISOString(),
    };
  };

  // Signed: the simulator has verified the signature before this runs (service sts).
  const chainCalls: FakeOidc['chainCalls'] = [];
  const trusted = o.trustedKeys ?? [TEST_ACCOUNT.secretId];
  sim.handlers.set('AssumeRole', (p, req) => {
    const signedBy = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    chainCalls.push({
      RoleArn: p.RoleArn,
      RoleSessionName: p.RoleSessionName,
      DurationSeconds: p.DurationSeconds,
      signedBy,
    });
    if (req.headers.authorization === 'SKIP')
      throw apiError('AuthFailure.InvalidAuthorization', 'AssumeRole must be signed with the base credentials.');
    if (p.RoleArn !== o.roleArn) throw apiError('InvalidParameter.RoleNotExist', 'The role does not exist.');
    if (!trusted.includes(signedBy)) throw apiError('UnauthorizedOperation', 'The role does not trust the caller.');
    return issue(p);
  });

  return {
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${sim.url}/_actions/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: bearer,
    },
    issued,
    assumeRoleCalls,
    chainCalls,
    mintToken,
  };
}
