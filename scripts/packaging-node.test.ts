import { describe, expect, it } from 'vitest';
import { packagingTree, unsupportedBy } from './packaging-node.mjs';

describe('the Node that packaging needs', () => {
  it('reads what every installed package of electron-builder declares', () => {
    const tree = packagingTree();
    const names = tree.map((pkg) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(['electron-builder', 'app-builder-lib']));
    expect(tree.length).toBeGreaterThan(20);
    const rebuild = tree.find((pkg) => pkg.name === '@electron/rebuild');
    expect(rebuild?.node).toBeTruthy();
  });

  it('names the packages that do not support a Node version', () => {
    const tree = [
      { name: 'a', version: '1.0.0', node: '>=14.0.0' },
      { name: '@electron/rebuild', version: '4.2.1', node: '>=22.12.0' },
      { name: 'minimatch', version: '10.2.6', node: '18 || 20 || >=22' },
      { name: 'b', version: '1.0.0', node: null },
    ];
    expect(unsupportedBy(tree, '20.20.2').map((pkg) => pkg.name)).toEqual(['@electron/rebuild']);
    expect(unsupportedBy(tree, '22.12.0')).toEqual([]);
    expect(unsupportedBy(tree, '21.0.0').map((pkg) => pkg.name)).toEqual([
      '@electron/rebuild',
      'minimatch',
    ]);
  });
});
