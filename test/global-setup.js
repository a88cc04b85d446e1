// Jest global set-up: the real servers the integration tests talk to. A Redis or PostgreSQL named in the environment
// (REDIS_URL_TEST, DATABASE_URL_TEST) is used as it is and left running; otherwise this run starts its own
// (scripts/ci/start-*.sh; ports REDIS_TEST_PORT / PG_TEST_PORT, else free ones) and test/global-teardown.js stops it.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');

const script = (name) => path.join(__dirname, '..', 'scripts', 'ci', name);

/** A TCP port nothing listens on now (the kernel's choice). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(true) || socket.destroy());
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => resolve(false) || socket.destroy());
  });
}

/** Starts a server with `start` on `portVariable`'s port (or a free one) and returns how to stop it. */
async function startServer({ what, urlVariable, portVariable, start, stop, env = {} }) {
  const port = process.env[portVariable] ?? String(await freePort());
  if (await answers(Number(port))) {
    throw new Error(`test set-up: something already listens on port ${port} (${portVariable}); to test against that ${what}, name it in ${urlVariable}; otherwise choose another ${portVariable}`);
  }
  const scriptEnv = { ...process.env, ...env, [portVariable]: port };
  const out = execFileSync('bash', [script(start)], { encoding: 'utf8', env: scriptEnv });
  const [key, ...rest] = out.trim().split('\n').pop().split('=');
  process.env[key] = rest.join('=');
  return { what, stop: () => execFileSync('bash', [script(stop)], { env: scriptEnv, stdio: 'ignore' }) };
}

module.exports = async () => {
  const started = [];
  // Stopped by global-teardown.js, or when the Jest process exits early.
  globalThis.__silolabTestServers = started;
  process.once('exit', () => require('./global-teardown.js').stopServers(started));
  if (!process.env.DATABASE_URL_TEST) {
    const dir = process.env.PG_TEST_DIR ?? mkdtempSync(path.join(tmpdir(), 'silolab-pg-'));
    started.push(await startServer({ what: 'PostgreSQL', urlVariable: 'DATABASE_URL_TEST', portVariable: 'PG_TEST_PORT', start: 'start-postgres.sh', stop: 'stop-postgres.sh', env: { PG_TEST_DIR: dir } }));
  }
  if (!process.env.REDIS_URL_TEST) {
    started.push(await startServer({ what: 'Redis', urlVariable: 'REDIS_URL_TEST', portVariable: 'REDIS_TEST_PORT', start: 'start-redis.sh', stop: 'stop-redis.sh' }));
  }
  if (!process.env.CHROMIUM_PATH) process.env.CHROMIUM_PATH = '/usr/bin/chromium';
};
