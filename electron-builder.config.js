// The desktop app's packages: `npm run dist` (scripts/dist.mjs) on a machine where Electron can be
// downloaded. Windows: an NSIS installer that lets IT install for all users (per machine). Linux:
// deb and AppImage. Code signing: certificates come from the environment, never from this repo
// (README "Packaging the desktop app").
import { afterPack } from './scripts/packaging/fuses.mjs';

const DRIVER = 'better-sqlite3-multiple-ciphers';

export default {
  appId: 'org.kmlttb.licensingdesk',
  productName: 'KMLTTB Licensing Desk',
  executableName: 'kmlttb-licensing-desk',
  copyright: 'Kenya Medical Laboratory Technicians and Technologists Board',
  directories: { output: 'dist', buildResources: 'resources' },
  // What `npm run build` made for Electron; production dependencies are added by the packager.
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    // The crest the certificates and manifests print (licences/pdf/assets.ts finds it beside out/).
    'resources/documents/crest.png',
    '!**/*.map',
    `!node_modules/${DRIVER}/{deps,src,docs}/**`,
    `!node_modules/${DRIVER}/build/Release/{obj,obj.target,.deps}/**`,
    `!node_modules/${DRIVER}/build/Release/test_extension.node`,
  ],
  asar: true,
  // The database driver is loaded from worker threads too (backups, audit check): from plain files, not from the archive.
  asarUnpack: [`node_modules/${DRIVER}/**`, 'node_modules/bindings/**', 'node_modules/file-uri-to-path/**'],
  // The packager rebuilds the native driver for Electron's ABI (a prebuilt binary when one is published, else a compile
  // for the machine's own platform): build each platform's package on that platform.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  afterPack,
  icon: 'resources/icon.png',
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
  },
  nsis: {
    // An assisted installer: the person installing chooses "for all users" (per machine, needs an administrator)
    // or "only for me"; IT installs silently with `/S /allusers`.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
    artifactName: 'KMLTTB-Licensing-Desk-Setup-${version}.${ext}',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ],
    category: 'Office',
    synopsis: 'The Board staff back office for Personnel Annual Licence renewals',
    maintainer: 'Kenya Medical Laboratory Technicians and Technologists Board',
    vendor: 'Kenya Medical Laboratory Technicians and Technologists Board',
    artifactName: 'kmlttb-licensing-desk-${version}-${arch}.${ext}',
  },
};
