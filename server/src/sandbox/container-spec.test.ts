import { describe, expect, it } from 'vitest';
import { containerSpec, LABEL_DEADLINE, LABEL_SANDBOX, SANDBOX_CONSTANTS } from './container-spec.ts';

const spec = containerSpec({ image: 'kodbro/python:abc', memoryMb: 256, deadline: 1234, purpose: 'run' });
const host = spec.HostConfig ?? {};

describe('containerSpec (DESIGN.md invariant 1, as data)', () => {
  it('has no network', () => {
    expect(host.NetworkMode).toBe('none');
    expect(spec.NetworkDisabled).toBe(true);
  });

  it('has a read-only root and size-capped tmpfs as the only writable places', () => {
    expect(host.ReadonlyRootfs).toBe(true);
    expect(Object.keys(host.Tmpfs ?? {}).sort()).toEqual(['/box', '/tmp']);
    for (const options of Object.values(host.Tmpfs ?? {})) expect(options).toMatch(/size=\d+m/);
    expect(host.Binds).toEqual([]);
    expect(host.Mounts).toEqual([]);
    expect(host.Devices).toEqual([]);
  });

  it('runs as a non-root user with every capability dropped and no new privileges', () => {
    expect(spec.User).toBe('65534:65534');
    expect(host.Privileged).toBe(false);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd).toEqual([]);
    expect(host.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(JSON.stringify(spec)).not.toMatch(/seccomp|apparmor=unconfined|label=disable/);
  });

  it('limits pids, memory (with no swap on top), CPU and files', () => {
    expect(host.PidsLimit).toBe(SANDBOX_CONSTANTS.pidsLimit);
    expect(host.Memory).toBe(256 * 1024 * 1024);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.NanoCpus).toBe(1e9);
    expect(host.Ulimits?.map((u) => u.Name).sort()).toEqual(['core', 'fsize', 'nofile', 'stack']);
    expect(host.Ulimits?.find((u) => u.Name === 'core')).toMatchObject({ Soft: 0, Hard: 0 });
  });

  it('logs nothing, restarts never, and carries the reaper labels', () => {
    expect(host.LogConfig?.Type).toBe('none');
    expect(host.RestartPolicy?.Name).toBe('no');
    expect(spec.Labels?.[LABEL_SANDBOX]).toBe('true');
    expect(spec.Labels?.[LABEL_DEADLINE]).toBe('1234');
  });

  it('depends on nothing but the image, a memory number and labels', () => {
    const other = containerSpec({ image: 'kodbro/go:def', memoryMb: 64, deadline: 99, purpose: 'checker' });
    const strip = (s: typeof spec) => JSON.stringify({ ...s, Image: '', Labels: {}, HostConfig: { ...s.HostConfig, Memory: 0, MemorySwap: 0 } });
    expect(strip(other)).toBe(strip(spec));
  });
});
