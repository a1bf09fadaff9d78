import {
  clean,
  LOAD_BALANCER_ID,
  markdownText,
  neutralise,
  redact,
  registerSecret,
  REQUEST_ID,
  truncate,
} from '../src/sanitize.ts';
import { readAsRunner } from './helpers/runner-log.ts';

describe('neutralise', () => {
  it.each([
    ['legacy command mid-line', 'port busy ##[stop-commands]tok'],
    ['legacy command, odd case', 'x ##[Add-Mask]y'],
    ['doubled hashes', 'x ###[error]y'],
    ['command at line start', '::error::spoofed'],
    ['command after spaces', '   ::set-output name=a::b'],
    ['three colons', ':::error::x'],
    ['CR then command', 'a\r::add-mask::b'],
    ['LF then command', 'a\n::add-mask::b'],
    ['NEL then command', 'a\u0085::add-mask::b'],
    ['line separator then command', 'a\u2028::add-mask::b'],
    ['paragraph separator then command', 'a\u2029##[error]b'],
    ['ESC colour code', '\u001b[31mred\u001b[0m ::error::x'],
    ['zero-width space splitting hashes', '#\u200b#[error]x'],
  ])('%s: the runner finds no command in it', (_name, text) => {
    const safe = neutralise(text);
    expect(readAsRunner(`prefix ${safe}\n${safe}\n`).commands).toEqual([]);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b]/);
  });

  it('keeps ordinary text, single colons and IPv4 ports as they are', () => {
    expect(neutralise('10.0.0.1:8080 is Alive: yes #1 [ok]')).toBe('10.0.0.1:8080 is Alive: yes #1 [ok]');
  });
});

describe('redact and clean', () => {
  it('redacts TC3 credentials and signatures a server echoes back', () => {
    const echoed =
      'Authorization: TC3-HMAC-SHA256 Credential=AKIDabc/2026-11-28/clb/tc3_request, SignedHeaders=content-type;host, ' +
      'Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const out = redact(echoed);
    expect(out).not.toContain('AKIDabc');
    expect(out).not.toContain('0123456789abcdef');
  });

  it('redacts the signature and token in a JSON-echoed header block too', () => {
    const out = redact(
      '{"X-TC-Token":"tok-123456","authorization":"TC3-HMAC-SHA256 Credential=AKIDx/d/clb/tc3_request"}',
    );
    expect(out).not.toContain('tok-123456');
    expect(out).not.toContain('AKIDx');
  });

  it('redacts a registered secret before cutting, so no prefix of it survives', () => {
    const secret = 'S3cr3t-' + 'k'.repeat(40);
    registerSecret(secret);
    const out = clean(`${'a'.repeat(90)} ${secret} tail`, 100);
    expect(out).not.toContain('S3cr3t');
    expect(out).not.toContain('kkkk');
    expect(out.startsWith('a'.repeat(90) + ' ***')).toBe(true);
  });

  it('ignores secrets too short to redact safely', () => {
    registerSecret('ab');
    expect(clean('tab cab')).toBe('tab cab');
  });

  it('caps text visibly and counts what it cut, even past the pre-cut of a huge body', () => {
    expect(truncate('abcdef', 3)).toBe('abc… (3 more characters)');
    expect(truncate('abc', 3)).toBe('abc');
    expect(clean('x'.repeat(50_000), 10)).toBe('xxxxxxxxxx… (49990 more characters)');
  });

  it('never splits a surrogate pair', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀😀… (1 more characters)');
  });

  it('turns any value into one trimmed line', () => {
    expect(clean(null)).toBe('');
    expect(clean(42)).toBe('42');
    expect(clean('  a\r\n\r\nb  ')).toBe('a b');
  });
});

describe('markdownText', () => {
  it.each([
    ['an image', '<img src=x onerror=alert(1)>', '&lt;img'],
    ['a details block', '<details open>', '&lt;details'],
    ['a heading', '# Deploy OK', '\\# Deploy OK'],
    ['a link', '[click](https://evil)', '\\[click\\]\\(https://evil\\)'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['a backtick', 'a `b` c', 'a \\`b\\` c'],
    ['a lone CR', 'a\rb', 'a b'],
    ['an entity', '&amp;', '&amp;amp;'],
  ])('%s renders as text', (_name, text, expected) => {
    const out = markdownText(text);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/[<>\r\n]/);
  });
});

describe('id shapes', () => {
  it.each([
    ['lb-abcd1234', true],
    ['lb-ABCD1234', false],
    ['lb-abcd123', false],
    ['lb-abcd1234\n', false],
    ['$(id)', false],
  ])('load balancer id %j → %s', (id, ok) => expect(LOAD_BALANCER_ID.test(id)).toBe(ok));

  it.each([
    ['6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e', true],
    ['6EA7F3C1-6B3A-4C7E-9A50-7C2D2D1F9F1E', true],
    ['6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e$(x)', false],
    ['rid-1', false],
  ])('request id %j → %s', (id, ok) => expect(REQUEST_ID.test(id)).toBe(ok));
});
