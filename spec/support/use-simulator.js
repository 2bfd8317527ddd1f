// Jest setup for the suite:simulator project (jest.config.ts): run the conformance suite against the simulator adapter.
process.env.TCPCONFORM_ADAPTER = 'simulator';
