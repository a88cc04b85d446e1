// Jest global set-up: makes sure the real servers the integration tests talk to are running.
// Starts a throw-away PostgreSQL cluster and a Redis server (scripts/ci/*.sh) unless the
// environment already names them (DATABASE_URL_TEST, REDIS_URL_TEST).
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

function start(script) {
  const out = execFileSync('bash', [path.join(__dirname, '..', 'scripts', 'ci', script)], { encoding: 'utf8' });
  const [key, ...rest] = out.trim().split('\n').pop().split('=');
  process.env[key] = rest.join('=');
}

module.exports = async () => {
  if (!process.env.DATABASE_URL_TEST) start('start-postgres.sh');
  if (!process.env.REDIS_URL_TEST) start('start-redis.sh');
  if (!process.env.CHROMIUM_PATH) process.env.CHROMIUM_PATH = '/usr/bin/chromium';
};
