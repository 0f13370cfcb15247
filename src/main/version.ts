import pkg from '../../package.json' with { type: 'json' };

/** The product's name and version, from package.json (bundled into the desktop app's build). */
export const PRODUCT_NAME: string = pkg.productName;
export const VERSION: string = pkg.version;
