// Stands in, inside the CLI's bundle, for the transports dockerode loads on
// start but Kodbro never uses: ssh2 (a DOCKER_HOST of ssh://…), and gRPC
// and protobufjs (BuildKit; the images are built by the classic builder).
// Loading them took about 90 ms of every CLI start. Reaching one says so.
'use strict';
const unused = (what) =>
  function () {
    throw new Error(`${what} is not part of Kodbro's CLI bundle; run node server/dist/cli/main.js for it`);
  };
const buildKit = unused('BuildKit');
module.exports = { Client: unused('A Docker host over ssh://'), Server: buildKit, ServerCredentials: { createInsecure: buildKit }, loadPackageDefinition: buildKit, loadSync: buildKit };
