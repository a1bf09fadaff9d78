import {
  clean,
  findSecret,
  matchAt,
  normalise,
  LOAD_BALANCER_ID,
  markdownText,
  neutralise,
  redact,
  registerSecret,
  REQUEST_ID,
  truncate,
} from '../../src/report/sanitize.ts';
import { readAsRunner } from '../helpers/runner-log.ts';

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
    ['zero-width space splitting colons', ':\u200b:error::x'],
    ['bidi mark before a command', '\u200e::error::x'],
    ['no-break space before a command', '\u00a0::error::x'],
    ['tab, byte order mark and spaces before a command', '\t\ufeff  ::warning::x'],
    ['tag characters splitting hashes', '#\u{e0041}#[error]x'],
  ])('%s: the runner finds no command in it', (_name, text) => {
    const safe = neutralise(text);
    expect(readAsRunner(`prefix ${safe}\n${safe}\n`).commands).toEqual([]);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b]/);
    expect(safe).not.toMatch(/\p{Cf}/u);
  });

  it('keeps ordinary text, single colons and IPv4 ports as they are', () => {
    expect(neutralise('10.0.0.1:8080 is Alive: yes #1 [ok]')).toBe('10.0.0.1:8080 is Alive: yes #1 [ok]');
  });

  it('keeps an IPv6 address mid-line as it is', () => {
    expect(neutralise('target 2402:4e00::1 port 80')).toBe('target 2402:4e00::1 port 80');
    expect(neutralise('[2402:4e00::1]:80 and ::ffff:10.0.0.1 Dead')).toBe('[2402:4e00::1]:80 and ::ffff:10.0.0.1 Dead');
    expect(readAsRunner(`${neutralise('target ::ffff:10.0.0.1 Dead')}\n`).commands).toEqual([]);
  });

  it('breaks :: only at the start of the line, after leading white space', () => {
    expect(neutralise('  ::error::x')).toBe('  : :error::x');
    expect(neutralise('::error::x')).toBe(': :error::x');
    expect(neutralise('\u00a0::x')).toBe('\u00a0: :x');
    expect(neutralise('\t::x')).toBe(' : :x');
    expect(neutralise('x ::error::y')).toBe('x ::error::y');
  });

  it('joins what a format character split before checking for commands', () => {
    expect(neutralise('#\u200b#[error]x')).toBe('## [error]x');
    expect(neutralise(':\u200b:x')).toBe(': :x');
    expect(neutralise(' \u2060:\ufeff:x')).toBe(' : :x');
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

  it('redacts a registered secret split by a zero-width character', () => {
    registerSecret('Zw-secret-value');
    expect(clean('key Zw-sec\u200bret-value end')).toBe('key *** end');
    expect(clean('key \u2066Zw-secret-\u00advalue\u2069 end')).toBe('key *** end');
  });

  it('redacts a credential pattern split by a zero-width character', () => {
    expect(clean('Sig\u200cnature=00ff12ab tail')).toBe('Signature=*** tail');
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
    ['a link', '[click](https://evil)', '\\[click\\]\\(https:&#8203;//evil\\)'],
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

describe('registered secrets', () => {
  it('redacts secrets of four characters or more, and leaves shorter ones', () => {
    registerSecret('Qz7!');
    registerSecret('Jx9');
    expect(redact('a Qz7! b Jx9 c Qz7!')).toBe('a *** b Jx9 c ***');
  });

  it('redacts the longer of two overlapping secrets whole', () => {
    registerSecret('Pw-base');
    registerSecret('Pw-base-extended');
    expect(redact('[Pw-base-extended] [Pw-base]')).toBe('[***] [***]');
  });
});

describe('credential patterns', () => {
  it.each([
    [
      'a Credential’s key id',
      'x Credential=AKIDabc/2026/clb/tc3_request, y',
      'x Credential=***/2026/clb/tc3_request, y',
    ],
    ['a lower-case credential', 'credential=AKIDabc y', 'credential=*** y'],
    ['two Credentials', 'Credential=A1;Credential=B2', 'Credential=***;Credential=***'],
    ['a Signature', 'Signature=00ff12ab tail', 'Signature=*** tail'],
    ['a signature in capitals', 'SIGNATURE=ABCDEF01 tail', 'SIGNATURE=*** tail'],
    ['an X-TC-Token header', 'X-TC-Token: tok-1, next', 'X-TC-Token: ***, next'],
    ['a quoted X-TC-Token', '{"x-tc-token" = "tok-2";}', '{"x-tc-token" = "***";}'],
    ['an Authorization header', 'Authorization: TC3-HMAC-SHA256 whatever\nnext', 'Authorization: ***\nnext'],
    ['an Authorization already redacted', 'Authorization=***', 'Authorization=***'],
    ['a JSON Authorization', '{"authorization":"Bearer x y"}', '{"authorization":"***"}'],
    ['an Authorization with spaces around =', 'Authorization = Bearer x', 'Authorization = ***'],
  ])('redacts %s', (_what, text, expected) => expect(redact(text)).toBe(expected));
});

describe('neutralise in detail', () => {
  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['US (last C0)', '\u001f'],
    ['DEL', '\u007f'],
    ['PAD (first C1)', '\u0080'],
    ['NEL', '\u0085'],
    ['APC (last C1)', '\u009f'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
  ])('turns %s into a space', (_name, ch) => expect(neutralise(`a${ch}b${ch}c`)).toBe('a b c'));

  it.each([
    ['soft hyphen', '\u00ad'],
    ['Arabic letter mark', '\u061c'],
    ['Arabic number sign', '\u0600'],
    ['Mongolian vowel separator', '\u180e'],
    ['zero-width space (first of 200B–200F)', '\u200b'],
    ['zero-width non-joiner', '\u200c'],
    ['zero-width joiner', '\u200d'],
    ['left-to-right mark', '\u200e'],
    ['right-to-left mark (last of 200B–200F)', '\u200f'],
    ['left-to-right embedding (first of 202A–202E)', '\u202a'],
    ['pop directional formatting', '\u202c'],
    ['right-to-left override (last of 202A–202E)', '\u202e'],
    ['word joiner (first of 2060–2064)', '\u2060'],
    ['invisible plus (last of 2060–2064)', '\u2064'],
    ['left-to-right isolate (first of 2066–206F)', '\u2066'],
    ['pop directional isolate', '\u2069'],
    ['nominal digit shapes (last of 2066–206F)', '\u206f'],
    ['byte order mark', '\ufeff'],
    ['interlinear annotation anchor', '\ufff9'],
    ['language tag (first tag character)', '\u{e0001}'],
    ['tag space (first of E0020–E007F)', '\u{e0020}'],
    ['tag latin small letter a', '\u{e0061}'],
    ['cancel tag (last tag character)', '\u{e007f}'],
  ])('removes %s (format character)', (_name, ch) => expect(neutralise(`a${ch}b${ch}${ch}c`)).toBe('abc'));

  it.each([
    ['a space', ' '],
    ['a tilde', '~'],
    ['a no-break space', '\u00a0'],
    ['a hair space', '\u200a'],
    ['a hyphen', '\u2010'],
    ['a narrow no-break space', '\u202f'],
    ['a superscript zero', '\u2070'],
    ['a not sign (before the soft hyphen)', '\u00ac'],
    ['a registered sign (after the soft hyphen)', '\u00ae'],
    ['an Arabic semicolon (before U+061C)', '\u061b'],
    ['an emoji', '😀'],
    ['a flag emoji', '🇫🇷'],
  ])('keeps %s', (_name, ch) => expect(neutralise(`a${ch}b`)).toBe(`a${ch}b`));

  it('breaks every command marker, each time it appears', () => {
    expect(neutralise('::a::b ##[c]##[d] :::e')).toBe(': :a::b ## [c]## [d] :::e');
    expect(neutralise(':::e')).toBe(': ::e');
    expect(neutralise('a\n::add-mask::b')).toBe('a ::add-mask::b');
  });
});

describe('truncate and clean in detail', () => {
  it('adds what was cut before to the count, even when nothing more is cut', () => {
    expect(truncate('abc', 5, 10)).toBe('abc… (10 more characters)');
    expect(truncate('abcdef', 4, 10)).toBe('abcd… (12 more characters)');
  });

  it('keeps text of exactly the cap', () => {
    expect(truncate('abcd', 4)).toBe('abcd');
    expect(clean('x'.repeat(300))).toBe('x'.repeat(300));
    expect(clean('x'.repeat(301))).toBe(`${'x'.repeat(300)}… (1 more characters)`);
  });

  it('folds every run of white space (a single no-break space too) to one space and trims the ends', () => {
    expect(clean('  a  b\t\tc \n d\u00a0e\u3000f  ')).toBe('a b c d e f');
    expect(clean('a b')).toBe('a b');
  });

  it('counts every cut character of a huge body, the pre-cut ones included', () => {
    expect(clean(`ab${'x'.repeat(40_000)}`, 2)).toBe('ab… (40000 more characters)');
    expect(clean(`ab${'x'.repeat(16_384)}`, 2)).toBe('ab… (16384 more characters)');
  });

  it('redacts a secret that straddles the visible cut of a huge body', () => {
    const secret = `Straddle-${'s'.repeat(100)}`;
    registerSecret(secret);
    const out = clean(`${'a'.repeat(95)}${secret}${'z'.repeat(50_000)}`, 100);
    expect(out).toBe(`${'a'.repeat(95)}***zz… (49998 more characters)`);
  });

  it('never shows text past the pre-cut, even when what stands before it vanishes as invisible', () => {
    // 300 + 16,384 characters are looked at; the zero-width spaces among them are removed.
    expect(clean(`${'\u200b'.repeat(20_000)}abc`)).toBe('… (3319 more characters)');
  });

  it('keeps the visible part whole under a cap longer than the pre-cut margin', () => {
    expect(clean('x'.repeat(40_000), 20_000)).toBe(`${'x'.repeat(20_000)}… (20000 more characters)`);
  });

  it('quotes an object by its string form', () => {
    expect(clean({ toString: () => 'obj' })).toBe('obj');
    expect(clean(undefined)).toBe('');
  });
});

describe('markdownText in detail', () => {
  it('escapes each markdown character', () => {
    expect(markdownText('\\`*_{}[]()#+!|~')).toBe('\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\!\\|\\~');
    expect(markdownText('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });

  it('escapes a leading list or heading marker only', () => {
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('  = x')).toBe('  \\= x');
    expect(markdownText('a-b = c')).toBe('a-b = c');
  });

  it('breaks runner commands too', () => {
    expect(markdownText('::error::x')).toBe(': :error::x');
    expect(markdownText('a ##[error]x')).toBe('a \\#\\# \\[error\\]x');
  });

  it.each([
    ['a www link', 'see www.x.com', 'see www&#8203;.x.com'],
    ['a www link in capitals', 'WWW.X.COM', 'WWW&#8203;.X.COM'],
    ['an https link', 'https://x', 'https:&#8203;//x'],
    ['an http link mid-text', 'go http://evil.example/a now', 'go http:&#8203;//evil.example/a now'],
    ['a mention', '@user', '@&#8203;user'],
    ['a team mention', 'cc @org/team', 'cc @&#8203;org/team'],
    ['an email address', 'a@b.com', 'a@&#8203;b.com'],
    ['every marker, each time', 'www.a.b @c @d', 'www&#8203;.a.b @&#8203;c @&#8203;d'],
  ])('breaks %s so it never autolinks or pings', (_name, text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });

  it.each([
    ['an IPv6 address with port', '[2402:4e00::1]:80', '\\[2402:4e00::1\\]:80'],
    ['an IPv6 address mid-text', 'ip 2402:4e00::1 Dead', 'ip 2402:4e00::1 Dead'],
    ['a lone @', 'a @ b', 'a @ b'],
    ['www without a dot', 'wwwx', 'wwwx'],
    ['a colon and one slash', 'a:/b', 'a:/b'],
    ['a URL path', '/api/v1', '/api/v1'],
  ])('leaves %s readable, unchanged but for escapes', (_name, text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });
});

describe('id shapes in detail', () => {
  it.each([
    ['xlb-abcd1234', false],
    ['lb-abcd12345', false],
    ['lb-abcd-234', false],
    ['lb-0000000z', true],
  ])('load balancer id %j → %s', (id, ok) => expect(LOAD_BALANCER_ID.test(id)).toBe(ok));

  it.each([
    ['x6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e', false],
    ['6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1', false],
    ['6ea7f3c-16b3a-4c7e-9a50-7c2d2d1f9f1e', false],
    ['6ea7f3c1-6b3-a4c7e-9a50-7c2d2d1f9f1e', false],
    ['6ea7f3c1-6b3a-4c7-e9a50-7c2d2d1f9f1e', false],
    ['6ea7f3c1-6b3a-4c7e-9a5-07c2d2d1f9f1e', false],
    ['6ea7f3g1-6b3a-4c7e-9a50-7c2d2d1f9f1e', false],
    ['00000000-0000-0000-0000-000000000000', true],
  ])('request id %j → %s', (id, ok) => expect(REQUEST_ID.test(id)).toBe(ok));
});

describe('invisibles outside Cf', () => {
  it.each([
    ['combining grapheme joiner', '\u034f'],
    ['Hangul choseong filler', '\u115f'],
    ['Hangul jungseong filler', '\u1160'],
    ['Hangul filler', '\u3164'],
    ['halfwidth Hangul filler', '\uffa0'],
    ['variation selector 1', '\ufe00'],
    ['variation selector 16', '\ufe0f'],
    ['variation selector 17', '\u{e0100}'],
    ['variation selector 256', '\u{e01ef}'],
    ['Mongolian free variation selector', '\u180b'],
    ['Khmer inherent vowel', '\u17b4'],
    ['braille blank', '\u2800'],
    ['an unassigned code point among the invisibles', '\u2065'],
    ['a tag character', '\u{e0041}'],
  ])('removes the %s, as neutralise(), normalise() and clean() all do', (_name, ch) => {
    expect(neutralise(`${ch}::x a${ch}b`)).toBe(': :x ab');
    expect(normalise(`a${ch}b`)).toBe('ab');
    expect(clean(`${ch}a${ch}b${ch}`)).toBe('ab');
    expect(readAsRunner(`${neutralise(`${ch}::error::x`)}\n`).commands).toEqual([]);
  });

  it('keeps visible text, Hangul and emoji included', () => {
    expect(neutralise('한글 ☺ 😀 ⠁')).toBe('한글 ☺ 😀 ⠁');
  });
});

describe('normalise', () => {
  it.each([
    ['a\u0001b', 'a b'],
    ['a\r\n\r\nb', 'a b'],
    ['a\u00a0b', 'a b'],
    ['a \u200b b', 'a b'],
    ['a\u2028\u2029b', 'a b'],
    ['  a  ', ' a '],
    ['ab', 'ab'],
  ])('%p → %p', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });
});

describe('near-miss echoes of a secret', () => {
  const ID = 'AKIDnearMissEXAMPLE0123';
  beforeAll(() => registerSecret(ID));
  const inserted = (ch: string, at: number) => ID.slice(0, at) + ch + ID.slice(at);

  it.each([
    ['a control character', '\u0001'],
    ['ESC', '\u001b'],
    ['a tab', '\t'],
    ['a line break', '\n'],
    ['CR LF', '\r\n'],
    ['a no-break space', '\u00a0'],
    ['an ideographic space', '\u3000'],
    ['a zero-width space', '\u200b'],
    ['the Hangul filler', '\u3164'],
    ['the braille blank', '\u2800'],
    ['a combining grapheme joiner', '\u034f'],
    ['two invisibles', '\u200b\ufe0f'],
    ['a visible letter', 'x'],
    ['a space then a zero-width joiner', ' \u200d'],
  ])('with %s inserted anywhere inside is redacted by clean()', (_name, ch) => {
    for (let at = 1; at < ID.length; at++) expect(clean(`id=${inserted(ch, at)}; ok`)).toBe('id=***; ok');
  });

  it.each([
    ['a control character', '\u0001'],
    ['a no-break space', '\u00a0'],
    ['a zero-width space', '\u200b'],
    ['a letter', 'Q'],
    ['an emoji', '😀'],
    ['a variation selector outside the BMP', '\u{e0100}'],
  ])('with %s inserted is redacted by redact() alone too (a line printed as it is)', (_name, ch) => {
    for (let at = 1; at < ID.length; at++) expect(redact(`[${inserted(ch, at)}]`)).toBe('[***]');
  });

  it('leaves a character before or after the secret, which is not part of it', () => {
    expect(redact(`Q${ID}Q`)).toBe('Q***Q');
    expect(redact(`${ID}${ID}`)).toBe('******');
  });

  it('leaves two visible characters inserted, or a character missing: not the secret', () => {
    const two = `${ID.slice(0, 5)}xy${ID.slice(5)}`;
    expect(redact(two)).toBe(two);
    const apart = `${ID.slice(0, 5)}x${ID.slice(5, 10)}y${ID.slice(10)}`;
    expect(redact(apart)).toBe(apart);
    const short = ID.slice(0, 5) + ID.slice(6);
    expect(redact(short)).toBe(short);
    expect(redact(ID.slice(1))).toBe(ID.slice(1));
    expect(redact(ID.slice(0, -1))).toBe(ID.slice(0, -1));
  });

  it('finds a secret that contains the secret whose near miss it is', () => {
    registerSecret('Outer-Inner1-Outer');
    registerSecret('Inner1');
    expect(redact('<Outer-Inner1-Outer> <Inn-er1> <Outer-Inne-r1-Outer>')).toBe('<***> <***> <***>');
  });

  it('registers a secret also as normalised, so clean() finds one holding a no-break space', () => {
    registerSecret('pass\u00a0phrase-1');
    expect(redact('[pass\u00a0phrase-1]')).toBe('[***]');
    expect(clean('[pass\u00a0phrase-1]')).toBe('[***]');
    expect(clean('[pass\u200b\u00a0phrase-1]')).toBe('[***]');
  });
});

describe('matchAt and findSecret', () => {
  it.each<[string, string, number, number]>([
    ['abcd', 'abcd', 0, 4],
    ['xabcd', 'abcd', 1, 4],
    ['abXcd', 'abcd', 0, 5],
    ['aXbcd', 'abcd', 0, 5],
    ['abcXd', 'abcd', 0, 5],
    ['Xabcd', 'abcd', 0, 0], // an insertion before the first character is not inside
    ['abcdX', 'abcd', 0, 4],
    ['abXXcd', 'abcd', 0, 0],
    ['abc', 'abcd', 0, 0],
    ['aaab', 'aab', 0, 4], // the first difference is where the insertion is
    ['abcd', 'abcd', 1, 0],
    ['k😀e😀y', 'k😀e😀y', 0, 7], // counted in UTF-16 units, like the text
    ['k😀eX😀y', 'k😀e😀y', 0, 8],
    ['ab😀cd', 'abcd', 0, 6], // an inserted character outside the BMP is two units
    ['ab\uffffcd', 'abcd', 0, 5],
    ['ab😀Xcd', 'abcd', 0, 0],
  ])('matchAt(%p, %p, %d) = %d', (text, secret, at, length) => {
    expect(matchAt(text, secret, at)).toBe(length);
  });

  it('finds every place, whole or with one insertion on either side of the middle', () => {
    expect(findSecret('abcd abXcd aXbcd', 'abcd')).toEqual(
      expect.arrayContaining([
        [0, 4],
        [5, 10],
        [11, 16],
      ]),
    );
    expect(findSecret('aXbcd', 'abcd')).toEqual([[0, 5]]);
    expect(findSecret('a😀bcd', 'abcd')).toEqual([[0, 6]]);
    expect(new Set(findSecret('ab😀cd', 'abcd').map(String))).toEqual(new Set(['0,6'])); // from either half
    expect(findSecret('abcXd', 'abcd')).toEqual([[0, 5]]);
    expect(findSecret('cd ab', 'abcd')).toEqual([]);
    expect(findSecret('bcd', 'abcd')).toEqual([]);
  });
});
