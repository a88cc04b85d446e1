// Jest global tear-down: stops the servers test/global-setup.js started (never one the environment named).
'use strict';

/** Stops each started server once (also called when the Jest process exits before the tear-down ran). */
function stopServers(started) {
  for (const server of started.splice(0)) {
    try {
      server.stop();
    } catch (error) {
      process.stderr.write(`test tear-down: could not stop the test ${server.what}: ${error.message}\n`);
    }
  }
}

module.exports = async () => stopServers(globalThis.__silolabTestServers ?? []);
module.exports.stopServers = stopServers;
