// Jest globalSetup and globalTeardown (jest.config.ts): a directory for this run where the first spec file to
// probe an adapter (spec/support/target.ts) leaves the probe's answer for the others, so that a run probes each
// adapter, profile and command once instead of once per spec file. A new directory every run: nothing is kept.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function setup() {
  process.env.TCPCONFORM_PROBE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-probe-'));
};

module.exports.teardown = async function teardown() {
  const dir = process.env.TCPCONFORM_PROBE_CACHE;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
