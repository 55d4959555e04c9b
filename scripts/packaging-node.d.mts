export interface PackageEngines {
  name: string;
  version: string;
  /** The `engines.node` range the package declares, if any. */
  node: string | null;
}
export function packagingTree(name?: string, fromDir?: string): PackageEngines[];
export function unsupportedBy(tree: PackageEngines[], nodeVersion: string): PackageEngines[];
