// Child process of sparse-memory.e2e-spec: builds a flat population of SYSTEMS × REGIONS departments, runs one tick
// on the built engine (dist/, or DIST), and prints the tick's exchanges and process.memoryUsage() as JSON.
'use strict';
const path = require('node:path');
const dist = process.env.SILOLAB_DIST || path.join(__dirname, '..', '..', 'dist');
const { Simulation } = require(path.join(dist, 'libs', 'engine', 'src'));
const { parseScenario } = require(path.join(dist, 'libs', 'model', 'src'));

const systems = Number(process.argv[2]);
const regions = Number(process.argv[3]);
const ids = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const lines = ids('line', systems);
// One service per line, asking two other lines in the region and its own line in another region: every department
// asks and is asked, and pairs form within and across regions.
const services = lines.map((provider, i) => ({
  id: `service-${i}`,
  provider,
  applicationsPerTick: 0.5,
  needs: [lines[(i + 1) % systems], lines[(i + 7) % systems], { system: provider, region: 'other' }],
}));
const scenario = parseScenario({
  name: 'sparse-memory',
  population: { systems: lines, regions: ids('region', regions) },
  demand: { mode: 'services', services },
  policies: { provenance: 'digest' },
  metrics: { networkEvery: 1 },
});

(async () => {
  const simulation = new Simulation(scenario, { ticks: 1 });
  const tick = await simulation.step();
  global.gc();
  const memory = process.memoryUsage();
  process.stdout.write(JSON.stringify({ departments: simulation.world.departments.length, exchanges: tick.metrics.requests, edges: tick.metrics.networkEdges, memory }) + '\n');
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
