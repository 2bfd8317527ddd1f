// Jest globalTeardown (jest.config.ts): see probe-cache.js.
'use strict';
module.exports = require('./probe-cache').teardown;
