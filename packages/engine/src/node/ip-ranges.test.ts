import { describe, expect, it } from 'vitest';
import { ipv6Groups, isForbiddenAddress } from './ip-ranges';

describe('isForbiddenAddress', () => {
  it('refuses loopback, private, link-local, metadata and reserved IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '93.184.216.34']) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  it('refuses IPv6 loopback, unique-local, link-local and IPv4 hidden inside IPv6', () => {
    for (const address of [
      '::1',
      '[::1]',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::ffff:a9fe:a9fe]',
      'fd00:ec2::254',
      'fe80::1%eth0',
      'ff02::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    expect(isForbiddenAddress('2606:4700:4700::1111')).toBe(false);
    expect(isForbiddenAddress('::ffff:8.8.8.8')).toBe(false);
  });

  it('treats anything that is not an IP literal as forbidden', () => {
    expect(isForbiddenAddress('localhost')).toBe(true);
  });

  it('expands IPv6 groups', () => {
    expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups('fe80::1')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  });
});
