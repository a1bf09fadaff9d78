import { parseEndpoint } from '../../src/tencent/endpoint.ts';

describe('parseEndpoint', () => {
  it.each([
    ['clb.tencentcloudapi.com', 'https://clb.tencentcloudapi.com/', 'clb.tencentcloudapi.com'],
    [
      'clb.ap-guangzhou.tencentcloudapi.com',
      'https://clb.ap-guangzhou.tencentcloudapi.com/',
      'clb.ap-guangzhou.tencentcloudapi.com',
    ],
    [
      'clb.ap-shanghai-fsi.tencentcloudapi.com',
      'https://clb.ap-shanghai-fsi.tencentcloudapi.com/',
      'clb.ap-shanghai-fsi.tencentcloudapi.com',
    ],
    ['https://clb.intl.tencentcloudapi.com', 'https://clb.intl.tencentcloudapi.com/', 'clb.intl.tencentcloudapi.com'],
    [
      'https://clb.internal.tencentcloudapi.com/',
      'https://clb.internal.tencentcloudapi.com/',
      'clb.internal.tencentcloudapi.com',
    ],
    ['HTTPS://CLB.TencentCloudAPI.com:443', 'https://clb.tencentcloudapi.com/', 'clb.tencentcloudapi.com'],
    ['https://clb.example.test:8443', 'https://clb.example.test:8443/', 'clb.example.test:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/', '127.0.0.1:8080'],
    ['http://localhost:8080', 'http://localhost:8080/', 'localhost:8080'],
    ['http://[::1]:9000', 'http://[::1]:9000/', '[::1]:9000'],
    ['http://127.100.200.254:8080', 'http://127.100.200.254:8080/', '127.100.200.254:8080'], // all of 127/8
    ['  https://clb.tencentcloudapi.com \n', 'https://clb.tencentcloudapi.com/', 'clb.tencentcloudapi.com'],
  ])('%s → %s (Host %s)', (value, url, host) => {
    expect(parseEndpoint(value, 'endpoint')).toEqual({ url, host });
  });

  it.each([
    ['', 'is not a host name or URL'],
    ['http://clb.tencentcloudapi.com', 'allowed only for loopback hosts'],
    ['http://10.0.0.1', 'allowed only for loopback hosts'],
    ['http://127.0.0.1.evil.test', 'allowed only for loopback hosts'],
    ['http://evillocalhost:8080', 'allowed only for loopback hosts'],
    ['http://localhost.evil.test:8080', 'allowed only for loopback hosts'],
    ['http://[::2]:8080', 'allowed only for loopback hosts'],
    ['file:///etc/passwd', 'is not a host name or URL'],
    ['clb.tencentcloudapi.com/?next=https://evil.test', 'without a path or query'],
    ['https://clb.tencentcloudapi.com#top', 'without a path or query'],
    ['http://localhost:9', 'fetch refuses to connect to port 9'],
    ['https://clb.example.test:6000', 'fetch refuses to connect to port 6000'],
    ['ftp://clb.tencentcloudapi.com', 'only https://'],
    ['https://clb.tencentcloudapi.com/v3', 'without a path or query'],
    ['https://clb.tencentcloudapi.com?x=1', 'without a path or query'],
    ['clb tencentcloudapi com', 'is not a host name or URL'],
  ])('refuses %p: %s', (value, message) => {
    expect(() => parseEndpoint(value, 'sts-endpoint')).toThrow(`Input 'sts-endpoint'`);
    expect(() => parseEndpoint(value, 'sts-endpoint')).toThrow(message);
  });

  it.each([
    'https://user@clb.tencentcloudapi.com',
    'https://:Pw-1234@clb.tencentcloudapi.com',
    'https://user:Pw-1234@clb.tencentcloudapi.com',
    'http://user:Pw-1234@clb.tencentcloudapi.com', // http:// on a remote host: refused for the password first
    'http://user:Pw-1234@127.0.0.1:8080',
    'user:Pw-1234@clb.tencentcloudapi.com',
    'https://user:Pw/1234@clb.tencentcloudapi.com', // not a URL at all
    'https://user:Pw-1234@[bad',
    'https://a@b@clb.tencentcloudapi.com',
  ])('refuses credentials in %p, naming the input, never the value', (value) => {
    let message = '';
    try {
      parseEndpoint(value, 'endpoint');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      "Input 'endpoint': must not hold a user name or password (user:password@host): give the host or origin " +
        'only (the value is not shown, as it may hold a password)',
    );
  });
});
