import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, startServer, type ServerProcess } from '../../bench/server-process.js';

export interface LocalCluster extends Omit<NginxFront, 'stop'> {
  /** the API processes behind nginx */
  servers: ServerProcess[];
  /** stops nginx and the API processes */
  stop(): Promise<void>;
}

const deployDir = path.join(repoRoot, 'deploy/nginx');

/**
 * `processes` API processes on loopback sharing one PostgreSQL database (and one DATA_DIR, so one signing
 * key), behind nginx on a loopback port. nginx runs deploy/nginx/hiwa.conf's upstream (with these ports) and
 * includes deploy/nginx/hiwa-proxy.conf itself, over plain HTTP instead of TLS.
 */
export async function startLocalCluster(databaseUrl: string, options: { processes?: number; env?: Record<string, string> } = {}): Promise<LocalCluster> {
  const env = { HOST: '127.0.0.1', ...options.env };
  const servers: ServerProcess[] = [];
  let front: NginxFront | undefined;
  const stop = async (): Promise<void> => {
    await front?.stop();
    // the first process owns the shared DATA_DIR and removes it: it stops last
    for (const server of [...servers].reverse()) await server.stop();
  };
  try {
    // One after another: the first applies the migrations (and, in demo mode, seeds), and the machine's
    // cores are not shared by several starts at once.
    for (let i = 0; i < (options.processes ?? 3); i++) {
      servers.push(await startServer(databaseUrl, { env, dataDir: servers[0]?.dataDir }));
    }
    front = await startNginxFront(servers.map((s) => s.origin));
    return { ...front, servers, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface NginxFront {
  /** nginx, e.g. http://127.0.0.1:40123 */
  origin: string;
  /** `address:port` of each API process as nginx names it in the access log */
  upstreams: string[];
  /** nginx's access log: `method uri status "upstream addresses" "upstream statuses"` per request */
  accessLog: string;
  /** stops nginx only; the API processes are their owner's */
  stop(): Promise<void>;
}

/**
 * nginx on a loopback port in front of API processes already running (their origins), with deploy/nginx's
 * upstream settings and proxy rules, over plain HTTP instead of TLS.
 */
export async function startNginxFront(origins: readonly string[]): Promise<NginxFront> {
  let nginx: ChildProcess | undefined;
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-nginx-'));
  const stop = async (): Promise<void> => {
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  try {
    const upstreams = origins.map((o) => new URL(o).host);
    const port = await freePort();
    fs.chmodSync(prefix, 0o755); // nginx's workers (nobody) keep request bodies under it
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), nginxConf(prefix, port, upstreams));
    nginx = spawn(nginxBinary(), ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const origin = `http://127.0.0.1:${port}`;
    await untilAnswering(`${origin}/healthz`, nginx);
    return { origin, upstreams, accessLog: path.join(prefix, 'access.log'), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function nginxConf(prefix: string, port: number, upstreams: string[]): string {
  const site = fs.readFileSync(path.join(deployDir, 'hiwa.conf'), 'utf8');
  const upstream = /^upstream hiwa_api \{[\s\S]*?^\}/m.exec(site)?.[0];
  const serverLine = /^\s*server 127\.0\.0\.1:\d+(.*);$/m.exec(upstream ?? '');
  if (!upstream || !serverLine) throw new Error('deploy/nginx/hiwa.conf has no upstream hiwa_api with server lines');
  const servers = upstreams.map((u) => `    server ${u}${serverLine[1]};`).join('\n');
  const localUpstream = upstream.replace(/^\s*server 127\.0\.0\.1:\d+.*;\n/gm, '').replace(/\{\n/, `{\n${servers}\n`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${prefix}/${t}_temp;`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
    log_format hiwa '$request_method $uri $status "$upstream_addr" "$upstream_status"';
    access_log ${prefix}/access.log hiwa;
${temp}
${localUpstream}
    server {
        listen 127.0.0.1:${port};
        include ${deployDir}/hiwa-proxy.conf;
    }
}
`;
}

function nginxBinary(): string {
  const candidates = [...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nginx')), '/usr/sbin/nginx'];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('nginx is not installed (scripts/install-system-deps.sh installs it)');
  return found;
}

async function untilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode} while starting`);
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 10 s`);
}
