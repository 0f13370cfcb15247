// electron-builder's afterPack hook (electron-builder.config.js): set the packaged Electron
// binary's fuses, before the packager signs it. A fuse flipped off is compiled out of reach: no
// setting or environment variable of the installed desk can turn it back on.
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import path from 'node:path';

export const ELECTRON_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would make the desk's binary a plain Node that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and the renderer's storage encrypted with the OS key (DPAPI, libsecret).
  [FuseV1Options.EnableCookieEncryption]: true,
  // Nor may NODE_OPTIONS or --inspect flags inject code or a debugger into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash the packager embedded (Windows and macOS; Linux ignores it).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app is loaded only from app.asar, never from a loose app/ folder put beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://desk/: file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary electron-builder just packed, by platform. */
export function packedElectronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  if (electronPlatformName === 'darwin') return path.join(appOutDir, `${name}.app`);
  return path.join(appOutDir, packager.executableName);
}

export async function afterPack(context) {
  await flipFuses(packedElectronBinary(context), { ...ELECTRON_FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}
