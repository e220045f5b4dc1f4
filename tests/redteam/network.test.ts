/**
 * Red-team catalogue items 6–8: network, and hostile requests for container options.
 *
 * No test here sends a packet to any address outside this machine, not even to
 * show that it fails: isolation is proven from the inside (interfaces, routes,
 * listening sockets, a connect to a loopback port whose server lives in this
 * test process) and from the outside (`docker inspect`). Attack programs print
 * the correct sum only if the attack worked, so `wrong_answer` on every test
 * proves the defence held.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, resolveLimits, type Challenge } from '../../server/src/challenges/index.ts';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import type { JudgeResult } from '../../server/src/contracts/index.ts';
import { isKodbroError } from '../../server/src/errors.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { LANGUAGES } from '../../server/src/languages/index.ts';
import {
  containerSpec,
  imageFor,
  listSandboxContainers,
  openBox,
  SANDBOX_CONSTANTS,
  type ContainerParams,
} from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judged, judgeSource, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';

const PY = String.raw`
import os, sys
def _solve():
    data = sys.stdin.read().split()
    n = int(data[0])
    return sum(int(x) for x in data[1:1 + n])
def answer(won):
    print(_solve() if won else _solve() + 1, flush=True)
`;

/** What the container's own network stack shows: interfaces, routes (IPv4 and IPv6), listening sockets. */
const PY_NET = String.raw`
def interfaces():
    return [line.split(':', 1)[0].strip() for line in open('/proc/net/dev').read().splitlines()[2:] if ':' in line]
def ipv4_routes():
    return [line.split() for line in open('/proc/net/route').read().splitlines()[1:] if line.strip()]
def ipv6_routes_off_lo():
    # Every IPv6 route the kernel keeps for the loopback device is local; any other device would lead out.
    return [line.split() for line in open('/proc/net/ipv6_route') if line.split()[-1] != 'lo']
def listeners(port=None):
    found = []
    for name in ('tcp', 'tcp6', 'udp', 'udp6'):
        try:
            lines = open('/proc/net/' + name).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local = line.split()[1]
            p = int(local.rsplit(':', 1)[1], 16)
            if port is None or p == port:
                found.append((name, local))
    return found
`;

const ALL_WRONG = Array<string>(5).fill('wrong_answer');

async function expectHeld(source: string): Promise<JudgeResult> {
  const result = await judgeSource(SUM_PACKAGE, 'python', source);
  expect(result.compileOutput).toBeUndefined();
  expect(result.verdict).not.toBe('accepted');
  expect(result.score).toBe(0);
  expect(result.tests.map((t) => t.verdict)).toEqual(ALL_WRONG);
  return result;
}

async function inspectLiveBox(): Promise<Docker.ContainerInspectInfo> {
  const box = await openBox(docker, { image: await imageFor('python'), memoryMb: 64, deadline: Date.now() + 120_000, purpose: 'run' });
  try {
    return await docker.getContainer(box.id).inspect();
  } finally {
    await box.destroy();
  }
}

