// The protocol check can fail (`npm run test:long`): it catches children that break the protocol, waiting out its
// timeout at each step for the one that hangs. That the worked example passes it is in echo-closed-port.test.ts.
import * as path from 'path';
import { checkProtocol } from '../protocol-check';

const FAKE = path.join(__dirname, '..', '__fixtures__', 'fake-iut.js');

describe('the protocol check', () => {
  test('it catches broken children (so it can fail)', async () => {
    // The check's one timeout bounds the wait for the hello too, so none is under a second: a loaded machine may
    // take that long to start node. Where the child fails at once the default (5 s) costs nothing; where it hangs,
    // the timeout is waited out at each of the four steps that follow the hello.
    expect((await checkProtocol(`node ${JSON.stringify(FAKE)} wrong-id`)).problems[0]).toMatch(
      /^state: reply with id 3, expected id 2/,
    );
    expect((await checkProtocol(`node ${JSON.stringify(FAKE)} ignore-eof`)).problems).toContain(
      'still running 2 s after its stdin was closed (it must exit at end of input)',
    );
    expect((await checkProtocol(`node ${JSON.stringify(FAKE)} version`)).problems[0]).toMatch(/protocol version 99/);
    expect((await checkProtocol(`node ${JSON.stringify(FAKE)} hang`, 2000)).problems[0]).toMatch(
      /state: no reply within 2000 ms/,
    );
  }, 60000);
});
