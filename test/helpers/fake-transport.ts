// A scripted Transport: each call takes the next step; records what was sent.
import { TransportError } from '../../src/tencent/errors.ts';
import type { HttpRequest, HttpResponse, Transport } from '../../src/tencent/http.ts';

export type Step = HttpResponse | Error | ((req: HttpRequest) => HttpResponse | Promise<HttpResponse>);

/** RequestIds as the API shapes them (a UUID), numbered so a test can tell answers apart. */
export const rid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const ok = (response: object): HttpResponse => ({
  status: 200,
  body: JSON.stringify({ Response: { RequestId: rid(1), ...response } }),
});
export const apiError = (code: string, message = 'from the test', requestId = rid(2)): HttpResponse => ({
  status: 200,
  body: JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } }),
});
export const networkError = () => new TransportError('network error: ECONNRESET');

export function scripted(steps: Step[], fallback?: Step): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const transport = async (req: HttpRequest): Promise<HttpResponse> => {
    sent.push(req);
    const step = steps.shift() ?? fallback;
    if (!step) throw new Error('fake transport: no step left');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(req) : step;
  };
  return Object.assign(transport, { sent });
}
