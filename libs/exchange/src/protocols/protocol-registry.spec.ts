// Loading protocol modules by path (SILOLAB_PROTOCOL_MODULES, --protocol-module): a module's `protocol` is checked
// member by member and registered once; what was loaded is what the services of a run are told to load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeProtocol, loadProtocolModules, protocolModules, protocolNames } from './protocol-registry';

const valid = (name: string) =>
  `exports.protocol = { name: '${name}', description: 'x', route: { allowed: ['orchestrator', 'hub', 'orchestrator'], denied: ['orchestrator', 'orchestrator'] }, permissionCheck: 'hub', evidence: ['hub'], hub: 'route', departmentDesk() { return {}; }, reportsOutcome() { return true; } };\n`;

describe('protocol modules', () => {
  const work = mkdtempSync(join(tmpdir(), 'silolab-protocol-modules-'));
  const file = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('registers each module’s protocol once, and lists the modules for the services', () => {
    const first = file('relay.js', valid('relay'));
    const second = file('courier.js', valid('courier'));
    expect(protocolModules()).toBe('');
    loadProtocolModules(`${first}:${second}`);
    loadProtocolModules(first); // loaded before: not again (no "already registered")
    expect(protocolNames().slice(-2)).toEqual(['relay', 'courier']);
    expect(exchangeProtocol('courier').description).toBe('x');
    expect(protocolModules()).toBe(`${first}:${second}`);
    expect(() => loadProtocolModules(undefined)).not.toThrow();
  });

  it('refuses, naming the source, the module and the member: a relative path, no export, a bad member, a taken name', () => {
    expect(() => loadProtocolModules('dist/x.js')).toThrow('SILOLAB_PROTOCOL_MODULES: dist/x.js: expected an absolute path');
    expect(() => loadProtocolModules(join(work, 'missing.js'), '--protocol-module')).toThrow(/^--protocol-module: .*missing\.js: cannot load: Cannot find module/);
    expect(() => loadProtocolModules(file('none.js', 'exports.other = 1;\n'))).toThrow(/none\.js: exports no `protocol`/);
    expect(() => loadProtocolModules(file('hubless.js', valid('hubless').replace("hub: 'route'", "hub: 'sometimes'")))).toThrow(/hubless\.js: protocol\.hub: expected "route" or "collect", got "sometimes"/);
    expect(() => loadProtocolModules(file('noend.js', valid('noend').replace("'hub', 'orchestrator'], denied", "'hub'], denied")))).toThrow(/noend\.js: protocol\.route\.allowed: expected parties from orchestrator back to orchestrator/);
    expect(() => loadProtocolModules(file('desk.js', valid('desk').replace('departmentDesk() { return {}; }', 'departmentDesk: 3')))).toThrow(/desk\.js: protocol\.departmentDesk: expected a function/);
    expect(() => loadProtocolModules(file('taken.js', valid('hub')))).toThrow(/taken\.js: a protocol named hub is already registered/);
    expect(() => loadProtocolModules(file('caps.js', valid('Caps')))).toThrow(/caps\.js: name: expected 1-32 lowercase letters/);
    expect(protocolNames()).not.toContain('hubless');
  });
});
