/**
 * The app's identity for the operating system: electron-builder's `appId` (the Windows
 * AppUserModelID notifications are shown under, the macOS bundle id). The packaging test keeps
 * it equal to electron-builder.yml.
 */
export const APP_ID = 'app.reelpilot.desktop';
export const PRODUCT_NAME = 'ReelPilot';
