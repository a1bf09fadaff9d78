import { resolveStaticCredentials } from '../../src/tencent/credentials.ts';

const none = { secretId: '', secretKey: '', token: '' };

describe('resolveStaticCredentials', () => {
  it('prefers inputs over the environment', () => {
    const env = { TENCENTCLOUD_SECRET_ID: 'env-id', TENCENTCLOUD_SECRET_KEY: 'env-key' };
    expect(resolveStaticCredentials({ secretId: 'id', secretKey: 'key', token: '' }, env)).toEqual({
      secretId: 'id',
      secretKey: 'key',
    });
  });

  it.each([
    [{ TENCENTCLOUD_SESSION_TOKEN: 'a', TENCENTCLOUD_TOKEN: 'b', TENCENTCLOUD_SECURITY_TOKEN: 'c' }, 'a'],
    [{ TENCENTCLOUD_TOKEN: 'b', TENCENTCLOUD_SECURITY_TOKEN: 'c' }, 'b'],
    [{ TENCENTCLOUD_SECURITY_TOKEN: 'c' }, 'c'],
  ])('falls back to the environment, token from %p', (tokens, token) => {
    const env = { TENCENTCLOUD_SECRET_ID: 'env-id', TENCENTCLOUD_SECRET_KEY: 'env-key', ...tokens };
    expect(resolveStaticCredentials(none, env)).toEqual({ secretId: 'env-id', secretKey: 'env-key', token });
  });

  it.each([
    ['no credentials at all', none, "Input 'secret-id': no credentials"],
    ['only a secret key', { ...none, secretKey: 'k' }, "Input 'secret-id': is empty but secret-key is set"],
    ['only a secret id', { ...none, secretId: 'i' }, "Input 'secret-key': is empty but secret-id is set"],
  ])('names the missing input when given %s', (_what, inputs, message) => {
    expect(() => resolveStaticCredentials(inputs, {})).toThrow(message);
  });

  it('trims the environment values (a secret stored with a trailing newline still works)', () => {
    const env = {
      TENCENTCLOUD_SECRET_ID: ' env-id\n',
      TENCENTCLOUD_SECRET_KEY: 'env-key\n',
      TENCENTCLOUD_SESSION_TOKEN: '\ttok\n',
    };
    expect(resolveStaticCredentials(none, env)).toEqual({ secretId: 'env-id', secretKey: 'env-key', token: 'tok' });
  });

  it('skips a token variable that holds only spaces', () => {
    const env = {
      TENCENTCLOUD_SECRET_ID: 'id',
      TENCENTCLOUD_SECRET_KEY: 'key',
      TENCENTCLOUD_SESSION_TOKEN: ' ',
      TENCENTCLOUD_TOKEN: 'b',
    };
    expect(resolveStaticCredentials(none, env)).toEqual({ secretId: 'id', secretKey: 'key', token: 'b' });
  });

  it('sends a token from the inputs with the keys from the inputs', () => {
    expect(resolveStaticCredentials({ secretId: 'id', secretKey: 'key', token: 'tok' }, {})).toEqual({
      secretId: 'id',
      secretKey: 'key',
      token: 'tok',
    });
  });

  it('never mixes sources: keys from inputs go without a token from the environment', () => {
    const env = { TENCENTCLOUD_TOKEN: 'token-of-an-earlier-login', TENCENTCLOUD_SECRET_ID: 'env-id' };
    expect(resolveStaticCredentials({ secretId: 'id', secretKey: 'key', token: '' }, env)).toEqual({
      secretId: 'id',
      secretKey: 'key',
    });
  });

  it.each([
    [
      'a space in secret-key',
      { secretId: 'id', secretKey: 'key with space', token: '' },
      "Input 'secret-key': contains spaces",
    ],
    [
      'a line break in token',
      { secretId: 'id', secretKey: 'key', token: 'tok\nen' },
      "Input 'token': contains spaces, line breaks",
    ],
    ['a non-ASCII letter in secret-id', { secretId: 'ïd', secretKey: 'key', token: '' }, "Input 'secret-id': contains"],
  ])('refuses a value no header can carry: %s', (_what, inputs, message) => {
    expect(() => resolveStaticCredentials(inputs, {})).toThrow(message);
  });
});
