import { resolveStaticCredentials } from '../src/credentials.ts';

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
    [none, {}, "Input 'secret-id': no credentials"],
    [{ ...none, secretKey: 'k' }, {}, "Input 'secret-id': is empty but secret-key is set"],
    [{ ...none, secretId: 'i' }, {}, "Input 'secret-key': is empty but secret-id is set"],
  ])('names the missing input', (inputs, env, message) => {
    expect(() => resolveStaticCredentials(inputs, env)).toThrow(message);
  });

  it('never mixes sources: keys from inputs go without a token from the environment', () => {
    const env = { TENCENTCLOUD_TOKEN: 'token-of-an-earlier-login', TENCENTCLOUD_SECRET_ID: 'env-id' };
    expect(resolveStaticCredentials({ secretId: 'id', secretKey: 'key', token: '' }, env)).toEqual({
      secretId: 'id',
      secretKey: 'key',
    });
  });

  it.each([
    [{ secretId: 'id', secretKey: 'key with space', token: '' }, "Input 'secret-key': contains spaces"],
    [{ secretId: 'id', secretKey: 'key', token: 'tok\nen' }, "Input 'token': contains spaces, line breaks"],
    [{ secretId: 'ïd', secretKey: 'key', token: '' }, "Input 'secret-id': contains"],
  ])('refuses a value no header can carry', (inputs, message) => {
    expect(() => resolveStaticCredentials(inputs, {})).toThrow(message);
  });
});
