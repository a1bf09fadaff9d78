// A real HTTP forward proxy on loopback: CONNECT tunnels and absolute-form requests.
// Records each target it was asked for, so tests can tell proxied from direct traffic.
import { createServer, request } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** host:port of every CONNECT and every forwarded request, in order. */
  targets: string[];
  /** Local ports of the proxy's upstream connections: the client ports the server sees. */
  upstreamPorts: Set<number>;
  /** host:port of each CONNECT tunnel (how HTTPS goes through a proxy). */
  tunnels: string[];
  close(): Promise<void>;
}

export async function startProxy(): Promise<ForwardProxy> {
  const targets: string[] = [];
  const upstreamPorts = new Set<number>();
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '');
    targets.push(target.host);
    const upstream = request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('socket', (sock) => sock.on('connect', () => upstreamPorts.add(sock.localPort!)));
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      upstreamPorts.add(upstream.localPort!);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.add(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    upstreamPorts,
    tunnels,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