describe('red team: network (items 6–7)', () => {
  afterEach(expectDockerClean);

  it('control: the harness is accepted when it reports that the attack worked', async () => {
    // Runs every helper the attacks use (so none of them crashes), then claims success.
    const result = await judgeSource(SUM_PACKAGE, 'python', `${PY}${PY_NET}\ninterfaces(); ipv4_routes(); ipv6_routes_off_lo(); listeners(53)\nanswer(True)\n`);
    expect(result.verdict).toBe('accepted');
  });

  describe('6. any network at all', () => {
    it('inside: /proc/net/dev lists only lo, /proc/net/route holds no route, no IPv6 route leaves lo, /sys/class/net has only lo', async () => {
      await expectHeld(`${PY}${PY_NET}
won = interfaces() != ['lo'] or bool(ipv4_routes()) or bool(ipv6_routes_off_lo())
won = won or sorted(os.listdir('/sys/class/net')) != ['lo']
answer(won)
`);
    });

    describe('a server listening on the host loopback', () => {
      let server: net.Server;
      let port: number;
      let connections = 0;

      beforeAll(async () => {
        server = net.createServer((socket) => {
          connections += 1;
          socket.destroy();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as net.AddressInfo).port;
      });
      afterAll(async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });

      it("cannot be reached from the box: the box's 127.0.0.1 is its own (the same port binds inside), and the server sees no connection", async () => {
        // Sanity: the server does accept connections from this machine's loopback.
        await new Promise<void>((resolve, reject) => {
          const client = net.connect(port, '127.0.0.1', () => {
            client.destroy();
            resolve();
          });
          client.on('error', reject);
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(connections).toBe(1);
        connections = 0;

        await expectHeld(`${PY}
import socket
PORT = ${port}
won = False
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(0.5)
try:
    s.connect(('127.0.0.1', PORT))
    won = True  # reached a listener on the host's loopback
except OSError:
    pass
finally:
    s.close()
# In the host's network namespace this bind would fail: the test process holds the port there.
b = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    b.bind(('127.0.0.1', PORT))
except OSError:
    won = True
finally:
    b.close()
answer(won)
`);
        expect(connections).toBe(0);
      });
    });

    it('outside: docker inspect of a live box shows NetworkMode none, networking disabled, no networks, no address, no ports', async () => {
      const info = await inspectLiveBox();
      // dockerode's types omit some fields the engine returns; read them as plain data.
      const config = info.Config as unknown as Record<string, unknown>;
      const settings = info.NetworkSettings as unknown as Record<string, unknown>;
      expect(info.HostConfig.NetworkMode).toBe('none');
      expect(config.NetworkDisabled).toBe(true);
      expect(info.NetworkSettings.Networks ?? {}).toEqual({});
      expect(settings.IPAddress ?? '').toBe('');
      expect(settings.Gateway ?? '').toBe('');
      expect(settings.GlobalIPv6Address ?? '').toBe('');
      expect(settings.SandboxKey ?? '').toBe('');
      expect(info.NetworkSettings.Ports ?? {}).toEqual({});
      expect(info.HostConfig.PortBindings ?? {}).toEqual({});
      expect(info.HostConfig.PublishAllPorts).toBe(false);
      expect(info.HostConfig.Links ?? []).toEqual([]);
      expect(info.HostConfig.ExtraHosts ?? []).toEqual([]);
      expect(info.HostConfig.PidMode ?? '').toBe('');
      expect(info.HostConfig.UTSMode ?? '').toBe('');
    });
  });

  it('7. DNS exfiltration: no route leads anywhere, no resolver listens on the box loopback, so no query could leave (none is sent)', async () => {
    await expectHeld(`${PY}${PY_NET}
# Whatever /etc/resolv.conf names (here nothing, so glibc would ask 127.0.0.1), a query could
# leave only through a route (any IPv4 route, an IPv6 route off lo, an interface but lo), or
# reach a forwarder on the box's own loopback (like Docker's embedded DNS at 127.0.0.11:53).
routable = interfaces() != ['lo'] or bool(ipv4_routes()) or bool(ipv6_routes_off_lo())
local_resolver = bool(listeners(53))
answer(routable or local_resolver)
`);
    const info = await inspectLiveBox();
    expect(info.HostConfig.Dns ?? []).toEqual([]);
    expect(info.HostConfig.DnsSearch ?? []).toEqual([]);
    expect(info.HostConfig.NetworkMode).toBe('none');
  });
});

describe('red team: a hostile request for network, privileges, mounts, another image or huge limits (item 8)', () => {
  afterEach(expectDockerClean);

  const cleanParams: ContainerParams = { image: 'kodbro/python:test', memoryMb: 64, deadline: 1_000, purpose: 'run' };

  it('containerSpec ignores every key it does not know: the options come only from server constants', () => {
    const hostile = {
      ...cleanParams,
      privileged: true,
      Privileged: true,
      network: 'host',
      NetworkMode: 'host',
      networkDisabled: false,
      binds: ['/:/host'],
      Binds: ['/var/run/docker.sock:/var/run/docker.sock'],
      mounts: [{ Type: 'bind', Source: '/', Target: '/host' }],
      capAdd: ['SYS_ADMIN'],
      CapAdd: ['ALL'],
      securityOpt: ['seccomp=unconfined'],
      user: '0:0',
      User: 'root',
      env: ['KODBRO_SECRET=1'],
      Cmd: ['/bin/sh'],
      pidsLimit: 0,
      HostConfig: { Privileged: true, NetworkMode: 'host', Binds: ['/:/host'] },
    } as unknown as ContainerParams;
    const spec = containerSpec(hostile);
    expect(spec).toEqual(containerSpec(cleanParams));
    const host = spec.HostConfig!;
    expect(host.NetworkMode).toBe('none');
    expect(spec.NetworkDisabled).toBe(true);
    expect(host.Privileged).toBe(false);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd).toEqual([]);
    expect(host.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(host.Binds).toEqual([]);
    expect(host.Mounts).toEqual([]);
    expect(host.Devices).toEqual([]);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.PidsLimit).toBe(SANDBOX_CONSTANTS.pidsLimit);
    expect(spec.User).toBe('65534:65534');
    expect(spec.Cmd).toEqual(['sleep', 'infinity']);
  });

  it('the only numbers containerSpec takes land in Memory = MemorySwap (no swap); every other option stays a constant', () => {
    const base = containerSpec(cleanParams);
    for (const memoryMb of [16, 1024, 1e6]) {
      const spec = containerSpec({ ...cleanParams, memoryMb });
      expect(spec.HostConfig!.Memory).toBe(memoryMb * 1024 * 1024);
      expect(spec.HostConfig!.MemorySwap).toBe(spec.HostConfig!.Memory);
      expect(spec.HostConfig!.MemorySwappiness).toBe(0);
      expect({ ...spec, HostConfig: { ...spec.HostConfig, Memory: 0, MemorySwap: 0 } }).toEqual({
        ...base,
        HostConfig: { ...base.HostConfig, Memory: 0, MemorySwap: 0 },
      });
    }
  });

  describe('hostile kodbro.yaml manifests', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'kodbro-redteam-manifest-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    /** A copy of the sum fixture whose manifest is replaced by `manifest` (YAML). */
    async function hostilePackage(manifest: string): Promise<string> {
      const dir = path.join(root, randomUUID());
      await cp(path.join(REPO_ROOT, SUM_PACKAGE), dir, { recursive: true });
      await writeFile(path.join(dir, 'kodbro.yaml'), manifest);
      return dir;
    }

    const HEAD = 'format: kodbro/1\nid: sum\ntitle:\n  en: Sum of numbers\n';
    const hostileKeys: Array<[string, string]> = [
      ['privileged', `${HEAD}privileged: true\n`],
      ['network', `${HEAD}network: host\n`],
      ['networkMode', `${HEAD}networkMode: host\n`],
      ['binds', `${HEAD}binds:\n  - /:/host\n  - /var/run/docker.sock:/var/run/docker.sock\n`],
      ['mounts', `${HEAD}mounts:\n  - { type: bind, source: /, target: /host }\n`],
      ['image', `${HEAD}image: alpine:latest\n`],
      ['capAdd', `${HEAD}capAdd: [SYS_ADMIN]\n`],
      ['securityOpt', `${HEAD}securityOpt: [seccomp=unconfined]\n`],
      ['user', `${HEAD}user: root\n`],
      ['env', `${HEAD}env:\n  SECRET: x\n`],
      ['limits.pidsLimit', `${HEAD}limits:\n  timeMs: 1000\n  pidsLimit: 100000\n`],
      ['limits.privileged', `${HEAD}limits:\n  privileged: true\n`],
      ['limits.network', `${HEAD}limits:\n  network: host\n`],
      ['checker.image', `${HEAD}checker:\n  type: tokens\n  image: alpine:latest\n`],
      ['groups[].binds', `${HEAD}groups:\n  - id: all\n    points: 1\n    binds: [/:/host]\n`],
    ];

    it.each(hostileKeys)('a manifest with %s is rejected as invalid (unknown keys are errors, never ignored)', async (key, manifest) => {
      const dir = await hostilePackage(manifest);
      const error = await loadChallenge(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isKodbroError(error, 'package_invalid'), String(error)).toBe(true);
      expect((error as Error).message).toContain(key.split('.').pop()!.replace('[]', ''));
    });

    it('a manifest asking 10^12 ms, 10^9 MB and 10^12 KB output loads, and every number is clamped to the server caps', async () => {
      const dir = await hostilePackage(`${HEAD}limits:\n  timeMs: 1000000000000\n  memoryMb: 1000000000\n  outputKb: 1000000000000\n`);
      const challenge = await loadChallenge(dir);
      expect(challenge.limits).toEqual({ timeMs: 1e12, memoryMb: 1e9, outputKb: 1e12 });
      for (const language of Object.values(LANGUAGES)) {
        const limits = resolveLimits(challenge.limits, language, DEFAULT_JUDGE_LIMITS);
        expect(limits.timeMs).toBeLessThanOrEqual(DEFAULT_JUDGE_LIMITS.maxTimeMs * 2);
        expect(limits.memoryMb).toBe(DEFAULT_JUDGE_LIMITS.maxMemoryMb);
        expect(limits.outputBytes).toBe(DEFAULT_JUDGE_LIMITS.maxOutputKb * 1024);
        expect(limits.clamped).toHaveLength(3);
      }
      // Even a number no cap could hold (not a safe integer) is refused outright.
      const absurd = await hostilePackage(`${HEAD}limits:\n  timeMs: 1e300\n`);
      await expect(loadChallenge(absurd)).rejects.toMatchObject({ code: 'package_invalid' });
    });

    describe('judged end to end with small server caps (1 s, 64 MB)', () => {
      let challenge: Challenge;
      beforeAll(async () => {
        const dir = await hostilePackage(`${HEAD}limits:\n  timeMs: 1000000000000\n  memoryMb: 1000000000\n`);
        challenge = await loadChallenge(dir);
      });
      const caps = { maxTimeMs: 1000, maxMemoryMb: 64 };

      /** Judges the samples and inspects the live box at its first test. */
      async function judgeHostile(source: string): Promise<{ result: JudgeResult; live: Docker.ContainerInspectInfo }> {
        let inspecting: Promise<Docker.ContainerInspectInfo> | undefined;
        const outcome = await judgeSubmission(challenge, { language: 'python', source }, judgeDeps(caps), {
          testSet: 'samples',
          onEvent: (event) => {
            if (event.type === 'testing' && !inspecting) {
              inspecting = listSandboxContainers(docker, { ownOnly: true }).then(async (boxes) => {
                expect(boxes).toHaveLength(1);
                return docker.getContainer(boxes[0]!.Id).inspect();
              });
            }
          },
        });
        expect(inspecting).toBeDefined();
        return { result: judged(outcome), live: await inspecting! };
      }

      it('a program that needs 4 s (fine under the 10^12 ms asked for) gets time_limit; the live box has only the capped memory and no network', async () => {
        const { result, live } = await judgeHostile(`${PY}
import time
time.sleep(4)
answer(True)
`);
        expect(result.tests.map((t) => t.verdict)).toEqual(['time_limit']);
        expect(live.HostConfig.Memory).toBe(64 * 1024 * 1024);
        expect(live.HostConfig.MemorySwap).toBe(64 * 1024 * 1024);
        expect(live.HostConfig.NetworkMode).toBe('none');
        expect(live.HostConfig.Privileged).toBe(false);
        expect(live.HostConfig.Binds ?? []).toEqual([]);
        expect(live.Config.Image).toBe(await imageFor('python'));
      });

      it('a program that needs 256 MB (fine under the 10^9 MB asked for) gets memory_limit', async () => {
        const { result, live } = await judgeHostile(`${PY}
blocks = [bytearray(b'x' * (1 << 20)) for _ in range(256)]
answer(len(blocks) == 256)
`);
        expect(result.tests.map((t) => t.verdict)).toEqual(['memory_limit']);
        expect(live.HostConfig.Memory).toBe(64 * 1024 * 1024);
      });
    });
  });
});

