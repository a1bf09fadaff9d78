// The secret inputs and variables each front-end masks before reading any other input.
import { SECRET_ENV, SECRET_INPUTS, secretValues } from '../../src/config/secrets.ts';
import { CREDENTIAL_ENV } from '../../src/cli/args.ts';

describe('secretValues', () => {
  it('names the credential inputs, and every variable the credentials fall back to', () => {
    expect(SECRET_INPUTS).toEqual(['secret-id', 'secret-key', 'token']);
    expect(SECRET_ENV).toEqual([
      'TENCENTCLOUD_SECRET_ID',
      'TENCENTCLOUD_SECRET_KEY',
      'TENCENTCLOUD_SESSION_TOKEN',
      'TENCENTCLOUD_TOKEN',
      'TENCENTCLOUD_SECURITY_TOKEN',
      'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
    ]);
    // The command line refuses exactly these as flags.
    expect(Object.keys(CREDENTIAL_ENV)).toEqual(SECRET_INPUTS);
  });

  it('gives every value set, inputs then variables, trimmed, and nothing for an empty one', () => {
    const inputs: Record<string, string> = {
      'secret-id': ' id-input ',
      'secret-key': 'key-input',
      token: '',
      region: 'x',
    };
    const env = {
      TENCENTCLOUD_SECRET_ID: 'id-env',
      TENCENTCLOUD_SECRET_KEY: '  ',
      TENCENTCLOUD_SESSION_TOKEN: 'session-env\n',
      TENCENTCLOUD_TOKEN: 'token-env',
      TENCENTCLOUD_SECURITY_TOKEN: 'security-env',
      TENCENTCLOUD_REGION: 'ap-guangzhou',
    };
    expect(secretValues((name) => inputs[name] ?? '', env)).toEqual([
      'id-input',
      'key-input',
      'id-env',
      'session-env',
      'token-env',
      'security-env',
    ]);
  });

  it('reads only the variables without an input source (the command line), and nothing from an empty environment', () => {
    expect(secretValues(undefined, { TENCENTCLOUD_SECRET_KEY: 'k-env' })).toEqual(['k-env']);
    expect(secretValues(() => '', {})).toEqual([]);
  });
});
