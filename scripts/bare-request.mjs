// The baseline for `npm run bench`'s cold run: the least a Node script can do to ask
// DescribeTaskStatus once — sign with node:crypto, send with the built-in fetch.
// Usage: node scripts/bare-request.mjs <endpoint-url> <secret-id> <secret-key> <task-id>
import { createHash, createHmac } from 'node:crypto';

const [url, secretId, secretKey, taskId] = process.argv.slice(2);
const host = new URL(url).host;
const body = JSON.stringify({ TaskId: taskId });
const timestamp = Math.floor(Date.now() / 1000);
const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
const sha = (s) => createHash('sha256').update(s).digest('hex');
const hmac = (k, s) => createHmac('sha256', k).update(s).digest();
const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${sha(body)}`;
const scope = `${date}/clb/tc3_request`;
const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha(canonical)}`;
const key = hmac(hmac(hmac(`TC3${secretKey}`, date), 'clb'), 'tc3_request');
const signature = createHmac('sha256', key).update(toSign).digest('hex');
const res = await fetch(url, {
  method: 'POST',
  body,
  headers: {
    'Content-Type': 'application/json',
    'X-TC-Action': 'DescribeTaskStatus',
    'X-TC-Version': '2018-03-17',
    'X-TC-Timestamp': String(timestamp),
    Authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  },
});
const { Response: r } = await res.json();
console.log(r.Error ? `error ${r.Error.Code}` : `status ${r.Status}`);
