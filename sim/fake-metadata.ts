// The CVM metadata service on the fake endpoint: the instance's CAM role name and its
// temporary credentials, which the CLB side then verifies (and refuses once expired). Point
// the client at it with TENCENTCLOUD_METADATA_ENDPOINT=<sim url>.
import { randomBytes } from 'node:crypto';
import type { FakeClb } from './fake-clb.ts';

export const ROLE_PATH = '/latest/meta-data/cam/security-credentials/';

export interface FakeMetadataOptions {
  /** The role attached to the instance. */
  roleName: string;
  /** Lifetime of issued credentials (default 6 h); a few seconds for renewal tests. */
  lifetimeSeconds?: number;
  /** What the role listing answers instead of roleName (a hostile answer). */
  roleAnswer?: string;
  /** The credentials answer's Code (default "Success"). */
  code?: string;
}

export interface FakeMetadata {
  /** Every path asked for, in order. */
  requests: string[];
  issued: { secretIds: string[]; secretKeys: string[]; tokens: string[] };
}

export function enableFakeMetadata(sim: FakeClb, o: FakeMetadataOptions): FakeMetadata {
  const requests: string[] = [];
  const issued: FakeMetadata['issued'] = { secretIds: [], secretKeys: [], tokens: [] };
  sim.routes.set(`GET ${ROLE_PATH}`, () => {
    requests.push(ROLE_PATH);
    return { status: 200, body: o.roleAnswer ?? o.roleName };
  });
  sim.routes.set(`GET ${ROLE_PATH}${o.roleName}`, (url) => {
    requests.push(url.pathname);
    const secretId = `AKIDcvm${randomBytes(8).toString('hex')}`;
    const secretKey = randomBytes(16).toString('hex');
    const token = randomBytes(24).toString('hex');
    const expiresAt = Date.now() + (o.lifetimeSeconds ?? 6 * 3600) * 1000;
    sim.accounts.set(secretId, { secretKey, token, expiresAt });
    issued.secretIds.push(secretId);
    issued.secretKeys.push(secretKey);
    issued.tokens.push(token);
    return {
      status: 200,
      body: {
        TmpSecretId: secretId,
        TmpSecretKey: secretKey,
        Token: token,
        ExpiredTime: Math.floor(expiresAt / 1000),
        Expiration: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z'),
        Code: o.code ?? 'Success',
      },
    };
  });
  return { requests, issued };
}
