// Jest setup for the suite:model project (jest.config.ts): run the conformance suite against the model adapter.
process.env.TCPCONFORM_ADAPTER = 'model';
